package io.civicflow.engine.testing;

import static org.assertj.core.api.Assertions.catchThrowable;

import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.command.ProblemException;
import java.util.concurrent.CompletionException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * A command the engine refused, as the Java client reported it — a problem over REST, a status over
 * gRPC — in the REST API's terms, so one behaviour test checks both APIs: the HTTP status, the
 * problem title (the engine's rejection type) and the detail. gRPC codes map back as Zeebe's
 * gateway maps them (FAILED_PRECONDITION is INVALID_STATE, 409).
 *
 * @param code the HTTP status (over gRPC: the one the REST API answers for the same refusal)
 * @param title the rejection type, e.g. NOT_FOUND
 * @param detail the engine's reason
 */
public record Refusal(int code, String title, String detail) {

  private static final String REJECTED = " rejected with code '";

  /** Runs the call, which must be refused. */
  public static Refusal of(ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    if (thrown instanceof CompletionException && thrown.getCause() != null) {
      thrown = thrown.getCause();
    }
    if (thrown instanceof ProblemException problem) {
      return new Refusal(
          problem.code(), problem.details().getTitle(), problem.details().getDetail());
    }
    if (thrown instanceof ClientStatusException status) {
      return fromGrpc(status);
    }
    throw new AssertionError(
        "expected the engine to refuse the command, but got: " + thrown, thrown);
  }

  private static Refusal fromGrpc(ClientStatusException exception) {
    String description =
        exception.getStatus().getDescription() == null
            ? ""
            : exception.getStatus().getDescription();
    // "Command 'X' rejected with code 'TYPE': reason" for the engine's refusals, the plain reason
    // for
    // requests the gateway refuses itself
    int rejected = description.indexOf(REJECTED);
    String title = null;
    String detail = description;
    if (rejected >= 0) {
      int typeEnd = description.indexOf('\'', rejected + REJECTED.length());
      title = description.substring(rejected + REJECTED.length(), typeEnd);
      detail = description.substring(description.indexOf(": ", typeEnd) + 2);
    }
    return switch (exception.getStatusCode()) {
      case INVALID_ARGUMENT -> new Refusal(400, title == null ? "INVALID_ARGUMENT" : title, detail);
      case UNAUTHENTICATED -> new Refusal(401, "UNAUTHORIZED", detail);
      case PERMISSION_DENIED -> new Refusal(403, "FORBIDDEN", detail);
      case NOT_FOUND -> new Refusal(404, "NOT_FOUND", detail);
      case FAILED_PRECONDITION -> new Refusal(409, "INVALID_STATE", detail);
      case ALREADY_EXISTS -> new Refusal(409, "ALREADY_EXISTS", detail);
      case RESOURCE_EXHAUSTED -> new Refusal(503, "RESOURCE_EXHAUSTED", detail);
      case DEADLINE_EXCEEDED -> new Refusal(504, "DEADLINE_EXCEEDED", detail);
      default ->
          throw new AssertionError("unexpected gRPC status " + exception.getStatus(), exception);
    };
  }
}
