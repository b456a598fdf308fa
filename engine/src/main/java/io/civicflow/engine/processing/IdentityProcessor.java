package io.civicflow.engine.processing;

import io.civicflow.engine.access.AuthorizationGrant;
import io.civicflow.engine.access.IdentityDirectory;
import io.civicflow.engine.access.IdentityDirectory.Entity;
import io.civicflow.engine.access.IdentityDirectory.Kind;
import io.civicflow.engine.access.IdentityDirectory.MappingRule;
import io.civicflow.engine.access.IdentityDirectory.Membership;
import io.civicflow.engine.access.IdentityDirectory.UserEntry;
import io.civicflow.engine.access.OwnerType;
import io.civicflow.engine.access.PermissionType;
import io.civicflow.engine.access.ResourceType;
import io.civicflow.engine.api.Commands.AddMember;
import io.civicflow.engine.api.Commands.CreateAuthorization;
import io.civicflow.engine.api.Commands.CreateEntity;
import io.civicflow.engine.api.Commands.CreateMappingRule;
import io.civicflow.engine.api.Commands.CreateUser;
import io.civicflow.engine.api.Commands.DeleteAuthorization;
import io.civicflow.engine.api.Commands.DeleteEntity;
import io.civicflow.engine.api.Commands.DeleteMappingRule;
import io.civicflow.engine.api.Commands.DeleteUser;
import io.civicflow.engine.api.Commands.IdentityCommand;
import io.civicflow.engine.api.Commands.RemoveMember;
import io.civicflow.engine.api.Commands.SeedIdentity;
import io.civicflow.engine.api.Commands.SeedUser;
import io.civicflow.engine.api.Commands.UpdateAuthorization;
import io.civicflow.engine.api.Commands.UpdateEntity;
import io.civicflow.engine.api.Commands.UpdateMappingRule;
import io.civicflow.engine.api.Commands.UpdateUser;
import io.civicflow.engine.api.RejectionType;
import io.civicflow.engine.event.EngineEvent;
import io.civicflow.engine.event.EngineEvent.AuthorizationCreated;
import io.civicflow.engine.event.EngineEvent.AuthorizationDeleted;
import io.civicflow.engine.event.EngineEvent.AuthorizationUpdated;
import io.civicflow.engine.event.EngineEvent.IdentitySeeded;
import io.civicflow.engine.event.EngineEvent.MembershipAdded;
import io.civicflow.engine.event.EngineEvent.MembershipRemoved;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Camunda 8.8's identity commands: users, groups, roles, tenants, mapping rules, memberships and
 * authorizations, checked against the identity state and written as identity events, with Camunda's
 * rejections (a duplicate is {@code ALREADY_EXISTS}, an unknown id {@code NOT_FOUND}). Deleting an
 * entity removes its memberships and the authorizations it owns first, each as its own event.
 */
final class IdentityProcessor {

  /** Camunda's id rule for users, groups, roles and mapping rules. */
  private static final Pattern ID = Pattern.compile("[a-zA-Z0-9_~@.+-]{1,256}");

  /** Camunda's tenant id rule. */
  private static final Pattern TENANT_ID = Pattern.compile("<default>|[\\w.-]{1,31}");

  /** The members each kind of entity takes. */
  private static final Map<Kind, Set<Kind>> MEMBER_KINDS =
      Map.of(
          Kind.GROUP, EnumSet.of(Kind.USER, Kind.MAPPING_RULE, Kind.CLIENT),
          Kind.ROLE, EnumSet.of(Kind.USER, Kind.GROUP, Kind.MAPPING_RULE, Kind.CLIENT),
          Kind.TENANT,
              EnumSet.of(Kind.USER, Kind.GROUP, Kind.ROLE, Kind.MAPPING_RULE, Kind.CLIENT));

  /** The permissions Camunda 8.8 defines for each resource type. */
  private static final Map<ResourceType, Set<PermissionType>> PERMISSIONS = permissions();

  private IdentityProcessor() {}

  /**
   * Checks, then writes. The checks below are nested several calls deep and leave through {@link
   * Refused}; every one of them runs before the first write, and the refusal is answered here as a
   * value.
   */
  static Outcome<Long> change(ProcessingContext ctx, IdentityCommand command) {
    try {
      return Outcome.of(apply(ctx, command));
    } catch (Refused refused) {
      return Outcome.rejected(refused.rejection);
    }
  }

