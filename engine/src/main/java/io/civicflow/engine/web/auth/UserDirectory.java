package io.civicflow.engine.web.auth;

import java.util.Map;
import java.util.Optional;

/** Where {@link Authenticator} looks a user up, with the groups, roles and tenants it has now. */
@FunctionalInterface
public interface UserDirectory {

  Optional<User> find(String username);

  /** A fixed set of users. */
  static UserDirectory of(Map<String, User> users) {
    Map<String, User> copy = Map.copyOf(users);
    return username -> Optional.ofNullable(copy.get(username));
  }
}
