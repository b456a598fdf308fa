package io.civicflow.workers.console;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Users and groups of the console, from {@code identity.yaml}. Group ids are the candidate groups of
 * DOMAIN.md's roles table; roles ({@code analyst}, {@code admin}) open the process view and dashboards.
 */
@ConfigurationProperties("civicflow.identity")
public record IdentityProperties(List<Group> groups, List<User> users) {

  public IdentityProperties {
    groups = groups == null ? List.of() : List.copyOf(groups);
    users = users == null ? List.of() : List.copyOf(users);
  }

  /** A candidate group: its id (as in {@code zeebe:assignmentDefinition candidateGroups}) and a display name. */
  public record Group(String id, String name) {}

  /**
   * A user. The password is plain text because these are demo users on a machine-local application; the
   * engine's own authentication (hardening issue) replaces this.
   */
  public record User(String username, String name, String password, List<String> groups, List<String> roles) {
    public User {
      groups = groups == null ? List.of() : List.copyOf(groups);
      roles = roles == null ? List.of() : List.copyOf(roles);
    }
  }
}
