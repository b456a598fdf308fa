package io.civicflow.engine.processing;

import io.civicflow.engine.api.EngineRejection;
import io.civicflow.engine.api.RejectionType;

/**
 * Why a command is refused, as a value: a handler checks, and answers a rejection before its first
 * write instead of throwing ({@link Outcome}). Only at the edge, when the caller's future is
 * completed, does it become an {@link EngineRejection} (Camunda's status and reason).
 */
record Rejection(RejectionType type, String message) {

  static Rejection notFound(String format, Object... args) {
    return new Rejection(RejectionType.NOT_FOUND, String.format(format, args));
  }

  static Rejection invalidArgument(String format, Object... args) {
    return new Rejection(RejectionType.INVALID_ARGUMENT, String.format(format, args));
  }

  static Rejection invalidState(String format, Object... args) {
    return new Rejection(RejectionType.INVALID_STATE, String.format(format, args));
  }

  static Rejection forbidden(String message) {
    return new Rejection(RejectionType.FORBIDDEN, message);
  }

  /** The rejection as the failure the caller's future completes with. */
  EngineRejection toException() {
    return new EngineRejection(type, message);
  }
}
