package io.civicflow.engine.processing;

import io.civicflow.engine.feel.FeelEngine;
import io.civicflow.engine.feel.FeelEvaluationException;
import io.civicflow.engine.model.ExecutableElement.Gateway;
import io.civicflow.engine.model.ExecutableSequenceFlow;
import io.civicflow.engine.state.ElementInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Inclusive (OR) gateway, forking: every outgoing flow whose condition is true is taken, in model
 * order (a single outgoing flow needs no condition); when none is true, the default flow. No true
 * condition and no default flow, or a condition that is not a boolean, opens a CONDITION_ERROR
 * incident; resolving it evaluates the conditions again. Joining is done before the gateway
 * activates (see {@link InclusiveJoinBehavior}).
 */
final class InclusiveGatewayProcessor implements ElementProcessor<Gateway> {

  private final FeelEngine feel;
  private final VariableBehavior variables;
  private final IncidentBehavior incidents;
  private final BpmnLifecycle lifecycle;

  InclusiveGatewayProcessor(
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
    List<ExecutableSequenceFlow> outgoing = instance.element().outgoing();
    if (outgoing.isEmpty()) {
      lifecycle.complete(ctx, instance);
      return;
    }
    List<ExecutableSequenceFlow> chosen = new ArrayList<>();
    ExecutableSequenceFlow defaultFlow = element.defaultFlow();
    Map<String, Object> context = variables.visible(ctx.state(), instance.key());
    try {
      for (ExecutableSequenceFlow flow : outgoing) {
        if (flow == defaultFlow) {
          continue;
        }
        if (flow.condition() == null || feel.evaluateBoolean(flow.condition(), context)) {
          chosen.add(flow);
        }
      }
    } catch (FeelEvaluationException e) {
      incidents.raise(ctx, instance, IncidentBehavior.CONDITION_ERROR, e.getMessage());
      return;
    }
    if (chosen.isEmpty() && defaultFlow != null) {
      chosen.add(defaultFlow);
    }
    if (chosen.isEmpty()) {
      incidents.raise(
          ctx,
          instance,
          IncidentBehavior.CONDITION_ERROR,
          "Expected at least one condition to evaluate to true, or to have a default flow");
      return;
    }
    if (lifecycle.complete(ctx, instance) == BpmnLifecycle.Step.DONE) {
      for (ExecutableSequenceFlow flow : chosen) {
        lifecycle.takeFlow(ctx, flow, instance);
      }
    }
  }

  @Override
  public void afterCompleted(
      ProcessingContext ctx, ElementInstance instance, BpmnLifecycle lifecycle) {
    // the chosen flows are taken by onActivate once completion succeeded
    if (instance.element().outgoing().isEmpty()) {
      lifecycle.leave(ctx, instance);
    }
  }
}
