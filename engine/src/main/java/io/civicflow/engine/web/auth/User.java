package io.civicflow.engine.web.auth;

import java.util.Set;

/**
 * One entry of the users file.
 *
 * @param username unique, no colon (HTTP Basic separates it from the password with one)
 * @param displayName what a task list shows; the user name when the file gives none
 * @param passwordHash a BCrypt hash ({@code $2a$}, {@code $2b$} or {@code $2y$}); never a password
 * @param groups candidate groups the user belongs to; {@value Identity#ADMIN_GROUP} makes an admin
 * @param roles what a task list may offer beyond tasks ({@code analyst}: the process view); no
 *     rights in the engine
 * @param email where notifications are mailed; {@code null} when the file gives none
 * @param tenants the tenants the user works in; empty means the default tenant only
 */
public record User(
    String username,
    String displayName,
    String passwordHash,
    Set<String> groups,
    Set<String> roles,
    String email,
    Set<String> tenants) {

  public User {
    groups = Set.copyOf(groups);
    roles = Set.copyOf(roles);
    tenants = Set.copyOf(tenants);
  }

  /** A user of the default tenant without an e-mail address. */
  public User(
      String username,
      String displayName,
      String passwordHash,
      Set<String> groups,
      Set<String> roles) {
    this(username, displayName, passwordHash, groups, roles, null, Set.of());
  }

  Identity identity() {
    return new Identity(username, displayName, groups, roles, tenants);
  }
}
