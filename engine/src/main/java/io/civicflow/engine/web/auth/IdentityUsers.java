package io.civicflow.engine.web.auth;

import io.civicflow.engine.access.IdentityDirectory;
import io.civicflow.engine.access.IdentityDirectory.UserEntry;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The users of the engine's identity state, as authentication sees them: the BCrypt hash, and the
 * groups, roles and tenants the user has directly or through its groups (roles) and its groups' and
 * roles' tenants. Read at every request, so a change through {@code /v2/users}, {@code /v2/groups},
 * {@code /v2/roles} or {@code /v2/tenants} holds from the next request on.
 */
public final class IdentityUsers implements UserDirectory {

  private final Supplier<IdentityDirectory> identity;

  public IdentityUsers(Supplier<IdentityDirectory> identity) {
    this.identity = identity;
  }

  @Override
  public Optional<User> find(String username) {
    IdentityDirectory directory = identity.get();
    return directory.user(username).map(user -> user(directory, user));
  }

  static User user(IdentityDirectory directory, UserEntry user) {
    return new User(
        user.username(),
        user.name() == null ? user.username() : user.name(),
        user.passwordHash(),
        directory.groupsOf(user.username()),
        directory.rolesOf(user.username()),
        user.email(),
        directory.tenantsOf(user.username()));
  }
}
