package io.civicflow.engine.processing;

import static io.civicflow.engine.processing.IdentityChecks.ACCEPTED;
import static io.civicflow.engine.processing.IdentityChecks.exists;
import static io.civicflow.engine.processing.IdentityChecks.label;
import static io.civicflow.engine.processing.IdentityChecks.notFound;

import io.civicflow.engine.access.AuthorizationGrant;
import io.civicflow.engine.access.IdentityDirectory;
import io.civicflow.engine.access.IdentityDirectory.Kind;
import io.civicflow.engine.access.IdentityDirectory.Membership;
import io.civicflow.engine.access.OwnerType;
import io.civicflow.engine.api.Commands.AddMember;
import io.civicflow.engine.api.Commands.RemoveMember;
import io.civicflow.engine.api.RejectionType;
import io.civicflow.engine.event.IdentityEvent.AuthorizationDeleted;
import io.civicflow.engine.event.IdentityEvent.MembershipAdded;
import io.civicflow.engine.event.IdentityEvent.MembershipRemoved;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Camunda's membership commands (a user, group, mapping rule or client joins a group, role or
 * tenant), and the clean-up before an entity is deleted.
 */
final class MembershipProcessor {

  /** The members each kind of entity takes. */
  private static final Map<Kind, Set<Kind>> MEMBER_KINDS =
      Map.of(
          Kind.GROUP, EnumSet.of(Kind.USER, Kind.MAPPING_RULE, Kind.CLIENT),
          Kind.ROLE, EnumSet.of(Kind.USER, Kind.GROUP, Kind.MAPPING_RULE, Kind.CLIENT),
          Kind.TENANT,
              EnumSet.of(Kind.USER, Kind.GROUP, Kind.ROLE, Kind.MAPPING_RULE, Kind.CLIENT));

  private MembershipProcessor() {}

  static Outcome<Long> add(ProcessingContext ctx, IdentityDirectory d, AddMember c) {
    Outcome<Membership> checked =
        membership(d, c.entityKind(), c.entityId(), c.memberKind(), c.memberId());
    if (checked.isRejected()) {
      return Outcome.rejected(checked.rejection());
    }
    Membership m = checked.value();
    if (d.memberships().contains(m)) {
      return exists(
          "%s '%s' in %s '%s'",
          label(c.memberKind()), c.memberId(), label(c.entityKind()), c.entityId());
    }
    ctx.write(new MembershipAdded(m.entityKind(), m.entityId(), m.memberKind(), m.memberId()));
    return ACCEPTED;
  }

  static Outcome<Long> remove(ProcessingContext ctx, IdentityDirectory d, RemoveMember c) {
    Outcome<Membership> checked =
        membership(d, c.entityKind(), c.entityId(), c.memberKind(), c.memberId());
    if (checked.isRejected()) {
      return Outcome.rejected(checked.rejection());
    }
    Membership m = checked.value();
    if (!d.memberships().contains(m)) {
      return Outcome.rejected(
          new Rejection(
              RejectionType.NOT_FOUND,
              String.format(
                  "Expected to remove %s '%s' from %s '%s', but it is not assigned to it",
                  label(c.memberKind()), c.memberId(), label(c.entityKind()), c.entityId())));
    }
    ctx.write(new MembershipRemoved(m.entityKind(), m.entityId(), m.memberKind(), m.memberId()));
    return ACCEPTED;
  }

  /** Removes an entity's memberships (both ways) and the authorizations it owns. */
  static void removeReferences(
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

  /** The membership, if the member may join the entity and both exist; else the rejection. */
  private static Outcome<Membership> membership(
      IdentityDirectory d, Kind entityKind, String entityId, Kind memberKind, String memberId) {
    Set<Kind> allowed = MEMBER_KINDS.get(entityKind);
    if (allowed == null || !allowed.contains(memberKind)) {
      return Outcome.rejected(
          Rejection.invalidArgument(
              "A %s cannot be a member of a %s", label(memberKind), label(entityKind)));
    }
    Optional<Rejection> invalid = IdentityChecks.text(memberId, label(memberKind) + " ID");
    if (invalid.isPresent()) {
      return Outcome.rejected(invalid.get());
    }
    if (!d.entities(entityKind).containsKey(entityId)) {
      return notFound("assign to", "%s with ID '%s'", label(entityKind), entityId);
    }
    if (!d.exists(memberKind, memberId)) {
      return notFound("assign", "%s with ID '%s'", label(memberKind), memberId);
    }
    return Outcome.of(new Membership(entityKind, entityId, memberKind, memberId));
  }
}
