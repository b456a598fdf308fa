package io.civicflow.engine.processing;

import static io.civicflow.engine.processing.IdentityChecks.ACCEPTED;
import static io.civicflow.engine.processing.IdentityChecks.exists;
import static io.civicflow.engine.processing.IdentityChecks.nameOr;
import static io.civicflow.engine.processing.IdentityChecks.notFound;

import io.civicflow.engine.access.IdentityDirectory;
import io.civicflow.engine.access.IdentityDirectory.Kind;
import io.civicflow.engine.access.IdentityDirectory.UserEntry;
import io.civicflow.engine.access.OwnerType;
import io.civicflow.engine.api.Commands.CreateUser;
import io.civicflow.engine.api.Commands.DeleteUser;
import io.civicflow.engine.api.Commands.UpdateUser;
import io.civicflow.engine.event.IdentityEvent.UserCreated;
import io.civicflow.engine.event.IdentityEvent.UserDeleted;
import io.civicflow.engine.event.IdentityEvent.UserUpdated;
import java.util.Optional;

/** Camunda's user commands; passwords arrive hashed (BCrypt). */
final class UserProcessor {

  private UserProcessor() {}

  static Outcome<Long> create(ProcessingContext ctx, IdentityDirectory d, CreateUser c) {
    Optional<Rejection> invalid =
        IdentityChecks.id(c.username(), "username")
            .or(() -> IdentityChecks.text(c.passwordHash(), "password"));
    if (invalid.isPresent()) {
      return Outcome.rejected(invalid.get());
    }
    if (d.users().containsKey(c.username())) {
      return exists("user with username '%s'", c.username());
    }
    ctx.write(
        new UserCreated(c.username(), nameOr(c.name(), c.username()), c.email(), c.passwordHash()));
    return ACCEPTED;
  }

  /** Null fields are left unchanged. */
  static Outcome<Long> update(ProcessingContext ctx, IdentityDirectory d, UpdateUser c) {
    UserEntry user = d.users().get(c.username());
    if (user == null) {
      return notFound("update", "user with username '%s'", c.username());
    }
    ctx.write(
        new UserUpdated(
            c.username(),
            c.name() == null ? user.name() : c.name(),
            c.email() == null ? user.email() : c.email(),
            c.passwordHash() == null ? user.passwordHash() : c.passwordHash()));
    return ACCEPTED;
  }

  static Outcome<Long> delete(ProcessingContext ctx, IdentityDirectory d, DeleteUser c) {
    if (!d.users().containsKey(c.username())) {
      return notFound("delete", "user with username '%s'", c.username());
    }
    MembershipProcessor.removeReferences(ctx, d, Kind.USER, c.username(), OwnerType.USER);
    ctx.write(new UserDeleted(c.username()));
    return ACCEPTED;
  }
}
