package io.civicflow.engine.processing;

import io.civicflow.engine.api.Commands;
import io.civicflow.engine.api.Commands.CorrelateMessage;
import io.civicflow.engine.api.Commands.PublishMessage;
import io.civicflow.engine.api.RejectionType;
import io.civicflow.engine.api.Results.MessageCorrelated;
import io.civicflow.engine.api.Results.MessagePublished;
import io.civicflow.engine.event.EngineEvent;
import io.civicflow.engine.event.EngineEvent.MessageExpired;
import io.civicflow.engine.state.DeployedProcess;
import io.civicflow.engine.state.ElementInstance;
import io.civicflow.engine.state.EventState;
import io.civicflow.engine.state.EventState.BufferedMessage;
import io.civicflow.engine.state.EventState.MessageSubscription;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Message publication and correlation with Zeebe's rules:
 *
 * <ul>
 *   <li>a published message correlates at once to the open subscriptions with its name and
 *       correlation key (oldest first), then to message start events with its name — but to at most
 *       one subscription per process (BPMN process id), across all its versions and instances;
 *   <li>with a time to live it stays buffered (on the engine clock) and a subscription opened
 *       later, within the TTL, takes it — again at most once per process; after the TTL it is gone.
 *       A {@code messageId} is unique among buffered messages of the same name and correlation key;
 *   <li>a message start event does not start a second instance while one it started with the same
 *       (non-empty) correlation key is active; the message stays buffered and starts the next
 *       instance when that one ends. Messages with an empty correlation key always start an
 *       instance. A start event never takes a message published before the process was deployed;
 *   <li>correlating (rather than publishing) never buffers and is NOT_FOUND when nothing takes the
 *       message.
 * </ul>
 */
final class MessageProcessor {

  private final EventTriggerBehavior triggers;
  private final StartEventBehavior starts;

  MessageProcessor(EventTriggerBehavior triggers, StartEventBehavior starts) {
    this.triggers = triggers;
    this.starts = starts;
  }

  Outcome<MessagePublished> publish(ProcessingContext ctx, PublishMessage command) {
    EventState events = ctx.state().events();
    String correlationKey = command.correlationKey() == null ? "" : command.correlationKey();
    if (command.messageId() != null && !command.messageId().isEmpty()) {
      for (BufferedMessage buffered : events.bufferedMessages(command.name(), correlationKey)) {
        if (command.messageId().equals(buffered.messageId())) {
          return Outcome.rejected(
              new Rejection(
                  RejectionType.ALREADY_EXISTS,
                  String.format(
                      "Expected to publish a new message with id '%s', but a message with that id was already published",
                      command.messageId())));
        }
      }
    }
    long key = ctx.nextKey();
    long deadline = command.timeToLiveMillis() > 0 ? ctx.time() + command.timeToLiveMillis() : 0;
    Map<String, Object> variables = command.variables() == null ? Map.of() : command.variables();
    ctx.write(
        new EngineEvent.MessagePublished(
            key, command.name(), correlationKey, command.messageId(), deadline, variables));
    correlateEverywhere(
        ctx,
        key,
        Commands.tenantOrDefault(command.tenantId()),
        command.name(),
        correlationKey,
        variables);
    return Outcome.of(new MessagePublished(key, Commands.tenantOrDefault(command.tenantId())));
  }

  Outcome<MessageCorrelated> correlate(ProcessingContext ctx, CorrelateMessage command) {
    String correlationKey = command.correlationKey() == null ? "" : command.correlationKey();
    String tenant = Commands.tenantOrDefault(command.tenantId());
    if (!hasTaker(ctx, tenant, command.name(), correlationKey)) {
      return Outcome.rejected(
          Rejection.notFound(
              "Expected to find subscription for message with name '%s' and correlation key '%s', but none was found.",
              command.name(), correlationKey));
    }
    long key = ctx.nextKey();
    Map<String, Object> variables = command.variables() == null ? Map.of() : command.variables();
    ctx.write(
        new EngineEvent.MessagePublished(key, command.name(), correlationKey, null, 0, variables));
    long processInstanceKey =
        correlateEverywhere(ctx, key, tenant, command.name(), correlationKey, variables);
    return Outcome.of(
        new MessageCorrelated(
            key, processInstanceKey, Commands.tenantOrDefault(command.tenantId())));
  }

