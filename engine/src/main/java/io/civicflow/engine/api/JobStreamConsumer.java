package io.civicflow.engine.api;

import io.civicflow.engine.api.Results.ActivatedJob;

/**
 * The receiving end of a job stream, as a gateway holds it (the gRPC gateway: one open {@code
 * StreamActivatedJobs} call). The engine calls both methods from its own threads: neither may
 * block.
 */
public interface JobStreamConsumer {

  /**
   * Whether the stream can take a job now (the transport's flow control). A stream that is not
   * ready is skipped; when it becomes ready again the gateway calls {@link
   * JobStreamRegistration#readyAgain()}.
   */
  boolean isReady();

  /**
   * Delivers one job, already activated for the stream's worker and durable. Answers false when the
   * job could not be handed over (the client went away): the engine then gives the job back, and it
   * is activatable again at once instead of after its timeout.
   */
  boolean push(ActivatedJob job);
}
