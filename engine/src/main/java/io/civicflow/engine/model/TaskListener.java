package io.civicflow.engine.model;

import io.civicflow.engine.feel.Expression;

/**
 * One {@code zeebe:taskListener} of a Camunda user task: a job of kind {@code TASK_LISTENER} the
 * task's lifecycle transition waits for. Listeners of one event type run one after the other, in
 * model order; each may correct the task's data or (assigning, updating, completing) deny the
 * transition.
 */
public record TaskListener(Event eventType, Expression type, Expression retries) {

  /** Camunda 8.8's event types (the deprecated create, assignment, … map to these). */
  public enum Event {
    CREATING,
    ASSIGNING,
    UPDATING,
    COMPLETING,
    CANCELING;

    /** Whether a listener of this event type may deny the transition. */
    public boolean mayDeny() {
      return this == ASSIGNING || this == UPDATING || this == COMPLETING;
    }
  }
}
