package io.civicflow.engine.grpc;

import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ActivatedJob;
import io.civicflow.engine.api.Commands;
import io.civicflow.engine.api.JobStreamConsumer;
import io.civicflow.engine.api.JobStreamRegistration;
import io.civicflow.engine.api.Results;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One open StreamActivatedJobs call as the engine's consumer. */
final class JobStreamCall implements JobStreamConsumer {

  private static final Logger LOG = LoggerFactory.getLogger(JobStreamCall.class);

  private final ServerCallStreamObserver<ActivatedJob> call;
  private final Commands.StreamJobs request;
  private final LongAdder pushed = new LongAdder();
  volatile JobStreamRegistration registration;
  private boolean ended; // guarded by call

  JobStreamCall(ServerCallStreamObserver<ActivatedJob> call, Commands.StreamJobs request) {
    this.call = call;
    this.request = request;
  }

  OpenJobStream describe() {
    return new OpenJobStream(
        request.type(),
        request.worker(),
        request.timeoutMillis(),
        request.fetchVariables(),
        request.tenantIds(),
        pushed.sum());
  }

  @Override
  public boolean isReady() {
    return !call.isCancelled() && call.isReady();
  }

  @Override
  public boolean push(Results.ActivatedJob job) {
    synchronized (call) {
      if (ended || call.isCancelled()) {
        return false;
      }
      try {
        call.onNext(Protos.job(job));
        pushed.increment();
        return true;
      } catch (RuntimeException gone) {
        LOG.debug("Could not push job {} to its stream; giving it back", job.jobKey(), gone);
        return false;
      }
    }
  }

  void end(Status status) {
    synchronized (call) {
      if (!ended && !call.isCancelled()) {
        ended = true;
        call.onError(status.asRuntimeException());
      }
    }
  }
}
