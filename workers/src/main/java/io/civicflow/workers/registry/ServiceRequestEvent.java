package io.civicflow.workers.registry;

/**
 * What happens to a resident's service request (Taicang: 中心派单 → 社工站接单 → 驻站社工服务; DOMAIN.md §4). The
 * {@code *_LAPSED} events are SLA breaches (decision {@code dispatch-sla}).
 */
public enum ServiceRequestEvent {
  REGISTERED,
  /** Not dispatched by the centre in time (decision dispatch-sla): an SLA breach. */
  DISPATCH_LAPSED,
  DISPATCHED,
  ACCEPTED,
  /** Not accepted in time (1 working day; urgent 24 hours): an SLA breach, re-dispatched. */
  ACCEPTANCE_LAPSED,
  /** Not served in time (5 working days; urgent 24 hours): an SLA breach. */
  SERVICE_LAPSED,
  /** The resident not contacted in time after the assignment: an SLA breach. */
  FIRST_CONTACT_LAPSED,
  SERVED,
  CASE_OPENED,
  /** The call-back and close not done in time after the service: an SLA breach. */
  CLOSE_LAPSED,
  CLOSED
}
