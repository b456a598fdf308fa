package io.civicflow.engine.processing;

import io.civicflow.engine.feel.FeelEngine;
import io.civicflow.engine.feel.FeelEvaluationException;
import io.civicflow.engine.model.EventType;
import io.civicflow.engine.model.ExecutableElement.ThrowEvent;
import io.civicflow.engine.state.ElementInstance;
import java.util.Map;

/**
 * End events. None: the path ends. Terminate: every other element in the flow scope is terminated
 * and the scope completes. Error: the error is thrown from here and caught by the nearest matching
 * error boundary event of an enclosing scope; uncaught, it opens an UNHANDLED_ERROR_EVENT incident.
 */
final class EndEventProcessor implements ElementProcessor<ThrowEvent> {

  private final FeelEngine feel;
  private final VariableBehavior variables;
  private final IncidentBehavior incidents;
  private final BpmnLifecycle lifecycle;
  private final ErrorEventBehavior errors;

  EndEventProcessor(
      FeelEngine feel,
      VariableBehavior variables,
      IncidentBehavior incidents,
      BpmnLifecycle lifecycle,
      ErrorEventBehavior errors) {
    this.feel = feel;
    this.variables = variables;
    this.incidents = incidents;
    this.lifecycle = lifecycle;
    this.errors = errors;
  }

  @Override
  public Class<ThrowEvent> elementType() {
    return ThrowEvent.class;
  }

  @Override
  public void onActivate(ProcessingContext ctx, ElementInstance instance, ThrowEvent element) {
    if (element.eventType() != EventType.ERROR) {
      lifecycle.complete(ctx, instance);
      return;
    }
    String code;
    try {
      code =
          feel.evaluateString(
              element.spec().code(), variables.visible(ctx.state(), instance.key()));
    } catch (FeelEvaluationException e) {
      incidents.raise(ctx, instance, IncidentBehavior.EXTRACT_VALUE_ERROR, e.getMessage());
      return;
    }
    if (!errors.throwError(ctx, instance, code, Map.of())) {
      incidents.raise(
          ctx,
          instance,
          IncidentBehavior.UNHANDLED_ERROR_EVENT,
          "Expected to throw an error event with the code '"
              + code
              + "', but it was not caught. No error events are available in the scope.");
    }
  }

  @Override
  public void afterCompleted(
      ProcessingContext ctx, ElementInstance instance, BpmnLifecycle lifecycle) {
    if (instance.element().eventType() == EventType.TERMINATE) {
      ctx.state()
          .elementInstance(instance.flowScopeKey())
          .ifPresent(
              scope -> {
                for (long sibling : scope.childKeys()) {
                  ctx.state().elementInstance(sibling).ifPresent(s -> lifecycle.terminate(ctx, s));
                }
                if (scope.pendingJoinTokens() > 0) {
                  ctx.write(
                      new io.civicflow.engine.event.EngineEvent.JoinTokensDiscarded(scope.key()));
                }
              });
    }
    lifecycle.endPath(ctx, instance);
  }
}
