package io.civicflow.engine.web.management;

import io.civicflow.engine.api.EngineApi;
import io.civicflow.engine.api.Results.Topology;
import java.util.List;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;

/**
 * {@code /actuator/cluster} on the management port. {@code POST /purge} deletes all data (test
 * runtimes; refused with 403 unless {@code civicflow.engine.purge.enabled}) and answers 202 {@code
 * {"changeId":n,"plannedChanges":[]}}; the purge is complete once {@code GET /v2/topology} reports
 * a {@code lastCompletedChangeId} of at least {@code changeId}, which is how Camunda Process Test
 * waits for it.
 */
@WebEndpoint(id = "cluster")
public class ClusterEndpoint {

  private final EngineApi engine;

  public ClusterEndpoint(EngineApi engine) {
    this.engine = engine;
  }

  /**
   * The planned-operations answer of Zeebe's cluster API, reduced to what a one-node engine has.
   */
  public record PlannedOperations(long changeId, List<Object> plannedChanges) {}

  public record ClusterState(long lastCompletedChangeId, String version, boolean healthy) {}

  @ReadOperation
  public ClusterState state() {
    Topology topology = engine.topology();
    return new ClusterState(
        topology.lastCompletedChangeId(), topology.version(), topology.healthy());
  }

  @WriteOperation
  public WebEndpointResponse<Object> operate(@Selector String operation) {
    if (!operation.equals("purge")) {
      return ManagementResponses.error(
          404, "NOT_FOUND", "Unknown cluster operation '" + operation + "' (purge)");
    }
    return ManagementResponses.await(
        engine.purge(), 202, purged -> new PlannedOperations(purged.changeId(), List.of()));
  }
}
