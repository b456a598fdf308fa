package io.civicflow.engine.model;

import io.civicflow.engine.feel.Expression;

/**
 * The event definition of an event element: what it catches or throws. Timer, message and signal
 * definitions are {@link EventTrigger}s (a receive task has one too).
 */
public sealed interface EventSpec
    permits EventSpec.None,
        EventSpec.Terminate,
        EventSpec.Error,
        EventSpec.Escalation,
        EventSpec.Link,
        EventSpec.MessageJob,
        EventSpec.Compensation,
        EventTrigger {

  EventType type();

  /** Error and escalation events: the code thrown, or caught (null = every code). */
  default Expression code() {
    return null;
  }

  /** A plain start, end or throw event. */
  record None() implements EventSpec {
    @Override
    public EventType type() {
      return EventType.NONE;
    }
  }

  record Terminate() implements EventSpec {
    @Override
    public EventType type() {
      return EventType.TERMINATE;
    }
  }

  record Error(Expression code) implements EventSpec {
    @Override
    public EventType type() {
      return EventType.ERROR;
    }
  }

  record Escalation(Expression code) implements EventSpec {
    @Override
    public EventType type() {
      return EventType.ESCALATION;
    }
  }

  /**
   * An intermediate link throw or catch event: a throw continues at the catch event of the same
   * name in its flow scope (Zeebe checks at deployment that it exists and is unique).
   */
  record Link(String name) implements EventSpec {
    @Override
    public EventType type() {
      return EventType.LINK;
    }
  }

  /**
   * A message intermediate throw or end event: Camunda runs it as a job ({@code
   * zeebe:taskDefinition}), like a send task; the worker sends the message.
   */
  record MessageJob(JobDefinition job) implements EventSpec {
    @Override
    public EventType type() {
      return EventType.MESSAGE;
    }
  }

  /**
   * A compensation intermediate throw or end event: runs the compensation handlers of the completed
   * activities of its flow scope, or of the one activity {@code activityRef} names (null = all),
   * and waits for them to complete (Zeebe's {@code waitForCompletion} is always true).
   */
  record Compensation(String activityRef) implements EventSpec {
    @Override
    public EventType type() {
      return EventType.COMPENSATION;
    }
  }
}
