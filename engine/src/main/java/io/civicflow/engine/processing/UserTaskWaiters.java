package io.civicflow.engine.processing;

import io.civicflow.engine.api.EngineRejection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * User-task commands whose transition waits for task listeners (as in Camunda, the request is
 * answered when the transition ends): answered when every listener completed, refused ({@code
 * INVALID_STATE}) when one denies it or the task is canceled meanwhile. A command that starts no
 * transition is answered when durable, as any other. Processing-thread only (apart from the
 * answers, completed after commit). The REST layer's own wait bounds how long a caller waits.
 */
final class UserTaskWaiters {

  private final Map<Long, List<CompletableFuture<Void>>> waiters = new HashMap<>();

  <C> CompletableFuture<Void> submit(
      CommandQueue queue, CommandHandlers.Handler<C, Void> handler, C command, long userTaskKey) {
    return submit(
        queue,
        handler,
        command,
        userTaskKey,
        ctx ->
            ctx.state()
                .humanTasks()
                .userTask(userTaskKey)
                .map(task -> task.transition() != null)
                .orElse(false));
  }

  /**
   * A command answered when {@link #ended} is called for the key, if {@code waits} says so once it
   * is processed — the cancellation of a process instance whose termination is held by canceling
   * task listeners (Camunda answers it when the instance is terminated; REST gives up with 504).
   */
  <C> CompletableFuture<Void> submit(
      CommandQueue queue,
      CommandHandlers.Handler<C, Void> handler,
      C command,
      long key,
      java.util.function.Predicate<ProcessingContext> waits) {
    CompletableFuture<Void> answer = new CompletableFuture<>();
    AtomicBoolean waiting = new AtomicBoolean();
    queue
        .submit(
            ctx -> {
              Outcome<Void> outcome = handler.handle(ctx, command);
              boolean started = !outcome.isRejected() && waits.test(ctx);
              if (started) {
                waiting.set(true);
                ctx.whenAccepted(
                    () -> waiters.computeIfAbsent(key, k -> new ArrayList<>()).add(answer));
              }
              return outcome;
            })
        .whenComplete(
            (done, failure) -> {
              if (failure != null) {
                answer.completeExceptionally(failure);
              } else if (!waiting.get()) {
                answer.complete(null);
              }
            });
    return answer;
  }

  /** The transition ended: its command is answered. */
  void ended(ProcessingContext ctx, long userTaskKey) {
    answer(ctx, userTaskKey, null);
  }

  /** The transition was denied, or the task canceled: its command is refused. */
  void refused(ProcessingContext ctx, long userTaskKey, Rejection rejection) {
    answer(ctx, userTaskKey, rejection.toException());
  }

  private void answer(ProcessingContext ctx, long userTaskKey, EngineRejection rejection) {
    List<CompletableFuture<Void>> list = waiters.get(userTaskKey);
    if (list == null) {
      return;
    }
    ctx.whenAccepted(() -> waiters.remove(userTaskKey));
    for (CompletableFuture<Void> future : List.copyOf(list)) {
      ctx.afterCommit(
          () -> {
            if (rejection == null) {
              future.complete(null);
            } else {
              future.completeExceptionally(rejection);
            }
          });
    }
  }

  /** In a purge: every waiting command fails once the purge is durable. */
  void dropWaiters(ProcessingContext ctx) {
    EngineRejection purged = EngineRejection.invalidState("The engine was purged");
    waiters
        .values()
        .forEach(ws -> ws.forEach(w -> ctx.afterCommit(() -> w.completeExceptionally(purged))));
    ctx.whenAccepted(waiters::clear);
  }
}
