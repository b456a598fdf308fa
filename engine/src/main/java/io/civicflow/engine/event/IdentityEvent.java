package io.civicflow.engine.event;

import io.civicflow.engine.access.IdentityDirectory.Kind;
import io.civicflow.engine.access.OwnerType;
import io.civicflow.engine.access.PermissionType;
import io.civicflow.engine.access.ResourceType;
import java.util.List;

/**
 * The identity events (Camunda 8.8's users, groups, roles, tenants, mapping rules, memberships and
 * authorizations): applied by {@code IdentityState}, not needed by the read model (the identity
 * searches read the published {@code IdentityDirectory}). Journal type names as for every {@link
 * EngineEvent}: the record's simple name.
 */
public sealed interface IdentityEvent extends EngineEvent {

  /** A user was created; {@code passwordHash} is BCrypt (the password itself is never stored). */
  record UserCreated(String username, String name, String email, String passwordHash)
      implements IdentityEvent {}

  /** A user's name, e-mail or password hash changed (every field holds the new value). */
  record UserUpdated(String username, String name, String email, String passwordHash)
      implements IdentityEvent {}

  /** A user was deleted (its memberships and authorizations were removed by events before). */
  record UserDeleted(String username) implements IdentityEvent {}

  record GroupCreated(String groupId, String name, String description) implements IdentityEvent {}

  record GroupUpdated(String groupId, String name, String description) implements IdentityEvent {}

  record GroupDeleted(String groupId) implements IdentityEvent {}

  record RoleCreated(String roleId, String name, String description) implements IdentityEvent {}

  record RoleUpdated(String roleId, String name, String description) implements IdentityEvent {}

  record RoleDeleted(String roleId) implements IdentityEvent {}

  record TenantCreated(String tenantId, String name, String description) implements IdentityEvent {}

  record TenantUpdated(String tenantId, String name, String description) implements IdentityEvent {}

  record TenantDeleted(String tenantId) implements IdentityEvent {}

  record MappingRuleCreated(String mappingRuleId, String claimName, String claimValue, String name)
      implements IdentityEvent {}

  record MappingRuleUpdated(String mappingRuleId, String claimName, String claimValue, String name)
      implements IdentityEvent {}

  record MappingRuleDeleted(String mappingRuleId) implements IdentityEvent {}

  /** A user, group, role, mapping rule or client joined a group, role or tenant. */
  record MembershipAdded(Kind entityKind, String entityId, Kind memberKind, String memberId)
      implements IdentityEvent {}

  record MembershipRemoved(Kind entityKind, String entityId, Kind memberKind, String memberId)
      implements IdentityEvent {}

  record AuthorizationCreated(
      long key,
      OwnerType ownerType,
      String ownerId,
      ResourceType resourceType,
      String resourceId,
      List<PermissionType> permissionTypes)
      implements IdentityEvent {}

  record AuthorizationUpdated(
      long key,
      OwnerType ownerType,
      String ownerId,
      ResourceType resourceType,
      String resourceId,
      List<PermissionType> permissionTypes)
      implements IdentityEvent {}

  record AuthorizationDeleted(long key) implements IdentityEvent {}

  /**
   * The users file's entries (e.g. {@code user:demo}, {@code group:admin}, {@code
   * member:GROUP:admin:USER:demo}) were seeded: they are never seeded again.
   */
  record IdentitySeeded(List<String> entries) implements IdentityEvent {}
}
