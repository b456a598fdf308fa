package io.civicflow.engine.processing;

import io.civicflow.engine.EngineConfig;
import io.civicflow.engine.api.Commands.ActivateJobs;
import io.civicflow.engine.api.Commands.StreamJobs;
import io.civicflow.engine.api.EngineRejection;
import io.civicflow.engine.api.JobStreamConsumer;
import io.civicflow.engine.api.JobStreamRegistration;
import io.civicflow.engine.api.RejectionType;
import io.civicflow.engine.api.Results.ActivatedJob;
import io.civicflow.engine.state.EngineState;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Job activation: long polls that wait for jobs, and job streams that jobs are pushed to. Both are
 * served from the processing thread after every command, each activation a command (and a batch) of
 * its own; jobs reach the caller once their activation is durable, and a job nobody took is given
 * back at once ({@code JobYielded}).
 */
final class JobActivation {

  /**
   * A stream takes at most this many jobs activated for it and not yet pushed, so a backlog is
   * handed out as the stream takes it, not all at once.
   */
  static final int STREAM_IN_FLIGHT_LIMIT = 32;

  private record JobWaiter(ActivateJobs command, CompletableFuture<List<ActivatedJob>> future) {}

  /**
   * An open job stream; {@code command} activates one job for it. {@code inFlight} counts jobs
   * activated for it whose push (after their batch is durable) has not happened yet.
   */
  private record JobStream(
      ActivateJobs command, JobStreamConsumer consumer, AtomicInteger inFlight) {
    boolean ready() {
      return inFlight.get() < STREAM_IN_FLIGHT_LIMIT && consumer.isReady();
    }
  }

  private final CommandQueue queue;
  private final CommandRunner runner;
  private final EngineState state;
  private final JobCommandProcessor jobs;
  private final EngineConfig config;
  private final ScheduledExecutorService timeouts;

  // processing-thread only
  private final Map<String, ArrayDeque<JobWaiter>> jobWaiters = new HashMap<>();

  /** Open job streams by type; each type's list is rotated so its streams take turns. */
  private final Map<String, ArrayDeque<JobStream>> jobStreams = new HashMap<>();

  JobActivation(
      CommandQueue queue,
      CommandRunner runner,
      EngineState state,
      JobCommandProcessor jobs,
      EngineConfig config,
      ScheduledExecutorService timeouts) {
    this.queue = queue;
    this.runner = runner;
    this.state = state;
    this.jobs = jobs;
    this.config = config;
    this.timeouts = timeouts;
  }

  CompletableFuture<List<ActivatedJob>> activate(ActivateJobs command) {
    if (command.type() == null || command.type().isBlank()) {
      return CompletableFuture.failedFuture(
          EngineRejection.invalidArgument("Expected a job type, but none given"));
    }
    if (command.maxJobsToActivate() < 1) {
      return CompletableFuture.failedFuture(
          EngineRejection.invalidArgument(
              "Expected to activate at least one job, but maxJobsToActivate was %d",
              command.maxJobsToActivate()));
    }
    if (command.timeoutMillis() < 1) {
      return CompletableFuture.failedFuture(
          EngineRejection.invalidArgument(
              "Expected a job timeout greater than 0, but it was %d", command.timeoutMillis()));
    }
    CompletableFuture<List<ActivatedJob>> future = new CompletableFuture<>();
    queue.admit(
        future,
        () -> {
          if (future.isDone()) {
            return; // the caller gave up before its turn: lock no jobs for it
          }
          if (state.hasActivatableJobs(command.type()) || command.requestTimeoutMillis() < 0) {
            runner.run(
                ctx -> Outcome.of(jobs.activate(ctx, command)),
                activated -> deliver(future, activated),
                future::completeExceptionally);
            return;
          }
          JobWaiter waiter = new JobWaiter(command, future);
          jobWaiters.computeIfAbsent(command.type(), t -> new ArrayDeque<>()).add(waiter);
          // the configured long-poll timeout is the default and the longest a request is held (like
          // a gateway's long-polling timeout); the client polls again when it gets an empty answer
          long longest = config.defaultLongPollTimeout().toMillis();
          long wait =
              command.requestTimeoutMillis() > 0
                  ? Math.min(command.requestTimeoutMillis(), longest)
                  : longest;
          timeouts.schedule(() -> queue.enqueue(() -> expire(waiter)), wait, TimeUnit.MILLISECONDS);
        });
    return future;
  }

  private void expire(JobWaiter waiter) {
    ArrayDeque<JobWaiter> waiters = jobWaiters.get(waiter.command().type());
    if (waiters != null && waiters.remove(waiter)) {
      // answer in order behind anything not yet durable
      runner.answerInOrder(() -> waiter.future().complete(List.of()));
    }
  }

