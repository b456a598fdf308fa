package io.civicflow.engine.processing;

import java.util.Objects;
import java.util.function.Function;

/**
 * What a command handler answers: accepted with a value (its events are written), or a {@link
 * Rejection} (nothing written: handlers check before their first write). Zeebe's shape: validate,
 * then write.
 */
final class Outcome<T> {

  private static final Outcome<Void> DONE = new Outcome<>(null, null);

  private final T value;
  private final Rejection rejection;

  private Outcome(T value, Rejection rejection) {
    this.value = value;
    this.rejection = rejection;
  }

  static <T> Outcome<T> of(T value) {
    return new Outcome<>(value, null);
  }

  /** Accepted, answering nothing. */
  static Outcome<Void> done() {
    return DONE;
  }

  static <T> Outcome<T> rejected(Rejection rejection) {
    return new Outcome<>(null, Objects.requireNonNull(rejection));
  }

  boolean isRejected() {
    return rejection != null;
  }

  Rejection rejection() {
    return rejection;
  }

  T value() {
    if (rejection != null) {
      throw new IllegalStateException("rejected: " + rejection);
    }
    return value;
  }

  /** The accepted value mapped, or the same rejection. */
  <U> Outcome<U> map(Function<T, U> mapping) {
    return rejection != null ? rejected(rejection) : of(mapping.apply(value));
  }
}
