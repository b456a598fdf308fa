package io.civicflow.engine.processing;

import io.civicflow.engine.api.Commands;
import io.civicflow.engine.api.Commands.ActivateJobs;
import io.civicflow.engine.api.Commands.CompleteJob;
import io.civicflow.engine.api.Commands.FailJob;
import io.civicflow.engine.api.Commands.ThrowError;
import io.civicflow.engine.api.Commands.UpdateJob;
import io.civicflow.engine.api.Results.ActivatedJob;
import io.civicflow.engine.event.EngineEvent.JobActivated;
import io.civicflow.engine.event.EngineEvent.JobCompleted;
import io.civicflow.engine.event.EngineEvent.JobErrorThrown;
import io.civicflow.engine.event.EngineEvent.JobFailed;
import io.civicflow.engine.event.EngineEvent.JobRecurred;
import io.civicflow.engine.event.EngineEvent.JobRetriesUpdated;
import io.civicflow.engine.event.EngineEvent.JobTimedOut;
import io.civicflow.engine.event.EngineEvent.JobTimeoutUpdated;
import io.civicflow.engine.event.EngineEvent.JobYielded;
import io.civicflow.engine.state.DeployedProcess;
import io.civicflow.engine.state.ElementInstance;
import io.civicflow.engine.state.EngineState;
import io.civicflow.engine.state.EngineState.Due;
import io.civicflow.engine.state.Job;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The job lifecycle as Zeebe runs it: activatable → activated (locked to a worker until its
 * deadline) → completed, failed (retries left: activatable again, after the back-off if one is
 * given; none left: a JOB_NO_RETRIES incident), or error thrown (caught by a boundary event, else
 * an incident). A job whose deadline passes becomes activatable again.
 */
final class JobCommandProcessor {

  private final BpmnLifecycle lifecycle;
  private final VariableBehavior variables;
  private final IncidentBehavior incidents;
  private final ErrorEventBehavior errors;
  private final TaskListenerBehavior taskListeners;
  private final AdHocSubProcessProcessor adHocSubProcesses;

  JobCommandProcessor(
      BpmnLifecycle lifecycle,
      VariableBehavior variables,
      IncidentBehavior incidents,
      ErrorEventBehavior errors,
      TaskListenerBehavior taskListeners,
      AdHocSubProcessProcessor adHocSubProcesses) {
    this.lifecycle = lifecycle;
    this.variables = variables;
    this.incidents = incidents;
    this.errors = errors;
    this.taskListeners = taskListeners;
    this.adHocSubProcesses = adHocSubProcesses;
  }

  List<ActivatedJob> activate(ProcessingContext ctx, ActivateJobs command) {
    EngineState state = ctx.state();
    List<ActivatedJob> activated = new ArrayList<>();
    if (!state.hasActivatableJobs(command.type())) {
      return activated;
    }
    List<Long> candidates = new ArrayList<>();
    List<String> tenants = Commands.tenantsOrDefault(command.tenantIds());
    for (long key : state.activatableJobs(command.type())) {
      if (candidates.size() >= command.maxJobsToActivate()) {
        break;
      }
      // only jobs of the tenants asked for, and of processes the caller may work on
      DeployedProcess process =
          state
              .process(
                  state
                      .requireElementInstance(state.job(key).orElseThrow().elementInstanceKey())
                      .processDefinitionKey())
              .orElseThrow();
      if (tenants.contains(Commands.tenantOrDefault(process.tenantId()))
          && command.filter().mayActivate(process.bpmnProcessId(), process.tenantId())) {
        candidates.add(key);
      }
    }
    String worker =
        command.worker() == null || command.worker().isBlank() ? "default" : command.worker();
    long deadline = ctx.time() + command.timeoutMillis();
    for (long key : candidates) {
      ctx.write(new JobActivated(key, worker, deadline));
      activated.add(describe(state, state.job(key).orElseThrow(), command.fetchVariables()));
    }
    return activated;
  }

  private ActivatedJob describe(EngineState state, Job job, List<String> fetchVariables) {
    ElementInstance instance = state.requireElementInstance(job.elementInstanceKey());
    DeployedProcess process = state.process(instance.processDefinitionKey()).orElseThrow();
    Map<String, Object> jobVariables = variables.visible(state, instance.key(), fetchVariables);
    return new ActivatedJob(
        job.key(),
        job.type(),
        instance.processInstanceKey(),
        process.bpmnProcessId(),
        process.version(),
        process.key(),
        instance.element().id(),
        instance.key(),
        job.customHeaders(),
        job.worker(),
        job.retries(),
        job.deadline(),
        jobVariables,
        process.tenantId(),
        job.kind(),
        job.listenerEventType(),
        job.isTaskListener()
            ? state
                .humanTasks()
                .userTaskOf(instance.key())
                .map(TaskListenerBehavior::properties)
                .orElse(null)
            : null);
  }

