package io.civicflow.engine.web.auth;

import java.util.Set;

/**
 * One entry of the users file.
 *
 * @param username unique, no colon (HTTP Basic separates it from the password with one)
 * @param displayName what a task list shows; the user name when the file gives none
 * @param passwordHash a BCrypt hash ({@code $2a$}, {@code $2b$} or {@code $2y$}); never a password
 * @param groups candidate groups the user belongs to; {@value Identity#ADMIN_GROUP} makes an admin
 */
public record User(String username, String displayName, String passwordHash, Set<String> groups) {

  public User {
    groups = Set.copyOf(groups);
  }

  Identity identity() {
    return new Identity(username, displayName, groups);
  }
}
