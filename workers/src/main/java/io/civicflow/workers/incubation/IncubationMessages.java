package io.civicflow.workers.incubation;

import java.util.Map;

/**
 * Publishes the messages an incubated organisation's requests become. <b>Idempotent by message
 * id:</b> publishing an id that was already published succeeds and publishes nothing new.
 */
public interface IncubationMessages {

  String SUPPORT_REQUESTED = "SupportRequested";
  String COMPLAINT_FILED = "IncubationComplaintFiled";
  String EXIT_REQUESTED = "IncubationExitRequested";

  /** Publishes {@code name} correlated by {@code orgId}, kept 30 days until a process takes it. */
  void publish(String name, String orgId, String messageId, Map<String, Object> variables);
}
