package io.civicflow.engine.query;

import io.civicflow.engine.api.Commands;
import io.civicflow.engine.event.EngineEvent;
import io.civicflow.engine.event.EngineEvent.MessageCorrelated;
import io.civicflow.engine.event.EngineEvent.MessageSubscriptionCreated;
import io.civicflow.engine.event.EngineEvent.MessageSubscriptionDeleted;
import io.civicflow.engine.event.EngineEvent.Purged;
import io.civicflow.engine.query.Records.CorrelatedMessageSubscriptionRecord;
import io.civicflow.engine.query.Records.MessageSubscriptionRecord;
import io.civicflow.engine.query.Records.MessageSubscriptionState;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The message part of the read model: every message subscription with its state (CREATED while it
 * waits, CORRELATED once a message reached it, DELETED when its element was left without one;
 * message start event subscriptions stay CREATED while their process version is the latest), and
 * the history of correlations — what CPT's {@code isWaitingForMessage}, {@code
 * isNotWaitingForMessage} and {@code hasCorrelatedMessage} search.
 */
final class EventProjection {

  private final java.util.function.LongFunction<Records.ProcessDefinitionRecord> definitions;

  /**
   * @param definitions the deployed process of a key (a subscription is its process's tenant's)
   */
  EventProjection(java.util.function.LongFunction<Records.ProcessDefinitionRecord> definitions) {
    this.definitions = definitions;
  }

  private final InstanceKeyedRecords<Long, MessageSubscriptionRecord> subscriptions =
      new InstanceKeyedRecords<>(EventProjection::instanceOf);
  private final List<CorrelatedMessageSubscriptionRecord> correlations =
      new CopyOnWriteArrayList<>();

  /**
   * How many correlations each process instance has: an ended instance without any (the usual case)
   * is evicted without looking at the list. Derived, rebuilt on restore.
   */
  private final Map<Long, Integer> correlationsByInstance = new ConcurrentHashMap<>();

  private void correlated(CorrelatedMessageSubscriptionRecord c) {
    correlations.add(c);
    correlationsByInstance.merge(c.processInstanceKey(), 1, Integer::sum);
  }

  private boolean anyCorrelated(java.util.Set<Long> keys) {
    for (Long key : keys) {
      if (correlationsByInstance.containsKey(key)) {
        return true;
      }
    }
    return false;
  }

  private String tenantOf(long processDefinitionKey) {
    Records.ProcessDefinitionRecord definition = definitions.apply(processDefinitionKey);
    return definition == null ? Commands.DEFAULT_TENANT : definition.tenantId();
  }

  /** Applies the event if it is one of these; returns false for any other event. */
  boolean apply(EngineEvent event, long time) {
    if (event instanceof MessageSubscriptionCreated e) {
      subscriptions.put(
          e.key(),
          new MessageSubscriptionRecord(
              e.key(),
              e.bpmnProcessId(),
              e.processDefinitionKey(),
              e.processInstanceKey() < 0 ? null : e.processInstanceKey(),
              e.elementId(),
              e.elementInstanceKey() < 0 ? null : e.elementInstanceKey(),
              MessageSubscriptionState.CREATED,
              time,
              e.messageName(),
              e.correlationKey(),
              tenantOf(e.processDefinitionKey())));
    } else if (event instanceof MessageCorrelated e) {
      MessageSubscriptionRecord subscription = subscriptions.get(e.subscriptionKey());
      if (subscription == null) {
        return true;
      }
      if (subscription.processInstanceKey() != null) {
        update(subscription, MessageSubscriptionState.CORRELATED, time);
      }
      correlated(
          new CorrelatedMessageSubscriptionRecord(
              e.subscriptionKey(),
              e.messageKey(),
              e.messageName(),
              e.correlationKey(),
              time,
              subscription.elementId(),
              e.elementInstanceKey(),
              subscription.bpmnProcessId(),
              subscription.processDefinitionKey(),
              e.processInstanceKey(),
              subscription.tenantId()));
    } else if (event instanceof MessageSubscriptionDeleted e) {
      MessageSubscriptionRecord subscription = subscriptions.get(e.key());
      if (subscription != null) {
        update(subscription, MessageSubscriptionState.DELETED, time);
      }
    } else if (event instanceof Purged) {
      subscriptions.clear();
      correlations.clear();
      correlationsByInstance.clear();
    } else {
      return false;
    }
    return true;
  }

