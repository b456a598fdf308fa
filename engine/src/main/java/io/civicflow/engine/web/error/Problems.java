package io.civicflow.engine.web.error;

import io.civicflow.engine.api.EngineRejection;
import io.civicflow.engine.api.RejectionType;
import jakarta.servlet.http.HttpServletRequest;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestValueException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.context.request.async.AsyncRequestTimeoutException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.util.DisconnectedClientHelper;

/**
 * The one mapping from a failure to a Camunda problem response. Engine rejections keep their {@link
 * RejectionType} as title and its HTTP status; request errors become {@code INVALID_ARGUMENT}
 * (400); other framework errors use the HTTP status name as title; anything unexpected is a logged
 * 500. A request its client abandoned (a long poll or an awaited creation whose connection went
 * away) is nobody's error: {@value #CLIENT_CLOSED_REQUEST} without a body, logged at debug level.
 */
public final class Problems {

  public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

  /**
   * The status of a request whose client went away before its answer (nginx's "client closed
   * request"): not a 5xx, so monitoring does not count it as the engine's failure.
   */
  public static final int CLIENT_CLOSED_REQUEST = 499;

  /**
   * Request attribute: what to do with an engine answer the client never received (a {@link
   * Runnable}; a long poll gives its jobs back), set where an answer is written asynchronously.
   */
  public static final String UNDELIVERED_ANSWER = Problems.class.getName() + ".undelivered";

  private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

  private Problems() {}

  public static ResponseEntity<Problem> toResponse(Throwable failure, HttpServletRequest request) {
    Throwable cause = unwrap(failure);
    String instance = request.getRequestURI();
    if (isAbandoned(cause)) {
      LOG.debug(
          "{} {}: the client went away ({})", request.getMethod(), instance, cause.toString());
      if (request.getAttribute(UNDELIVERED_ANSWER) instanceof Runnable giveBack) {
        request.removeAttribute(UNDELIVERED_ANSWER);
        giveBack.run();
      }
      return ResponseEntity.status(CLIENT_CLOSED_REQUEST).build();
    }
    Problem problem = describe(cause, instance);
    if (problem.status() >= 500 && !(cause instanceof EngineRejection)) {
      LOG.error("Unexpected failure serving {} {}", request.getMethod(), instance, cause);
    } else {
      LOG.debug(
          "{} {} answered {} {}: {}",
          request.getMethod(),
          instance,
          problem.status(),
          problem.title(),
          problem.detail());
    }
    ResponseEntity.BodyBuilder builder =
        ResponseEntity.status(problem.status()).contentType(PROBLEM_JSON);
    if (cause instanceof HttpRequestMethodNotSupportedException notSupported
        && notSupported.getSupportedHttpMethods() != null) {
      builder.header(
          HttpHeaders.ALLOW,
          notSupported.getSupportedHttpMethods().stream()
              .map(Object::toString)
              .toArray(String[]::new));
    }
    return builder.body(problem);
  }

  static Problem describe(Throwable cause, String instance) {
    if (cause instanceof EngineRejection rejection) {
      return Problem.of(
          rejection.type().name(), rejection.type().httpStatus(), rejection.getMessage(), instance);
    }
    RequestSizeFilter.RequestTooLargeException tooLarge = tooLarge(cause);
    if (tooLarge != null) {
      return Problem.of(
          RejectionType.PAYLOAD_TOO_LARGE.name(),
          RejectionType.PAYLOAD_TOO_LARGE.httpStatus(),
          tooLarge.getMessage(),
          instance);
    }
    if (cause instanceof HttpMessageNotReadableException unreadable) {
      return invalidArgument(readableMessage(unreadable), instance);
    }
    if (cause instanceof MissingServletRequestPartException missingPart) {
      return invalidArgument(
          "Missing multipart part '" + missingPart.getRequestPartName() + "'", instance);
    }
    if (cause instanceof MissingRequestValueException
        || cause instanceof ServletRequestBindingException) {
      return invalidArgument(cause.getMessage(), instance);
    }
    if (cause instanceof TypeMismatchException mismatch) {
      String name = mismatch.getPropertyName() == null ? "value" : mismatch.getPropertyName();
      return invalidArgument("Invalid " + name + " '" + mismatch.getValue() + "'", instance);
    }
    if (cause instanceof MaxUploadSizeExceededException) {
      return Problem.of(
          RejectionType.PAYLOAD_TOO_LARGE.name(),
          413,
          "The request is larger than the allowed maximum",
          instance);
    }
    if (cause instanceof MultipartException) {
      return invalidArgument(
          "Expected a multipart/form-data request: " + cause.getMessage(), instance);
    }
    if (cause instanceof NoResourceFoundException || cause instanceof NoHandlerFoundException) {
      return Problem.of(RejectionType.NOT_FOUND.name(), 404, "No endpoint " + instance, instance);
    }
    if (cause instanceof HttpRequestMethodNotSupportedException notSupported) {
      return status(
          HttpStatus.METHOD_NOT_ALLOWED,
          "Method " + notSupported.getMethod() + " is not supported by " + instance,
          instance);
    }
    if (cause instanceof HttpMediaTypeNotSupportedException) {
      return status(HttpStatus.UNSUPPORTED_MEDIA_TYPE, cause.getMessage(), instance);
    }
    if (cause instanceof HttpMediaTypeNotAcceptableException) {
      return status(HttpStatus.NOT_ACCEPTABLE, cause.getMessage(), instance);
    }
    if (cause instanceof AsyncRequestTimeoutException) {
      return Problem.of(
          RejectionType.DEADLINE_EXCEEDED.name(), 504, "The request timed out", instance);
    }
    String detail = cause.getMessage() == null ? cause.getClass().getName() : cause.getMessage();
    return status(HttpStatus.INTERNAL_SERVER_ERROR, detail, instance);
  }

  /** A body that passed the request limit while read, wherever the reader wrapped it; or null. */
  private static RequestSizeFilter.RequestTooLargeException tooLarge(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof RequestSizeFilter.RequestTooLargeException tooLarge) {
        return tooLarge;
      }
    }
    return null;
  }

  /**
   * The connection is gone (reset, closed, the response no longer usable), or the answer was
   * cancelled because it was (see {@code Deferred}).
   */
  static boolean isAbandoned(Throwable cause) {
    return cause instanceof CancellationException
        || DisconnectedClientHelper.isClientDisconnectedException(cause);
  }

  static Throwable unwrap(Throwable failure) {
    Throwable current = failure;
    while ((current instanceof CompletionException || current instanceof ExecutionException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }

  private static Problem invalidArgument(String detail, String instance) {
    return Problem.of(RejectionType.INVALID_ARGUMENT.name(), 400, detail, instance);
  }

  private static Problem status(HttpStatus status, String detail, String instance) {
    return Problem.of(status.name(), status.value(), detail, instance);
  }

  /**
   * Jackson's first message line (without the source excerpt), or a generic text for an empty body.
   */
  private static String readableMessage(HttpMessageNotReadableException unreadable) {
    Throwable cause = unreadable.getMostSpecificCause();
    String message =
        cause == null || cause == unreadable ? unreadable.getMessage() : cause.getMessage();
    if (message == null
        || message.isBlank()
        || message.startsWith("Required request body is missing")) {
      return "The request body is missing or not valid JSON";
    }
    int sourceExcerpt = message.indexOf("\n at [Source");
    return "Malformed request body: "
        + (sourceExcerpt >= 0 ? message.substring(0, sourceExcerpt) : message);
  }
}
