package io.civicflow.engine.model;

import io.civicflow.engine.feel.Expression;
import java.util.List;
import java.util.Map;

/**
 * One element of a deployed process, as the processors see it: a record per element family, each
 * with the {@link ElementCore} every element shares and only the parts its family uses. Built once
 * by {@link BpmnTransformer} and never changed afterwards. A processor declares the family it runs,
 * so the compiler checks what it reads.
 */
public sealed interface ExecutableElement {

  ElementCore core();

  default String id() {
    return core().id();
  }

  /** The BPMN name, or null. */
  default String name() {
    return core().name();
  }

  default ElementKind kind() {
    return core().kind();
  }

  /** The event definition's type; {@code NONE} for everything but events. */
  default EventType eventType() {
    return EventType.NONE;
  }

  default ExecutableElement flowScope() {
    return core().flowScope();
  }

  default List<ExecutableSequenceFlow> incoming() {
    return core().incoming();
  }

  default List<ExecutableSequenceFlow> outgoing() {
    return core().outgoing();
  }

  default List<Mapping> inputs() {
    return core().inputs();
  }

  default List<Mapping> outputs() {
    return core().outputs();
  }

  default List<ExecutableElement> children() {
    return core().children();
  }

  default List<ExecutableElement> boundaryEvents() {
    return core().boundaryEvents();
  }

  default String lookupId() {
    return core().lookupId();
  }

  /** Whether this is the inner activity of a multi-instance body. */
  default boolean isMultiInstanceInner() {
    return flowScope() instanceof MultiInstanceBody;
  }

  /**
   * An ad-hoc sub-process ({@code zeebe:adHoc}): its inner elements without incoming flows are
   * activated by the {@code activeElementsCollection} (a list of element ids, evaluated on
   * activation) or through the API; it completes when the {@code completionCondition} holds after
   * an inner path ended (then cancelling what is still active if {@code cancelRemainingInstances}),
   * or, without one, when nothing inside is active any more. With {@code outputCollection}, each
   * completing inner element's {@code outputElement} is appended to that list variable.
   */
  record AdHocSubProcess(
      ElementCore core,
      Expression activeElementsCollection,
      Expression completionCondition,
      boolean cancelRemainingInstances,
      JobDefinition job,
      List<Map<String, Object>> elements,
      String outputCollection,
      Expression outputElement)
      implements ExecutableElement {

    /** Implemented by a job worker ({@code zeebe:taskDefinition}): its job decides what runs. */
    public boolean byJobWorker() {
      return job != null;
    }

    /** The inner element of that id that may be activated (no incoming flow), or null. */
    public ExecutableElement activatable(String elementId) {
      for (ExecutableElement child : core.children()) {
        if (child.id().equals(elementId)
            && child.incoming().isEmpty()
            && !(child instanceof BoundaryEvent)) {
          return child;
        }
      }
      return null;
    }

    @Override
    public String toString() {
      return core.toString();
    }
  }

  /** A process, an embedded sub-process or an event sub-process. */
  record Container(ElementCore core) implements ExecutableElement {
    /** The none start event that begins the container, or null (event sub-processes). */
    public StartEvent noneStartEvent() {
      StartEvent found = null;
      for (ExecutableElement child : core.children()) {
        if (child instanceof StartEvent start && start.eventType() == EventType.NONE) {
          found = start;
        }
      }
      return found;
    }

    @Override
    public String toString() {
      return core.toString();
    }
  }

  /** A task or manual task: nothing to do but pass. */
  record Task(ElementCore core) implements ExecutableElement {
    @Override
    public String toString() {
      return core.toString();
    }
  }

  /** Service, send, and job-based script and business rule tasks. */
  record JobTask(ElementCore core, JobDefinition job) implements ExecutableElement {
    @Override
    public String toString() {
      return core.toString();
    }
  }

  /** A FEEL script task ({@code zeebe:script}): the expression and where its result goes. */
  record ScriptTask(ElementCore core, Expression script, String resultVariable)
      implements ExecutableElement {
    @Override
    public String toString() {
      return core.toString();
    }
  }

  /** A user task: assignment, schedule, priority, form. */
  record UserTask(ElementCore core, UserTaskDefinition definition) implements ExecutableElement {
    @Override
    public String toString() {
      return core.toString();
    }
  }

  /** A business rule task with a called decision. */
  record DecisionTask(ElementCore core, CalledDecision decision) implements ExecutableElement {
    @Override
    public String toString() {
      return core.toString();
    }
  }

  /** A receive task: waits for its message. */
  record ReceiveTask(ElementCore core, EventTrigger.Message message) implements ExecutableElement {
    @Override
    public String toString() {
      return core.toString();
    }
  }

  /** A call activity: the process it calls. */
  record CallActivity(ElementCore core, CalledElement called) implements ExecutableElement {
    @Override
    public String toString() {
      return core.toString();
    }
  }

  /**
   * The body of a multi-instance activity: it takes the activity's id, flows and boundary events
   * and runs {@code inner} once per item.
   */
  record MultiInstanceBody(ElementCore core, LoopCharacteristics loop, ExecutableElement inner)
      implements ExecutableElement {
    @Override
    public String toString() {
      return core.toString();
    }
  }

  /** An exclusive, inclusive, parallel or event-based gateway. */
  record Gateway(ElementCore core, String defaultFlowId) implements ExecutableElement {
    /** Exclusive and inclusive gateways: the default flow, or null. */
    public ExecutableSequenceFlow defaultFlow() {
      if (defaultFlowId == null) {
        return null;
      }
      for (ExecutableSequenceFlow flow : core.outgoing()) {
        if (flow.id().equals(defaultFlowId)) {
          return flow;
        }
      }
      return null;
    }

    @Override
    public String toString() {
      return core.toString();
    }
  }

  /** Start, intermediate, boundary and end events, with their event definition. */
  sealed interface Event extends ExecutableElement
      permits StartEvent, CatchEvent, BoundaryEvent, ThrowEvent {

    EventSpec spec();

    @Override
    default EventType eventType() {
      return spec().type();
    }

    /** Timer, message and signal events: what triggers them (signal throws: what they send). */
    default EventTrigger trigger() {
      return spec() instanceof EventTrigger trigger ? trigger : null;
    }

    /** Whether catching the event interrupts its scope (boundary and event sub-process starts). */
    default boolean interrupting() {
      return true;
    }
  }

  /**
   * A start event. {@code interrupting} matters for the start events of event sub-processes; {@code
   * startForm} is the form of a none start event, or null.
   */
  record StartEvent(ElementCore core, EventSpec spec, boolean interrupting, FormLink startForm)
      implements Event {
    @Override
    public String toString() {
      return core.toString();
    }
  }

  /** An intermediate catch event (timer, message or signal). */
  record CatchEvent(ElementCore core, EventSpec spec) implements Event {
    @Override
    public String toString() {
      return core.toString();
    }
  }

  /** A boundary event on the activity it is attached to. */
  record BoundaryEvent(
      ElementCore core, EventSpec spec, ExecutableElement attachedTo, boolean interrupting)
      implements Event {
    @Override
    public String toString() {
      return core.toString();
    }
  }

  /** An intermediate throw event or an end event. */
  record ThrowEvent(ElementCore core, EventSpec spec) implements Event {
    @Override
    public String toString() {
      return core.toString();
    }
  }
}
