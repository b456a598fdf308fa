package io.civicflow.engine.processing;

import io.civicflow.engine.feel.FeelEngine;
import io.civicflow.engine.feel.FeelEvaluationException;
import io.civicflow.engine.model.ExecutableElement;
import io.civicflow.engine.model.ExecutableElement.JobTask;
import io.civicflow.engine.model.ExecutableElement.ScriptTask;
import io.civicflow.engine.state.ElementInstance;
import java.util.HashMap;
import java.util.Map;

/**
 * Script tasks. With {@code zeebe:script} the FEEL expression is evaluated on activation and its
 * result stored in {@code resultVariable} (local to the task when it has output mappings, otherwise
 * propagated, as for job variables); an evaluation failure opens an EXTRACT_VALUE_ERROR incident.
 * With a {@code zeebe:taskDefinition} the task is job-based.
 */
final class ScriptTaskProcessor implements ElementProcessor<ExecutableElement> {

  private final FeelEngine feel;
  private final VariableBehavior variables;
  private final IncidentBehavior incidents;
  private final BpmnLifecycle lifecycle;
  private final JobTaskProcessor jobBased;

  ScriptTaskProcessor(
      FeelEngine feel,
      VariableBehavior variables,
      IncidentBehavior incidents,
      BpmnLifecycle lifecycle,
      JobTaskProcessor jobBased) {
    this.feel = feel;
    this.variables = variables;
    this.incidents = incidents;
    this.lifecycle = lifecycle;
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
    ScriptTask script = (ScriptTask) element;
    Object result;
    try {
      result =
          FeelEngine.plain(
              feel.evaluate(script.script(), variables.visible(ctx.state(), instance.key())));
    } catch (FeelEvaluationException e) {
      incidents.raise(ctx, instance, IncidentBehavior.EXTRACT_VALUE_ERROR, e.getMessage());
      return;
    }
    Map<String, Object> resultVariables = new HashMap<>();
    resultVariables.put(script.resultVariable(), result);
    if (instance.element().outputs().isEmpty()) {
      variables.merge(ctx, instance.key(), resultVariables);
    } else {
      variables.setLocal(ctx, instance, resultVariables);
    }
    lifecycle.complete(ctx, instance);
  }

  @Override
  public void onTerminate(ProcessingContext ctx, ElementInstance instance) {
    jobBased.onTerminate(ctx, instance);
  }
}
