package io.civicflow.engine.processing;

import io.civicflow.engine.event.EngineEvent;
import io.civicflow.engine.event.EngineEvent.MessageStartLockReleased;
import io.civicflow.engine.event.EngineEvent.MessageSubscriptionCreated;
import io.civicflow.engine.event.EngineEvent.MessageSubscriptionDeleted;
import io.civicflow.engine.event.EngineEvent.SignalSubscriptionCreated;
import io.civicflow.engine.event.EngineEvent.SignalSubscriptionDeleted;
import io.civicflow.engine.event.EngineEvent.TimerCanceled;
import io.civicflow.engine.event.EngineEvent.TimerCreated;
import io.civicflow.engine.feel.Expression;
import io.civicflow.engine.feel.FeelEngine;
import io.civicflow.engine.feel.FeelEvaluationException;
import io.civicflow.engine.model.ElementKind;
import io.civicflow.engine.model.EventTrigger;
import io.civicflow.engine.model.ExecutableElement;
import io.civicflow.engine.model.ExecutableSequenceFlow;
import io.civicflow.engine.state.ElementInstance;
import io.civicflow.engine.state.EventState;
import io.civicflow.engine.timer.TimerSchedule;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Opens and closes the event subscriptions of element instances, as Zeebe does on entering and
 * leaving an element:
 *
 * <ul>
 *   <li>on activation (after the input mappings, before the element is ACTIVATED): timers, message
 *       and signal subscriptions for an intermediate catch event or receive task itself, for every
 *       timer, message and signal boundary event attached to it, and for the catch events after an
 *       event-based gateway. Timer values, message names, correlation keys and signal names are
 *       evaluated now against the element's variables; if one fails, nothing is opened and an
 *       EXTRACT_VALUE_ERROR incident is raised on the element (resolving it re-runs the
 *       activation);
 *   <li>a new message subscription then takes a buffered message, if one is waiting (a follow-up
 *       step, once the element is active);
 *   <li>on completing or terminating: every timer and subscription the element owns is canceled or
 *       deleted; a process instance started by a message start event with a correlation key
 *       releases that key, which lets the next buffered message with it start a new instance.
 * </ul>
 */
final class EventSubscriptionBehavior {

  private final FeelEngine feel;
  private final VariableBehavior variables;
  private final IncidentBehavior incidents;
  private final MessageProcessor messages;

  EventSubscriptionBehavior(
      FeelEngine feel,
      VariableBehavior variables,
      IncidentBehavior incidents,
      MessageProcessor messages) {
    this.feel = feel;
    this.variables = variables;
    this.incidents = incidents;
    this.messages = messages;
  }

  /** An intermediate catch event entered from an event-based gateway: it was triggered there. */
  static boolean isEventSubProcessStart(ExecutableElement element) {
    return element.kind() == ElementKind.START_EVENT
        && element.flowScope() != null
        && element.flowScope().kind() == ElementKind.EVENT_SUB_PROCESS;
  }

  /** What a catching element waits for: an event's trigger, a receive task's message; or null. */
  static EventTrigger triggerOf(ExecutableElement element) {
    if (element instanceof ExecutableElement.Event event) {
      return event.trigger();
    }
    return element instanceof ExecutableElement.ReceiveTask task ? task.message() : null;
  }

  /** Whether catching the element's event interrupts (boundary events, event sub-processes). */
  static boolean interrupting(ExecutableElement element) {
    return !(element instanceof ExecutableElement.Event event) || event.interrupting();
  }

  static boolean followsEventGateway(ExecutableElement element) {
    List<ExecutableSequenceFlow> incoming = element.incoming();
    return element.kind() == ElementKind.INTERMEDIATE_CATCH_EVENT
        && incoming.size() == 1
        && incoming.get(0).source().kind() == ElementKind.EVENT_BASED_GATEWAY;
  }

