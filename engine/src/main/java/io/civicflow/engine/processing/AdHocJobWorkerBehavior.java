package io.civicflow.engine.processing;

import io.civicflow.engine.api.Commands.AdHocActivity;
import io.civicflow.engine.api.Commands.CompleteJob;
import io.civicflow.engine.api.Commands.JobResult;
import io.civicflow.engine.event.EngineEvent.JobCanceled;
import io.civicflow.engine.event.EngineEvent.JoinTokensDiscarded;
import io.civicflow.engine.event.EngineEvent.ListenerJobCreated;
import io.civicflow.engine.feel.FeelEngine;
import io.civicflow.engine.feel.FeelEvaluationException;
import io.civicflow.engine.model.ExecutableElement.AdHocSubProcess;
import io.civicflow.engine.model.JobDefinition;
import io.civicflow.engine.state.ElementInstance;
import io.civicflow.engine.state.ElementInstance.Phase;
import io.civicflow.engine.state.Job;
import java.util.List;
import java.util.Map;

/**
 * Ad-hoc sub-processes implemented by a job worker (Camunda 8.8: a {@code zeebe:taskDefinition} on
 * the {@code adHocSubProcess}). On activation, and again each time an inner path ends, the
 * sub-process has one job (kind {@code AD_HOC_SUB_PROCESS}; a new one replaces one still open,
 * whose completion is then refused {@code NOT_FOUND}). Its worker completes it with an {@code
 * adHocSubProcess} job result: the elements to activate (each with variables local to it), or
 * {@code isCompletionConditionFulfilled} — not both — with {@code isCancelRemainingInstances}: the
 * elements still active are terminated and the sub-process completes, else it completes once they
 * are done (it waits {@code COMPLETING}, and creates no more jobs).
 */
final class AdHocJobWorkerBehavior {

  private final FeelEngine feel;
  private final VariableBehavior variables;
  private final IncidentBehavior incidents;
  private final BpmnLifecycle lifecycle;

  AdHocJobWorkerBehavior(
      FeelEngine feel,
      VariableBehavior variables,
      IncidentBehavior incidents,
      BpmnLifecycle lifecycle) {
    this.feel = feel;
    this.variables = variables;
    this.incidents = incidents;
    this.lifecycle = lifecycle;
  }

  /**
   * Creates the sub-process's job (an open one is canceled first), or opens an {@code
   * EXTRACT_VALUE_ERROR} incident when its type or retries cannot be evaluated (resolving it
   * creates the job again).
   */
  void createJob(ProcessingContext ctx, ElementInstance instance, AdHocSubProcess element) {
    if (instance.jobKey() != null) {
      ctx.write(new JobCanceled(instance.jobKey()));
    }
    JobDefinition definition = element.job();
    Map<String, Object> context = variables.visible(ctx.state(), instance.key());
    String type;
    long retries;
    try {
      type = feel.evaluateString(definition.type(), context);
      retries = feel.evaluateLong(definition.retries(), context);
    } catch (FeelEvaluationException e) {
      incidents.raise(ctx, instance, IncidentBehavior.EXTRACT_VALUE_ERROR, e.getMessage());
      return;
    }
    ctx.write(
        new ListenerJobCreated(
            ctx.nextKey(),
            type,
            (int) retries,
            definition.headers(),
            instance.key(),
            instance.processInstanceKey(),
            Job.AD_HOC_SUB_PROCESS,
            Job.UNSPECIFIED,
            0));
  }

  /** An inner path ended: a new job, or — completing — the completion once nothing is active. */
  void childEnded(ProcessingContext ctx, ElementInstance scope, AdHocSubProcess element) {
    if (scope.phase() == Phase.COMPLETING) {
      if (scope.activeChildren() == 0 && scope.pendingJoinTokens() == 0) {
        lifecycle.complete(ctx, scope);
      }
      return;
    }
    if (scope.phase() == Phase.ACTIVATED) {
      createJob(ctx, scope, element);
    }
  }

  /** The refusal of an ad-hoc sub-process job's completion, or null; checked before any write. */
  static Rejection check(ProcessingContext ctx, Job job, CompleteJob command) {
    JobResult result = command.result();
    if (result == null) {
      return null;
    }
    if (!result.isAdHocSubProcess()) {
      return Rejection.invalidArgument(
          "Expected a job result of type '%s' for the ad-hoc sub-process job with key '%d', but it"
              + " was '%s'",
          JobResult.AD_HOC_SUB_PROCESS,
          job.key(),
          result.type() == null ? JobResult.USER_TASK : result.type());
    }
    ElementInstance instance = ctx.state().requireElementInstance(job.elementInstanceKey());
    AdHocSubProcess element = (AdHocSubProcess) instance.element();
    if (result.completionConditionFulfilled() && !result.activateElements().isEmpty()) {
      return Rejection.invalidArgument(
          "Expected to complete the ad-hoc sub-process job with key '%d' either activating"
              + " elements or fulfilling the completion condition, but the result does both",
          job.key());
    }
    List<String> ids = result.activateElements().stream().map(AdHocActivity::elementId).toList();
    List<String> unknown = AdHocSubProcessProcessor.unknown(element, ids);
    if (!unknown.isEmpty()) {
      return Rejection.invalidArgument(
          "Expected to activate activities for ad-hoc sub-process '%s', but the given elements"
              + " %s do not exist or have incoming sequence flows",
          element.id(), unknown);
    }
    return null;
  }

  /**
   * The job completed (checked by {@link #check}): its variables are set as a task's are, the
   * result's elements are activated, or the sub-process completes.
   */
  void jobCompleted(
      ProcessingContext ctx,
      ElementInstance instance,
      AdHocSubProcessProcessor processor,
      Map<String, Object> jobVariables,
      JobResult result) {
    Map<String, Object> values = jobVariables == null ? Map.of() : jobVariables;
    if (instance.element().outputs().isEmpty()) {
      variables.merge(ctx, instance.key(), values);
    } else {
      variables.setLocal(ctx, instance, values);
    }
    if (result == null) {
      return;
    }
    if (!result.activateElements().isEmpty()) {
      processor.activate(
          ctx,
          instance,
          result.activateElements().stream().map(AdHocActivity::elementId).toList(),
          result.activateElements().stream()
              .map(e -> e.variables() == null ? Map.<String, Object>of() : e.variables())
              .toList());
    }
    if (!result.completionConditionFulfilled()) {
      return;
    }
    if (result.cancelRemainingInstances()) {
      for (long child : instance.childKeys()) {
        ctx.state().elementInstance(child).ifPresent(c -> lifecycle.terminate(ctx, c));
      }
      if (instance.pendingJoinTokens() > 0) {
        ctx.write(new JoinTokensDiscarded(instance.key()));
      }
    }
    if (instance.activeChildren() == 0 && instance.pendingJoinTokens() == 0) {
      lifecycle.complete(ctx, instance);
    } else {
      lifecycle.startCompleting(ctx, instance); // completed when the last inner element ends
    }
  }
}
