package io.civicflow.engine.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {

  private final Authenticator authenticator =
      new Authenticator(
          Map.of(
              "王芳",
              new User(
                  "王芳",
                  "Wang Fang",
                  HashPassword.hash("社工:2016"),
                  Set.of("social-worker"),
                  Set.of())));

  @Test
  void shouldAcceptTheRightPasswordAgainAndAgain() {
    String header = basic("王芳:社工:2016");
    for (int i = 0; i < 3; i++) {
      assertThat(authenticator.authenticate(header))
          .hasValueSatisfying(
              identity -> {
                assertThat(identity.username()).isEqualTo("王芳");
                assertThat(identity.groups()).containsExactly("social-worker");
                assertThat(identity.isAdmin()).isFalse();
              });
    }
  }

  @Test
  void shouldRejectAWrongPasswordAlsoAfterTheRightOne() {
    assertThat(authenticator.authenticate("王芳", "社工:2016")).isPresent();
    assertThat(authenticator.authenticate("王芳", "社工:2017")).isEmpty();
    assertThat(authenticator.authenticate("王芳", "")).isEmpty();
  }

  @Test
  void shouldRejectUnknownUsersAndMalformedHeaders() {
    assertThat(authenticator.authenticate("李明", "社工:2016")).isEmpty();
    assertThat(authenticator.authenticate((String) null)).isEmpty();
    assertThat(authenticator.authenticate("Bearer abc")).isEmpty();
    assertThat(authenticator.authenticate("Basic %%%")).isEmpty();
    assertThat(authenticator.authenticate(basic("no-colon"))).isEmpty();
  }

  private static String basic(String credentials) {
    return "Basic "
        + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
  }
}
