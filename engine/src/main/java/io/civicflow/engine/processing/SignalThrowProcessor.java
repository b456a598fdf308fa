package io.civicflow.engine.processing;

import io.civicflow.engine.feel.FeelEngine;
import io.civicflow.engine.feel.FeelEvaluationException;
import io.civicflow.engine.model.EventTrigger;
import io.civicflow.engine.model.ExecutableElement.ThrowEvent;
import io.civicflow.engine.state.ElementInstance;
import java.util.Map;

/**
 * Signal intermediate throw and signal end events: the signal name is evaluated (a failure is an
 * EXTRACT_VALUE_ERROR incident), the signal is broadcast (in the next step) and the element
 * completes, with the element's local variables (its input mappings) as the signal's variables — as
 * Zeebe does. Registered for the signal event type of those kinds only.
 */
final class SignalThrowProcessor implements ElementProcessor<ThrowEvent> {

  private final FeelEngine feel;
  private final VariableBehavior variables;
  private final IncidentBehavior incidents;
  private final BpmnLifecycle lifecycle;
  private final SignalProcessor signals;

  SignalThrowProcessor(
      FeelEngine feel,
      VariableBehavior variables,
      IncidentBehavior incidents,
      BpmnLifecycle lifecycle,
      SignalProcessor signals) {
    this.feel = feel;
    this.variables = variables;
    this.incidents = incidents;
    this.lifecycle = lifecycle;
    this.signals = signals;
  }

  @Override
  public Class<ThrowEvent> elementType() {
    return ThrowEvent.class;
  }

  @Override
  public void onActivate(ProcessingContext ctx, ElementInstance instance, ThrowEvent element) {
    // registered for signal throw events only
    EventTrigger.Signal signal = (EventTrigger.Signal) element.spec();
    String name;
    try {
      name = feel.evaluateString(signal.name(), variables.visible(ctx.state(), instance.key()));
    } catch (FeelEvaluationException e) {
      incidents.raise(ctx, instance, IncidentBehavior.EXTRACT_VALUE_ERROR, e.getMessage());
      return;
    }
    Map<String, Object> signalVariables = variables.local(ctx.state(), instance.key());
    ctx.followUp(() -> signals.broadcast(ctx, name, signalVariables));
    lifecycle.complete(ctx, instance);
  }
}