  /** A check's refusal on its way out to {@link #change}; never leaves this class. */
  private static final class Refused extends RuntimeException {
    private final Rejection rejection;

    Refused(Rejection rejection) {
      super(rejection.message(), null, false, false);
      this.rejection = rejection;
    }
  }

  private static Refused invalidArgument(String format, Object... args) {
    return new Refused(Rejection.invalidArgument(format, args));
  }

  private static Long apply(ProcessingContext ctx, IdentityCommand command) {
    IdentityDirectory d = ctx.state().identity().directory();
    if (command instanceof CreateUser c) {
      requireId(c.username(), "username");
      requireText(c.passwordHash(), "password");
      if (d.users().containsKey(c.username())) {
        throw exists("user with username '%s'", c.username());
      }
      ctx.write(
          new EngineEvent.UserCreated(
              c.username(), nameOr(c.name(), c.username()), c.email(), c.passwordHash()));
    } else if (command instanceof UpdateUser c) {
      UserEntry user = d.users().get(c.username());
      if (user == null) {
        throw notFound("update", "user with username '%s'", c.username());
      }
      ctx.write(
          new EngineEvent.UserUpdated(
              c.username(),
              c.name() == null ? user.name() : c.name(),
              c.email() == null ? user.email() : c.email(),
              c.passwordHash() == null ? user.passwordHash() : c.passwordHash()));
    } else if (command instanceof DeleteUser c) {
      if (!d.users().containsKey(c.username())) {
        throw notFound("delete", "user with username '%s'", c.username());
      }
      removeReferences(ctx, d, Kind.USER, c.username(), OwnerType.USER);
      ctx.write(new EngineEvent.UserDeleted(c.username()));
    } else if (command instanceof CreateEntity c) {
      requireEntityId(c.kind(), c.id());
      requireText(c.name(), "name");
      if (d.entities(c.kind()).containsKey(c.id())) {
        throw exists("%s with ID '%s'", label(c.kind()), c.id());
      }
      ctx.write(created(c.kind(), c.id(), c.name(), c.description()));
    } else if (command instanceof UpdateEntity c) {
      Entity entity = d.entities(c.kind()).get(c.id());
      if (entity == null) {
        throw notFound("update", "%s with ID '%s'", label(c.kind()), c.id());
      }
      requireText(c.name(), "name");
      ctx.write(
          updated(
              c.kind(),
              c.id(),
              c.name(),
              c.description() == null ? entity.description() : c.description()));
    } else if (command instanceof DeleteEntity c) {
      if (!d.entities(c.kind()).containsKey(c.id())) {
        throw notFound("delete", "%s with ID '%s'", label(c.kind()), c.id());
      }
      removeReferences(ctx, d, c.kind(), c.id(), owner(c.kind()));
      ctx.write(deleted(c.kind(), c.id()));
    } else if (command instanceof CreateMappingRule c) {
      requireId(c.mappingRuleId(), "mappingRuleId");
      requireMappingRule(c.claimName(), c.claimValue(), c.name());
      if (d.mappingRules().containsKey(c.mappingRuleId())) {
        throw exists("mapping rule with ID '%s'", c.mappingRuleId());
      }
      for (MappingRule rule : d.mappingRules().values()) {
        if (rule.claimName().equals(c.claimName()) && rule.claimValue().equals(c.claimValue())) {
          throw exists(
              "mapping rule with claim '%s' = '%s' (%s)",
              c.claimName(), c.claimValue(), rule.mappingRuleId());
        }
      }
      ctx.write(
          new EngineEvent.MappingRuleCreated(
              c.mappingRuleId(), c.claimName(), c.claimValue(), c.name()));
    } else if (command instanceof UpdateMappingRule c) {
      if (!d.mappingRules().containsKey(c.mappingRuleId())) {
        throw notFound("update", "mapping rule with ID '%s'", c.mappingRuleId());
      }
      requireMappingRule(c.claimName(), c.claimValue(), c.name());
      ctx.write(
          new EngineEvent.MappingRuleUpdated(
              c.mappingRuleId(), c.claimName(), c.claimValue(), c.name()));
    } else if (command instanceof DeleteMappingRule c) {
      if (!d.mappingRules().containsKey(c.mappingRuleId())) {
        throw notFound("delete", "mapping rule with ID '%s'", c.mappingRuleId());
      }
      removeReferences(ctx, d, Kind.MAPPING_RULE, c.mappingRuleId(), OwnerType.MAPPING_RULE);
      ctx.write(new EngineEvent.MappingRuleDeleted(c.mappingRuleId()));
    } else if (command instanceof AddMember c) {
      Membership m = membership(d, c.entityKind(), c.entityId(), c.memberKind(), c.memberId());
      if (d.memberships().contains(m)) {
        throw exists(
            "%s '%s' in %s '%s'",
            label(c.memberKind()), c.memberId(), label(c.entityKind()), c.entityId());
      }
      ctx.write(new MembershipAdded(m.entityKind(), m.entityId(), m.memberKind(), m.memberId()));
    } else if (command instanceof RemoveMember c) {
      Membership m = membership(d, c.entityKind(), c.entityId(), c.memberKind(), c.memberId());
      if (!d.memberships().contains(m)) {
        throw refused(
            RejectionType.NOT_FOUND,
            String.format(
                "Expected to remove %s '%s' from %s '%s', but it is not assigned to it",
                label(c.memberKind()), c.memberId(), label(c.entityKind()), c.entityId()));
      }
      ctx.write(new MembershipRemoved(m.entityKind(), m.entityId(), m.memberKind(), m.memberId()));
    } else if (command instanceof CreateAuthorization c) {
      List<PermissionType> permissions =
          checkGrant(
              c.ownerType(), c.ownerId(), c.resourceType(), c.resourceId(), c.permissionTypes());
      for (AuthorizationGrant existing : d.grantsOf(c.ownerType(), c.ownerId())) {
        if (existing.resourceType() == c.resourceType()
            && existing.resourceId().equals(c.resourceId())
            && existing.permissions().containsAll(permissions)) {
          throw exists(
              "authorization for owner '%s' on %s '%s' with permissions %s (key %d)",
              c.ownerId(), c.resourceType(), c.resourceId(), permissions, existing.key());
        }
      }
      long key = ctx.nextKey();
      ctx.write(
          new AuthorizationCreated(
              key, c.ownerType(), c.ownerId(), c.resourceType(), c.resourceId(), permissions));
      return key;
    } else if (command instanceof UpdateAuthorization c) {
      if (!d.authorizations().containsKey(c.authorizationKey())) {
        throw notFound("update", "authorization with key '%d'", c.authorizationKey());
      }
      List<PermissionType> permissions =
          checkGrant(
              c.ownerType(), c.ownerId(), c.resourceType(), c.resourceId(), c.permissionTypes());
      ctx.write(
          new AuthorizationUpdated(
              c.authorizationKey(),
              c.ownerType(),
              c.ownerId(),
              c.resourceType(),
              c.resourceId(),
              permissions));
    } else if (command instanceof DeleteAuthorization c) {
      if (!d.authorizations().containsKey(c.authorizationKey())) {
        throw notFound("delete", "authorization with key '%d'", c.authorizationKey());
      }
      ctx.write(new AuthorizationDeleted(c.authorizationKey()));
    } else if (command instanceof SeedIdentity c) {
      seed(ctx, c);
    }
    return 0L;
  }

