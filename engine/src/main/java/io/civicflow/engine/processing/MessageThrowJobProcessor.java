package io.civicflow.engine.processing;

import io.civicflow.engine.model.EventSpec;
import io.civicflow.engine.model.ExecutableElement.ThrowEvent;
import io.civicflow.engine.state.ElementInstance;

/**
 * Message intermediate throw and end events: like a send task, activation creates a job (the worker
 * sends the message), completing the job completes the event (see {@link JobCommandProcessor});
 * termination cancels the job.
 */
final class MessageThrowJobProcessor implements ElementProcessor<ThrowEvent> {

  private final JobBehavior jobs;

  MessageThrowJobProcessor(JobBehavior jobs) {
    this.jobs = jobs;
  }

  @Override
  public Class<ThrowEvent> elementType() {
    return ThrowEvent.class;
  }

  @Override
  public void onActivate(ProcessingContext ctx, ElementInstance instance, ThrowEvent element) {
    jobs.createJob(ctx, instance, ((EventSpec.MessageJob) element.spec()).job());
  }

  @Override
  public void onTerminate(ProcessingContext ctx, ElementInstance instance) {
    jobs.cancelJob(ctx, instance);
  }
}
