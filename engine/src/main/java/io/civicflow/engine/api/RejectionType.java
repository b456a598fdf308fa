package io.civicflow.engine.api;

/**
 * Why the engine refused a command or query. Each kind maps to one Camunda 8 REST status and
 * problem title; the web layer does that mapping, nothing else does.
 */
public enum RejectionType {
  INVALID_ARGUMENT(400),
  UNAUTHORIZED(401),
  FORBIDDEN(403),
  NOT_FOUND(404),
  INVALID_STATE(409),
  ALREADY_EXISTS(409),
  PAYLOAD_TOO_LARGE(413),
  RESOURCE_EXHAUSTED(503),
  /** What the answer needs cannot be read now (the history store is down): try again later. */
  UNAVAILABLE(503),
  DEADLINE_EXCEEDED(504);

  private final int httpStatus;

  RejectionType(int httpStatus) {
    this.httpStatus = httpStatus;
  }

  public int httpStatus() {
    return httpStatus;
  }
}
