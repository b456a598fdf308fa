package io.civicflow.workers.console;

import io.civicflow.workers.console.IdentityProperties.Group;
import io.civicflow.workers.console.IdentityProperties.User;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The configured users, checked once at start-up: unique names, passwords present, groups that exist. */
public final class UserDirectory {

  private final Map<String, User> users = new LinkedHashMap<>();
  private final Map<String, Group> groups = new LinkedHashMap<>();

  public UserDirectory(IdentityProperties properties) {
    for (Group group : properties.groups()) {
      if (group.id() == null || group.id().isBlank() || groups.put(group.id(), group) != null) {
        throw new IllegalArgumentException("civicflow.identity.groups: missing or duplicate id '" + group.id() + "'");
      }
    }
    for (User user : properties.users()) {
      if (user.username() == null || user.username().isBlank() || users.put(user.username(), user) != null) {
        throw new IllegalArgumentException(
            "civicflow.identity.users: missing or duplicate username '" + user.username() + "'");
      }
      if (user.password() == null || user.password().isEmpty()) {
        throw new IllegalArgumentException("civicflow.identity.users: user '" + user.username() + "' has no password");
      }
      Set<String> unknown = user.groups().stream().filter(g -> !groups.containsKey(g)).collect(Collectors.toSet());
      if (!unknown.isEmpty()) {
        throw new IllegalArgumentException(
            "civicflow.identity.users: user '" + user.username() + "' is in unknown groups " + unknown);
      }
    }
  }

  /** The user if the password matches (compared in constant time), else empty. */
  public Optional<User> authenticate(String username, String password) {
    User user = users.get(username);
    byte[] given = password.getBytes(StandardCharsets.UTF_8);
    byte[] expected = (user == null ? "\0" : user.password()).getBytes(StandardCharsets.UTF_8);
    boolean matches = MessageDigest.isEqual(given, expected);
    return user != null && matches ? Optional.of(user) : Optional.empty();
  }

  public List<User> users() {
    return List.copyOf(users.values());
  }

  public List<Group> groups() {
    return List.copyOf(groups.values());
  }
}