  /**
   * Opens a job stream. Registering, closing and waking it are internal follow-ups (never refused
   * by back-pressure); they take effect in order with the commands before them.
   */
  JobStreamRegistration openStream(StreamJobs command, JobStreamConsumer consumer) {
    if (command.type() == null || command.type().isBlank()) {
      throw EngineRejection.invalidArgument("Expected a job type, but none given");
    }
    if (command.timeoutMillis() < 1) {
      throw EngineRejection.invalidArgument(
          "Expected a job timeout greater than 0, but it was %d", command.timeoutMillis());
    }
    if (!queue.isOpen()) {
      throw new EngineRejection(RejectionType.RESOURCE_EXHAUSTED, "The engine is shutting down");
    }
    JobStream stream =
        new JobStream(
            new ActivateJobs(
                command.type(),
                command.worker(),
                command.timeoutMillis(),
                1,
                command.fetchVariables(),
                -1,
                command.tenantIds(),
                command.filter()),
            consumer,
            new AtomicInteger());
    queue.enqueue(
        () -> jobStreams.computeIfAbsent(command.type(), t -> new ArrayDeque<>()).add(stream));
    return new JobStreamRegistration() {
      @Override
      public void readyAgain() {
        queue.enqueue(() -> {}); // the loop serves streams after every command
      }

      @Override
      public void close() {
        queue.enqueue(
            () -> {
              ArrayDeque<JobStream> streams = jobStreams.get(command.type());
              if (streams != null && streams.remove(stream) && streams.isEmpty()) {
                jobStreams.remove(command.type());
              }
            });
      }
    };
  }

  /** After every command: streams first, then waiting long polls. */
  void serve() {
    serveStreams();
    serveWaiters();
  }

  /**
   * Pushes activatable jobs to open streams, one job per activation and batch, taking the streams
   * of a type in turn and skipping those that are not ready. A job the stream cannot take after all
   * is yielded back.
   */
  private void serveStreams() {
    if (jobStreams.isEmpty()) {
      return;
    }
    for (Map.Entry<String, ArrayDeque<JobStream>> entry : jobStreams.entrySet()) {
      ArrayDeque<JobStream> streams = entry.getValue();
      // a stream may not be allowed the jobs there are (their tenant or process is not its
      // caller's): once every stream came away empty in a row, the rest waits for the next command
      int emptyInARow = 0;
      while (state.hasActivatableJobs(entry.getKey()) && emptyInARow < streams.size()) {
        JobStream stream = nextReady(streams);
        if (stream == null) {
          break;
        }
        boolean[] activatedAny = {false};
        boolean accepted =
            runner.run(
                ctx -> {
                  List<ActivatedJob> activated = jobs.activate(ctx, stream.command());
                  if (!activated.isEmpty()) {
                    activatedAny[0] = true;
                    ctx.whenAccepted(() -> stream.inFlight().incrementAndGet());
                  }
                  return Outcome.of(activated);
                },
                activated -> activated.forEach(job -> push(stream, job)),
                failure -> {});
        if (!accepted) {
          break; // logged; tried again after the next command
        }
        emptyInARow = activatedAny[0] ? 0 : emptyInARow + 1;
      }
    }
  }

  /** Runs on the writer thread once the activation is durable. */
  private void push(JobStream stream, ActivatedJob job) {
    boolean delivered = stream.consumer().push(job);
    if (stream.inFlight().getAndDecrement() == STREAM_IN_FLIGHT_LIMIT || !delivered) {
      // the stream has room again, or the job must go back: let the processing thread see to it
      queue.enqueue(
          () -> {
            if (!delivered) {
              giveBack(List.of(job));
            }
          });
    }
  }

  /**
   * Runs on the writer thread once an activation for a long poll is durable: a caller that gave up
   * meanwhile (its future was cancelled) never sees the jobs, so they go back at once.
   */
  private void deliver(CompletableFuture<List<ActivatedJob>> future, List<ActivatedJob> activated) {
    if (!future.complete(activated) && !activated.isEmpty()) {
      queue.enqueue(() -> giveBack(activated));
    }
  }

  /** On the processing thread: yields jobs nobody received, in a batch of their own. */
  private void giveBack(List<ActivatedJob> undelivered) {
    runner.run(ctx -> jobs.yieldJobs(ctx, undelivered), nothing -> {}, failure -> {});
  }

  /** The next ready stream, moved to the back of the queue; null when none is ready. */
  private static JobStream nextReady(ArrayDeque<JobStream> streams) {
    for (int i = 0; i < streams.size(); i++) {
      JobStream stream = streams.poll();
      streams.add(stream);
      if (stream.ready()) {
        return stream;
      }
    }
    return null;
  }

  /** Hands newly activatable jobs to waiting long polls, each activation its own batch. */
  private void serveWaiters() {
    if (jobWaiters.isEmpty()) {
      return;
    }
    Iterator<Map.Entry<String, ArrayDeque<JobWaiter>>> types = jobWaiters.entrySet().iterator();
    while (types.hasNext()) {
      Map.Entry<String, ArrayDeque<JobWaiter>> entry = types.next();
      ArrayDeque<JobWaiter> waiters = entry.getValue();
      while (!waiters.isEmpty() && state.hasActivatableJobs(entry.getKey())) {
        JobWaiter waiter = waiters.poll();
        if (waiter.future().isDone()) {
          continue; // the client went away or the web layer gave up: lock no jobs for it
        }
        runner.run(
            ctx -> Outcome.of(jobs.activate(ctx, waiter.command())),
            activated -> deliver(waiter.future(), activated),
            waiter.future()::completeExceptionally);
      }
      if (waiters.isEmpty()) {
        types.remove();
      }
    }
  }

  /** In a purge: every waiting long poll is answered with no jobs once the purge is durable. */
  void dropWaiters(ProcessingContext ctx) {
    jobWaiters
        .values()
        .forEach(ws -> ws.forEach(w -> ctx.afterCommit(() -> w.future().complete(List.of()))));
    ctx.whenAccepted(jobWaiters::clear);
  }
}
