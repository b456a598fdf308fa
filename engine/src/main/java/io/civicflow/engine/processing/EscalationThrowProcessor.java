package io.civicflow.engine.processing;

import io.civicflow.engine.feel.FeelEngine;
import io.civicflow.engine.feel.FeelEvaluationException;
import io.civicflow.engine.model.EventType;
import io.civicflow.engine.model.ExecutableElement.ThrowEvent;
import io.civicflow.engine.state.ElementInstance;
import java.util.Map;

/**
 * Escalation intermediate throw and end events. The escalation code (static or FEEL) is thrown to
 * the nearest matching escalation catch event (see {@link CatchEventBehavior}). Escalations are not
 * critical: with no catch event, or a non-interrupting one, the throw event completes and takes its
 * outgoing flows (an end event ends its path); no incident is raised. An interrupting catch event
 * terminates the thrower with its scope. A code expression that fails opens EXTRACT_VALUE_ERROR.
 */
final class EscalationThrowProcessor implements ElementProcessor<ThrowEvent> {

  private final FeelEngine feel;
  private final VariableBehavior variables;
  private final IncidentBehavior incidents;
  private final BpmnLifecycle lifecycle;
  private final CatchEventBehavior catches;

  EscalationThrowProcessor(
      FeelEngine feel,
      VariableBehavior variables,
      IncidentBehavior incidents,
      BpmnLifecycle lifecycle) {
    this.feel = feel;
    this.variables = variables;
    this.incidents = incidents;
    this.lifecycle = lifecycle;
    this.catches = new CatchEventBehavior(lifecycle, variables);
  }

  @Override
  public Class<ThrowEvent> elementType() {
    return ThrowEvent.class;
  }

  @Override
  public void onActivate(ProcessingContext ctx, ElementInstance instance, ThrowEvent element) {
    String code;
    try {
      code =
          feel.evaluateString(
              element.spec().code(), variables.visible(ctx.state(), instance.key()));
    } catch (FeelEvaluationException e) {
      incidents.raise(ctx, instance, IncidentBehavior.EXTRACT_VALUE_ERROR, e.getMessage());
      return;
    }
    catches
        .find(ctx, instance, EventType.ESCALATION, code)
        .ifPresent(found -> catches.trigger(ctx, found, Map.of()));
    if (ctx.state().elementInstance(instance.key()).isPresent()) {
      lifecycle.complete(ctx, instance);
    }
  }
}
