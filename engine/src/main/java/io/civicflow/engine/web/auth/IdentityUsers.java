package io.civicflow.engine.web.auth;

import io.civicflow.engine.access.IdentityDirectory;
import io.civicflow.engine.access.IdentityDirectory.UserEntry;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The users of the engine's identity state, as authentication sees them: the BCrypt hash, and the
 * groups, roles and tenants the user has directly or through its groups (roles) and its groups' and
 * roles' tenants. Read at every request, so a change through {@code /v2/users}, {@code /v2/groups},
 * {@code /v2/roles} or {@code /v2/tenants} holds from the next request on.
 *
 * <p>The directory is immutable and replaced on every identity change, so a user worked out of one
 * directory is kept until the directory is replaced (the memberships were scanned per request).
 * Only known users are kept: at most as many as the directory holds.
 */
public final class IdentityUsers implements UserDirectory {

  private final Supplier<IdentityDirectory> identity;

  /** The users worked out of one directory. */
  private record Known(IdentityDirectory directory, Map<String, User> users) {}

  private volatile Known known = new Known(null, Map.of());

  public IdentityUsers(Supplier<IdentityDirectory> identity) {
    this.identity = identity;
  }

  @Override
  public Optional<User> find(String username) {
    IdentityDirectory directory = identity.get();
    Known current = known;
    if (current.directory() != directory) {
      current = new Known(directory, new ConcurrentHashMap<>());
      known = current;
    }
    User cached = current.users().get(username);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<User> found = directory.user(username).map(user -> user(directory, user));
    Map<String, User> users = current.users(); // this directory's, even if replaced meanwhile
    found.ifPresent(user -> users.putIfAbsent(username, user));
    return found;
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
