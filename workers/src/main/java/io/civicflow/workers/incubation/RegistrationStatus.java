package io.civicflow.workers.incubation;

/**
 * An applicant's registration with civil affairs (登记). Incubation admits groups that are not yet
 * registered; they must register by the deadline set at admission.
 */
public enum RegistrationStatus {
  /** Registered as a social organisation (社会组织). */
  REGISTERED,
  /** Not registered: a community group (社区社会组织) or a team. */
  UNREGISTERED,
  /** Registration filed, not yet granted. */
  IN_PROGRESS
}
