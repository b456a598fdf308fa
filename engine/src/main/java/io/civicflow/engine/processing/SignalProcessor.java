package io.civicflow.engine.processing;

import io.civicflow.engine.api.Commands;
import io.civicflow.engine.api.Commands.BroadcastSignal;
import io.civicflow.engine.api.Results.SignalBroadcast;
import io.civicflow.engine.event.EngineEvent.SignalSubscriptionDeleted;
import io.civicflow.engine.state.ElementInstance;
import io.civicflow.engine.state.EventState;
import io.civicflow.engine.state.EventState.SignalSubscription;
import java.util.List;
import java.util.Map;

/**
 * Signals (Zeebe's semantics): a broadcast triggers every subscription with the signal's name at
 * once — each signal start event starts one instance of its process, each waiting catch event,
 * boundary event and event-based gateway in any instance is triggered. Nothing is buffered: a
 * signal nobody waits for is lost. Signal throw events broadcast too (see {@link
 * SignalThrowProcessor}).
 */
final class SignalProcessor {

  private final EventTriggerBehavior triggers;
  private final StartEventBehavior starts;

  SignalProcessor(EventTriggerBehavior triggers, StartEventBehavior starts) {
    this.triggers = triggers;
    this.starts = starts;
  }

  /** A broadcast is never refused: nobody waiting is not an error. */
  Outcome<SignalBroadcast> broadcast(ProcessingContext ctx, BroadcastSignal command) {
    long key = ctx.nextKey();
    broadcast(ctx, command.signalName(), command.variables());
    return Outcome.of(new SignalBroadcast(key, Commands.tenantOrDefault(command.tenantId())));
  }

  void broadcast(ProcessingContext ctx, String name, Map<String, Object> variables) {
    EventState events = ctx.state().events();
    for (SignalSubscription subscription : List.copyOf(events.signalSubscriptions(name))) {
      if (events.signalSubscription(subscription.key()).isEmpty()) {
        continue; // closed by an earlier trigger of this broadcast
      }
      if (subscription.isStartEvent()) {
        starts.start(ctx, subscription.processDefinitionKey(), subscription.elementId(), variables);
        continue;
      }
      ElementInstance owner = triggers.triggerable(ctx, subscription.elementInstanceKey());
      if (owner == null) {
        continue;
      }
      if (subscription.closeOnTrigger()) {
        ctx.write(new SignalSubscriptionDeleted(subscription.key()));
      }
      triggers.trigger(
          ctx, owner, triggers.element(ctx, owner, subscription.elementId()), variables);
    }
  }
}
