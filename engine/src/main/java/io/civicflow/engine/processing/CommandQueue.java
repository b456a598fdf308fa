package io.civicflow.engine.processing;

import io.civicflow.engine.api.EngineRejection;
import io.civicflow.engine.api.RejectionType;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.IntSupplier;

/**
 * What waits for the processing thread. At most {@code limit} client commands wait; beyond that a
 * command is refused with {@code RESOURCE_EXHAUSTED} at once. Internal follow-ups (long-poll and
 * request timeouts, job streams) are never refused, so no waiter is left hanging.
 */
final class CommandQueue {

  private final BlockingQueue<Runnable> commands = new LinkedBlockingQueue<>();
  private final AtomicInteger queuedClientCommands = new AtomicInteger();
  private final int limit;
  private final BooleanSupplier running;
  private final CommandRunner runner;
  private final IntSupplier pendingHistory;
  private final int maxPendingHistory;

  /**
   * @param pendingHistory how many ended root instances wait for the history store; beyond {@code
   *     maxPendingHistory} client commands are refused (back-pressure), the clock's and a purge's
   *     excepted
   */
  CommandQueue(
      int limit,
      BooleanSupplier running,
      CommandRunner runner,
      IntSupplier pendingHistory,
      int maxPendingHistory) {
    this.limit = limit;
    this.running = running;
    this.runner = runner;
    this.pendingHistory = pendingHistory;
    this.maxPendingHistory = maxPendingHistory;
  }

  /** A client command; the future completes when its events are durable, or with its refusal. */
  <T> CompletableFuture<T> submit(Function<ProcessingContext, Outcome<T>> handler) {
    CompletableFuture<T> future = new CompletableFuture<>();
    admit(future, () -> runner.run(handler, future::complete, future::completeExceptionally));
    return future;
  }

  /** Queues a client command, or refuses it at once (the future fails). */
  void admit(CompletableFuture<?> future, Runnable command) {
    admit(future, command, true);
  }

  /**
   * Queues a client command, or refuses it at once (the future fails); {@code historyBound}: also
   * when too much history waits for the history store.
   */
  void admit(CompletableFuture<?> future, Runnable command, boolean historyBound) {
    if (!running.getAsBoolean()) {
      future.completeExceptionally(
          new EngineRejection(RejectionType.RESOURCE_EXHAUSTED, "The engine is shutting down"));
      return;
    }
    int waiting = historyBound ? pendingHistory.getAsInt() : 0;
    if (waiting > maxPendingHistory) {
      future.completeExceptionally(
          new EngineRejection(
              RejectionType.RESOURCE_EXHAUSTED,
              String.format(
                  "Expected to queue the command, but the history of %d ended process instances "
                      + "waits for the history store, which refuses writes "
                      + "(civicflow.engine.history.max-pending %d); retry later",
                  waiting, maxPendingHistory)));
      return;
    }
    if (queuedClientCommands.incrementAndGet() > limit) {
      queuedClientCommands.decrementAndGet();
      future.completeExceptionally(
          new EngineRejection(
              RejectionType.RESOURCE_EXHAUSTED,
              String.format(
                  "Expected to queue the command, but %d commands are waiting for the engine already "
                      + "(civicflow.engine.command-queue-limit); retry later",
                  limit)));
      return;
    }
    commands.add(
        () -> {
          queuedClientCommands.decrementAndGet();
          command.run();
        });
  }

  /** Queues an internal follow-up: never refused. */
  void enqueue(Runnable command) {
    commands.add(command);
  }

  /** False once the engine stops. */
  boolean isOpen() {
    return running.getAsBoolean();
  }

  int queuedClientCommands() {
    return queuedClientCommands.get();
  }

  /** Processing thread: the next command, waiting at most {@code millis}; null if none came. */
  Runnable poll(long millis) throws InterruptedException {
    return commands.poll(millis, TimeUnit.MILLISECONDS);
  }

  /**
   * Holds the processing thread until the returned handle is closed; commands queue meanwhile (and
   * are refused beyond the limit).
   */
  AutoCloseable pause() throws InterruptedException {
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    enqueue(
        () -> {
          held.countDown();
          boolean interrupted = false;
          while (true) {
            try {
              release.await();
              break;
            } catch (InterruptedException e) {
              interrupted = true;
              if (!running.getAsBoolean()) {
                break;
              }
            }
          }
          if (interrupted) {
            Thread.currentThread().interrupt();
          }
        });
    held.await();
    return release::countDown;
  }
}
