package io.civicflow.workers.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.civicflow.workers.console.IdentityProperties.Group;
import io.civicflow.workers.console.IdentityProperties.User;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

class UserDirectoryTest {

  /** The candidate groups of DOMAIN.md's roles table. */
  private static final Set<String> ROLES_TABLE = Set.of("civil-affairs", "district-office", "procurement-agency",
      "expert-panel", "evaluator", "provider", "community-liaison", "station", "incubation-panel", "social-worker");

  private static IdentityProperties shipped() throws IOException {
    StandardEnvironment environment = new StandardEnvironment();
    for (PropertySource<?> source : new YamlPropertySourceLoader().load("identity", new ClassPathResource("identity.yaml"))) {
      environment.getPropertySources().addLast(source);
    }
    return Binder.get(environment).bind("civicflow.identity", IdentityProperties.class).get();
  }

  @Test
  void theShippedDemoUsersCoverEveryRoleOfTheDomainAndAnAnalyst() throws IOException {
    UserDirectory directory = new UserDirectory(shipped());

    assertThat(directory.groups()).extracting(Group::id).containsExactlyInAnyOrderElementsOf(ROLES_TABLE);
    Set<String> covered = directory.users().stream().flatMap(u -> u.groups().stream()).collect(Collectors.toSet());
    assertThat(covered).containsAll(ROLES_TABLE);
    assertThat(directory.users()).extracting(User::username)
        .contains("civil1", "district1", "agency1", "expert1", "expert7", "evaluator1", "provider1", "liaison1",
            "station1", "panel1", "panel5", "worker1", "worker2", "analyst", "admin");
    assertThat(directory.authenticate("analyst", "demo")).get().extracting(User::roles).isEqualTo(List.of("analyst"));
    // an evaluation committee needs an odd number of at least five experts (DOMAIN.md §6)
    assertThat(directory.users().stream().filter(u -> u.groups().contains("expert-panel")).count()).isGreaterThanOrEqualTo(5);
  }

  @Test
  void shouldAuthenticateOnlyWithTheRightPassword() {
    UserDirectory directory = new UserDirectory(new IdentityProperties(
        List.of(new Group("civil-affairs", "民政局")),
        List.of(new User("civil1", "张敏", "secret", List.of("civil-affairs"), List.of()))));

    assertThat(directory.authenticate("civil1", "secret")).isPresent();
    assertThat(directory.authenticate("civil1", "Secret")).isEmpty();
    assertThat(directory.authenticate("nobody", "secret")).isEmpty();
  }

  @Test
  void shouldRefuseAUserInAnUnknownGroupAtStartUp() {
    IdentityProperties properties = new IdentityProperties(
        List.of(new Group("civil-affairs", "民政局")),
        List.of(new User("x", "X", "pw", List.of("civil-afairs"), List.of())));

    assertThatThrownBy(() -> new UserDirectory(properties)).hasMessageContaining("unknown groups [civil-afairs]");
  }

  @Test
  void shouldRefuseDuplicateUsernames() {
    IdentityProperties properties = new IdentityProperties(List.of(), List.of(
        new User("x", "X", "pw", List.of(), List.of()), new User("x", "Y", "pw", List.of(), List.of())));

    assertThatThrownBy(() -> new UserDirectory(properties)).hasMessageContaining("duplicate username 'x'");
  }

  @Test
  void shouldReadBasicCredentialsInUtf8() {
    String header = "Basic " + Base64.getEncoder().encodeToString("张敏:密码:含冒号".getBytes(StandardCharsets.UTF_8));

    assertThat(AuthenticationController.basicCredentials(header)).get()
        .satisfies(c -> assertThat(c).containsExactly("张敏", "密码:含冒号"));
    assertThat(AuthenticationController.basicCredentials("Bearer abc")).isEmpty();
    assertThat(AuthenticationController.basicCredentials("Basic not-base64!")).isEmpty();
    assertThat(AuthenticationController.basicCredentials(null)).isEmpty();
  }
}
