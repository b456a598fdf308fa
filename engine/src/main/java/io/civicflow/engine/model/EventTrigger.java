package io.civicflow.engine.model;

import io.civicflow.engine.feel.Expression;
import io.civicflow.engine.timer.TimerSchedule;

/**
 * What triggers (or, for throw events, what is sent by) an event element: a timer, a message or a
 * signal. Expressions are static text or FEEL, evaluated when the element is entered (start events:
 * when the process is deployed).
 */
public sealed interface EventTrigger extends EventSpec {

  /** A BPMN timer: {@code kind} tells whether {@code value} is a date, a duration or a cycle. */
  record Timer(TimerSchedule.Kind kind, Expression value) implements EventTrigger {
    @Override
    public EventType type() {
      return EventType.TIMER;
    }
  }

  /** A message by name; {@code correlationKey} is null on message start events. */
  record Message(Expression name, Expression correlationKey) implements EventTrigger {
    @Override
    public EventType type() {
      return EventType.MESSAGE;
    }
  }

  record Signal(Expression name) implements EventTrigger {
    @Override
    public EventType type() {
      return EventType.SIGNAL;
    }
  }
}
