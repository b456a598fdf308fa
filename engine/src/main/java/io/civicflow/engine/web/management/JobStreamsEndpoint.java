package io.civicflow.engine.web.management;

import io.civicflow.engine.grpc.GrpcGateway;
import io.civicflow.engine.grpc.OpenJobStream;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;

/**
 * {@code GET /actuator/jobstreams} on the management port: the job streams the gRPC gateway holds
 * open (type, worker, timeout, fetched variables, tenants, jobs pushed so far) — which workers take
 * their jobs by push. Empty when the gRPC gateway is off.
 */
@WebEndpoint(id = "jobstreams")
public class JobStreamsEndpoint {

  private final ObjectProvider<GrpcGateway> gateway;

  public JobStreamsEndpoint(ObjectProvider<GrpcGateway> gateway) {
    this.gateway = gateway;
  }

  public record JobStreams(List<OpenJobStream> streams) {}

  @ReadOperation
  public JobStreams streams() {
    GrpcGateway grpc = gateway.getIfAvailable();
    return new JobStreams(grpc == null ? List.of() : grpc.jobStreams());
  }
}
