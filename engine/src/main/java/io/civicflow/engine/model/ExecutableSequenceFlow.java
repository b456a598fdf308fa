package io.civicflow.engine.model;

import io.civicflow.engine.feel.Expression;

/** A sequence flow; {@code condition} is null when unconditional. */
public final class ExecutableSequenceFlow {
  private final String id;
  private final Expression condition;
  ExecutableElement source;
  ExecutableElement target;

  ExecutableSequenceFlow(String id, Expression condition) {
    this.id = id;
    this.condition = condition;
  }

  public String id() {
    return id;
  }

  public Expression condition() {
    return condition;
  }

  public ExecutableElement source() {
    return source;
  }

  public ExecutableElement target() {
    return target;
  }

  @Override
  public String toString() {
    return id;
  }
}
