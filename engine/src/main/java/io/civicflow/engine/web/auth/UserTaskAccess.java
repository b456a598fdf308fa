package io.civicflow.engine.web.auth;

import io.civicflow.engine.api.EngineRejection;
import io.civicflow.engine.api.RejectionType;
import io.civicflow.engine.query.Records.UserTaskRecord;
import java.util.List;

/**
 * Which user tasks a user may see and work on: those assigned to them, those naming them as a
 * candidate user, and those with a candidate group they belong to. Administrators see every task.
 *
 * <p>Seeing a task is also the right to assign, unassign, update and complete it — a simplification
 * of Camunda's authorisations (resource-based permissions such as {@code READ_USER_TASK} and {@code
 * UPDATE_USER_TASK} per process definition), which the engine does not model.
 */
public final class UserTaskAccess {

  private UserTaskAccess() {}

  public static boolean canSee(Identity identity, UserTaskRecord task) {
    if (identity.isAdmin() || identity.username().equals(task.assignee())) {
      return true;
    }
    List<String> users = task.candidateUsers();
    if (users != null && users.contains(identity.username())) {
      return true;
    }
    List<String> groups = task.candidateGroups();
    return groups != null && groups.stream().anyMatch(identity.groups()::contains);
  }

  /**
   * Refuses a task the user may not see with 403 {@code FORBIDDEN}, as Camunda refuses a resource
   * without the permission (its REST API answers 403 for a missing authorisation, 404 only for a
   * task that does not exist).
   */
  public static UserTaskRecord require(Identity identity, UserTaskRecord task) {
    if (!canSee(identity, task)) {
      throw new EngineRejection(
          RejectionType.FORBIDDEN,
          "User '"
              + identity.username()
              + "' may not access user task "
              + task.userTaskKey()
              + ": not its assignee, a candidate user or in a candidate group");
    }
    return task;
  }
}
