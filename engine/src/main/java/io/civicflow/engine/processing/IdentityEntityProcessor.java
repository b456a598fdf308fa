package io.civicflow.engine.processing;

import static io.civicflow.engine.processing.IdentityChecks.ACCEPTED;
import static io.civicflow.engine.processing.IdentityChecks.exists;
import static io.civicflow.engine.processing.IdentityChecks.label;
import static io.civicflow.engine.processing.IdentityChecks.notFound;

import io.civicflow.engine.access.IdentityDirectory;
import io.civicflow.engine.access.IdentityDirectory.Entity;
import io.civicflow.engine.access.IdentityDirectory.Kind;
import io.civicflow.engine.access.OwnerType;
import io.civicflow.engine.api.Commands.CreateEntity;
import io.civicflow.engine.api.Commands.DeleteEntity;
import io.civicflow.engine.api.Commands.UpdateEntity;
import io.civicflow.engine.event.EngineEvent;
import io.civicflow.engine.event.IdentityEvent;
import java.util.Optional;

/**
 * Camunda's group, role and tenant commands: the three are alike (an id, a name, a description),
 * told apart by their {@link Kind}.
 */
final class IdentityEntityProcessor {

  private IdentityEntityProcessor() {}

  static Outcome<Long> create(ProcessingContext ctx, IdentityDirectory d, CreateEntity c) {
    Optional<Rejection> invalid =
        IdentityChecks.entityId(c.kind(), c.id()).or(() -> IdentityChecks.text(c.name(), "name"));
    if (invalid.isPresent()) {
      return Outcome.rejected(invalid.get());
    }
    if (d.entities(c.kind()).containsKey(c.id())) {
      return exists("%s with ID '%s'", label(c.kind()), c.id());
    }
    ctx.write(created(c.kind(), c.id(), c.name(), c.description()));
    return ACCEPTED;
  }

  /** A null description is left unchanged. */
  static Outcome<Long> update(ProcessingContext ctx, IdentityDirectory d, UpdateEntity c) {
    Entity entity = d.entities(c.kind()).get(c.id());
    if (entity == null) {
      return notFound("update", "%s with ID '%s'", label(c.kind()), c.id());
    }
    Optional<Rejection> invalid = IdentityChecks.text(c.name(), "name");
    if (invalid.isPresent()) {
      return Outcome.rejected(invalid.get());
    }
    ctx.write(
        updated(
            c.kind(),
            c.id(),
            c.name(),
            c.description() == null ? entity.description() : c.description()));
    return ACCEPTED;
  }

  static Outcome<Long> delete(ProcessingContext ctx, IdentityDirectory d, DeleteEntity c) {
    if (!d.entities(c.kind()).containsKey(c.id())) {
      return notFound("delete", "%s with ID '%s'", label(c.kind()), c.id());
    }
    MembershipProcessor.removeReferences(ctx, d, c.kind(), c.id(), owner(c.kind()));
    ctx.write(deleted(c.kind(), c.id()));
    return ACCEPTED;
  }

  /** The owner type of an entity's authorizations; tenants own none. */
  private static OwnerType owner(Kind kind) {
    return switch (kind) {
      case GROUP -> OwnerType.GROUP;
      case ROLE -> OwnerType.ROLE;
      default -> null;
    };
  }

  static EngineEvent created(Kind kind, String id, String name, String description) {
    return switch (kind) {
      case GROUP -> new IdentityEvent.GroupCreated(id, name, description);
      case ROLE -> new IdentityEvent.RoleCreated(id, name, description);
      case TENANT -> new IdentityEvent.TenantCreated(id, name, description);
      default -> throw new IllegalArgumentException(kind.name());
    };
  }

  private static EngineEvent updated(Kind kind, String id, String name, String description) {
    return switch (kind) {
      case GROUP -> new IdentityEvent.GroupUpdated(id, name, description);
      case ROLE -> new IdentityEvent.RoleUpdated(id, name, description);
      case TENANT -> new IdentityEvent.TenantUpdated(id, name, description);
      default -> throw new IllegalArgumentException(kind.name());
    };
  }

  private static EngineEvent deleted(Kind kind, String id) {
    return switch (kind) {
      case GROUP -> new IdentityEvent.GroupDeleted(id);
      case ROLE -> new IdentityEvent.RoleDeleted(id);
      case TENANT -> new IdentityEvent.TenantDeleted(id);
      default -> throw new IllegalArgumentException(kind.name());
    };
  }
}
