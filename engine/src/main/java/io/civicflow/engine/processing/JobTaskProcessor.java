package io.civicflow.engine.processing;

import io.civicflow.engine.model.ExecutableElement.JobTask;
import io.civicflow.engine.state.ElementInstance;

/**
 * Service tasks, send tasks and job-based script tasks: activation creates a job; the element waits
 * until a worker completes the job (see {@link JobCommandProcessor}); termination cancels the job.
 */
final class JobTaskProcessor implements ElementProcessor<JobTask> {

  private final JobBehavior jobs;

  JobTaskProcessor(JobBehavior jobs) {
    this.jobs = jobs;
  }

  @Override
  public Class<JobTask> elementType() {
    return JobTask.class;
  }

  @Override
  public void onActivate(ProcessingContext ctx, ElementInstance instance, JobTask element) {
    jobs.createJob(ctx, instance, element.job());
  }

  @Override
  public void onTerminate(ProcessingContext ctx, ElementInstance instance) {
    jobs.cancelJob(ctx, instance);
  }
}
