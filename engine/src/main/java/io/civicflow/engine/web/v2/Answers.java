package io.civicflow.engine.web.v2;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.http.ResponseEntity;

/**
 * The one way the v2 controllers answer a plain command: on the request's own thread, waits for the
 * engine's future, which completes as soon as the command's events are durable (a group commit,
 * typically a few milliseconds).
 *
 * <p>Why not asynchronously, like {@link Deferred}: an asynchronous answer is a second servlet
 * dispatch (the filter chain and the dispatcher again, on another container thread), scheduled from
 * the engine's journal writer thread. For a wait of a few milliseconds that is more work than
 * holding the thread, and it puts the scheduling on the writer, whose next fsync every other answer
 * waits for. Long polls and awaited instances, which wait for seconds or minutes, stay
 * asynchronous.
 */
final class Answers {

  /** How long a plain command may take before the answer is DEADLINE_EXCEEDED (a safety net). */
  static final Duration COMMAND_WAIT = Duration.ofSeconds(30);

  private Answers() {}

  /**
   * The engine's answer, or its rejection or failure thrown as is (rendered as problem+json);
   * {@code DEADLINE_EXCEEDED} if it has not answered within {@link #COMMAND_WAIT} (the engine
   * answers every command it accepted).
   */
  static <T> T await(CompletableFuture<T> future) {
    try {
      return future.get(COMMAND_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException failed) {
      Throwable cause = failed.getCause();
      throw cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
    } catch (TimeoutException late) {
      future.cancel(false);
      throw Deferred.deadlineExceeded("The engine");
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt(); // the container is stopping
      throw Deferred.deadlineExceeded("The engine");
    }
  }

  /** {@code 204 No Content} once the command is durable. */
  static ResponseEntity<Void> noContent(CompletableFuture<?> command) {
    await(command);
    return ResponseEntity.noContent().build();
  }
}
