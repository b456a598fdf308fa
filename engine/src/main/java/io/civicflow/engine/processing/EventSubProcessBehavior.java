package io.civicflow.engine.processing;

import io.civicflow.engine.event.EngineEvent.JoinTokensDiscarded;
import io.civicflow.engine.model.ExecutableElement;
import io.civicflow.engine.state.ElementInstance;
import java.util.Map;

/**
 * Starts a triggered event sub-process: the one place where every trigger ends up (error and
 * escalation start events today; timer, message and signal start events call it from their
 * subscriptions). An interrupting start event first terminates every active instance in the scope,
 * including instances of other event sub-processes; a non-interrupting one runs beside them. The
 * event's variables become local variables of the event sub-process instance, so everything inside
 * sees them; its output mappings decide what leaves it. The scope completes only once the event
 * sub-process instance has completed.
 */
final class EventSubProcessBehavior {

  private final BpmnLifecycle lifecycle;
  private final VariableBehavior variables;

  EventSubProcessBehavior(BpmnLifecycle lifecycle, VariableBehavior variables) {
    this.lifecycle = lifecycle;
    this.variables = variables;
  }

  /**
   * @param scope the instance of the process or sub-process that contains the event sub-process
   * @param startEvent the start event that was triggered
   * @return the key of the event sub-process instance
   */
  long trigger(
      ProcessingContext ctx,
      ElementInstance scope,
      ExecutableElement startEvent,
      Map<String, Object> eventVariables) {
    if (EventSubscriptionBehavior.interrupting(startEvent)) {
      for (long child : scope.childKeys()) {
        ctx.state().elementInstance(child).ifPresent(c -> lifecycle.terminate(ctx, c));
      }
      if (scope.pendingJoinTokens() > 0) {
        ctx.write(new JoinTokensDiscarded(scope.key()));
      }
    }
    long key = lifecycle.createChild(ctx, startEvent.flowScope(), scope);
    variables.setLocal(ctx, ctx.state().requireElementInstance(key), eventVariables);
    return key;
  }
}
