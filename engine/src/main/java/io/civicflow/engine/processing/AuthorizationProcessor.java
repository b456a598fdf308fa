package io.civicflow.engine.processing;

import static io.civicflow.engine.processing.IdentityChecks.ACCEPTED;
import static io.civicflow.engine.processing.IdentityChecks.exists;
import static io.civicflow.engine.processing.IdentityChecks.notFound;

import io.civicflow.engine.access.AuthorizationGrant;
import io.civicflow.engine.access.IdentityDirectory;
import io.civicflow.engine.access.OwnerType;
import io.civicflow.engine.access.PermissionType;
import io.civicflow.engine.access.ResourceType;
import io.civicflow.engine.api.Commands.CreateAuthorization;
import io.civicflow.engine.api.Commands.DeleteAuthorization;
import io.civicflow.engine.api.Commands.UpdateAuthorization;
import io.civicflow.engine.event.IdentityEvent.AuthorizationCreated;
import io.civicflow.engine.event.IdentityEvent.AuthorizationDeleted;
import io.civicflow.engine.event.IdentityEvent.AuthorizationUpdated;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Camunda's authorization commands: an owner (user, group, role, mapping rule, client) holds
 * permissions on a resource; only the permissions Camunda 8.8 defines for the resource type are
 * accepted.
 */
final class AuthorizationProcessor {

  /** The permissions Camunda 8.8 defines for each resource type. */
  private static final Map<ResourceType, Set<PermissionType>> PERMISSIONS = permissions();

  private AuthorizationProcessor() {}

  /** Answers the new authorization's key. */
  static Outcome<Long> create(ProcessingContext ctx, IdentityDirectory d, CreateAuthorization c) {
    Outcome<List<PermissionType>> checked =
        grant(c.ownerType(), c.ownerId(), c.resourceType(), c.resourceId(), c.permissionTypes());
    if (checked.isRejected()) {
      return Outcome.rejected(checked.rejection());
    }
    List<PermissionType> permissions = checked.value();
    for (AuthorizationGrant existing : d.grantsOf(c.ownerType(), c.ownerId())) {
      if (existing.resourceType() == c.resourceType()
          && existing.resourceId().equals(c.resourceId())
          && existing.permissions().containsAll(permissions)) {
        return exists(
            "authorization for owner '%s' on %s '%s' with permissions %s (key %d)",
            c.ownerId(), c.resourceType(), c.resourceId(), permissions, existing.key());
      }
    }
    long key = ctx.nextKey();
    ctx.write(
        new AuthorizationCreated(
            key, c.ownerType(), c.ownerId(), c.resourceType(), c.resourceId(), permissions));
    return Outcome.of(key);
  }

  static Outcome<Long> update(ProcessingContext ctx, IdentityDirectory d, UpdateAuthorization c) {
    if (!d.authorizations().containsKey(c.authorizationKey())) {
      return notFound("update", "authorization with key '%d'", c.authorizationKey());
    }
    Outcome<List<PermissionType>> checked =
        grant(c.ownerType(), c.ownerId(), c.resourceType(), c.resourceId(), c.permissionTypes());
    if (checked.isRejected()) {
      return Outcome.rejected(checked.rejection());
    }
    ctx.write(
        new AuthorizationUpdated(
            c.authorizationKey(),
            c.ownerType(),
            c.ownerId(),
            c.resourceType(),
            c.resourceId(),
            checked.value()));
    return ACCEPTED;
  }

  static Outcome<Long> delete(ProcessingContext ctx, IdentityDirectory d, DeleteAuthorization c) {
    if (!d.authorizations().containsKey(c.authorizationKey())) {
      return notFound("delete", "authorization with key '%d'", c.authorizationKey());
    }
    ctx.write(new AuthorizationDeleted(c.authorizationKey()));
    return ACCEPTED;
  }

