package io.civicflow.engine.web.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.civicflow.engine.access.PermissionType;
import io.civicflow.engine.web.EngineProperties;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UsersFileTest {

  private static final String HASH = "$2a$10$crBbk2EsUXT8f5aYSLsxJOqU52kb7/FqxUBwa4L0Wq.lN.78bHbxu";

  @Test
  void theBuiltInFileHasTheAdminTheServiceUserAndOneUserForEveryRole() {
    Map<String, User> users = UsersFile.load(EngineProperties.Auth.DEFAULT_USERS_FILE);

    assertThat(users.get("demo").groups()).containsExactly("admin");
    assertThat(users.get("admin").groups()).containsExactly("admin");
    assertThat(users.get("civicflow-workers").groups()).containsExactly("admin");
    assertThat(users.get("analyst").groups()).isEmpty();
    assertThat(users.get("analyst").roles()).containsExactly("analyst");
    Map<String, String> roleUsers =
        Map.ofEntries(
            Map.entry("civil1", "civil-affairs"),
            Map.entry("district1", "district-office"),
            Map.entry("agency1", "procurement-agency"),
            Map.entry("evaluator1", "evaluator"),
            Map.entry("provider1", "provider"),
            Map.entry("liaison1", "community-liaison"),
            Map.entry("station1", "station"),
            Map.entry("worker1", "social-worker"),
            Map.entry("worker2", "social-worker"));
    roleUsers.forEach((user, group) -> assertThat(users.get(user).groups()).contains(group));
    // two organisations per role: each user also in its own organisation's group
    Map<String, List<String>> organisations =
        Map.of(
            "provider1", List.of("provider", "provider-52320583MJ5000001X"),
            "provider2", List.of("provider", "provider-52320583MJ5000002X"),
            "district1", List.of("district-office", "district-ZP"),
            "district2", List.of("district-office", "district-ZS"),
            "station1", List.of("station", "station-shaxi"),
            "station2", List.of("station", "station-chengxiang"),
            "supervisor1", List.of("supervisor", "supervisor-shaxi"),
            "supervisor2", List.of("supervisor", "supervisor-chengxiang"));
    organisations.forEach(
        (user, groups) ->
            assertThat(users.get(user).groups()).containsExactlyInAnyOrderElementsOf(groups));
    for (String user : List.of("centre1", "centre2", "finance1", "finance2", "audit1", "audit2")) {
      assertThat(users.get(user).email()).isNotBlank();
    }
    for (int i = 1; i <= 9; i++) {
      assertThat(users.get("expert" + i).groups()).containsExactly("expert-panel");
    }
    for (int i = 1; i <= 5; i++) {
      assertThat(users.get("panel" + i).groups()).containsExactly("incubation-panel");
    }
    assertThat(users.values()).allSatisfy(u -> assertThat(u.passwordHash()).startsWith("$2a$10$"));
  }

  @Test
  void everyBuiltInPasswordIsDemo() {
    java.util.Map<String, User> users = UsersFile.load(EngineProperties.Auth.DEFAULT_USERS_FILE);
    Authenticator authenticator = new Authenticator(users);
    assertThat(users.keySet())
        .allSatisfy(user -> assertThat(authenticator.authenticate(user, "demo")).isPresent());
  }

  @Test
  void aClearTextPasswordStopsTheStart() {
    assertThatThrownBy(() -> parse("users:\n  civil1:\n    password: secret\n"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("user 'civil1' needs 'password' as a BCrypt hash");
  }

  @Test
  void anUnknownKeyStopsTheStart() {
    assertThatThrownBy(
            () -> parse("users:\n  civil1:\n    password: \"" + HASH + "\"\n    group: [x]\n"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("unknown key 'group'");
  }

  @Test
  void aColonInAUserNameStopsTheStart() {
    assertThatThrownBy(() -> parse("users:\n  \"a:b\":\n    password: \"" + HASH + "\"\n"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("contains ':'");
  }

  @Test
  void aFileWithoutUsersStopsTheStart() {
    assertThatThrownBy(() -> parse("people: {}\n"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'users'");
  }

  @Test
  void nameAndGroupsAreOptional() {
    User user = parse("users:\n  guest:\n    password: \"" + HASH + "\"\n").get("guest");
    assertThat(user.displayName()).isEqualTo("guest");
    assertThat(user.groups()).isEmpty();
  }

  @Test
  void eMailTenantsAndAuthorizationsAreRead() throws Exception {
    java.nio.file.Path file = java.nio.file.Files.createTempFile("users", ".yaml");
    java.nio.file.Files.writeString(
        file,
        "users:\n  civil1:\n    password: \""
            + HASH
            + "\"\n    email: civil1@example.gov.cn\n    tenants: [kunshan]\n"
            + "authorizations:\n  - ownerType: GROUP\n    ownerId: analyst\n"
            + "    resourceType: PROCESS_DEFINITION\n    resourceId: \"*\"\n"
            + "    permissionTypes: [READ_PROCESS_INSTANCE]\n");
    User user = UsersFile.load(file.toString()).get("civil1");
    assertThat(user.email()).isEqualTo("civil1@example.gov.cn");
    assertThat(user.tenants()).containsExactly("kunshan");
    var grants = UsersFile.loadAuthorizations(file.toString());
    assertThat(grants).hasSize(1);
    assertThat(grants.get(0).allows(PermissionType.READ_PROCESS_INSTANCE, "any-process")).isTrue();
    assertThat(grants.get(0).allows(PermissionType.CANCEL_PROCESS_INSTANCE, "any-process"))
        .isFalse();

    java.nio.file.Files.writeString(
        file,
        "users: {}\nauthorizations:\n  - ownerType: GROUP\n    ownerId: a\n"
            + "    resourceType: PROCESS\n    resourceId: x\n    permissionTypes: [READ]\n");
    assertThatThrownBy(() -> UsersFile.loadAuthorizations(file.toString()))
        .hasMessageContaining("unknown owner, resource or permission type");
  }

  private static Map<String, User> parse(String yaml) {
    return UsersFile.parse(
        new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml");
  }
}
