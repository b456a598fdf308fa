package io.civicflow.workers.registry;

/**
 * What happens to a resident's service request (Taicang: 中心派单 → 社工站接单 → 驻站社工服务; DOMAIN.md §4). The
 * two {@code *_LAPSED} events are SLA breaches.
 */
public enum ServiceRequestEvent {
  REGISTERED,
  DISPATCHED,
  ACCEPTED,
  /** Not accepted in time (1 working day; urgent 24 hours): an SLA breach, re-dispatched. */
  ACCEPTANCE_LAPSED,
  /** Not served in time (5 working days; urgent 24 hours): an SLA breach. */
  SERVICE_LAPSED,
  SERVED,
  CASE_OPENED,
  CLOSED
}
