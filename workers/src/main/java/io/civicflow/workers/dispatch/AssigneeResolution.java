package io.civicflow.workers.dispatch;

import java.util.Objects;

/**
 * The AB role (Shanghai policy study: "AB角", so no service stops when one person is away): the
 * station head names the resident social worker (A) and a backup (B); the service goes to B when A
 * is marked away. When both are away (or A is away and there is no B) it stays with A and says so:
 * {@code escalateToHead}, which service-dispatch sends to the station head to assign again.
 */
public final class AssigneeResolution {

  private final WorkerAvailability availability;

  public AssigneeResolution(WorkerAvailability availability) {
    this.availability = Objects.requireNonNull(availability, "availability");
  }

  public Resolved resolve(String assignee, String backup) {
    if (assignee == null || assignee.isBlank()) {
      throw new IllegalArgumentException("dispatch.resolve-assignee needs the assignee");
    }
    if (!availability.isAway(assignee)) {
      return new Resolved(assignee, false, null, false);
    }
    if (backup != null && !backup.isBlank() && !backup.equals(assignee)) {
      if (!availability.isAway(backup)) {
        return new Resolved(backup, true, null, false);
      }
      return new Resolved(assignee, false, "A角" + assignee + "与B角" + backup + "均不在岗，请站长另行指派", true);
    }
    return new Resolved(assignee, false, "A角" + assignee + "不在岗且未指定B角，请站长另行指派", true);
  }

  /**
   * @param serviceWorker who serves the request
   * @param abRoleUsed true when the backup took over
   * @param abRoleWarning why nobody present could take it, null when someone could
   * @param escalateToHead true when nobody present could take it: the station head assigns again
   */
  public record Resolved(
      String serviceWorker, boolean abRoleUsed, String abRoleWarning, boolean escalateToHead) {}
}