  /** A message subscription kept by a migration waits for its target catch element. */
  void migrated(
      long key, long processDefinitionKey, String bpmnProcessId, String elementId, long time) {
    subscriptions.computeIfPresent(
        key,
        (k, r) ->
            new MessageSubscriptionRecord(
                r.messageSubscriptionKey(),
                bpmnProcessId,
                processDefinitionKey,
                r.processInstanceKey(),
                elementId,
                r.elementInstanceKey(),
                r.state(),
                time,
                r.messageName(),
                r.correlationKey(),
                r.tenantId()));
  }

  private void update(MessageSubscriptionRecord r, MessageSubscriptionState state, long time) {
    subscriptions.put(
        r.messageSubscriptionKey(),
        new MessageSubscriptionRecord(
            r.messageSubscriptionKey(),
            r.bpmnProcessId(),
            r.processDefinitionKey(),
            r.processInstanceKey(),
            r.elementId(),
            r.elementInstanceKey(),
            state,
            time,
            r.messageName(),
            r.correlationKey(),
            r.tenantId()));
  }

  Collection<MessageSubscriptionRecord> messageSubscriptions() {
    return subscriptions.values();
  }

  Collection<CorrelatedMessageSubscriptionRecord> correlatedMessageSubscriptions() {
    return Collections.unmodifiableList(correlations);
  }

  /** {@link HistoryExport.Holder#history}: subscriptions and correlations of these instances. */
  void history(java.util.Set<Long> keys, HistoryExport.HistoryOut out) {
    subscriptions.history(
        io.civicflow.engine.history.HistoryKind.MESSAGE_SUBSCRIPTION,
        MessageSubscriptionRecord::messageSubscriptionKey,
        keys,
        out);
    if (!anyCorrelated(keys)) {
      return;
    }
    for (CorrelatedMessageSubscriptionRecord c : correlations) {
      if (keys.contains(c.processInstanceKey())) {
        out.add(
            io.civicflow.engine.history.HistoryKind.CORRELATED_MESSAGE,
            c.subscriptionKey() + ":" + c.messageKey(),
            c.processInstanceKey(),
            c);
      }
    }
  }

  /** {@link HistoryExport.Holder#evict}. */
  void evict(java.util.Set<Long> keys) {
    subscriptions.evict(keys);
    if (anyCorrelated(keys)) {
      correlations.removeIf(c -> keys.contains(c.processInstanceKey()));
      keys.forEach(correlationsByInstance::remove);
    }
  }

  private static long instanceOf(MessageSubscriptionRecord r) {
    return r.processInstanceKey() == null ? -1 : r.processInstanceKey();
  }

  // --- snapshots

  List<MessageSubscriptionRecord> subscriptionsImage() {
    return ReadModelImage.sorted(
        subscriptions.values(), MessageSubscriptionRecord::messageSubscriptionKey);
  }

  List<CorrelatedMessageSubscriptionRecord> correlationsImage() {
    return List.copyOf(correlations);
  }

  void restore(
      List<MessageSubscriptionRecord> subscriptionImage,
      List<CorrelatedMessageSubscriptionRecord> correlationImage) {
    subscriptions.clear();
    correlations.clear();
    correlationsByInstance.clear();
    subscriptionImage.forEach(r -> subscriptions.put(r.messageSubscriptionKey(), r));
    correlationImage.forEach(this::correlated);
  }

  /** How many records the history export's per-instance lookups looked at (for tests). */
  long historyVisits() {
    return subscriptions.visited();
  }
}