  // ---------------------------------------------------------------- seeding

  /**
   * Adds each entry of the users file that was never seeded and does not exist yet; marks every
   * entry of the file as seeded, so one deleted or changed through the API stays so.
   */
  private static void seed(ProcessingContext ctx, SeedIdentity command) {
    Seeding s = new Seeding(ctx);
    s.entity(Kind.ROLE, IdentityDirectory.ADMIN, "Admin");
    s.entity(Kind.TENANT, io.civicflow.engine.api.Commands.DEFAULT_TENANT, "Default");
    for (SeedUser u : command.users()) {
      if (s.mark("user:" + u.username()) && !s.directory().users().containsKey(u.username())) {
        ctx.write(
            new EngineEvent.UserCreated(
                u.username(), nameOr(u.name(), u.username()), u.email(), u.passwordHash()));
      }
      for (String group : u.groups()) {
        s.entity(Kind.GROUP, group, group);
        s.member(Kind.GROUP, group, Kind.USER, u.username());
      }
      for (String role : u.roles()) {
        s.entity(Kind.ROLE, role, role);
        s.member(Kind.ROLE, role, Kind.USER, u.username());
      }
      for (String tenant : u.tenants()) {
        s.entity(Kind.TENANT, tenant, tenant);
        s.member(Kind.TENANT, tenant, Kind.USER, u.username());
      }
    }
    if (s.directory().groups().containsKey(IdentityDirectory.ADMIN)) {
      // the members of group admin are administrators: the group holds the role
      s.member(Kind.ROLE, IdentityDirectory.ADMIN, Kind.GROUP, IdentityDirectory.ADMIN);
    }
    for (AuthorizationGrant g : command.authorizations()) {
      List<PermissionType> permissions = g.permissions().stream().sorted().toList();
      String entry =
          String.join(
              ":",
              "authorization",
              g.ownerType().name(),
              g.ownerId(),
              g.resourceType().name(),
              g.resourceId(),
              permissions.toString());
      boolean exists =
          s.directory().grantsOf(g.ownerType(), g.ownerId()).stream()
              .anyMatch(
                  a ->
                      a.resourceType() == g.resourceType()
                          && a.resourceId().equals(g.resourceId())
                          && a.permissions().containsAll(permissions));
      if (s.mark(entry) && !exists) {
        ctx.write(
            new AuthorizationCreated(
                ctx.nextKey(),
                g.ownerType(),
                g.ownerId(),
                g.resourceType(),
                g.resourceId(),
                permissions));
      }
    }
    if (!s.entries.isEmpty()) {
      ctx.write(new IdentitySeeded(List.copyOf(s.entries)));
    }
  }

