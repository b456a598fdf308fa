package io.civicflow.workers.dispatch;

/**
 * Who of the resident social workers is away (on leave, ill, on another assignment), as the station
 * head marks it: the AB role (Shanghai) hands an away worker's service to the named backup. Marking
 * is idempotent. Implementations must be safe for concurrent use.
 */
public interface WorkerAvailability {

  /** Marks {@code userId} away, or back at work. */
  void mark(String userId, boolean away);

  /** Tells whether {@code userId} is marked away; unknown users are at work. */
  boolean isAway(String userId);
}
