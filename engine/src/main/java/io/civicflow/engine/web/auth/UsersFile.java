package io.civicflow.engine.web.auth;

import io.civicflow.engine.access.AuthorizationGrant;
import io.civicflow.engine.access.OwnerType;
import io.civicflow.engine.access.PermissionType;
import io.civicflow.engine.access.ResourceType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads the users file ({@code civicflow.engine.auth.users-file}):
 *
 * <pre>
 * users:
 *   civil1:
 *     name: Civil affairs officer        # optional
 *     password: "$2a$10$…"               # BCrypt hash, never the password itself
 *     groups: [civil-affairs]            # "admin" makes an administrator
 *     roles: []                          # optional; "analyst" opens a console's process view
 *     email: zhang.min@example.gov.cn    # optional; where notifications are mailed
 *     tenants: [kunshan]                 # optional; none means the default tenant only
 * authorizations:                        # optional; the fields of POST /v2/authorizations
 *   - ownerType: GROUP
 *     ownerId: analyst
 *     resourceType: PROCESS_DEFINITION
 *     resourceId: "*"
 *     permissionTypes: [READ_PROCESS_DEFINITION, READ_PROCESS_INSTANCE]
 * </pre>
 *
 * Anything else — an unknown key, a password that is not a BCrypt hash, a colon in a user name —
 * stops start-up with the file and the user named, so a typo never silently locks someone out or
 * lets a clear-text password sit in a file.
 */
public final class UsersFile {

  public static final String CLASSPATH_PREFIX = "classpath:";

  private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$\\d\\d\\$[./0-9A-Za-z]{53}");
  private static final Set<String> GRANT_KEYS =
      Set.of("ownerType", "ownerId", "resourceType", "resourceId", "permissionTypes");
  private static final Set<String> USER_KEYS =
      Set.of("name", "password", "groups", "roles", "email", "tenants");

  private UsersFile() {}

  /** Loads {@code location}: a file path (optionally {@code file:}) or {@code classpath:path}. */
  public static Map<String, User> load(String location) {
    try (InputStream in = open(location)) {
      return parse(in, location);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the users file " + location, e);
    }
  }

  /**
   * The file's optional {@code authorizations} section: a list of grants with the fields of
   * Camunda's {@code POST /v2/authorizations} ({@code ownerType}, {@code ownerId}, {@code
   * resourceType}, {@code resourceId} — {@code "*"} for all —, {@code permissionTypes}).
   */
  public static List<AuthorizationGrant> loadAuthorizations(String location) {
    try (InputStream in = open(location)) {
      return authorizations(root(in, location), location);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the users file " + location, e);
    }
  }

  private static Map<?, ?> root(InputStream in, String location) {
    Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
    if (!(document instanceof Map<?, ?> root)
        || !Set.of("users", "authorizations").containsAll(root.keySet())
        || !(root.get("users") instanceof Map<?, ?>)) {
      throw invalid(
          location,
          "expected a top-level key 'users' holding a map of users (and optionally"
              + " 'authorizations')");
    }
    return root;
  }

  private static List<AuthorizationGrant> authorizations(Map<?, ?> root, String location) {
    Object section = root.get("authorizations");
    if (section == null) {
      return List.of();
    }
    if (!(section instanceof List<?> entries)) {
      throw invalid(location, "'authorizations' must be a list");
    }
    List<AuthorizationGrant> grants = new ArrayList<>();
    for (Object entry : entries) {
      if (!(entry instanceof Map<?, ?> fields)
          || !fields.keySet().equals(GRANT_KEYS)
          || !(fields.get("permissionTypes") instanceof List<?> permissions)) {
        throw invalid(location, "each authorization needs exactly " + GRANT_KEYS + ": " + entry);
      }
      try {
        Set<PermissionType> types = new LinkedHashSet<>();
        permissions.forEach(p -> types.add(PermissionType.valueOf(String.valueOf(p))));
        grants.add(
            new AuthorizationGrant(
                0,
                OwnerType.valueOf(String.valueOf(fields.get("ownerType"))),
                String.valueOf(fields.get("ownerId")),
                ResourceType.valueOf(String.valueOf(fields.get("resourceType"))),
                String.valueOf(fields.get("resourceId")),
                types));
      } catch (IllegalArgumentException e) {
        throw invalid(location, "unknown owner, resource or permission type in " + entry);
      }
    }
    return List.copyOf(grants);
  }

  static Map<String, User> parse(InputStream in, String location) {
    Map<?, ?> entries = (Map<?, ?>) root(in, location).get("users");
    Map<String, User> users = new LinkedHashMap<>();
    for (Map.Entry<?, ?> entry : entries.entrySet()) {
      String username = String.valueOf(entry.getKey());
      users.put(username, user(location, username, entry.getValue()));
    }
    return Map.copyOf(users);
  }

  private static User user(String location, String username, Object value) {
    if (username.isBlank() || username.contains(":")) {
      throw invalid(location, "user name '" + username + "' is empty or contains ':'");
    }
    if (!(value instanceof Map<?, ?> fields)) {
      throw invalid(location, "user '" + username + "' must be a map with password and groups");
    }
    for (Object key : fields.keySet()) {
      if (!USER_KEYS.contains(String.valueOf(key))) {
        throw invalid(
            location, "user '" + username + "' has unknown key '" + key + "' (" + USER_KEYS + ")");
      }
    }
    if (!(fields.get("password") instanceof String hash) || !BCRYPT.matcher(hash).matches()) {
      throw invalid(
          location,
          "user '"
              + username
              + "' needs 'password' as a BCrypt hash ($2a$/$2b$/$2y$); make one with"
              + " java -jar civicflow-engine.jar hash-password");
    }
    Object name = fields.get("name");
    return new User(
        username,
        name == null ? username : String.valueOf(name),
        hash,
        names(location, username, fields, "groups"),
        names(location, username, fields, "roles"),
        fields.get("email") == null ? null : String.valueOf(fields.get("email")),
        names(location, username, fields, "tenants"));
  }

  private static Set<String> names(String location, String username, Map<?, ?> fields, String key) {
    Set<String> names = new LinkedHashSet<>();
    Object value = fields.get(key);
    if (value != null) {
      if (!(value instanceof List<?> list)) {
        throw invalid(location, "user '" + username + "': '" + key + "' must be a list");
      }
      list.forEach(item -> names.add(String.valueOf(item)));
    }
    return names;
  }

  private static InputStream open(String location) throws IOException {
    if (location.startsWith(CLASSPATH_PREFIX)) {
      String resource = location.substring(CLASSPATH_PREFIX.length()).replaceFirst("^/", "");
      InputStream in = UsersFile.class.getClassLoader().getResourceAsStream(resource);
      if (in == null) {
        throw new IOException("no such resource on the classpath: " + resource);
      }
      return in;
    }
    String path = location.startsWith("file:") ? location.substring("file:".length()) : location;
    return Files.newInputStream(Path.of(path));
  }

  private static IllegalStateException invalid(String location, String reason) {
    return new IllegalStateException("Invalid users file " + location + ": " + reason);
  }
}
