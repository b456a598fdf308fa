package io.civicflow.engine.web.v2;

import io.civicflow.engine.api.EngineRejection;
import io.civicflow.engine.api.RejectionType;
import io.civicflow.engine.web.error.Problems;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * Bridges an engine future to a Spring MVC {@link DeferredResult}, so waiting (job long polling,
 * awaiting an instance's completion) holds no servlet thread. The engine answers before the
 * request's own timeout; the deferred result's timeout is only a safety net a little later than
 * that.
 */
final class Deferred {

  /** How much later than the engine's own deadline the web layer gives up on an answer. */
  static final Duration SAFETY_MARGIN = Duration.ofSeconds(5);

  private static final Logger LOG = LoggerFactory.getLogger(Deferred.class);

  private Deferred() {}

  /**
   * @param onTimeout the answer if the engine has not answered in time (a value, or an exception to
   *     render as a problem)
   * @param onLate called with the engine's answer when it comes after the timeout answer was sent,
   *     or when it could not be written because the client had gone away
   */
  static <T, R> DeferredResult<R> of(
      CompletableFuture<T> future,
      Duration engineDeadline,
      Function<T, R> render,
      Supplier<Object> onTimeout,
      Consumer<T> onLate) {
    DeferredResult<R> result = new DeferredResult<>(engineDeadline.plus(SAFETY_MARGIN).toMillis());
    // nobody will read a later answer: tell the engine (it activates no jobs for a cancelled
    // waiter and gives back those it activated as the waiter was cancelled)
    result.onTimeout(
        () -> {
          result.setErrorResult(onTimeout.get()); // first: cancelling completes the future
          future.cancel(false);
        });
    // the client went away: Spring answers with the container's error, which Problems renders as
    // an abandoned request (no 5xx); the cancellation below is not rendered. If the engine had
    // answered and writing the answer is what failed, nobody received it: Problems gives it back.
    HttpServletRequest request =
        RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
            ? attributes.getRequest()
            : null;
    result.onError(error -> future.cancel(false));
    future.whenComplete(
        (value, failure) -> {
          if (failure instanceof CancellationException) {
            LOG.debug("Stopped waiting for the engine: the request ended first");
          } else if (failure != null) {
            result.setErrorResult(unwrap(failure));
          } else {
            AtomicBoolean givenBack = new AtomicBoolean();
            Runnable giveBack =
                () -> {
                  if (givenBack.compareAndSet(false, true)) {
                    onLate.accept(value);
                  }
                };
            if (request != null && !result.isSetOrExpired()) {
              try {
                request.setAttribute(Problems.UNDELIVERED_ANSWER, giveBack);
              } catch (RuntimeException answeredMeanwhile) {
                // the request was answered (timed out) and recycled: setResult below fails
              }
            }
            if (!result.setResult(render.apply(value))) {
              giveBack.run();
            }
          }
        });
    return result;
  }

  static EngineRejection deadlineExceeded(String what) {
    return new EngineRejection(RejectionType.DEADLINE_EXCEEDED, what + " did not answer in time");
  }

  static void ignoreLate(Object value) {
    LOG.debug("Engine answered after the request timed out: {}", value);
  }

  private static Throwable unwrap(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause()
        : failure;
  }
}
