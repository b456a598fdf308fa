package io.civicflow.engine.model;

import io.camunda.zeebe.model.bpmn.instance.Activity;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.CallActivity;
import io.camunda.zeebe.model.bpmn.instance.CompletionCondition;
import io.camunda.zeebe.model.bpmn.instance.ErrorEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.EscalationEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.EventDefinition;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.LoopCharacteristics;
import io.camunda.zeebe.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import io.camunda.zeebe.model.bpmn.instance.SubProcess;
import io.camunda.zeebe.model.bpmn.instance.ThrowEvent;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeBindingType;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledElement;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeLoopCharacteristics;
import io.civicflow.engine.feel.Expression;
import io.civicflow.engine.feel.FeelEngine;
import io.civicflow.engine.feel.FeelEvaluationException;
import java.util.Collection;
import java.util.regex.Pattern;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * Reads the structural elements for {@link BpmnTransformer}: call activities, multi-instance
 * characteristics, escalation events and the start events of event sub-processes. Problems are
 * reported with the element id, as everywhere in the transformer.
 */
final class StructureTransformer {

  /** Where problems go (the transformer's list). */
  interface Problems {
    void report(BaseElement element, String message);
  }

  static final String INNER_SUFFIX = "#inner";
  private static final Pattern VARIABLE_REFERENCE =
      Pattern.compile("=?\\s*([A-Za-z_][\\w]*)(\\.[A-Za-z_][\\w]*)*\\s*");

  private final FeelEngine feel;
  private final Problems problems;

  StructureTransformer(FeelEngine feel, Problems problems) {
    this.feel = feel;
    this.problems = problems;
  }

  /**
   * Whether {@link #eventSpec} reads this event: the start events of event sub-processes and
   * escalation events.
   */
  boolean handlesEvent(FlowNode node) {
    if (node instanceof StartEvent start && isEventSubProcess(start.getParentElement())) {
      return true;
    }
    if (node instanceof ThrowEvent thr
        && single(thr.getEventDefinitions(), EscalationEventDefinition.class) != null) {
      return true;
    }
    return node instanceof BoundaryEvent b
        && single(b.getEventDefinitions(), EscalationEventDefinition.class) != null;
  }

  /** The definition of an event {@link #handlesEvent} accepts, or null with a problem reported. */
  EventSpec eventSpec(FlowNode node) {
    if (node instanceof StartEvent start) {
      return eventSubProcessStart(start);
    }
    if (node instanceof BoundaryEvent boundary) {
      return escalationBoundary(boundary);
    }
    return escalationThrow((ThrowEvent) node);
  }

  ExecutableElement.CallActivity callActivity(CallActivity node) {
    ZeebeCalledElement called = node.getSingleExtensionElement(ZeebeCalledElement.class);
    if (called == null || called.getProcessId() == null || called.getProcessId().isBlank()) {
      problems.report(node, "a call activity must have a zeebe:calledElement with a processId");
      return null;
    }
    ZeebeBindingType binding =
        called.getBindingType() == null ? ZeebeBindingType.latest : called.getBindingType();
    if (binding == ZeebeBindingType.versionTag
        && (called.getVersionTag() == null || called.getVersionTag().isBlank())) {
      problems.report(node, "a call activity with bindingType 'versionTag' must name a versionTag");
      return null;
    }
    return new ExecutableElement.CallActivity(
        new ElementCore(node.getId(), node.getName(), ElementKind.CALL_ACTIVITY),
        new CalledElement(
            expression(node, called.getProcessId(), "called process id"),
            binding.name(),
            called.getVersionTag(),
            called.isPropagateAllChildVariablesEnabled(),
            called.isPropagateAllParentVariablesEnabled()));
  }

  /**
   * The multi-instance body wrapping {@code inner}, or null when the activity has no loop
   * characteristics (or they are unsupported, which is reported). The body takes the activity's id,
   * its sequence flows and boundary events; the inner activity keeps mappings and behaviour.
   */
  ExecutableElement.MultiInstanceBody multiInstanceBody(FlowNode node, ExecutableElement inner) {
    if (!(node instanceof Activity activity) || activity.getLoopCharacteristics() == null) {
      return null;
    }
    LoopCharacteristics characteristics = activity.getLoopCharacteristics();
    if (!(characteristics instanceof MultiInstanceLoopCharacteristics multi)) {
      problems.report(node, "standard loops are not supported; use a multi-instance marker");
      return null;
    }
    ZeebeLoopCharacteristics zeebe =
        multi.getSingleExtensionElement(ZeebeLoopCharacteristics.class);
    if (zeebe == null
        || zeebe.getInputCollection() == null
        || zeebe.getInputCollection().isBlank()) {
      problems.report(
          node,
          "a multi-instance activity must have a zeebe:loopCharacteristics with an inputCollection");
      return null;
    }
    Expression inputCollection =
        feelExpression(node, zeebe.getInputCollection(), "inputCollection");
    Expression outputElement = null;
    String outputElementVariable = null;
    if (zeebe.getOutputElement() != null && !zeebe.getOutputElement().isBlank()) {
      outputElement = feelExpression(node, zeebe.getOutputElement(), "outputElement");
      var matcher = VARIABLE_REFERENCE.matcher(zeebe.getOutputElement().strip());
      if (matcher.matches()) {
        outputElementVariable = matcher.group(1);
      }
    }
    Expression completionCondition = null;
    CompletionCondition condition = multi.getCompletionCondition();
    if (condition != null
        && condition.getTextContent() != null
        && !condition.getTextContent().isBlank()) {
      completionCondition = feelExpression(node, condition.getTextContent(), "completionCondition");
    }
    inner.core().lookupId = inner.id() + INNER_SUFFIX;
    return new ExecutableElement.MultiInstanceBody(
        new ElementCore(node.getId(), node.getName(), ElementKind.MULTI_INSTANCE_BODY),
        new io.civicflow.engine.model.LoopCharacteristics(
            multi.isSequential(),
            inputCollection,
            blankToNull(zeebe.getInputElement()),
            blankToNull(zeebe.getOutputCollection()),
            outputElement,
            outputElementVariable,
            completionCondition),
        inner);
  }

