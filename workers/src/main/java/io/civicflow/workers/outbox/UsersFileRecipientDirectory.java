package io.civicflow.workers.outbox;

import io.civicflow.engine.web.auth.User;
import io.civicflow.engine.web.auth.UsersFile;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link RecipientDirectory} of the embedded engine: the users, groups and e-mail addresses of
 * the engine's users file ({@code civicflow.engine.auth.users-file}), read once at start-up, as the
 * engine itself reads it.
 */
public final class UsersFileRecipientDirectory implements RecipientDirectory {

  private final Map<String, User> users;

  public UsersFileRecipientDirectory(Map<String, User> users) {
    this.users = Map.copyOf(users);
  }

  /** Reads {@code location}: a file path or {@code classpath:path}. */
  public static UsersFileRecipientDirectory load(String location) {
    return new UsersFileRecipientDirectory(UsersFile.load(location));
  }

  @Override
  public Optional<Recipient> user(String userId) {
    return Optional.ofNullable(users.get(userId)).map(UsersFileRecipientDirectory::recipient);
  }

  @Override
  public List<Recipient> members(String groupId) {
    return users.values().stream()
        .filter(user -> user.groups().contains(groupId))
        .sorted(Comparator.comparing(User::username))
        .map(UsersFileRecipientDirectory::recipient)
        .toList();
  }

  private static Recipient recipient(User user) {
    return new Recipient(user.username(), user.displayName(), user.email());
  }
}