  Outcome<Void> complete(ProcessingContext ctx, CompleteJob command) {
    Outcome<Job> checked =
        job(ctx, command.jobKey(), "complete", Job.State.ACTIVATED, Job.State.ACTIVATABLE);
    if (checked.isRejected()) {
      return Outcome.rejected(checked.rejection());
    }
    Job job = checked.value();
    if (job.isTaskListener()) {
      Rejection refused = TaskListenerBehavior.check(job, command);
      if (refused != null) {
        return Outcome.rejected(refused);
      }
      ctx.write(new JobCompleted(job.key()));
      taskListeners.jobCompleted(ctx, job, command.result());
      return Outcome.done();
    }
    if (job.isAdHocSubProcess()) {
      Rejection refused = AdHocJobWorkerBehavior.check(ctx, job, command);
      if (refused != null) {
        return Outcome.rejected(refused);
      }
      ctx.write(new JobCompleted(job.key()));
      adHocSubProcesses.jobCompleted(
          ctx,
          ctx.state().requireElementInstance(job.elementInstanceKey()),
          command.variables(),
          command.result());
      return Outcome.done();
    }
    if (command.result() != null) {
      return Outcome.rejected(
          Rejection.invalidArgument(
              "Expected to complete job with key '%d' with a job result, but job results are only"
                  + " taken from task listener and ad-hoc sub-process jobs",
              job.key()));
    }
    ctx.write(new JobCompleted(job.key()));
    ElementInstance instance = ctx.state().requireElementInstance(job.elementInstanceKey());
    if (job.isExecutionListener()) {
      lifecycle.listenerCompleted(ctx, instance, job, command.variables());
      return Outcome.done();
    }
    if (instance.element().outputs().isEmpty()) {
      variables.merge(ctx, instance.key(), command.variables());
    } else {
      variables.setLocal(ctx, instance, command.variables());
    }
    lifecycle.complete(ctx, instance);
    return Outcome.done();
  }

  Outcome<Void> fail(ProcessingContext ctx, FailJob command) {
    Outcome<Job> checked =
        job(ctx, command.jobKey(), "fail", Job.State.ACTIVATED, Job.State.ACTIVATABLE);
    if (checked.isRejected()) {
      return Outcome.rejected(checked.rejection());
    }
    Job job = checked.value();
    long retryAt =
        command.retries() > 0 && command.retryBackOffMillis() > 0
            ? ctx.time() + command.retryBackOffMillis()
            : 0;
    ctx.write(new JobFailed(job.key(), command.retries(), command.errorMessage(), retryAt));
    ElementInstance instance = ctx.state().requireElementInstance(job.elementInstanceKey());
    variables.setLocal(ctx, instance, command.variables());
    if (command.retries() <= 0) {
      String message =
          command.errorMessage() == null || command.errorMessage().isBlank()
              ? "No more retries left."
              : command.errorMessage();
      incidents.raise(
          ctx,
          instance,
          job.isExecutionListener()
              ? IncidentBehavior.EXECUTION_LISTENER_NO_RETRIES
              : job.isAdHocSubProcess()
                  ? IncidentBehavior.AD_HOC_SUB_PROCESS_NO_RETRIES
                  : job.isTaskListener()
                      ? IncidentBehavior.TASK_LISTENER_NO_RETRIES
                      : IncidentBehavior.JOB_NO_RETRIES,
          message,
          job.key());
    }
    return Outcome.done();
  }