  private boolean hasTaker(
      ProcessingContext ctx, String tenant, String name, String correlationKey) {
    EventState events = ctx.state().events();
    for (MessageSubscription subscription : events.messageSubscriptions(name, correlationKey)) {
      if (ofTenant(ctx, subscription, tenant)
          && triggers.triggerable(ctx, subscription.elementInstanceKey()) != null) {
        return true;
      }
    }
    for (MessageSubscription subscription : events.messageStartSubscriptions(name)) {
      if (!ofTenant(ctx, subscription, tenant)) {
        continue;
      }
      if (correlationKey.isEmpty()
          || !events.isStartLocked(subscription.bpmnProcessId(), correlationKey)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Correlates a new message to waiting subscriptions, then start events; returns the first
   * instance (or -1).
   */
  private long correlateEverywhere(
      ProcessingContext ctx,
      long messageKey,
      String tenant,
      String name,
      String correlationKey,
      Map<String, Object> variables) {
    EventState events = ctx.state().events();
    Set<String> processes = new HashSet<>();
    long first = -1;
    for (MessageSubscription subscription :
        List.copyOf(events.messageSubscriptions(name, correlationKey))) {
      if (processes.contains(subscription.bpmnProcessId())
          || !ofTenant(ctx, subscription, tenant)
          || events.messageSubscription(subscription.key()).isEmpty()) {
        continue;
      }
      ElementInstance owner = triggers.triggerable(ctx, subscription.elementInstanceKey());
      if (owner == null) {
        continue;
      }
      correlateTo(ctx, subscription, owner, messageKey, name, correlationKey, variables);
      processes.add(subscription.bpmnProcessId());
      first = first < 0 ? subscription.processInstanceKey() : first;
    }
    for (MessageSubscription subscription : List.copyOf(events.messageStartSubscriptions(name))) {
      if (processes.contains(subscription.bpmnProcessId())
          || !ofTenant(ctx, subscription, tenant)
          || (!correlationKey.isEmpty()
              && events.isStartLocked(subscription.bpmnProcessId(), correlationKey))) {
        continue;
      }
      long instance = startInstance(ctx, subscription, messageKey, name, correlationKey, variables);
      processes.add(subscription.bpmnProcessId());
      first = first < 0 ? instance : first;
    }
    return first;
  }

  /** A message reaches only the subscriptions of its own tenant's processes. */
  private static boolean ofTenant(
      ProcessingContext ctx, MessageSubscription subscription, String tenant) {
    return tenant.equals(ctx.state().tenantOf(subscription.processDefinitionKey()));
  }

  private void correlateTo(
      ProcessingContext ctx,
      MessageSubscription subscription,
      ElementInstance owner,
      long messageKey,
      String name,
      String correlationKey,
      Map<String, Object> variables) {
    ctx.write(
        new EngineEvent.MessageCorrelated(
            subscription.key(),
            messageKey,
            name,
            correlationKey,
            subscription.processInstanceKey(),
            subscription.elementInstanceKey()));
    triggers.trigger(ctx, owner, triggers.element(ctx, owner, subscription.elementId()), variables);
  }

  private long startInstance(
      ProcessingContext ctx,
      MessageSubscription subscription,
      long messageKey,
      String name,
      String correlationKey,
      Map<String, Object> variables) {
    StartEventBehavior.Started started =
        starts.start(ctx, subscription.processDefinitionKey(), subscription.elementId(), variables);
    ctx.write(
        new EngineEvent.MessageCorrelated(
            subscription.key(),
            messageKey,
            name,
            correlationKey,
            started.processInstanceKey(),
            started.startEventInstanceKey()));
    return started.processInstanceKey();
  }

  /**
   * A subscription just opened: it takes the oldest buffered message for it that is still alive.
   */
  void correlateBuffered(ProcessingContext ctx, long subscriptionKey) {
    EventState events = ctx.state().events();
    MessageSubscription subscription = events.messageSubscription(subscriptionKey).orElse(null);
    if (subscription == null) {
      return;
    }
    ElementInstance owner = triggers.triggerable(ctx, subscription.elementInstanceKey());
    if (owner == null) {
      return;
    }
    for (BufferedMessage message :
        events.bufferedMessages(subscription.messageName(), subscription.correlationKey())) {
      if (message.deadline() > ctx.time()
          && !message.correlatedProcesses().contains(subscription.bpmnProcessId())) {
        correlateTo(
            ctx,
            subscription,
            owner,
            message.key(),
            message.name(),
            message.correlationKey(),
            message.variables());
        return;
      }
    }
  }

  /**
   * The instance a message start event began with this correlation key ended: the oldest buffered
   * message for one of the process's message start events, with that key, starts the next instance.
   */
  void startWithBufferedMessage(
      ProcessingContext ctx, String bpmnProcessId, String correlationKey) {
    EventState events = ctx.state().events();
    if (events.isStartLocked(bpmnProcessId, correlationKey)) {
      return;
    }
    DeployedProcess latest = ctx.state().latestProcess(bpmnProcessId).orElse(null);
    if (latest == null) {
      return;
    }
    BufferedMessage next = null;
    MessageSubscription taker = null;
    for (long key : events.ownedBy(latest.key())) {
      MessageSubscription subscription = events.messageSubscription(key).orElse(null);
      if (subscription == null) {
        continue;
      }
      for (BufferedMessage message :
          events.bufferedMessages(subscription.messageName(), correlationKey)) {
        if (message.deadline() > ctx.time()
            && !message.correlatedProcesses().contains(bpmnProcessId)
            && (next == null || message.key() < next.key())) {
          next = message;
          taker = subscription;
        }
      }
    }
    if (next != null) {
      startInstance(ctx, taker, next.key(), next.name(), next.correlationKey(), next.variables());
    }
  }

  /** Removes buffered messages whose time to live has passed. */
  void expireDue(ProcessingContext ctx) {
    for (long key : ctx.state().events().expiredMessages(ctx.time())) {
      ctx.write(new MessageExpired(key));
    }
  }
}
