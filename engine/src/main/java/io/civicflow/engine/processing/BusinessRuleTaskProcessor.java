package io.civicflow.engine.processing;

import io.civicflow.engine.event.EngineEvent.DecisionEvaluated;
import io.civicflow.engine.feel.FeelEngine;
import io.civicflow.engine.feel.FeelEvaluationException;
import io.civicflow.engine.json.Json;
import io.civicflow.engine.model.CalledDecision;
import io.civicflow.engine.model.ExecutableElement;
import io.civicflow.engine.model.ExecutableElement.DecisionTask;
import io.civicflow.engine.model.ExecutableElement.JobTask;
import io.civicflow.engine.state.DeployedDecision;
import io.civicflow.engine.state.ElementInstance;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Business rule tasks. With {@code zeebe:calledDecision} the decision is resolved by its binding
 * type when the task activates (none found: a CALLED_DECISION_ERROR incident), evaluated with the
 * variables visible to the task (a failure: a DECISION_EVALUATION_ERROR incident), and its output
 * stored in {@code resultVariable} — local to the task when it has output mappings, otherwise
 * propagated — and the task completes. With a {@code zeebe:taskDefinition} the task is job-based.
 * Every evaluation, also a failed one, is recorded as a decision instance.
 */
final class BusinessRuleTaskProcessor implements ElementProcessor<ExecutableElement> {

  static final String CALLED_DECISION_ERROR = "CALLED_DECISION_ERROR";
  static final String DECISION_EVALUATION_ERROR = "DECISION_EVALUATION_ERROR";

  private final FeelEngine feel;
  private final VariableBehavior variables;
  private final IncidentBehavior incidents;
  private final BpmnLifecycle lifecycle;
  private final DecisionBehavior decisions;
  private final JobTaskProcessor jobBased;

  BusinessRuleTaskProcessor(
      FeelEngine feel,
      VariableBehavior variables,
      IncidentBehavior incidents,
      BpmnLifecycle lifecycle,
      DecisionBehavior decisions,
      JobTaskProcessor jobBased) {
    this.feel = feel;
    this.variables = variables;
    this.incidents = incidents;
    this.lifecycle = lifecycle;
    this.decisions = decisions;
    this.jobBased = jobBased;
  }

  @Override
  public Class<ExecutableElement> elementType() {
    return ExecutableElement.class;
  }

  @Override
  public void onActivate(
      ProcessingContext ctx, ElementInstance instance, ExecutableElement element) {
    if (element instanceof JobTask job) {
      jobBased.onActivate(ctx, instance, job);
      return;
    }
    CalledDecision called = ((DecisionTask) element).decision();
    Map<String, Object> context = variables.visible(ctx.state(), instance.key());
    String decisionId;
    try {
      decisionId = feel.evaluateString(called.decisionId(), context);
    } catch (FeelEvaluationException e) {
      incidents.raise(ctx, instance, IncidentBehavior.EXTRACT_VALUE_ERROR, e.getMessage());
      return;
    }
    Optional<DeployedDecision> decision =
        LinkedResources.decision(
            ctx.state(),
            decisionId,
            called.binding(),
            called.versionTag(),
            instance.processDefinitionKey());
    if (decision.isEmpty()) {
      incidents.raise(ctx, instance, CALLED_DECISION_ERROR, notFound(decisionId, called));
      return;
    }
    DecisionEvaluated evaluation =
        decisions.evaluate(
            ctx,
            decision.get(),
            context,
            instance.processDefinitionKey(),
            instance.processInstanceKey(),
            instance.key(),
            instance.element().id());
    if (evaluation.failureMessage() != null) {
      incidents.raise(
          ctx,
          instance,
          DECISION_EVALUATION_ERROR,
          "Expected to evaluate decision '" + decisionId + "', but " + evaluation.failureMessage());
      return;
    }
    Map<String, Object> result = new HashMap<>();
    result.put(called.resultVariable(), Json.read(evaluation.output()));
    if (instance.element().outputs().isEmpty()) {
      variables.merge(ctx, instance.key(), result);
    } else {
      variables.setLocal(ctx, instance, result);
    }
    lifecycle.complete(ctx, instance);
  }

  @Override
  public void onTerminate(ProcessingContext ctx, ElementInstance instance) {
    jobBased.onTerminate(ctx, instance);
  }

  private static String notFound(String decisionId, CalledDecision called) {
    return switch (called.binding()) {
      case LATEST ->
          "Expected to evaluate decision '"
              + decisionId
              + "', but no decision found for id '"
              + decisionId
              + "'";
      case DEPLOYMENT ->
          "Expected to evaluate decision with id '"
              + decisionId
              + "' with binding type 'deployment', but no such "
              + "decision found in the deployment which contained the current process.";
      case VERSION_TAG ->
          "Expected to evaluate decision with id '"
              + decisionId
              + "' and version tag '"
              + called.versionTag()
              + "', but no such decision found.";
    };
  }
}
