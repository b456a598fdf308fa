package io.civicflow.engine.state;

import io.civicflow.engine.event.EngineEvent;
import io.civicflow.engine.event.EngineEvent.MessageCorrelated;
import io.civicflow.engine.event.EngineEvent.MessageExpired;
import io.civicflow.engine.event.EngineEvent.MessagePublished;
import io.civicflow.engine.event.EngineEvent.MessageStartLockReleased;
import io.civicflow.engine.event.EngineEvent.MessageSubscriptionCreated;
import io.civicflow.engine.event.EngineEvent.MessageSubscriptionDeleted;
import io.civicflow.engine.event.EngineEvent.SignalSubscriptionCreated;
import io.civicflow.engine.event.EngineEvent.SignalSubscriptionDeleted;
import io.civicflow.engine.event.EngineEvent.TimerCanceled;
import io.civicflow.engine.event.EngineEvent.TimerCreated;
import io.civicflow.engine.event.EngineEvent.TimerTriggered;
import io.civicflow.engine.state.EngineState.Due;
import io.civicflow.engine.state.EventState.BufferedMessage;
import io.civicflow.engine.state.EventState.MessageSubscription;
import io.civicflow.engine.state.EventState.SignalSubscription;
import io.civicflow.engine.state.EventState.Timer;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;

/**
 * Applies the timer, message and signal events to {@link EventState} (called by {@link
 * EventApplier}).
 */
final class EventStateApplier {

  private final EventState state;

  EventStateApplier(EventState state) {
    this.state = state;
  }

  /** Applies the event if it is one of these; returns false for any other event. */
  boolean apply(EngineEvent event) {
    if (event instanceof TimerCreated e) {
      Timer timer =
          new Timer(
              e.key(),
              e.elementInstanceKey(),
              e.processInstanceKey(),
              e.processDefinitionKey(),
              e.targetElementId(),
              e.dueDate(),
              e.repetitions(),
              e.cycle());
      state.timers.put(e.key(), timer);
      state.timerDueDates.add(new Due(e.dueDate(), e.key()));
      own(owner(e.elementInstanceKey(), e.processDefinitionKey()), e.key());
    } else if (event instanceof TimerTriggered e) {
      removeTimer(e.key());
    } else if (event instanceof TimerCanceled e) {
      removeTimer(e.key());
    } else if (event instanceof MessagePublished e) {
      if (e.deadline() > 0) {
        Map<String, Object> variables =
            e.variables() == null ? Map.of() : new LinkedHashMap<>(e.variables());
        state.messages.put(
            e.key(),
            new BufferedMessage(
                e.key(),
                e.name(),
                e.correlationKey(),
                e.messageId(),
                e.deadline(),
                variables,
                EventState.newProcessSet()));
        state
            .messagesByKey
            .computeIfAbsent(
                EventState.key(e.name(), e.correlationKey()), k -> new LinkedHashSet<>())
            .add(e.key());
        state.messageDeadlines.add(new Due(e.deadline(), e.key()));
      }
    } else if (event instanceof MessageExpired e) {
      removeMessage(e.key());
    } else if (event instanceof MessageSubscriptionCreated e) {
      messageSubscriptionCreated(e);
    } else if (event instanceof MessageCorrelated e) {
      messageCorrelated(e);
    } else if (event instanceof MessageSubscriptionDeleted e) {
      removeMessageSubscription(e.key());
    } else if (event instanceof MessageStartLockReleased e) {
      Long instance =
          state.messageStartLocks.remove(EventState.key(e.bpmnProcessId(), e.correlationKey()));
      if (instance != null) {
        state.lockByInstance.remove(instance);
      }
    } else if (event instanceof SignalSubscriptionCreated e) {
      SignalSubscription subscription =
          new SignalSubscription(
              e.key(),
              e.elementInstanceKey(),
              e.processInstanceKey(),
              e.processDefinitionKey(),
              e.bpmnProcessId(),
              e.elementId(),
              e.signalName(),
              e.closeOnTrigger());
      state.signalSubscriptions.put(e.key(), subscription);
      state
          .signalSubscriptionsByName
          .computeIfAbsent(e.signalName(), k -> new LinkedHashSet<>())
          .add(e.key());
      own(owner(e.elementInstanceKey(), e.processDefinitionKey()), e.key());
    } else if (event instanceof SignalSubscriptionDeleted e) {
      SignalSubscription subscription = state.signalSubscriptions.remove(e.key());
      if (subscription != null) {
        remove(state.signalSubscriptionsByName, subscription.signalName(), e.key());
        disown(
            owner(subscription.elementInstanceKey(), subscription.processDefinitionKey()), e.key());
      }
    } else {
      return false;
    }
    return true;
  }

