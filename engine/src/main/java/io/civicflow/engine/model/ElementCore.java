package io.civicflow.engine.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The part every {@link ExecutableElement} shares: identity, kind, mappings and its place in the
 * graph (flow scope, children, sequence flows, attached boundary events). The transformer links the
 * graph while it reads a process and seals it afterwards; from then on it never changes. Lists are
 * empty, never null, where a kind has none.
 */
public final class ElementCore {
  private final String id;
  private final String name;
  private final ElementKind kind;

  ExecutableElement flowScope;
  List<ExecutableSequenceFlow> incoming = new ArrayList<>();
  List<ExecutableSequenceFlow> outgoing = new ArrayList<>();
  List<Mapping> inputs = List.of();
  List<Mapping> outputs = List.of();
  List<ExecutableElement> children = new ArrayList<>();
  List<ExecutableElement> boundaryEvents = new ArrayList<>();
  List<ExecutionListener> startListeners = List.of();
  List<ExecutionListener> endListeners = List.of();

  /** Activities with a compensation boundary event: the id of their compensation handler. */
  String compensationHandler;

  /** A compensation handler ({@code isForCompensation}): run only by a compensation throw. */
  boolean forCompensation;

  /** A compensation handler: the id of the compensation boundary event associated with it. */
  String compensationBoundary;

  /** Where {@link ExecutableProcess#element} finds this element, when not under its BPMN id. */
  String lookupId;

  ElementCore(String id, String name, ElementKind kind) {
    this.id = id;
    this.name = name;
    this.kind = kind;
  }

  void seal() {
    incoming = Collections.unmodifiableList(incoming);
    outgoing = Collections.unmodifiableList(outgoing);
    children = Collections.unmodifiableList(children);
    boundaryEvents = Collections.unmodifiableList(boundaryEvents);
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

  /**
   * The process, sub-process or multi-instance body this element belongs to; null for a process.
   */
  public ExecutableElement flowScope() {
    return flowScope;
  }

  public List<ExecutableSequenceFlow> incoming() {
    return incoming;
  }

  public List<ExecutableSequenceFlow> outgoing() {
    return outgoing;
  }

  public List<Mapping> inputs() {
    return inputs;
  }

  public List<Mapping> outputs() {
    return outputs;
  }

  /** Containers and multi-instance bodies: the elements directly inside. */
  public List<ExecutableElement> children() {
    return children;
  }

  /** Activities: the boundary events attached to them. */
  public List<ExecutableElement> boundaryEvents() {
    return boundaryEvents;
  }

  /**
   * The id of the compensation handler associated with this activity's compensation boundary event,
   * or null.
   */
  public String compensationHandler() {
    return compensationHandler;
  }

  /**
   * A compensation handler: the id of its compensation boundary event (an element instance of it is
   * completed when the handler is run, as in Zeebe), or null.
   */
  public String compensationBoundary() {
    return compensationBoundary;
  }

  /** Whether this activity is a compensation handler ({@code isForCompensation="true"}). */
  public boolean forCompensation() {
    return forCompensation;
  }

  /** The {@code start} execution listeners, in model order. */
  public List<ExecutionListener> startListeners() {
    return startListeners;
  }

  /** The {@code end} execution listeners, in model order. */
  public List<ExecutionListener> endListeners() {
    return endListeners;
  }

  /** The execution listeners of one event type. */
  public List<ExecutionListener> listeners(ExecutionListener.Event eventType) {
    return eventType == ExecutionListener.Event.START ? startListeners : endListeners;
  }

  /**
   * The id under which {@link ExecutableProcess#element} finds this element and element instances
   * record it: the BPMN id, except for the inner activity of a multi-instance activity, which
   * shares its BPMN id with its body (as in Zeebe, both instances report the same element id).
   */
  public String lookupId() {
    return lookupId == null ? id : lookupId;
  }

  @Override
  public String toString() {
    return kind + "[" + id + "]";
  }
}