  /** One seeding: the entries it marks, written last in one {@link IdentitySeeded}. */
  private static final class Seeding {
    final ProcessingContext ctx;
    final Set<String> entries = new LinkedHashSet<>();

    Seeding(ProcessingContext ctx) {
      this.ctx = ctx;
    }

    IdentityDirectory directory() {
      return ctx.state().identity().directory();
    }

    /** Marks an entry as seeded; true if it never was (so it may be added). */
    boolean mark(String entry) {
      return !directory().seeded().contains(entry) && entries.add(entry);
    }

    void entity(Kind kind, String id, String name) {
      if (mark(kind.name().toLowerCase() + ":" + id) && !directory().exists(kind, id)) {
        ctx.write(created(kind, id, name, null));
      }
    }

    void member(Kind entityKind, String entityId, Kind memberKind, String memberId) {
      Membership m = new Membership(entityKind, entityId, memberKind, memberId);
      boolean exists =
          directory().exists(entityKind, entityId) && directory().exists(memberKind, memberId);
      if (mark(String.join(":", "member", entityKind.name(), entityId, memberKind.name(), memberId))
          && exists
          && !directory().memberships().contains(m)) {
        ctx.write(new MembershipAdded(entityKind, entityId, memberKind, memberId));
      }
    }
  }

  // ---------------------------------------------------------------- helpers

  /** Removes an entity's memberships (both ways) and the authorizations it owns. */
  private static void removeReferences(
      ProcessingContext ctx, IdentityDirectory d, Kind kind, String id, OwnerType owner) {
    List<Membership> memberships = new ArrayList<>(d.image().memberships());
    for (Membership m : memberships) {
      if ((m.entityKind() == kind && m.entityId().equals(id))
          || (m.memberKind() == kind && m.memberId().equals(id))) {
        ctx.write(
            new MembershipRemoved(m.entityKind(), m.entityId(), m.memberKind(), m.memberId()));
      }
    }
    if (owner != null) {
      for (AuthorizationGrant g : d.grantsOf(owner, id)) {
        ctx.write(new AuthorizationDeleted(g.key()));
      }
    }
  }

  private static Membership membership(
      IdentityDirectory d, Kind entityKind, String entityId, Kind memberKind, String memberId) {
    Set<Kind> allowed = MEMBER_KINDS.get(entityKind);
    if (allowed == null || !allowed.contains(memberKind)) {
      throw invalidArgument(
          "A %s cannot be a member of a %s", label(memberKind), label(entityKind));
    }
    requireText(memberId, label(memberKind) + " ID");
    if (!d.entities(entityKind).containsKey(entityId)) {
      throw notFound("assign to", "%s with ID '%s'", label(entityKind), entityId);
    }
    if (!d.exists(memberKind, memberId)) {
      throw notFound("assign", "%s with ID '%s'", label(memberKind), memberId);
    }
    return new Membership(entityKind, entityId, memberKind, memberId);
  }

