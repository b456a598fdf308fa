package io.civicflow.engine.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

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

  /** A worker's first requests after a start arrive together: one BCrypt check serves them all. */
  @Test
  void shouldCheckAPasswordOnceForRequestsThatArriveTogether() throws Exception {
    AtomicInteger checks = new AtomicInteger();
    BCryptPasswordEncoder counted =
        new BCryptPasswordEncoder() {
          @Override
          public boolean matches(CharSequence raw, String encoded) {
            checks.incrementAndGet();
            return super.matches(raw, encoded);
          }
        };
    Authenticator fresh =
        new Authenticator(
            UserDirectory.of(
                Map.of(
                    "worker",
                    new User("worker", "Worker", HashPassword.hash("s3cret"), Set.of(), Set.of()))),
            System::nanoTime,
            counted);
    int startupChecks = checks.get(); // none: the dummy hash is encoded, not matched
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Boolean>> answers = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        answers.add(
            pool.submit(
                () -> {
                  go.await();
                  return fresh.authenticate(basic("worker:s3cret")).isPresent();
                }));
      }
      go.countDown();
      for (Future<Boolean> answer : answers) {
        assertThat(answer.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(checks.get() - startupChecks).isEqualTo(1);
    assertThat(fresh.authenticate("worker", "wrong")).isEmpty();
    assertThat(checks.get() - startupChecks).as("a wrong password still pays").isEqualTo(2);
  }

  private static String basic(String credentials) {
    return "Basic "
        + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
  }
}
