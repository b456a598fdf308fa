package io.civicflow.engine.model;

import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.CatchEvent;
import io.camunda.zeebe.model.bpmn.instance.EndEvent;
import io.camunda.zeebe.model.bpmn.instance.EventDefinition;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.IntermediateCatchEvent;
import io.camunda.zeebe.model.bpmn.instance.IntermediateThrowEvent;
import io.camunda.zeebe.model.bpmn.instance.Message;
import io.camunda.zeebe.model.bpmn.instance.MessageEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.SignalEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import io.camunda.zeebe.model.bpmn.instance.ThrowEvent;
import io.camunda.zeebe.model.bpmn.instance.TimerEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeSubscription;
import io.civicflow.engine.feel.Expression;
import io.civicflow.engine.feel.FeelEngine;
import io.civicflow.engine.feel.FeelEvaluationException;
import io.civicflow.engine.timer.TimerSchedule;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads timer, message and signal events, receive tasks and event-based gateways for {@link
 * BpmnTransformer}, and checks the rules Zeebe applies to them at deployment:
 *
 * <ul>
 *   <li>timer start events have a date or a cycle; intermediate timer catch events and interrupting
 *       timer boundary events a date or a duration; non-interrupting timer boundary events any of
 *       the three. Static values must parse (ISO 8601 or a cron expression); FEEL is evaluated on
 *       entry;
 *   <li>messages have a name; every message catch (not a start event) has a {@code
 *       zeebe:subscription} correlation key; message and signal names of start events are fixed at
 *       deployment (FEEL without variables is evaluated then); message start events of a process
 *       have distinct names;
 *   <li>timer, message and signal start events belong to the process itself;
 *   <li>an event-based gateway has at least two outgoing flows, each to an intermediate timer,
 *       message or signal catch event that has no other incoming flow (this engine's restriction,
 *       so a catch event reached from the gateway is known to have been triggered there);
 *   <li>throw events send signals only (message throw events are job-based and not part of this).
 * </ul>
 */
final class EventElementReader {

  private final FeelEngine feel;

  EventElementReader(FeelEngine feel) {
    this.feel = feel;
  }

  /** Whether this reader builds the node: an event with a timer, message or signal definition. */
  boolean handles(FlowNode node) {
    EventDefinition definition = definition(node);
    if (node instanceof ThrowEvent) {
      return definition instanceof SignalEventDefinition;
    }
    return definition instanceof TimerEventDefinition
        || definition instanceof MessageEventDefinition
        || definition instanceof SignalEventDefinition;
  }

  /** The trigger of a node this reader {@link #handles}, or null with a problem reported. */
  EventTrigger trigger(FlowNode node, Consumer<ModelProblem> problems) {
    ElementKind kind;
    if (node instanceof StartEvent) {
      kind = ElementKind.START_EVENT;
    } else if (node instanceof IntermediateCatchEvent) {
      kind = ElementKind.INTERMEDIATE_CATCH_EVENT;
    } else if (node instanceof BoundaryEvent) {
      kind = ElementKind.BOUNDARY_EVENT;
    } else if (node instanceof IntermediateThrowEvent) {
      kind = ElementKind.INTERMEDIATE_THROW_EVENT;
    } else if (node instanceof EndEvent) {
      kind = ElementKind.END_EVENT;
    } else {
      problems.accept(problem(node, "this event is not supported by the CivicFlow engine"));
      return null;
    }
    if (eventDefinitions(node).size() > 1) {
      problems.accept(
          problem(node, "an event with more than one event definition is not supported"));
      return null;
    }
    EventDefinition definition = definition(node);
    // a process's start events are evaluated at deployment; an event sub-process's when its scope
    // is entered
    boolean start = kind == ElementKind.START_EVENT && !isEventSubProcessStart(node);
    EventTrigger trigger;
    if (definition instanceof TimerEventDefinition timer) {
      trigger = timer(node, timer, problems);
    } else if (definition instanceof MessageEventDefinition message) {
      trigger = message(node, message.getMessage(), !start, problems);
    } else {
      SignalEventDefinition signal = (SignalEventDefinition) definition;
      if (signal.getSignal() == null
          || signal.getSignal().getName() == null
          || signal.getSignal().getName().isBlank()) {
        problems.accept(problem(node, "a signal event must reference a signal with a name"));
        return null;
      }
      Expression name = expression(node, signal.getSignal().getName(), "signal name", problems);
      trigger = new EventTrigger.Signal(start ? fixed(node, name, "signal name", problems) : name);
    }
    return trigger;
  }

