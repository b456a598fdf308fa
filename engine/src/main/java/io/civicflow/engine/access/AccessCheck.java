package io.civicflow.engine.access;

import io.civicflow.engine.api.Commands;
import io.civicflow.engine.api.EngineRejection;
import io.civicflow.engine.api.RejectionType;
import io.civicflow.engine.query.Records.UserTaskRecord;
import io.civicflow.engine.web.auth.Identity;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one authorization decision of the engine, as Camunda 8.8's Orchestration Cluster makes it: a
 * caller may do something when a grant to one of the owners it stands for — the user ({@link
 * OwnerType#USER} by user name), each of its groups ({@link OwnerType#GROUP}) and roles ({@link
 * OwnerType#ROLE}) — allows the permission on the resource or on every resource of the type
 * ({@value AuthorizationGrant#WILDCARD}). There are no deny rules. Members of group or role {@value
 * Identity#ADMIN_GROUP} may do everything, as Camunda 8 Run's admin role.
 *
 * <p>Multi-tenancy as Camunda 8.8: a caller works in the tenants of {@link Identity#tenants()}
 * (none means {@value Commands#DEFAULT_TENANT} only); administrators in all.
 *
 * <p>Where the grants come from is the {@link AuthorizationSource} given: nothing else depends on
 * it. {@link EngineAccess} applies this check to every command and every read, whichever gateway
 * brought it.
 */
public final class AccessCheck {

  private final AuthorizationSource source;

  public AccessCheck(AuthorizationSource source) {
    this.source = Objects.requireNonNull(source, "source");
  }

  /** Members of group or role {@value Identity#ADMIN_GROUP}: everything, in every tenant. */
  public static boolean isAdmin(Identity caller) {
    return caller.groups().contains(Identity.ADMIN_GROUP)
        || caller.roles().contains(Identity.ADMIN_GROUP);
  }

  /** Whether the caller may do {@code permission} on {@code resourceId} of {@code type}. */
  public boolean allows(
      Identity caller, ResourceType type, PermissionType permission, String resourceId) {
    return grantsFor(caller).allows(type, permission, resourceId);
  }

  /**
   * The caller's grants, gathered once: for checking many records of one search without asking the
   * source for each.
   */
  public Grants grantsFor(Identity caller) {
    return new Grants(caller, isAdmin(caller) ? List.of() : grantsOf(caller));
  }

  /** Whether the caller works in this tenant (null or blank: the default tenant). */
  public static boolean inTenant(Identity caller, String tenantId) {
    if (isAdmin(caller)) {
      return true;
    }
    String tenant = Commands.tenantOrDefault(tenantId);
    return caller.tenants().isEmpty()
        ? Commands.DEFAULT_TENANT.equals(tenant)
        : caller.tenants().contains(tenant);
  }

  /**
   * Refuses with 403 {@code FORBIDDEN} (gRPC {@code PERMISSION_DENIED}) unless the caller may do
   * {@code permission} on {@code resourceId}, in Camunda's words.
   */
  public void require(
      Identity caller, ResourceType type, PermissionType permission, String resourceId) {
    if (!allows(caller, type, permission, resourceId)) {
      throw forbidden(permission, type, resourceId);
    }
  }

  /**
   * Refuses a command that names a tenant the caller does not work in: 403 {@code FORBIDDEN} (gRPC
   * {@code PERMISSION_DENIED}), as Camunda refuses a request for an unassigned tenant.
   */
  public static void requireTenant(Identity caller, String tenantId, String request) {
    if (!inTenant(caller, tenantId)) {
      throw new EngineRejection(
          RejectionType.FORBIDDEN,
          String.format(
              "Expected to handle request %s with tenant identifier '%s', but tenant is not"
                  + " authorized to perform this request",
              request, Commands.tenantOrDefault(tenantId)));
    }
  }

  /** Camunda's refusal of a missing permission. */
  public static EngineRejection forbidden(
      PermissionType permission, ResourceType type, String resourceId) {
    return new EngineRejection(
        RejectionType.FORBIDDEN,
        String.format(
            "Insufficient permissions to perform operation '%s' on resource '%s', required"
                + " resource identifiers are one of '[%s]'",
            permission,
            type,
            resourceId == null || resourceId.equals(AuthorizationGrant.WILDCARD)
                ? AuthorizationGrant.WILDCARD
                : AuthorizationGrant.WILDCARD + ", " + resourceId));
  }

  /**
   * Tasklist's rule, kept beside the grants: the assignee, a candidate user and a member of a
   * candidate group see a user task and may work on it.
   */
  public static boolean concernedBy(Identity caller, UserTaskRecord task) {
    if (caller.username().equals(task.assignee())) {
      return true;
    }
    List<String> users = task.candidateUsers();
    if (users != null && users.contains(caller.username())) {
      return true;
    }
    List<String> groups = task.candidateGroups();
    return groups != null && groups.stream().anyMatch(caller.groups()::contains);
  }

  private List<AuthorizationGrant> grantsOf(Identity caller) {
    List<AuthorizationGrant> grants =
        new ArrayList<>(source.grantsOf(OwnerType.USER, caller.username()));
    for (String group : caller.groups()) {
      grants.addAll(source.grantsOf(OwnerType.GROUP, group));
    }
    for (String role : caller.roles()) {
      grants.addAll(source.grantsOf(OwnerType.ROLE, role));
    }
    return grants;
  }

  /** One caller's grants, for many decisions in a row (a search). */
  public static final class Grants {

    private final Identity caller;
    private final boolean admin;
    private final List<AuthorizationGrant> grants;

    private Grants(Identity caller, List<AuthorizationGrant> grants) {
      this.caller = caller;
      this.admin = isAdmin(caller);
      this.grants = grants;
    }

    public Identity caller() {
      return caller;
    }

    public boolean admin() {
      return admin;
    }

    public boolean allows(ResourceType type, PermissionType permission, String resourceId) {
      if (admin) {
        return true;
      }
      for (AuthorizationGrant grant : grants) {
        if (grant.resourceType() == type && grant.allows(permission, resourceId)) {
          return true;
        }
      }
      return false;
    }

    /**
     * The resource ids the permission is granted on; empty when it is granted on every one (an
     * administrator, or a grant on {@code *}).
     */
    public Optional<Set<String>> resourceIds(ResourceType type, PermissionType permission) {
      if (admin) {
        return Optional.empty();
      }
      Set<String> ids = new TreeSet<>();
      for (AuthorizationGrant grant : grants) {
        if (grant.resourceType() == type && grant.permissions().contains(permission)) {
          if (AuthorizationGrant.WILDCARD.equals(grant.resourceId())) {
            return Optional.empty();
          }
          ids.add(grant.resourceId());
        }
      }
      return Optional.of(ids);
    }

    /** The permission on {@code resourceId}, or refused with Camunda's 403. */
    public void require(ResourceType type, PermissionType permission, String resourceId) {
      if (!allows(type, permission, resourceId)) {
        throw forbidden(permission, type, resourceId);
      }
    }

    public boolean inTenant(String tenantId) {
      return AccessCheck.inTenant(caller, tenantId);
    }
  }
}
