package io.civicflow.engine.state;

import io.civicflow.engine.access.AuthorizationGrant;
import io.civicflow.engine.access.IdentityDirectory;
import io.civicflow.engine.access.IdentityDirectory.Entity;
import io.civicflow.engine.access.IdentityDirectory.MappingRule;
import io.civicflow.engine.access.IdentityDirectory.Membership;
import io.civicflow.engine.access.IdentityDirectory.UserEntry;
import io.civicflow.engine.event.EngineEvent;
import io.civicflow.engine.event.IdentityEvent;
import io.civicflow.engine.event.IdentityEvent.AuthorizationCreated;
import io.civicflow.engine.event.IdentityEvent.AuthorizationDeleted;
import io.civicflow.engine.event.IdentityEvent.AuthorizationUpdated;
import io.civicflow.engine.event.IdentityEvent.GroupCreated;
import io.civicflow.engine.event.IdentityEvent.GroupDeleted;
import io.civicflow.engine.event.IdentityEvent.GroupUpdated;
import io.civicflow.engine.event.IdentityEvent.IdentitySeeded;
import io.civicflow.engine.event.IdentityEvent.MappingRuleCreated;
import io.civicflow.engine.event.IdentityEvent.MappingRuleDeleted;
import io.civicflow.engine.event.IdentityEvent.MappingRuleUpdated;
import io.civicflow.engine.event.IdentityEvent.MembershipAdded;
import io.civicflow.engine.event.IdentityEvent.MembershipRemoved;
import io.civicflow.engine.event.IdentityEvent.RoleCreated;
import io.civicflow.engine.event.IdentityEvent.RoleDeleted;
import io.civicflow.engine.event.IdentityEvent.RoleUpdated;
import io.civicflow.engine.event.IdentityEvent.TenantCreated;
import io.civicflow.engine.event.IdentityEvent.TenantDeleted;
import io.civicflow.engine.event.IdentityEvent.TenantUpdated;
import io.civicflow.engine.event.IdentityEvent.UserCreated;
import io.civicflow.engine.event.IdentityEvent.UserDeleted;
import io.civicflow.engine.event.IdentityEvent.UserUpdated;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The identity part of {@link EngineState}: applies the identity events (called by {@link
 * EventApplier}; pure functions of state and event) and publishes the result as an immutable {@link
 * IdentityDirectory} that any thread may read (authentication, the identity searches, the access
 * check). A purge keeps it: users and authorizations are configuration, not process data.
 */
public final class IdentityState {

  private volatile IdentityDirectory directory = IdentityDirectory.EMPTY;

  /** The current directory; safe from any thread. */
  public IdentityDirectory directory() {
    return directory;
  }

  void restore(IdentityDirectory restored) {
    directory = restored == null ? IdentityDirectory.EMPTY : restored;
  }

  /** Applies an identity event. */
  void apply(IdentityEvent event) {
    Draft d = new Draft(directory);
    if (event instanceof UserCreated e) {
      d.users.put(e.username(), new UserEntry(e.username(), e.name(), e.email(), e.passwordHash()));
    } else if (event instanceof UserUpdated e) {
      d.users.put(e.username(), new UserEntry(e.username(), e.name(), e.email(), e.passwordHash()));
    } else if (event instanceof UserDeleted e) {
      d.users.remove(e.username());
    } else if (event instanceof GroupCreated e) {
      d.groups.put(e.groupId(), new Entity(e.groupId(), e.name(), e.description()));
    } else if (event instanceof GroupUpdated e) {
      d.groups.put(e.groupId(), new Entity(e.groupId(), e.name(), e.description()));
    } else if (event instanceof GroupDeleted e) {
      d.groups.remove(e.groupId());
    } else if (event instanceof RoleCreated e) {
      d.roles.put(e.roleId(), new Entity(e.roleId(), e.name(), e.description()));
    } else if (event instanceof RoleUpdated e) {
      d.roles.put(e.roleId(), new Entity(e.roleId(), e.name(), e.description()));
    } else if (event instanceof RoleDeleted e) {
      d.roles.remove(e.roleId());
    } else if (event instanceof TenantCreated e) {
      d.tenants.put(e.tenantId(), new Entity(e.tenantId(), e.name(), e.description()));
    } else if (event instanceof TenantUpdated e) {
      d.tenants.put(e.tenantId(), new Entity(e.tenantId(), e.name(), e.description()));
    } else if (event instanceof TenantDeleted e) {
      d.tenants.remove(e.tenantId());
    } else if (event instanceof MappingRuleCreated e) {
      d.mappingRules.put(
          e.mappingRuleId(),
          new MappingRule(e.mappingRuleId(), e.claimName(), e.claimValue(), e.name()));
    } else if (event instanceof MappingRuleUpdated e) {
      d.mappingRules.put(
          e.mappingRuleId(),
          new MappingRule(e.mappingRuleId(), e.claimName(), e.claimValue(), e.name()));
    } else if (event instanceof MappingRuleDeleted e) {
      d.mappingRules.remove(e.mappingRuleId());
    } else if (event instanceof MembershipAdded e) {
      d.memberships.add(new Membership(e.entityKind(), e.entityId(), e.memberKind(), e.memberId()));
    } else if (event instanceof MembershipRemoved e) {
      d.memberships.remove(
          new Membership(e.entityKind(), e.entityId(), e.memberKind(), e.memberId()));
    } else if (event instanceof AuthorizationCreated e) {
      d.authorizations.put(e.key(), grant(e.key(), e));
    } else if (event instanceof AuthorizationUpdated e) {
      d.authorizations.put(
          e.key(),
          new AuthorizationGrant(
              e.key(),
              e.ownerType(),
              e.ownerId(),
              e.resourceType(),
              e.resourceId(),
              new LinkedHashSet<>(e.permissionTypes())));
    } else if (event instanceof AuthorizationDeleted e) {
      d.authorizations.remove(e.key());
    } else if (event instanceof IdentitySeeded e) {
      d.seeded.addAll(e.entries());
    } else {
      throw new IllegalArgumentException("no applier for " + event);
    }
    directory = d.publish();
  }