  private static List<PermissionType> checkGrant(
      OwnerType ownerType,
      String ownerId,
      ResourceType resourceType,
      String resourceId,
      List<PermissionType> permissionTypes) {
    requireValue(ownerType, "ownerType");
    requireText(ownerId, "ownerId");
    requireValue(resourceType, "resourceType");
    requireText(resourceId, "resourceId");
    if (permissionTypes == null || permissionTypes.isEmpty()) {
      throw invalidArgument("No permissionTypes provided.");
    }
    Set<PermissionType> unsupported = new LinkedHashSet<>(permissionTypes);
    unsupported.removeAll(PERMISSIONS.get(resourceType));
    if (!unsupported.isEmpty()) {
      throw invalidArgument(
          "Expected to create authorization with permission types '%s' and resource type '%s',"
              + " but these permissions are not supported. Supported permission types are: '%s'",
          unsupported, resourceType, PERMISSIONS.get(resourceType));
    }
    return new LinkedHashSet<>(permissionTypes).stream().sorted().toList();
  }

  private static void requireMappingRule(String claimName, String claimValue, String name) {
    requireText(claimName, "claimName");
    requireText(claimValue, "claimValue");
    requireText(name, "name");
  }

  private static void requireEntityId(Kind kind, String id) {
    String field = kind == Kind.GROUP ? "groupId" : kind == Kind.ROLE ? "roleId" : "tenantId";
    requireText(id, field);
    if (!(kind == Kind.TENANT ? TENANT_ID : ID).matcher(id).matches()) {
      throw invalidArgument(
          "The provided %s contains illegal characters or is too long: '%s'", field, id);
    }
  }

  private static void requireId(String id, String field) {
    requireText(id, field);
    if (!ID.matcher(id).matches()) {
      throw invalidArgument(
          "The provided %s contains illegal characters (allowed: letters, digits, _~@.+-) or is"
              + " longer than 256 characters: '%s'",
          field, id);
    }
  }

  private static void requireText(String value, String field) {
    if (value == null || value.isBlank()) {
      throw invalidArgument("No %s provided.", field);
    }
  }

  private static void requireValue(Object value, String field) {
    if (value == null) {
      throw invalidArgument("No %s provided.", field);
    }
  }

  private static String nameOr(String name, String fallback) {
    return name == null || name.isBlank() ? fallback : name;
  }

  private static Refused exists(String format, Object... args) {
    return refused(
        RejectionType.ALREADY_EXISTS,
        "Expected to create " + String.format(format, args) + ", but it already exists");
  }

  private static Refused notFound(String action, String format, Object... args) {
    return refused(
        RejectionType.NOT_FOUND,
        "Expected to " + action + " " + String.format(format, args) + ", but it does not exist");
  }

  private static Refused refused(RejectionType type, String message) {
    return new Refused(new Rejection(type, message));
  }

  private static String label(Kind kind) {
    return kind.name().toLowerCase().replace('_', ' ');
  }

  private static OwnerType owner(Kind kind) {
    return switch (kind) {
      case GROUP -> OwnerType.GROUP;
      case ROLE -> OwnerType.ROLE;
      default -> null;
    };
  }

  private static EngineEvent created(Kind kind, String id, String name, String description) {
    return switch (kind) {
      case GROUP -> new EngineEvent.GroupCreated(id, name, description);
      case ROLE -> new EngineEvent.RoleCreated(id, name, description);
      case TENANT -> new EngineEvent.TenantCreated(id, name, description);
      default -> throw new IllegalArgumentException(kind.name());
    };
  }

  private static EngineEvent updated(Kind kind, String id, String name, String description) {
    return switch (kind) {
      case GROUP -> new EngineEvent.GroupUpdated(id, name, description);
      case ROLE -> new EngineEvent.RoleUpdated(id, name, description);
      case TENANT -> new EngineEvent.TenantUpdated(id, name, description);
      default -> throw new IllegalArgumentException(kind.name());
    };
  }

  private static EngineEvent deleted(Kind kind, String id) {
    return switch (kind) {
      case GROUP -> new EngineEvent.GroupDeleted(id);
      case ROLE -> new EngineEvent.RoleDeleted(id);
      case TENANT -> new EngineEvent.TenantDeleted(id);
      default -> throw new IllegalArgumentException(kind.name());
    };
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
