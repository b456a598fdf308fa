package io.civicflow.engine.grpc;

import io.civicflow.engine.api.EngineRejection;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where a failure becomes a gRPC status, with the codes Zeebe's gateway answers: a
 * refused command keeps its kind (INVALID_STATE is {@code FAILED_PRECONDITION}, as in Zeebe), bad
 * request data is {@code INVALID_ARGUMENT}, anything else is a bug and {@code INTERNAL}.
 */
final class GrpcStatuses {

  private static final Logger LOG = LoggerFactory.getLogger(GrpcStatuses.class);

  private GrpcStatuses() {}

  static StatusRuntimeException of(String rpc, Throwable failure) {
    Throwable cause = unwrap(failure);
    if (cause instanceof StatusRuntimeException status) {
      return status;
    }
    if (cause instanceof EngineRejection rejection) {
      return code(rejection)
          .withDescription(
              String.format(
                  "Command '%s' rejected with code '%s': %s",
                  rpc, rejection.type(), rejection.getMessage()))
          .asRuntimeException();
    }
    if (cause instanceof InvalidRequestException invalid) {
      return Status.INVALID_ARGUMENT.withDescription(invalid.getMessage()).asRuntimeException();
    }
    if (cause instanceof CancellationException) {
      return Status.CANCELLED.withDescription("The request was cancelled").asRuntimeException();
    }
    LOG.error("Expected to handle gRPC request {}, but an unexpected error occurred", rpc, cause);
    return Status.INTERNAL
        .withDescription(
            "Unexpected error occurred during the request processing: " + cause.getMessage())
        .withCause(cause)
        .asRuntimeException();
  }

  private static Status code(EngineRejection rejection) {
    return switch (rejection.type()) {
      case INVALID_ARGUMENT -> Status.INVALID_ARGUMENT;
      case NOT_FOUND -> Status.NOT_FOUND;
      case ALREADY_EXISTS -> Status.ALREADY_EXISTS;
      case INVALID_STATE -> Status.FAILED_PRECONDITION;
      case UNAUTHORIZED -> Status.UNAUTHENTICATED;
      case FORBIDDEN -> Status.PERMISSION_DENIED;
      // Zeebe answers a request over its size limit and an overloaded partition alike
      case PAYLOAD_TOO_LARGE, RESOURCE_EXHAUSTED -> Status.RESOURCE_EXHAUSTED;
      case DEADLINE_EXCEEDED -> Status.DEADLINE_EXCEEDED;
      case UNAVAILABLE -> Status.UNAVAILABLE;
    };
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  /** Request data the gateway itself refuses (before the engine sees it): INVALID_ARGUMENT. */
  static final class InvalidRequestException extends RuntimeException {
    InvalidRequestException(String message) {
      super(message, null, false, false);
    }
  }
}
