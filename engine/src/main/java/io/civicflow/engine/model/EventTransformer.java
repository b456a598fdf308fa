package io.civicflow.engine.model;

import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.CatchEvent;
import io.camunda.zeebe.model.bpmn.instance.CompensateEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.EndEvent;
import io.camunda.zeebe.model.bpmn.instance.ErrorEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.Event;
import io.camunda.zeebe.model.bpmn.instance.EventDefinition;
import io.camunda.zeebe.model.bpmn.instance.IntermediateCatchEvent;
import io.camunda.zeebe.model.bpmn.instance.IntermediateThrowEvent;
import io.camunda.zeebe.model.bpmn.instance.LinkEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import io.camunda.zeebe.model.bpmn.instance.TerminateEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.ThrowEvent;
import io.civicflow.engine.feel.Expression;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * Builds the event elements for {@link BpmnTransformer}: reads the event definition (timers,
 * messages and signals through {@link EventElementReader}, escalations and the start events of
 * event sub-processes through {@link StructureTransformer}, none, terminate and error here) and
 * makes the record for the event's place: start, intermediate catch, boundary, or throw and end.
 */
final class EventTransformer {

  private final EventElementReader events;
  private final StructureTransformer structure;
  private final UserTaskTransformer userTasks;
  private final UserTaskTransformer.Support support;
  private final Consumer<ModelProblem> problems;

  EventTransformer(
      EventElementReader events,
      StructureTransformer structure,
      UserTaskTransformer userTasks,
      UserTaskTransformer.Support support,
      Consumer<ModelProblem> problems) {
    this.events = events;
    this.structure = structure;
    this.userTasks = userTasks;
    this.support = support;
    this.problems = problems;
  }

  /**
   * An event element with its definition, or null (with a problem reported).
   *
   * @param attachedTo boundary events: the activity (or multi-instance body) they are attached to
   */
  ExecutableElement.Event create(Event event, ExecutableElement attachedTo) {
    EventSpec spec = spec(event);
    if (spec == null) {
      return null;
    }
    if (event instanceof StartEvent start) {
      boolean eventSubProcess = EventElementReader.isEventSubProcessStart(start);
      return new ExecutableElement.StartEvent(
          core(start, ElementKind.START_EVENT),
          spec,
          !eventSubProcess || start.isInterrupting(),
          spec instanceof EventSpec.None ? userTasks.startForm(start) : null);
    }
    if (event instanceof BoundaryEvent boundary) {
      return new ExecutableElement.BoundaryEvent(
          core(boundary, ElementKind.BOUNDARY_EVENT), spec, attachedTo, boundary.cancelActivity());
    }
    if (event instanceof IntermediateCatchEvent catchEvent) {
      return new ExecutableElement.CatchEvent(
          core(catchEvent, ElementKind.INTERMEDIATE_CATCH_EVENT), spec);
    }
    return new ExecutableElement.ThrowEvent(
        core(
            event,
            event instanceof EndEvent
                ? ElementKind.END_EVENT
                : ElementKind.INTERMEDIATE_THROW_EVENT),
        spec);
  }

  private EventSpec spec(Event node) {
    if (EventElementReader.isEventSubProcessStart(node) && events.handles(node)) {
      // timer, message and signal starts of event sub-processes: subscriptions of the enclosing
      // scope
      return events.trigger(node, problems);
    } else if (structure.handlesEvent(node)) {
      // first: start events of event sub-processes and escalation events are the structure's
      return structure.eventSpec(node);
    } else if (events.handles(node)) {
      return events.trigger(node, problems);
    } else if ((node instanceof IntermediateCatchEvent || node instanceof IntermediateThrowEvent)
        && definitions(node).size() == 1
        && definitions(node).iterator().next() instanceof LinkEventDefinition link) {
      return new EventSpec.Link(link.getName());
    } else if ((node instanceof IntermediateThrowEvent || node instanceof EndEvent)
        && definitions(node).size() == 1
        && definitions(node).iterator().next() instanceof CompensateEventDefinition compensate) {
      return new EventSpec.Compensation(
          compensate.getActivity() == null ? null : compensate.getActivity().getId());
    } else if (node instanceof StartEvent || node instanceof IntermediateThrowEvent) {
      return none(node);
    } else if (node instanceof EndEvent end) {
      return endSpec(end);
    } else if (node instanceof BoundaryEvent boundary) {
      return boundarySpec(boundary);
    }
    support.report(node, BpmnTransformer.unsupported(node));
    return null;
  }

  private EventSpec none(Event event) {
    Collection<EventDefinition> definitions = definitions(event);
    if (!definitions.isEmpty()) {
      support.report(
          event,
          "'"
              + definitions.iterator().next().getElementType().getTypeName()
              + "' on a "
              + event.getElementType().getTypeName()
              + " is not supported yet");
      return null;
    }
    return new EventSpec.None();
  }

  private EventSpec endSpec(EndEvent end) {
    Collection<EventDefinition> definitions = end.getEventDefinitions();
    if (definitions.isEmpty()) {
      return new EventSpec.None();
    }
    EventDefinition definition = definitions.iterator().next();
    if (definition instanceof TerminateEventDefinition) {
      return new EventSpec.Terminate();
    }
    if (definition instanceof ErrorEventDefinition error) {
      if (error.getError() == null || error.getError().getErrorCode() == null) {
        support.report(end, "an error end event must reference an error with an error code");
        return null;
      }
      return new EventSpec.Error(
          support.expression(end, error.getError().getErrorCode(), "error code"));
    }
    return none(end);
  }

  private EventSpec boundarySpec(BoundaryEvent boundary) {
    Collection<EventDefinition> definitions = boundary.getEventDefinitions();
    if (definitions.size() == 1
        && definitions.iterator().next() instanceof ErrorEventDefinition error) {
      return new EventSpec.Error(
          error.getError() != null && error.getError().getErrorCode() != null
              ? new Expression.Static(error.getError().getErrorCode())
              : null);
    }
    return none(boundary);
  }

  private static ElementCore core(Event event, ElementKind kind) {
    return new ElementCore(event.getId(), event.getName(), kind);
  }

  private static Collection<EventDefinition> definitions(Event event) {
    if (event instanceof CatchEvent catchEvent) {
      return catchEvent.getEventDefinitions();
    }
    if (event instanceof ThrowEvent throwEvent) {
      return throwEvent.getEventDefinitions();
    }
    return List.of();
  }
}