  /** The message of a receive task (a subscription correlation key is required). */
  EventTrigger.Message receiveTaskMessage(
      FlowNode task, Message message, Consumer<ModelProblem> problems) {
    return message(task, message, true, problems);
  }

  private EventTrigger.Timer timer(
      FlowNode node, TimerEventDefinition timer, Consumer<ModelProblem> problems) {
    TimerSchedule.Kind kind;
    String text;
    if (timer.getTimeDate() != null) {
      kind = TimerSchedule.Kind.DATE;
      text = timer.getTimeDate().getTextContent();
    } else if (timer.getTimeDuration() != null) {
      kind = TimerSchedule.Kind.DURATION;
      text = timer.getTimeDuration().getTextContent();
    } else if (timer.getTimeCycle() != null) {
      kind = TimerSchedule.Kind.CYCLE;
      text = timer.getTimeCycle().getTextContent();
    } else {
      problems.accept(
          problem(node, "a timer event must have a time date, a time duration or a time cycle"));
      return null;
    }
    String allowed = allowedTimers(node);
    if (!allowed.contains(kind.name())) {
      problems.accept(
          problem(
              node,
              "a timer "
                  + kind.name().toLowerCase()
                  + " is not allowed here: "
                  + describe(node)
                  + " must have a time "
                  + allowed.toLowerCase().replace(",", " or a time ")));
      return null;
    }
    if (text == null || text.isBlank()) {
      problems.accept(problem(node, "the timer " + kind.name().toLowerCase() + " is empty"));
      return null;
    }
    Expression value =
        expression(node, text.strip(), "timer " + kind.name().toLowerCase(), problems);
    if (node instanceof StartEvent && !isEventSubProcessStart(node)) {
      value = fixed(node, value, "timer " + kind.name().toLowerCase(), problems);
    }
    if (value instanceof Expression.Static s) {
      try {
        TimerSchedule.parse(kind, s.value());
      } catch (IllegalArgumentException e) {
        problems.accept(
            problem(node, "invalid timer " + kind.name().toLowerCase() + ": " + e.getMessage()));
        return null;
      }
    }
    return new EventTrigger.Timer(kind, value);
  }

  /**
   * A start event of an event sub-process: its subscriptions live while the enclosing scope is
   * active.
   */
  static boolean isEventSubProcessStart(FlowNode node) {
    return node instanceof StartEvent
        && StructureTransformer.isEventSubProcess(node.getParentElement());
  }

  private static String allowedTimers(FlowNode node) {
    if (isEventSubProcessStart(node)) {
      return "DATE,DURATION,CYCLE";
    }
    if (node instanceof StartEvent) {
      return "DATE,CYCLE";
    }
    if (node instanceof BoundaryEvent boundary && !boundary.cancelActivity()) {
      return "DATE,DURATION,CYCLE";
    }
    return "DATE,DURATION";
  }

  private static String describe(FlowNode node) {
    if (node instanceof StartEvent) {
      return "a timer start event";
    }
    if (node instanceof BoundaryEvent) {
      return "an interrupting timer boundary event";
    }
    return "an intermediate timer catch event";
  }

  private EventTrigger.Message message(
      FlowNode node, Message message, boolean needsKey, Consumer<ModelProblem> problems) {
    if (message == null || message.getName() == null || message.getName().isBlank()) {
      problems.accept(problem(node, "must reference a message with a name"));
      return null;
    }
    Expression name = expression(node, message.getName(), "message name", problems);
    if (!needsKey) {
      return new EventTrigger.Message(fixed(node, name, "message name", problems), null);
    }
    ZeebeSubscription subscription = message.getSingleExtensionElement(ZeebeSubscription.class);
    if (subscription == null
        || subscription.getCorrelationKey() == null
        || subscription.getCorrelationKey().isBlank()) {
      problems.accept(
          problem(
              node,
              "the message '"
                  + message.getName()
                  + "' must have a zeebe:subscription with a correlationKey"));
      return null;
    }
    Expression key =
        expression(node, subscription.getCorrelationKey(), "correlation key", problems);
    return new EventTrigger.Message(name, key);
  }

