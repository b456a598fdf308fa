package io.civicflow.workers.registry;

/**
 * What happens to a resident on a resident social worker's visiting roster (Taicang: "驻站社工同步开展外展服务，
 * 在走访中自主发现服务需求"; DOMAIN.md §4).
 */
public enum OutreachEvent {
  /** Put on the roster of the social worker who covers the community. */
  ENROLLED,
  /** One visit, with its findings. */
  VISITED,
  /** A visit's finding opened a case (case-work). */
  CASE_OPENED,
  /** A visit's finding became a service request (service-dispatch). */
  REQUEST_RAISED,
  /** Taken off the roster (temporary visits done, moved away, no longer in need). */
  LEFT_ROSTER
}
