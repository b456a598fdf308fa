package io.civicflow.engine.access;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The engine's identity state at one moment, immutable: users (with BCrypt hashes, never
 * passwords), groups, roles, tenants, mapping rules, memberships and authorizations, as Camunda
 * 8.8's Orchestration Cluster holds them. The engine publishes a new directory after every identity
 * event; any thread may read one. Also the snapshot image of that state.
 *
 * @param seeded the users-file entries already seeded once (see {@code IdentitySeeded}): an entry
 *     is added at most once, so what the API changed or deleted stays so across restarts
 */
public record IdentityDirectory(
    Map<String, UserEntry> users,
    Map<String, Entity> groups,
    Map<String, Entity> roles,
    Map<String, Entity> tenants,
    Map<String, MappingRule> mappingRules,
    Map<Long, AuthorizationGrant> authorizations,
    Set<Membership> memberships,
    Set<String> seeded) {

  /** The role whose members (users, or groups and their users) are administrators. */
  public static final String ADMIN = "admin";

  public static final IdentityDirectory EMPTY =
      new IdentityDirectory(
          Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Set.of(), Set.of());

  /** What an identity entity or a membership member is. */
  public enum Kind {
    USER,
    GROUP,
    ROLE,
    TENANT,
    MAPPING_RULE,
    CLIENT
  }

  /** A user: {@code passwordHash} is BCrypt. */
  public record UserEntry(String username, String name, String email, String passwordHash) {}

  /** A group, role or tenant. */
  public record Entity(String id, String name, String description) {}

  public record MappingRule(
      String mappingRuleId, String claimName, String claimValue, String name) {}

  /**
   * {@code memberId} of kind {@code memberKind} belongs to the group, role or tenant {@code
   * entityId} of kind {@code entityKind}.
   */
  public record Membership(Kind entityKind, String entityId, Kind memberKind, String memberId) {}

  public IdentityDirectory {
    users = Map.copyOf(users);
    groups = Map.copyOf(groups);
    roles = Map.copyOf(roles);
    tenants = Map.copyOf(tenants);
    mappingRules = Map.copyOf(mappingRules);
    authorizations = Map.copyOf(authorizations);
    memberships = Set.copyOf(memberships);
    seeded = Set.copyOf(seeded);
  }

  public Optional<UserEntry> user(String username) {
    return Optional.ofNullable(users.get(username));
  }

  /** The groups, roles or tenants by kind. */
  public Map<String, Entity> entities(Kind kind) {
    return switch (kind) {
      case GROUP -> groups;
      case ROLE -> roles;
      case TENANT -> tenants;
      default -> throw new IllegalArgumentException(kind + " is not a group, role or tenant");
    };
  }

  /**
   * Whether an entity of any kind exists ({@link Kind#CLIENT}s always do: the engine keeps none).
   */
  public boolean exists(Kind kind, String id) {
    return switch (kind) {
      case USER -> users.containsKey(id);
      case MAPPING_RULE -> mappingRules.containsKey(id);
      case CLIENT -> true;
      default -> entities(kind).containsKey(id);
    };
  }

  /** The members of one kind of a group, role or tenant, sorted. */
  public List<String> members(Kind entityKind, String entityId, Kind memberKind) {
    TreeSet<String> ids = new TreeSet<>();
    for (Membership m : memberships) {
      if (m.entityKind() == entityKind
          && m.entityId().equals(entityId)
          && m.memberKind() == memberKind) {
        ids.add(m.memberId());
      }
    }
    return List.copyOf(ids);
  }

  /** The groups, roles or tenants of kind {@code entityKind} a member belongs to directly. */
  public Set<String> directly(Kind memberKind, String memberId, Kind entityKind) {
    Set<String> ids = new TreeSet<>();
    for (Membership m : memberships) {
      if (m.memberKind() == memberKind
          && m.memberId().equals(memberId)
          && m.entityKind() == entityKind) {
        ids.add(m.entityId());
      }
    }
    return ids;
  }

  /** A user's groups (direct memberships). */
  public Set<String> groupsOf(String username) {
    return directly(Kind.USER, username, Kind.GROUP);
  }

  /** A user's roles: its own and those of its groups. */
  public Set<String> rolesOf(String username) {
    Set<String> roles = new TreeSet<>(directly(Kind.USER, username, Kind.ROLE));
    for (String group : groupsOf(username)) {
      roles.addAll(directly(Kind.GROUP, group, Kind.ROLE));
    }
    return roles;
  }

  /** A user's tenants: its own and those of its groups and roles (including its groups' roles). */
  public Set<String> tenantsOf(String username) {
    Set<String> tenants = new TreeSet<>(directly(Kind.USER, username, Kind.TENANT));
    for (String group : groupsOf(username)) {
      tenants.addAll(directly(Kind.GROUP, group, Kind.TENANT));
    }
    for (String role : rolesOf(username)) {
      tenants.addAll(directly(Kind.ROLE, role, Kind.TENANT));
    }
    return tenants;
  }

  /** Every authorization granted to one owner, by key. */
  public List<AuthorizationGrant> grantsOf(OwnerType ownerType, String ownerId) {
    List<AuthorizationGrant> grants = new ArrayList<>();
    for (AuthorizationGrant grant : new TreeMap<>(authorizations).values()) {
      if (grant.ownerType() == ownerType && grant.ownerId().equals(ownerId)) {
        grants.add(grant);
      }
    }
    return grants;
  }

  // ---------------------------------------------------------------- snapshot image

  /**
   * This directory as a snapshot component: every collection sorted, so equal states give equal
   * bytes.
   */
  public Image image() {
    List<Grant> grants = new ArrayList<>();
    for (AuthorizationGrant g : new TreeMap<>(authorizations).values()) {
      grants.add(
          new Grant(
              g.key(),
              g.ownerType(),
              g.ownerId(),
              g.resourceType(),
              g.resourceId(),
              g.permissions().stream().sorted().toList()));
    }
    List<Membership> sortedMemberships = new ArrayList<>(memberships);
    sortedMemberships.sort(
        Comparator.comparing(Membership::entityKind)
            .thenComparing(Membership::entityId)
            .thenComparing(Membership::memberKind)
            .thenComparing(Membership::memberId));
    return new Image(
        List.copyOf(new TreeMap<>(users).values()),
        List.copyOf(new TreeMap<>(groups).values()),
        List.copyOf(new TreeMap<>(roles).values()),
        List.copyOf(new TreeMap<>(tenants).values()),
        List.copyOf(new TreeMap<>(mappingRules).values()),
        grants,
        sortedMemberships,
        List.copyOf(new TreeSet<>(seeded)));
  }

  /** An authorization in a snapshot, its permissions in a fixed order. */
  public record Grant(
      long key,
      OwnerType ownerType,
      String ownerId,
      ResourceType resourceType,
      String resourceId,
      List<PermissionType> permissionTypes) {}

  /** The directory in a snapshot (part of the snapshot format). */
  public record Image(
      List<UserEntry> users,
      List<Entity> groups,
      List<Entity> roles,
      List<Entity> tenants,
      List<MappingRule> mappingRules,
      List<Grant> authorizations,
      List<Membership> memberships,
      List<String> seeded) {

    public IdentityDirectory directory() {
      Map<String, UserEntry> u = new TreeMap<>();
      users.forEach(x -> u.put(x.username(), x));
      Map<Long, AuthorizationGrant> a = new TreeMap<>();
      authorizations.forEach(
          g ->
              a.put(
                  g.key(),
                  new AuthorizationGrant(
                      g.key(),
                      g.ownerType(),
                      g.ownerId(),
                      g.resourceType(),
                      g.resourceId(),
                      new LinkedHashSet<>(g.permissionTypes()))));
      Map<String, MappingRule> r = new TreeMap<>();
      mappingRules.forEach(x -> r.put(x.mappingRuleId(), x));
      return new IdentityDirectory(
          u,
          byId(groups),
          byId(roles),
          byId(tenants),
          r,
          a,
          new LinkedHashSet<>(memberships),
          new LinkedHashSet<>(seeded));
    }

    private static Map<String, Entity> byId(List<Entity> entities) {
      Map<String, Entity> map = new TreeMap<>();
      entities.forEach(e -> map.put(e.id(), e));
      return map;
    }
  }
}
