package io.civicflow.workers.dispatch;

/** How urgent a service request is; urgent requests run on 24-hour clocks. */
public enum Urgency {
  URGENT,
  NORMAL
}