  /**
   * A migrated instance's timers and subscriptions continue for their target catch elements of the
   * target process (owners, due dates, names and correlation keys unchanged).
   */
  void migrated(
      io.civicflow.engine.event.EngineEvent.ProcessInstanceMigrated e, String bpmnProcessId) {
    long target = e.targetProcessDefinitionKey();
    for (var kept : e.subscriptions()) {
      String id = kept.targetElementId();
      state.timers.computeIfPresent(
          kept.key(),
          (k, t) ->
              new Timer(
                  t.key(),
                  t.elementInstanceKey(),
                  t.processInstanceKey(),
                  target,
                  id,
                  t.dueDate(),
                  t.repetitions(),
                  t.cycle()));
      state.messageSubscriptions.computeIfPresent(
          kept.key(),
          (k, m) ->
              new MessageSubscription(
                  m.key(),
                  m.elementInstanceKey(),
                  m.processInstanceKey(),
                  target,
                  bpmnProcessId,
                  id,
                  m.messageName(),
                  m.correlationKey(),
                  m.closeOnCorrelate()));
      state.signalSubscriptions.computeIfPresent(
          kept.key(),
          (k, m) ->
              new SignalSubscription(
                  m.key(),
                  m.elementInstanceKey(),
                  m.processInstanceKey(),
                  target,
                  bpmnProcessId,
                  id,
                  m.signalName(),
                  m.closeOnTrigger()));
    }
  }

  private static long owner(long elementInstanceKey, long processDefinitionKey) {
    return elementInstanceKey >= 0 ? elementInstanceKey : processDefinitionKey;
  }

  private void removeTimer(long key) {
    Timer timer = state.timers.remove(key);
    if (timer != null) {
      state.timerDueDates.remove(new Due(timer.dueDate(), key));
      disown(owner(timer.elementInstanceKey(), timer.processDefinitionKey()), key);
    }
  }

  private void removeMessage(long key) {
    BufferedMessage message = state.messages.remove(key);
    if (message != null) {
      remove(state.messagesByKey, EventState.key(message.name(), message.correlationKey()), key);
      state.messageDeadlines.remove(new Due(message.deadline(), key));
    }
  }

  private void messageSubscriptionCreated(MessageSubscriptionCreated e) {
    MessageSubscription subscription =
        new MessageSubscription(
            e.key(),
            e.elementInstanceKey(),
            e.processInstanceKey(),
            e.processDefinitionKey(),
            e.bpmnProcessId(),
            e.elementId(),
            e.messageName(),
            e.correlationKey(),
            e.closeOnCorrelate());
    state.messageSubscriptions.put(e.key(), subscription);
    if (subscription.isStartEvent()) {
      state
          .messageStartSubscriptionsByName
          .computeIfAbsent(e.messageName(), k -> new LinkedHashSet<>())
          .add(e.key());
    } else {
      state
          .messageSubscriptionsByKey
          .computeIfAbsent(
              EventState.key(e.messageName(), e.correlationKey()), k -> new LinkedHashSet<>())
          .add(e.key());
    }
    own(owner(e.elementInstanceKey(), e.processDefinitionKey()), e.key());
  }

  private void messageCorrelated(MessageCorrelated e) {
    MessageSubscription subscription = state.messageSubscriptions.get(e.subscriptionKey());
    if (subscription == null) {
      return;
    }
    BufferedMessage message = state.messages.get(e.messageKey());
    if (message != null) {
      message.correlatedProcesses().add(subscription.bpmnProcessId());
    }
    if (subscription.isStartEvent()) {
      if (e.correlationKey() != null && !e.correlationKey().isEmpty()) {
        String lock = EventState.key(subscription.bpmnProcessId(), e.correlationKey());
        state.messageStartLocks.put(lock, e.processInstanceKey());
        state.lockByInstance.put(e.processInstanceKey(), lock);
      }
    } else if (subscription.closeOnCorrelate()) {
      removeMessageSubscription(e.subscriptionKey());
    }
  }

  private void removeMessageSubscription(long key) {
    MessageSubscription subscription = state.messageSubscriptions.remove(key);
    if (subscription == null) {
      return;
    }
    if (subscription.isStartEvent()) {
      remove(state.messageStartSubscriptionsByName, subscription.messageName(), key);
    } else {
      remove(
          state.messageSubscriptionsByKey,
          EventState.key(subscription.messageName(), subscription.correlationKey()),
          key);
    }
    disown(owner(subscription.elementInstanceKey(), subscription.processDefinitionKey()), key);
  }

  private void own(long owner, long key) {
    state.byOwner.computeIfAbsent(owner, k -> new LinkedHashSet<>()).add(key);
  }

  private void disown(long owner, long key) {
    remove(state.byOwner, owner, key);
  }

  private static <K> void remove(Map<K, LinkedHashSet<Long>> index, K indexKey, long key) {
    LinkedHashSet<Long> keys = index.get(indexKey);
    if (keys != null) {
      keys.remove(key);
      if (keys.isEmpty()) {
        index.remove(indexKey);
      }
    }
  }
}
