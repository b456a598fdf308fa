package io.civicflow.engine.web.auth;

import java.time.Duration;

/** Too many failed log-ins from this address or for this user: retry after a while. */
public final class LoginThrottledException extends RuntimeException {

  private final Duration retryAfter;

  LoginThrottledException(String who, Duration retryAfter) {
    super(
        "Too many failed log-ins "
            + who
            + "; retry in "
            + Math.max(1, (retryAfter.toMillis() + 999) / 1000)
            + " s",
        null,
        false,
        false);
    this.retryAfter = retryAfter;
  }

  /** Whole seconds, at least 1 (for {@code Retry-After}). */
  public long retryAfterSeconds() {
    return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
  }
}
