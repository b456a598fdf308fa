package io.civicflow.engine.processing;

import io.civicflow.engine.access.AuthorizationGrant;
import io.civicflow.engine.access.IdentityDirectory;
import io.civicflow.engine.access.IdentityDirectory.Kind;
import io.civicflow.engine.access.IdentityDirectory.Membership;
import io.civicflow.engine.access.PermissionType;
import io.civicflow.engine.api.Commands;
import io.civicflow.engine.api.Commands.SeedIdentity;
import io.civicflow.engine.api.Commands.SeedUser;
import io.civicflow.engine.event.IdentityEvent.AuthorizationCreated;
import io.civicflow.engine.event.IdentityEvent.IdentitySeeded;
import io.civicflow.engine.event.IdentityEvent.MembershipAdded;
import io.civicflow.engine.event.IdentityEvent.UserCreated;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Seeds the identity from the users file at start: adds each entry of the file that was never
 * seeded and does not exist yet; marks every entry of the file as seeded, so one deleted or changed
 * through the API stays so. Never rejected: what cannot be added is left out.
 */
final class IdentitySeeding {

  private final ProcessingContext ctx;
  private final Set<String> entries = new LinkedHashSet<>();

  private IdentitySeeding(ProcessingContext ctx) {
    this.ctx = ctx;
  }

  static void seed(ProcessingContext ctx, SeedIdentity command) {
    IdentitySeeding s = new IdentitySeeding(ctx);
    s.entity(Kind.ROLE, IdentityDirectory.ADMIN, "Admin");
    s.entity(Kind.TENANT, Commands.DEFAULT_TENANT, "Default");
    for (SeedUser u : command.users()) {
      s.user(u);
    }
    if (s.directory().groups().containsKey(IdentityDirectory.ADMIN)) {
      // the members of group admin are administrators: the group holds the role
      s.member(Kind.ROLE, IdentityDirectory.ADMIN, Kind.GROUP, IdentityDirectory.ADMIN);
    }
    for (AuthorizationGrant g : command.authorizations()) {
      s.authorization(g);
    }
    if (!s.entries.isEmpty()) {
      ctx.write(new IdentitySeeded(List.copyOf(s.entries)));
    }
  }

  private IdentityDirectory directory() {
    return ctx.state().identity().directory();
  }

  /** Marks an entry as seeded; true if it never was (so it may be added). */
  private boolean mark(String entry) {
    return !directory().seeded().contains(entry) && entries.add(entry);
  }

  private void user(SeedUser u) {
    if (mark("user:" + u.username()) && !directory().users().containsKey(u.username())) {
      ctx.write(
          new UserCreated(
              u.username(),
              IdentityChecks.nameOr(u.name(), u.username()),
              u.email(),
              u.passwordHash()));
    }
    for (String group : u.groups()) {
      entity(Kind.GROUP, group, group);
      member(Kind.GROUP, group, Kind.USER, u.username());
    }
    for (String role : u.roles()) {
      entity(Kind.ROLE, role, role);
      member(Kind.ROLE, role, Kind.USER, u.username());
    }
    for (String tenant : u.tenants()) {
      entity(Kind.TENANT, tenant, tenant);
      member(Kind.TENANT, tenant, Kind.USER, u.username());
    }
  }

  private void entity(Kind kind, String id, String name) {
    if (mark(kind.name().toLowerCase() + ":" + id) && !directory().exists(kind, id)) {
      ctx.write(IdentityEntityProcessor.created(kind, id, name, null));
    }
  }

  private void member(Kind entityKind, String entityId, Kind memberKind, String memberId) {
    Membership m = new Membership(entityKind, entityId, memberKind, memberId);
    boolean exists =
        directory().exists(entityKind, entityId) && directory().exists(memberKind, memberId);
    if (mark(String.join(":", "member", entityKind.name(), entityId, memberKind.name(), memberId))
        && exists
        && !directory().memberships().contains(m)) {
      ctx.write(new MembershipAdded(entityKind, entityId, memberKind, memberId));
    }
  }

  private void authorization(AuthorizationGrant g) {
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
        directory().grantsOf(g.ownerType(), g.ownerId()).stream()
            .anyMatch(
                a ->
                    a.resourceType() == g.resourceType()
                        && a.resourceId().equals(g.resourceId())
                        && a.permissions().containsAll(permissions));
    if (mark(entry) && !exists) {
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
}