  /**
   * Opens the subscriptions of an element being activated. Returns false when an expression failed
   * (an incident is open and nothing was written besides it).
   */
  boolean open(ProcessingContext ctx, ElementInstance instance) {
    List<ExecutableElement> catches = catchEventsOf(instance.element());
    if (catches.isEmpty()) {
      return true;
    }
    Map<String, Object> context = variables.visible(ctx.state(), instance.key());
    List<EngineEvent> opened = new ArrayList<>();
    for (ExecutableElement catchEvent : catches) {
      try {
        EngineEvent event =
            subscription(
                ctx,
                instance,
                instance.processDefinitionKey(),
                ctx.state().process(instance.processDefinitionKey()).orElseThrow().bpmnProcessId(),
                catchEvent,
                context);
        if (event != null) {
          opened.add(event);
        }
      } catch (FeelEvaluationException | IllegalArgumentException e) {
        incidents.raise(ctx, instance, IncidentBehavior.EXTRACT_VALUE_ERROR, e.getMessage());
        return false;
      }
    }
    write(ctx, opened);
    return true;
  }

  private void write(ProcessingContext ctx, List<EngineEvent> opened) {
    for (EngineEvent event : opened) {
      ctx.write(event);
      if (event instanceof MessageSubscriptionCreated m) {
        ctx.followUp(() -> messages.correlateBuffered(ctx, m.key()));
      }
    }
  }

  /**
   * The timers and subscriptions an element instance migrated to {@code target} (of process
   * definition {@code processDefinitionKey}) needs and does not keep: those of the target's catch
   * events whose ids are not in {@code kept}, evaluated now against its variables. Nothing is
   * written; a failed expression throws.
   */
  List<EngineEvent> missingAfterMigration(
      ProcessingContext ctx,
      ElementInstance owner,
      ExecutableElement target,
      long processDefinitionKey,
      String bpmnProcessId,
      java.util.Set<String> kept)
      throws FeelEvaluationException {
    List<EngineEvent> opened = new ArrayList<>();
    Map<String, Object> context = null;
    for (ExecutableElement catchEvent : catchEventsOf(target)) {
      if (kept.contains(catchEvent.id())) {
        continue;
      }
      if (context == null) {
        context = variables.visible(ctx.state(), owner.key());
      }
      EngineEvent event =
          subscription(ctx, owner, processDefinitionKey, bpmnProcessId, catchEvent, context);
      if (event != null) {
        opened.add(event);
      }
    }
    return opened;
  }

  /** Writes subscriptions made by {@link #missingAfterMigration}. */
  void openAfterMigration(ProcessingContext ctx, List<EngineEvent> opened) {
    write(ctx, opened);
  }

  static List<ExecutableElement> catchEventsOf(ExecutableElement element) {
    List<ExecutableElement> catches = new ArrayList<>();
    if (element.kind() == ElementKind.RECEIVE_TASK
        || (element.kind() == ElementKind.INTERMEDIATE_CATCH_EVENT
            && triggerOf(element) != null
            && !followsEventGateway(element))) {
      catches.add(element);
    }
    if (element.kind() == ElementKind.EVENT_BASED_GATEWAY) {
      for (ExecutableSequenceFlow flow : element.outgoing()) {
        catches.add(flow.target());
      }
    }
    for (ExecutableElement boundary : element.boundaryEvents()) {
      if (triggerOf(boundary) != null) {
        catches.add(boundary);
      }
    }
    for (ExecutableElement child : element.children()) {
      if (child.kind() == ElementKind.EVENT_SUB_PROCESS) {
        for (ExecutableElement start : child.children()) {
          if (start.kind() == ElementKind.START_EVENT && triggerOf(start) != null) {
            catches.add(start);
          }
        }
      }
    }
    return catches;
  }