  Outcome<Void> throwError(ProcessingContext ctx, ThrowError command) {
    Outcome<Job> checked =
        job(
            ctx,
            command.jobKey(),
            "throw an error for",
            Job.State.ACTIVATED,
            Job.State.ACTIVATABLE);
    if (checked.isRejected()) {
      return Outcome.rejected(checked.rejection());
    }
    Job job = checked.value();
    if (job.isExecutionListener() || job.isTaskListener()) {
      String kind = job.isExecutionListener() ? "an execution listener" : "a task listener";
      return Outcome.rejected(
          Rejection.invalidState(
              "Expected to throw an error for job with key '%d', but it is %s job: throwing a BPMN"
                  + " error is not supported for %ss",
              job.key(), kind, kind.substring(kind.indexOf(' ') + 1)));
    }
    if (command.errorCode() == null || command.errorCode().isBlank()) {
      return Outcome.rejected(Rejection.invalidArgument("Expected an error code, but none given"));
    }
    ctx.write(new JobErrorThrown(job.key(), command.errorCode(), command.errorMessage()));
    ElementInstance instance = ctx.state().requireElementInstance(job.elementInstanceKey());
    Map<String, Object> errorVariables =
        command.variables() == null ? Map.of() : command.variables();
    if (!errors.throwError(ctx, instance, command.errorCode(), errorVariables)) {
      String message =
          "Expected to throw an error event with the code '"
              + command.errorCode()
              + "'"
              + (command.errorMessage() == null || command.errorMessage().isBlank()
                  ? ""
                  : " with message '" + command.errorMessage() + "'")
              + ", but it was not caught. No error events are available in the scope.";
      incidents.raise(ctx, instance, IncidentBehavior.UNHANDLED_ERROR_EVENT, message, job.key());
    }
    return Outcome.done();
  }

  Outcome<Void> update(ProcessingContext ctx, UpdateJob command) {
    Outcome<Job> checked = job(ctx, command.jobKey(), "update", Job.State.values());
    if (checked.isRejected()) {
      return Outcome.rejected(checked.rejection());
    }
    Job job = checked.value();
    // every check before the first write: a rejected update changes nothing
    if (command.retries() != null && command.retries() < 1) {
      return Outcome.rejected(
          Rejection.invalidArgument(
              "Expected to update retries for job with key '%d' with a positive amount of retries, but the amount given was '%d'",
              job.key(), command.retries()));
    }
    if (command.timeoutMillis() != null && job.state() != Job.State.ACTIVATED) {
      return Outcome.rejected(
          Rejection.invalidState(
              "Expected to update the timeout of job with key '%d', but it is not active",
              job.key()));
    }
    if (command.retries() != null) {
      ctx.write(new JobRetriesUpdated(job.key(), command.retries()));
    }
    if (command.timeoutMillis() != null) {
      ctx.write(new JobTimeoutUpdated(job.key(), ctx.time() + command.timeoutMillis()));
    }
    return Outcome.done();
  }

  /**
   * Gives back jobs that were activated but never delivered (to a stream or a long poll): each only
   * if it is still locked by that activation (same deadline); a job completed, failed or activated
   * again meanwhile is left alone.
   */
  Outcome<Void> yieldJobs(ProcessingContext ctx, List<ActivatedJob> undelivered) {
    for (ActivatedJob activated : undelivered) {
      ctx.state()
          .job(activated.jobKey())
          .filter(
              job -> job.state() == Job.State.ACTIVATED && job.deadline() == activated.deadline())
          .ifPresent(job -> ctx.write(new JobYielded(job.key())));
    }
    return Outcome.done();
  }

  /** Times out jobs past their deadline and ends retry back-offs that have passed. */
  void triggerDue(ProcessingContext ctx) {
    EngineState state = ctx.state();
    for (Due due :
        new ArrayList<>(state.jobDeadlines().headSet(new Due(ctx.time(), Long.MAX_VALUE), true))) {
      ctx.write(new JobTimedOut(due.key()));
    }
    for (Due due :
        new ArrayList<>(state.jobBackoffs().headSet(new Due(ctx.time(), Long.MAX_VALUE), true))) {
      ctx.write(new JobRecurred(due.key()));
    }
  }

  /** The job, if it exists and is in one of the allowed states; else the rejection. */
  private static Outcome<Job> job(
      ProcessingContext ctx, long key, String action, Job.State... allowed) {
    Job job = ctx.state().job(key).orElse(null);
    if (job == null) {
      return Outcome.rejected(
          Rejection.notFound(
              "Expected to %s job with key '%d', but no such job was found", action, key));
    }
    for (Job.State state : allowed) {
      if (job.state() == state) {
        return Outcome.of(job);
      }
    }
    String described =
        switch (job.state()) {
          case FAILED -> "it is in state 'FAILED'";
          case ERROR_THROWN -> "it is in state 'ERROR_THROWN'";
          case BACKOFF -> "it is in state 'FAILED' waiting for its retry back-off";
          default -> "it is in state '" + job.state() + "'";
        };
    return Outcome.rejected(
        Rejection.invalidState(
            "Expected to %s job with key '%d', but %s", action, job.key(), described));
  }
}
