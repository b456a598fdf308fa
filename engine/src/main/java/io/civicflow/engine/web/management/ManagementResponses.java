package io.civicflow.engine.web.management;

import io.civicflow.engine.api.EngineRejection;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * Waits for an engine management command (actuator operations are synchronous) and turns the
 * outcome into a {@link WebEndpointResponse}: the rendered body on success, the rejection's status
 * (403 when the clock is not controlled or purge is not enabled) with an error body otherwise.
 */
final class ManagementResponses {

  /** Management commands are journaled like any other; they answer in milliseconds. */
  static final Duration WAIT = Duration.ofSeconds(30);

  private static final Logger LOG = LoggerFactory.getLogger(ManagementResponses.class);

  private ManagementResponses() {}

  /** An error body: {@code {"status":403,"title":"FORBIDDEN","detail":"…"}}. */
  record ManagementError(int status, String title, String detail) {}

  static <T> WebEndpointResponse<Object> await(
      CompletableFuture<T> command, int successStatus, Function<T, Object> render) {
    try {
      return new WebEndpointResponse<>(
          render.apply(command.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)), successStatus);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof EngineRejection rejection) {
        return error(
            rejection.type().httpStatus(), rejection.type().name(), rejection.getMessage());
      }
      LOG.error("Management command failed", cause);
      return error(500, "INTERNAL_SERVER_ERROR", String.valueOf(cause));
    } catch (TimeoutException e) {
      return error(504, "DEADLINE_EXCEEDED", "The engine did not answer within " + WAIT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return error(503, "UNAVAILABLE", "Interrupted while waiting for the engine");
    }
  }

  static WebEndpointResponse<Object> error(int status, String title, String detail) {
    return new WebEndpointResponse<>(new ManagementError(status, title, detail), status);
  }
}