  /** A start event's name is fixed at deployment: FEEL is evaluated without variables. */
  private Expression fixed(
      FlowNode node, Expression name, String what, Consumer<ModelProblem> problems) {
    if (name instanceof Expression.Static) {
      return name;
    }
    try {
      return new Expression.Static(feel.evaluateString(name, Map.of()));
    } catch (FeelEvaluationException e) {
      problems.accept(
          problem(
              node,
              "the " + what + " of a start event must be known at deployment: " + e.getMessage()));
      return name;
    }
  }

  /**
   * Checks the rules that need the whole process: placement of start events, event-based gateways.
   */
  void validate(Collection<ExecutableElement> elements, Consumer<ModelProblem> problems) {
    Set<String> startMessages = new HashSet<>();
    for (ExecutableElement element : elements) {
      if (element instanceof ExecutableElement.StartEvent start
          && start.trigger() != null
          && (element.flowScope() == null
              || element.flowScope().kind() != ElementKind.EVENT_SUB_PROCESS)) {
        if (element.flowScope() == null || element.flowScope().kind() != ElementKind.PROCESS) {
          problems.accept(
              new ModelProblem(
                  element.id(),
                  "startEvent",
                  "timer, message and signal start events are supported on the process only"));
        }
        if (start.trigger() instanceof EventTrigger.Message m
            && !startMessages.add(m.name().source())) {
          problems.accept(
              new ModelProblem(
                  element.id(),
                  "startEvent",
                  "the message start events of a process must have distinct message names ('"
                      + m.name().source()
                      + "' is used twice)"));
        }
      }
      if (element.kind() == ElementKind.EVENT_BASED_GATEWAY) {
        validateEventGateway(element, problems);
      }
    }
  }

  private static void validateEventGateway(
      ExecutableElement gateway, Consumer<ModelProblem> problems) {
    List<ExecutableSequenceFlow> outgoing = gateway.outgoing();
    if (outgoing.size() < 2) {
      problems.accept(
          new ModelProblem(
              gateway.id(),
              "eventBasedGateway",
              "an event-based gateway must have at least two outgoing sequence flows"));
    }
    for (ExecutableSequenceFlow flow : outgoing) {
      ExecutableElement target = flow.target();
      if (flow.condition() != null) {
        problems.accept(
            new ModelProblem(
                flow.id(),
                "sequenceFlow",
                "a sequence flow leaving event-based gateway '"
                    + gateway.id()
                    + "' must not have a condition"));
      }
      if (!(target instanceof ExecutableElement.CatchEvent catchEvent)
          || catchEvent.trigger() == null) {
        problems.accept(
            new ModelProblem(
                target.id(),
                target.kind().name(),
                "the targets of event-based gateway '"
                    + gateway.id()
                    + "' must be intermediate timer, message or signal catch events"));
      } else if (target.incoming().size() != 1) {
        problems.accept(
            new ModelProblem(
                target.id(),
                "intermediateCatchEvent",
                "a catch event after event-based gateway '"
                    + gateway.id()
                    + "' must have no other incoming sequence flow"));
      }
    }
  }

  private Expression expression(
      BaseElement node, String text, String what, Consumer<ModelProblem> problems) {
    try {
      return feel.parse(text);
    } catch (FeelEvaluationException e) {
      problems.accept(problem(node, what + " is not valid FEEL: " + e.getMessage()));
      return new Expression.Static(text);
    }
  }

  private static EventDefinition definition(FlowNode node) {
    Collection<EventDefinition> definitions = eventDefinitions(node);
    return definitions.isEmpty() ? null : definitions.iterator().next();
  }

  private static Collection<EventDefinition> eventDefinitions(FlowNode node) {
    if (node instanceof CatchEvent catchEvent) {
      return catchEvent.getEventDefinitions();
    }
    if (node instanceof ThrowEvent throwEvent) {
      return throwEvent.getEventDefinitions();
    }
    return List.of();
  }

  private static ModelProblem problem(BaseElement element, String message) {
    return new ModelProblem(element.getId(), element.getElementType().getTypeName(), message);
  }
}
