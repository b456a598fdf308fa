package io.civicflow.engine.model;

import io.civicflow.engine.feel.Expression;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One element of a deployed process, as the processors see it. Built once by {@link
 * BpmnTransformer} and never changed afterwards; the lists are unmodifiable once the transformer
 * seals the process. Parts that only some kinds use are null (or empty) for the others.
 */
public final class ExecutableElement {
  private final String id;
  private final String name;
  private final ElementKind kind;
  private final EventType eventType;

  ExecutableElement flowScope;
  List<ExecutableSequenceFlow> incoming = new ArrayList<>();
  List<ExecutableSequenceFlow> outgoing = new ArrayList<>();
  ExecutableSequenceFlow defaultFlow;
  List<Mapping> inputs = List.of();
  List<Mapping> outputs = List.of();
  JobDefinition job;

  /** Error end events: the code thrown. Error boundaries: the code caught, null = catch all. */
  Expression errorCode;

  /** Script tasks: the FEEL expression and where its result goes. */
  Expression script;

  String resultVariable;

  /**
   * Activities: boundary events attached to them. Boundary events: the activity, and interrupting.
   */
  List<ExecutableElement> boundaryEvents = new ArrayList<>();

  ExecutableElement attachedTo;
  boolean interrupting = true;

  /** Containers: the child elements and the none start event that begins them. */
  List<ExecutableElement> children = new ArrayList<>();

  ExecutableElement noneStartEvent;

  /**
   * Timer, message and signal events, receive tasks: what triggers them (signal throws: what they
   * send).
   */
  EventTrigger trigger;

  /** Where {@link ExecutableProcess#element} finds this element, when not under its BPMN id. */
  String lookupId;

  /** Multi-instance bodies: the loop and the activity run once per item. */
  LoopCharacteristics loop;

  ExecutableElement innerActivity;

  /** Call activities: the process they call. */
  CalledElement calledElement;

  /**
   * Escalation throw events: the code thrown. Escalation catch events: the code caught, null = all.
   */
  Expression escalationCode;

  /** User tasks: assignment, schedule, priority, form. */
  UserTaskDefinition userTask;

  /** Business rule tasks with a called decision (job-based ones have {@link #job()} instead). */
  CalledDecision calledDecision;

  /** None start events: the start form, if one is linked. */
  FormLink startForm;

  ExecutableElement(String id, String name, ElementKind kind, EventType eventType) {
    this.id = id;
    this.name = name;
    this.kind = kind;
    this.eventType = eventType;
  }

  void seal() {
    incoming = Collections.unmodifiableList(incoming);
    outgoing = Collections.unmodifiableList(outgoing);
    boundaryEvents = Collections.unmodifiableList(boundaryEvents);
    children = Collections.unmodifiableList(children);
  }

  public String id() {
    return id;
  }

  /** The BPMN name, or null. */
  public String name() {
    return name;
  }

  public ElementKind kind() {
    return kind;
  }

  public EventType eventType() {
    return eventType;
  }

  /** The process or sub-process this element belongs to; null for the process itself. */
  public ExecutableElement flowScope() {
    return flowScope;
  }

  public List<ExecutableSequenceFlow> incoming() {
    return incoming;
  }

  public List<ExecutableSequenceFlow> outgoing() {
    return outgoing;
  }

  public ExecutableSequenceFlow defaultFlow() {
    return defaultFlow;
  }

  public List<Mapping> inputs() {
    return inputs;
  }

  public List<Mapping> outputs() {
    return outputs;
  }

  public JobDefinition job() {
    return job;
  }

  public Expression errorCode() {
    return errorCode;
  }

  public Expression script() {
    return script;
  }

  public String resultVariable() {
    return resultVariable;
  }

  public List<ExecutableElement> boundaryEvents() {
    return boundaryEvents;
  }

  public ExecutableElement attachedTo() {
    return attachedTo;
  }

  public boolean interrupting() {
    return interrupting;
  }

  public List<ExecutableElement> children() {
    return children;
  }

  public ExecutableElement noneStartEvent() {
    return noneStartEvent;
  }

  public EventTrigger trigger() {
    return trigger;
  }

  /**
   * The id under which {@link ExecutableProcess#element} finds this element and element instances
   * record it: the BPMN id, except for the inner activity of a multi-instance activity, which
   * shares its BPMN id with its body (as in Zeebe, both instances report the same element id).
   */
  public String lookupId() {
    return lookupId == null ? id : lookupId;
  }

  /** Whether this is the inner activity of a multi-instance body. */
  public boolean isMultiInstanceInner() {
    return flowScope != null && flowScope.kind() == ElementKind.MULTI_INSTANCE_BODY;
  }

  public LoopCharacteristics loop() {
    return loop;
  }

  /** Multi-instance bodies: the activity each instance runs. */
  public ExecutableElement innerActivity() {
    return innerActivity;
  }

  public CalledElement calledElement() {
    return calledElement;
  }

  public Expression escalationCode() {
    return escalationCode;
  }

  public UserTaskDefinition userTask() {
    return userTask;
  }

  public CalledDecision calledDecision() {
    return calledDecision;
  }

  public FormLink startForm() {
    return startForm;
  }

  @Override
  public String toString() {
    return kind + "[" + id + "]";
  }
}