  /** The escalation of an intermediate throw or end event, or null (with a problem reported). */
  private EventSpec escalationThrow(ThrowEvent event) {
    EscalationEventDefinition definition =
        single(event.getEventDefinitions(), EscalationEventDefinition.class);
    if (definition == null) {
      return null;
    }
    if (definition.getEscalation() == null
        || definition.getEscalation().getEscalationCode() == null
        || definition.getEscalation().getEscalationCode().isBlank()) {
      problems.report(
          event, "an escalation throw event must reference an escalation with an escalation code");
      return null;
    }
    return new EventSpec.Escalation(
        expression(event, definition.getEscalation().getEscalationCode(), "escalation code"));
  }

  /** The escalation caught by a boundary event (its code null = every escalation). */
  private EventSpec escalationBoundary(BoundaryEvent boundary) {
    EscalationEventDefinition definition =
        single(boundary.getEventDefinitions(), EscalationEventDefinition.class);
    if (definition == null) {
      return null;
    }
    return new EventSpec.Escalation(
        catchCode(
            definition.getEscalation() == null
                ? null
                : definition.getEscalation().getEscalationCode()));
  }

  static boolean isEventSubProcess(ModelElementInstance element) {
    return element instanceof SubProcess sub && sub.triggeredByEvent();
  }

  /**
   * The start event of an event sub-process: error (always interrupting) or escalation. Timer,
   * message and signal start events are read by {@code EventElementReader}; their subscriptions
   * belong to the enclosing scope and start the event sub-process through {@code
   * EventSubProcessBehavior.trigger}.
   */
  private EventSpec eventSubProcessStart(StartEvent start) {
    Collection<EventDefinition> definitions = start.getEventDefinitions();
    if (definitions.size() != 1) {
      problems.report(
          start,
          "the start event of an event sub-process must have exactly one event definition (error or escalation)");
      return null;
    }
    EventDefinition definition = definitions.iterator().next();
    if (definition instanceof ErrorEventDefinition error) {
      if (!start.isInterrupting()) {
        problems.report(start, "an error start event of an event sub-process must be interrupting");
        return null;
      }
      return new EventSpec.Error(
          catchCode(error.getError() == null ? null : error.getError().getErrorCode()));
    } else if (definition instanceof EscalationEventDefinition escalation) {
      return new EventSpec.Escalation(
          catchCode(
              escalation.getEscalation() == null
                  ? null
                  : escalation.getEscalation().getEscalationCode()));
    } else {
      problems.report(
          start,
          "'"
              + definition.getElementType().getTypeName()
              + "' start events of event sub-processes are not supported yet (only error and escalation)");
      return null;
    }
  }

  /**
   * Checks an event sub-process once its children are known: exactly one (error/escalation) start
   * event.
   */
  void checkEventSubProcess(SubProcess node, ExecutableElement element) {
    long starts =
        element.children().stream().filter(c -> c.kind() == ElementKind.START_EVENT).count();
    if (starts != 1) {
      problems.report(node, "an event sub-process must have exactly one start event");
    }
    if (!node.getIncoming().isEmpty() || !node.getOutgoing().isEmpty()) {
      problems.report(
          node, "an event sub-process must not have incoming or outgoing sequence flows");
    }
  }

  private static Expression catchCode(String code) {
    return code == null || code.isBlank() ? null : new Expression.Static(code);
  }

  private static <T> T single(Collection<EventDefinition> definitions, Class<T> type) {
    if (definitions.size() == 1 && type.isInstance(definitions.iterator().next())) {
      return type.cast(definitions.iterator().next());
    }
    return null;
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }

  /** A model attribute that is always FEEL; the leading {@code =} is optional. */
  private Expression feelExpression(BaseElement node, String text, String what) {
    String trimmed = text.strip();
    try {
      return feel.parseFeel(trimmed.startsWith("=") ? trimmed.substring(1) : trimmed, trimmed);
    } catch (FeelEvaluationException e) {
      problems.report(node, what + " is not valid FEEL: " + e.getMessage());
      return new Expression.Static(text);
    }
  }

  private Expression expression(BaseElement node, String text, String what) {
    try {
      return feel.parse(text);
    } catch (FeelEvaluationException e) {
      problems.report(node, what + " is not valid FEEL: " + e.getMessage());
      return new Expression.Static(text);
    }
  }
}