  /** The grant's permissions, without duplicates and sorted; or the rejection of a bad field. */
  private static Outcome<List<PermissionType>> grant(
      OwnerType ownerType,
      String ownerId,
      ResourceType resourceType,
      String resourceId,
      List<PermissionType> permissionTypes) {
    Optional<Rejection> invalid =
        IdentityChecks.value(ownerType, "ownerType")
            .or(() -> IdentityChecks.text(ownerId, "ownerId"))
            .or(() -> IdentityChecks.value(resourceType, "resourceType"))
            .or(() -> IdentityChecks.text(resourceId, "resourceId"))
            .or(
                () ->
                    permissionTypes == null || permissionTypes.isEmpty()
                        ? IdentityChecks.invalid("No permissionTypes provided.")
                        : Optional.empty());
    if (invalid.isPresent()) {
      return Outcome.rejected(invalid.get());
    }
    Set<PermissionType> unsupported = new LinkedHashSet<>(permissionTypes);
    unsupported.removeAll(PERMISSIONS.get(resourceType));
    if (!unsupported.isEmpty()) {
      return Outcome.rejected(
          Rejection.invalidArgument(
              "Expected to create authorization with permission types '%s' and resource type"
                  + " '%s', but these permissions are not supported. Supported permission types"
                  + " are: '%s'",
              unsupported, resourceType, PERMISSIONS.get(resourceType)));
    }
    return Outcome.of(new LinkedHashSet<>(permissionTypes).stream().sorted().toList());
  }

  private static Map<ResourceType, Set<PermissionType>> permissions() {
    Set<PermissionType> crud =
        EnumSet.of(
            PermissionType.CREATE,
            PermissionType.READ,
            PermissionType.UPDATE,
            PermissionType.DELETE);
    Map<ResourceType, Set<PermissionType>> map = new TreeMap<>();
    for (ResourceType identity :
        List.of(
            ResourceType.AUTHORIZATION,
            ResourceType.GROUP,
            ResourceType.MAPPING_RULE,
            ResourceType.ROLE,
            ResourceType.TENANT,
            ResourceType.USER)) {
      map.put(identity, crud);
    }
    Set<PermissionType> batch =
        EnumSet.of(PermissionType.CREATE, PermissionType.READ, PermissionType.UPDATE);
    for (PermissionType p : PermissionType.values()) {
      if (p.name().startsWith("CREATE_BATCH_OPERATION_")) {
        batch.add(p);
      }
    }
    map.put(ResourceType.BATCH, batch);
    map.put(ResourceType.COMPONENT, EnumSet.of(PermissionType.ACCESS));
    map.put(
        ResourceType.DECISION_DEFINITION,
        EnumSet.of(
            PermissionType.CREATE_DECISION_INSTANCE,
            PermissionType.READ_DECISION_DEFINITION,
            PermissionType.READ_DECISION_INSTANCE,
            PermissionType.DELETE_DECISION_INSTANCE));
    map.put(
        ResourceType.DECISION_REQUIREMENTS_DEFINITION,
        EnumSet.of(PermissionType.READ, PermissionType.UPDATE, PermissionType.DELETE));
    map.put(
        ResourceType.DOCUMENT,
        EnumSet.of(PermissionType.CREATE, PermissionType.READ, PermissionType.DELETE));
    map.put(ResourceType.MESSAGE, EnumSet.of(PermissionType.CREATE, PermissionType.READ));
    map.put(
        ResourceType.PROCESS_DEFINITION,
        EnumSet.of(
            PermissionType.CREATE_PROCESS_INSTANCE,
            PermissionType.READ_PROCESS_DEFINITION,
            PermissionType.READ_PROCESS_INSTANCE,
            PermissionType.READ_USER_TASK,
            PermissionType.UPDATE_PROCESS_INSTANCE,
            PermissionType.UPDATE_USER_TASK,
            PermissionType.MODIFY_PROCESS_INSTANCE,
            PermissionType.CANCEL_PROCESS_INSTANCE,
            PermissionType.DELETE_PROCESS_INSTANCE));
    map.put(
        ResourceType.RESOURCE,
        EnumSet.of(
            PermissionType.CREATE,
            PermissionType.READ,
            PermissionType.DELETE_DRD,
            PermissionType.DELETE_FORM,
            PermissionType.DELETE_PROCESS,
            PermissionType.DELETE_RESOURCE));
    map.put(
        ResourceType.SYSTEM,
        EnumSet.of(PermissionType.READ, PermissionType.READ_USAGE_METRIC, PermissionType.UPDATE));
    for (ResourceType type : ResourceType.values()) {
      Objects.requireNonNull(map.get(type), type.name());
    }
    return Map.copyOf(map);
  }
}
