package io.civicflow.engine.web.v2;

import io.civicflow.engine.api.EngineApi;
import io.civicflow.engine.api.EngineRejection;
import io.civicflow.engine.api.RejectionType;
import io.civicflow.engine.api.Results.Topology;
import io.civicflow.engine.web.auth.CallerEngine;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v2/topology} and {@code GET /v2/status}. The engine is a one-broker, one-partition
 * cluster; {@code lastCompletedChangeId} (a string) advances with every purge, which CPT polls for.
 */
@RestController
@RequestMapping("/v2")
public class ClusterController {

  /** The Camunda REST API version this engine speaks (the client only logs it). */
  public static final String GATEWAY_VERSION = "8.8.14";

  private final EngineApi engine;

  public ClusterController(CallerEngine callerEngine) {
    this.engine = callerEngine.api();
  }

  public record TopologyResponse(
      List<BrokerInfo> brokers,
      int clusterSize,
      int partitionsCount,
      int replicationFactor,
      String gatewayVersion,
      String lastCompletedChangeId) {}

  public record BrokerInfo(
      int nodeId, String host, int port, List<Partition> partitions, String version) {}

  public record Partition(int partitionId, String role, String health) {}

  /**
   * The cluster; 503 once the engine has stopped itself (its journal writer or processing thread
   * failed), so that a client or load balancer asking for the topology does not take a halted
   * engine for a working one.
   */
  @GetMapping("/topology")
  public TopologyResponse topology(HttpServletRequest request) {
    Topology topology = engine.topology();
    if (!topology.healthy()) {
      throw new EngineRejection(
          RejectionType.RESOURCE_EXHAUSTED,
          "The engine has stopped (see its log) and takes no commands; restart it");
    }
    Partition partition = new Partition(1, "leader", topology.healthy() ? "healthy" : "unhealthy");
    String version = topology.version() == null ? GATEWAY_VERSION : topology.version();
    BrokerInfo broker =
        new BrokerInfo(
            0, request.getServerName(), request.getServerPort(), List.of(partition), version);
    return new TopologyResponse(
        List.of(broker), 1, 1, 1, GATEWAY_VERSION, Long.toString(topology.lastCompletedChangeId()));
  }

  /** 204 when the engine is healthy, 503 otherwise (the Java client accepts both). */
  @GetMapping("/status")
  public ResponseEntity<Void> status() {
    return engine.topology().healthy()
        ? ResponseEntity.noContent().build()
        : ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).build();
  }
}
