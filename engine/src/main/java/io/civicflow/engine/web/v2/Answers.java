package io.civicflow.engine.web.v2;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Answers a plain command on the request's own thread: waits for the engine's future, which completes
 * as soon as the command's events are durable (a group commit, typically a few milliseconds).
 *
 * <p>Why not asynchronously, like {@link Deferred}: an asynchronous answer is a second servlet
 * dispatch (the filter chain and the dispatcher again, on another container thread), scheduled from
 * the engine's journal writer thread. For a wait of a few milliseconds that is more work than holding
 * the thread, and it puts the scheduling on the writer, whose next fsync every other answer waits for.
 * Long polls and awaited instances, which wait for seconds or minutes, stay asynchronous.
 */
final class Answers {

  private Answers() {}

  /**
   * The engine's answer, or its rejection or failure thrown as is (rendered as problem+json);
   * {@code DEADLINE_EXCEEDED} if it has not answered within {@code timeout} (a safety net: the engine
   * answers every command it accepted).
   */
  static <T> T await(CompletableFuture<T> future, Duration timeout, String what) {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException failed) {
      Throwable cause = failed.getCause();
      throw cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
    } catch (TimeoutException late) {
      future.cancel(false);
      throw Deferred.deadlineExceeded(what);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt(); // the container is stopping
      throw Deferred.deadlineExceeded(what);
    }
  }
}
