package io.civicflow.engine.web.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Failed log-ins are throttled per address (more) and per user (less), before BCrypt runs, without
 * letting an attacker lock out a user who works (issue 19: 600 wrong passwords raised every other
 * user's p50 from 5 to 33 ms). Time is a hand-moved monotonic clock.
 */
class LoginThrottleTest {

  private static final String ATTACKER = "203.0.113.7";
  private static final String OFFICE = "198.51.100.20";

  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final Authenticator authenticator =
      new Authenticator(
          Map.of(
              "wang", user("wang", "right-1"),
              "li", user("li", "right-2")),
          nanos::get);

  @Test
  void shouldBarAnAddressAfterFiveFailuresWithADoublingDelay() {
    for (int i = 0; i < LoginThrottle.FREE_PER_ADDRESS + 1; i++) {
      assertThat(login("li", "guess" + i, ATTACKER)).isFalse();
    }

    assertThatThrownBy(() -> login("li", "guess", ATTACKER))
        .isInstanceOf(LoginThrottledException.class)
        .hasMessageContaining("from " + ATTACKER)
        .hasMessageContaining("retry in 1 s");
    // barred before BCrypt: even the right password of another user waits
    assertThatThrownBy(() -> login("wang", "right-1", ATTACKER))
        .isInstanceOf(LoginThrottledException.class);
    // other addresses are not affected
    assertThat(login("li", "right-2", OFFICE)).isTrue();

    advance(Duration.ofSeconds(1));
    assertThat(login("wang", "guess", ATTACKER)).isFalse();
    assertThatThrownBy(() -> login("wang", "guess", ATTACKER)).hasMessageContaining("retry in 2 s");
    advance(Duration.ofSeconds(2));
    assertThat(login("wang", "guess", ATTACKER)).isFalse();
    assertThatThrownBy(() -> login("wang", "guess", ATTACKER)).hasMessageContaining("retry in 4 s");
  }

  @Test
  void shouldBarAUserFailingFromManyAddressesOnlyBrieflyAndLetAWorkingUserIn() {
    assertThat(login("wang", "right-1", OFFICE)).isTrue(); // wang works, verified once
    for (int i = 0; i < 40; i++) {
      try {
        login("wang", "guess", "192.0.2." + i);
      } catch (LoginThrottledException barred) {
        advance(Duration.ofMinutes(1)); // the attacker waits out each bar
      }
    }
    assertThat(login("wang", "guess", "192.0.2.199")).isFalse(); // checked, and bars again

    assertThatThrownBy(() -> login("wang", "guess", "192.0.2.200"))
        .isInstanceOf(LoginThrottledException.class)
        .hasMessageContaining("for user 'wang'")
        .satisfies(
            e ->
                assertThat(((LoginThrottledException) e).retryAfterSeconds())
                    .isLessThanOrEqualTo(LoginThrottle.USER_CAP.toSeconds()));
    // wang's verified password still gets in at once, from anywhere
    assertThat(login("wang", "right-1", OFFICE)).isTrue();
    assertThat(login("wang", "right-1", "192.0.2.201")).isTrue();
    // and li is not affected at all
    assertThat(login("li", "right-2", OFFICE)).isTrue();
  }

  @Test
  void shouldForgetFailuresAfterASuccessAndAfterAQuietTime() {
    for (int i = 0; i < LoginThrottle.FREE_PER_ADDRESS; i++) {
      assertThat(login("li", "guess", OFFICE)).isFalse();
    }
    assertThat(login("li", "right-2", OFFICE)).isTrue();
    for (int i = 0; i < LoginThrottle.FREE_PER_ADDRESS; i++) {
      assertThat(login("wang", "guess", OFFICE)).isFalse();
    }
    advance(LoginThrottle.QUIET.plusSeconds(1));
    for (int i = 0; i < LoginThrottle.FREE_PER_ADDRESS; i++) {
      assertThat(login("wang", "guess", OFFICE)).isFalse();
    }
  }

  @Test
  void shouldNotCountLoopbackClientsPerAddress() {
    for (int i = 0; i < 3 * LoginThrottle.FREE_PER_ADDRESS; i++) {
      assertThat(login("nobody-" + i, "guess", "127.0.0.1")).isFalse();
    }
    assertThat(login("li", "right-2", "127.0.0.1")).isTrue();
  }

  private boolean login(String user, String password, String address) {
    return authenticator
        .authenticateHeader(
            "Basic "
                + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)),
            address)
        .isPresent();
  }

  private void advance(Duration duration) {
    nanos.addAndGet(duration.toNanos());
  }

  private static User user(String name, String password) {
    return new User(name, name, HashPassword.hash(password), Set.of("staff"), Set.of());
  }
}
