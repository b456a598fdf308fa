package io.civicflow.engine.model;

/** The event definition on an event element ({@code NONE} for plain start/end/throw events). */
public enum EventType {
  NONE,
  TERMINATE,
  ERROR,
  ESCALATION,
  MESSAGE,
  TIMER,
  SIGNAL,
  LINK,
  COMPENSATION
}
