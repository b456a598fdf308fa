package io.civicflow.engine.processing;

import io.civicflow.engine.feel.FeelEngine;
import io.civicflow.engine.feel.FeelEvaluationException;
import io.civicflow.engine.model.ExecutableElement.Gateway;
import io.civicflow.engine.model.ExecutableSequenceFlow;
import io.civicflow.engine.state.ElementInstance;
import java.util.Map;

/**
 * Exclusive (XOR) gateway: the first outgoing flow, in model order, whose condition is true is
 * taken; otherwise the default flow. No match and no default, or a condition that is not a boolean,
 * opens a CONDITION_ERROR incident; resolving it evaluates the conditions again. A gateway without
 * outgoing flows ends the path.
 */
final class ExclusiveGatewayProcessor implements ElementProcessor<Gateway> {

  private final FeelEngine feel;
  private final VariableBehavior variables;
  private final IncidentBehavior incidents;
  private final BpmnLifecycle lifecycle;

  ExclusiveGatewayProcessor(
      FeelEngine feel,
      VariableBehavior variables,
      IncidentBehavior incidents,
      BpmnLifecycle lifecycle) {
    this.feel = feel;
    this.variables = variables;
    this.incidents = incidents;
    this.lifecycle = lifecycle;
  }

  @Override
  public Class<Gateway> elementType() {
    return Gateway.class;
  }

  @Override
  public void onActivate(ProcessingContext ctx, ElementInstance instance, Gateway element) {
    if (instance.element().outgoing().isEmpty()) {
      lifecycle.complete(ctx, instance);
      return;
    }
    ExecutableSequenceFlow chosen = null;
    ExecutableSequenceFlow defaultFlow = element.defaultFlow();
    Map<String, Object> context = variables.visible(ctx.state(), instance.key());
    try {
      for (ExecutableSequenceFlow flow : instance.element().outgoing()) {
        if (flow == defaultFlow) {
          continue;
        }
        if (flow.condition() == null || feel.evaluateBoolean(flow.condition(), context)) {
          chosen = flow;
          break;
        }
      }
    } catch (FeelEvaluationException e) {
      incidents.raise(ctx, instance, IncidentBehavior.CONDITION_ERROR, e.getMessage());
      return;
    }
    if (chosen == null) {
      chosen = defaultFlow;
    }
    if (chosen == null) {
      incidents.raise(
          ctx,
          instance,
          IncidentBehavior.CONDITION_ERROR,
          "Expected at least one condition to evaluate to true, or to have a default flow");
      return;
    }
    ExecutableSequenceFlow taken = chosen;
    if (lifecycle.complete(ctx, instance) == BpmnLifecycle.Step.DONE) {
      lifecycle.takeFlow(ctx, taken, instance);
    }
  }

  @Override
  public void afterCompleted(
      ProcessingContext ctx, ElementInstance instance, BpmnLifecycle lifecycle) {
    // the chosen flow is taken by onActivate once completion succeeded
    if (instance.element().outgoing().isEmpty()) {
      lifecycle.leave(ctx, instance);
    }
  }
}