  private EngineEvent subscription(
      ProcessingContext ctx,
      ElementInstance owner,
      long processDefinitionKey,
      String bpmnProcessId,
      ExecutableElement catchEvent,
      Map<String, Object> context)
      throws FeelEvaluationException {
    boolean closes =
        (catchEvent.kind() != ElementKind.BOUNDARY_EVENT && !isEventSubProcessStart(catchEvent))
            || interrupting(catchEvent);
    EventTrigger trigger = triggerOf(catchEvent);
    if (trigger instanceof EventTrigger.Timer timer) {
      String text = feel.evaluateString(timer.value(), context).strip();
      TimerSchedule schedule;
      try {
        schedule = TimerSchedule.parse(timer.kind(), text);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "Invalid timer "
                + timer.kind().name().toLowerCase()
                + " of '"
                + catchEvent.id()
                + "' from expression '"
                + timer.value().source()
                + "': "
                + e.getMessage(),
            e);
      }
      OptionalLong due = schedule.firstDueDate(ctx.time());
      if (due.isEmpty()) {
        return null;
      }
      boolean cycle = timer.kind() == TimerSchedule.Kind.CYCLE;
      return new TimerCreated(
          ctx.nextKey(),
          owner.key(),
          owner.processInstanceKey(),
          processDefinitionKey,
          catchEvent.id(),
          due.getAsLong(),
          schedule.repetitions(),
          cycle ? schedule.text() : null);
    }
    if (trigger instanceof EventTrigger.Message message) {
      String name = feel.evaluateString(message.name(), context);
      String correlationKey = correlationKey(message.correlationKey(), context);
      return new MessageSubscriptionCreated(
          ctx.nextKey(),
          owner.key(),
          owner.processInstanceKey(),
          processDefinitionKey,
          bpmnProcessId,
          catchEvent.id(),
          name,
          correlationKey,
          closes);
    }
    if (trigger instanceof EventTrigger.Signal signal) {
      String name = feel.evaluateString(signal.name(), context);
      return new SignalSubscriptionCreated(
          ctx.nextKey(),
          owner.key(),
          owner.processInstanceKey(),
          processDefinitionKey,
          bpmnProcessId,
          catchEvent.id(),
          name,
          closes);
    }
    return null;
  }

  /**
   * A correlation key must be a string or a number (numbers are used as their text, as in Zeebe).
   */
  private String correlationKey(Expression expression, Map<String, Object> context)
      throws FeelEvaluationException {
    Object value = feel.evaluate(expression, context);
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof Long || value instanceof Integer) {
      return value.toString();
    }
    if (value instanceof Number n) {
      BigDecimal decimal = new BigDecimal(n.toString()).stripTrailingZeros();
      return decimal.scale() <= 0 ? decimal.toBigInteger().toString() : decimal.toPlainString();
    }
    String type =
        value == null || value instanceof FeelEngine.NullWithReason
            ? "NULL"
            : value instanceof Boolean
                ? "BOOLEAN"
                : value instanceof List ? "ARRAY" : value instanceof Map ? "OBJECT" : "UNKNOWN";
    throw new FeelEvaluationException(
        "Failed to extract the correlation key for '"
            + expression.source()
            + "': The value must be either a string or a number, but was '"
            + type
            + "'.");
  }

  /** Closes everything an element instance owns (on completing or terminating it). */
  void close(ProcessingContext ctx, ElementInstance instance) {
    EventState events = ctx.state().events();
    for (long key : events.ownedBy(instance.key())) {
      if (events.isTimer(key)) {
        ctx.write(new TimerCanceled(key));
      } else if (events.isMessageSubscription(key)) {
        ctx.write(new MessageSubscriptionDeleted(key));
      } else if (events.isSignalSubscription(key)) {
        ctx.write(new SignalSubscriptionDeleted(key));
      }
    }
    if (instance.isProcess()) {
      events
          .startLockOf(instance.key())
          .ifPresent(
              correlationKey -> {
                String bpmnProcessId = instance.element().id();
                ctx.write(new MessageStartLockReleased(bpmnProcessId, correlationKey));
                ctx.followUp(
                    () -> messages.startWithBufferedMessage(ctx, bpmnProcessId, correlationKey));
              });
    }
  }
}
