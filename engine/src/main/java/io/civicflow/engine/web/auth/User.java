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
 */
public record User(
    String username,
    String displayName,
    String passwordHash,
    Set<String> groups,
    Set<String> roles) {

  public User {
    groups = Set.copyOf(groups);
    roles = Set.copyOf(roles);
  }

  Identity identity() {
    return new Identity(username, displayName, groups, roles);
  }
}