  private static AuthorizationGrant grant(long key, AuthorizationCreated e) {
    return new AuthorizationGrant(
        key,
        e.ownerType(),
        e.ownerId(),
        e.resourceType(),
        e.resourceId(),
        new LinkedHashSet<>(e.permissionTypes()));
  }

  /**
   * Events that build the current directory from nothing: written after a purge, whose batch starts
   * a new journal, so the identity survives it.
   */
  public List<EngineEvent> recreation() {
    IdentityDirectory d = directory;
    List<EngineEvent> events = new ArrayList<>();
    new TreeMap<>(d.users())
        .values()
        .forEach(
            u -> events.add(new UserCreated(u.username(), u.name(), u.email(), u.passwordHash())));
    new TreeMap<>(d.groups())
        .values()
        .forEach(g -> events.add(new GroupCreated(g.id(), g.name(), g.description())));
    new TreeMap<>(d.roles())
        .values()
        .forEach(r -> events.add(new RoleCreated(r.id(), r.name(), r.description())));
    new TreeMap<>(d.tenants())
        .values()
        .forEach(t -> events.add(new TenantCreated(t.id(), t.name(), t.description())));
    new TreeMap<>(d.mappingRules())
        .values()
        .forEach(
            m ->
                events.add(
                    new MappingRuleCreated(
                        m.mappingRuleId(), m.claimName(), m.claimValue(), m.name())));
    for (Membership m : d.image().memberships()) {
      events.add(new MembershipAdded(m.entityKind(), m.entityId(), m.memberKind(), m.memberId()));
    }
    for (IdentityDirectory.Grant g : d.image().authorizations()) {
      events.add(
          new AuthorizationCreated(
              g.key(),
              g.ownerType(),
              g.ownerId(),
              g.resourceType(),
              g.resourceId(),
              g.permissionTypes()));
    }
    if (!d.seeded().isEmpty()) {
      events.add(new IdentitySeeded(d.image().seeded()));
    }
    return events;
  }

  /** Mutable copies of a directory's collections, published as a new directory. */
  private static final class Draft {
    final Map<String, UserEntry> users;
    final Map<String, Entity> groups;
    final Map<String, Entity> roles;
    final Map<String, Entity> tenants;
    final Map<String, MappingRule> mappingRules;
    final Map<Long, AuthorizationGrant> authorizations;
    final Set<Membership> memberships;
    final Set<String> seeded;

    Draft(IdentityDirectory d) {
      users = new HashMap<>(d.users());
      groups = new HashMap<>(d.groups());
      roles = new HashMap<>(d.roles());
      tenants = new HashMap<>(d.tenants());
      mappingRules = new HashMap<>(d.mappingRules());
      authorizations = new HashMap<>(d.authorizations());
      memberships = new HashSet<>(d.memberships());
      seeded = new HashSet<>(d.seeded());
    }

    IdentityDirectory publish() {
      return new IdentityDirectory(
          users, groups, roles, tenants, mappingRules, authorizations, memberships, seeded);
    }
  }
}
