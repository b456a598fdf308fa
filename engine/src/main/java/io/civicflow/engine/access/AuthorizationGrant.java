package io.civicflow.engine.access;

import java.util.Objects;
import java.util.Set;

/**
 * One authorization: {@code permissions} on the resource {@code resourceId} (or every resource of
 * the type, {@value #WILDCARD}) of {@code resourceType}, granted to an owner.
 *
 * @param key the authorization's key; 0 for one that comes from configuration and has none yet
 */
public record AuthorizationGrant(
    long key,
    OwnerType ownerType,
    String ownerId,
    ResourceType resourceType,
    String resourceId,
    Set<PermissionType> permissions) {

  /** The resource id that stands for every resource of the type. */
  public static final String WILDCARD = "*";

  public AuthorizationGrant {
    Objects.requireNonNull(ownerType, "ownerType");
    Objects.requireNonNull(ownerId, "ownerId");
    Objects.requireNonNull(resourceType, "resourceType");
    Objects.requireNonNull(resourceId, "resourceId");
    permissions = Set.copyOf(permissions);
  }

  /** Whether this grant allows {@code permission} on {@code id} of its resource type. */
  public boolean allows(PermissionType permission, String id) {
    return permissions.contains(permission)
        && (WILDCARD.equals(resourceId) || resourceId.equals(id));
  }
}
