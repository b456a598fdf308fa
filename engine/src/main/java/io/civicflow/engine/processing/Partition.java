package io.civicflow.engine.processing;

import io.civicflow.engine.EngineConfig;
import io.civicflow.engine.api.Commands.ActivateJobs;
import io.civicflow.engine.api.Commands.CreateProcessInstance;
import io.civicflow.engine.api.Commands.StreamJobs;
import io.civicflow.engine.api.JobStreamConsumer;
import io.civicflow.engine.api.JobStreamRegistration;
import io.civicflow.engine.api.Results.ActivatedJob;
import io.civicflow.engine.api.Results.ProcessInstanceCreated;
import io.civicflow.engine.clock.EngineClock;
import io.civicflow.engine.event.EngineEvent;
import io.civicflow.engine.feel.FeelEngine;
import io.civicflow.engine.journal.Journal;
import io.civicflow.engine.model.ExecutableProcess;
import io.civicflow.engine.processing.JournalWriter.PendingBatch;
import io.civicflow.engine.query.ReadModelProjection;
import io.civicflow.engine.snapshot.SnapshotStore;
import io.civicflow.engine.state.EngineState;
import io.civicflow.engine.state.EventApplier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's single partition: one thread takes commands in order and processes each, all or
 * nothing, into one batch of events (applied to the state at once); the journal writer appends the
 * batches (many commands per flush) and only then updates the read model and releases the answers.
 * So an acknowledged command is durable, and a command never sees another half-done.
 *
 * <p>Its parts: {@link Processors} (the wiring and the element-processor table), {@link
 * CommandHandlers} (one handler per {@link CommandType}), {@link CommandQueue} (back-pressure),
 * {@link CommandRunner} (all or nothing), {@link DueWork}, {@link JobActivation} (long polls and
 * streams), {@link ResultWaiters}, {@link Recovery}, {@link JournalWriter} (group commit, side
 * effects) and {@link SnapshotDirector}. This class wires them and runs the loop.
 */
public final class Partition implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Partition.class);
  private static final long IDLE_WAKE_MILLIS = 1000;

  /** How the last start went: from which snapshot, and how much journal was replayed after it. */
  public record RecoveryReport(Long snapshotPosition, long replayedRecords, long millis) {}

  private final Journal journal;
  private final SnapshotStore snapshotStore;
  private final EngineState state;
  private final KeyGenerator keys = new KeyGenerator(0);
  private final CommandHandlers handlers;
  private final CommandQueue queue;
  private final CommandRunner runner;
  private final DueWork due;
  private final JobActivation activation;
  private final ResultWaiters results;
  private final UserTaskWaiters userTaskWaiters = new UserTaskWaiters();
  private final Recovery recovery;
  private final SnapshotDirector snapshots;
  private final JournalWriter writer;
  private final RecoveryReport recovered;
  private final ScheduledExecutorService timeouts =
      Executors.newSingleThreadScheduledExecutor(daemon("civicflow-timeouts"));
  private final Thread processingThread;
  private volatile boolean running = true;

  /** Whether anything outlives this engine (a data directory): only then is a stop snapshotted. */
  private final boolean durable;

  /** The identity state as of the last applied event (immutable; any thread). */
  public io.civicflow.engine.access.IdentityDirectory identity() {
    return state.identity().directory();
  }

  /**
   * @param catalog filled with every deployed process's executable, for readers on other threads
   *     (the read model), before the deployment's events reach them
   */
  public Partition(
      EngineConfig config,
      EngineClock clock,
      FeelEngine feel,
      Journal journal,
      SnapshotStore snapshotStore,
      ReadModelProjection readModel,
      Map<Long, ExecutableProcess> catalog) {
    this.journal = journal;
    this.snapshotStore = snapshotStore;
    this.durable = config.dataDirectory() != null;
    this.state = new EngineState(clock);
    this.results = new ResultWaiters(config, timeouts);
    Processors processors = new Processors(feel, clock, catalog, results, userTaskWaiters);
    EventApplier applier = new EventApplier(state, processors.parser);
    this.recovery =
        new Recovery(
            journal, snapshotStore, readModel, state, applier, processors.parser, keys, catalog);
    this.snapshots = new SnapshotDirector(config.snapshots(), journal, snapshotStore, readModel);
    this.writer =
        new JournalWriter(
            journal, snapshotStore, readModel, snapshots, () -> running, () -> running = false);
    this.runner =
        new CommandRunner(clock, state, applier, keys, writer, recovery, journal.maxRecordBytes());
    this.queue =
        new CommandQueue(
            config.commandQueueLimit(),
            () -> running,
            runner,
            () -> readModel.historyExport().pendingRoots(),
            config.historyMaxPending());
    this.due = new DueWork(clock, state, processors, runner);
    this.activation = new JobActivation(queue, runner, state, processors.jobs, config, timeouts);
    this.handlers =
        new CommandHandlers(
            processors,
            config,
            clock,
            ctx -> {
              activation.dropWaiters(ctx);
              results.dropWaiters(ctx);
              userTaskWaiters.dropWaiters(ctx);
              ctx.whenAccepted(() -> recovery.rebase(null)); // the journal begins with the purge
            });
    this.recovered = recovery.recover(snapshots);
    this.processingThread = daemon("civicflow-partition-1").newThread(this::processLoop);
    var fatal = new FatalErrorHandler(config.exitOnFatalError(), () -> running = false);
    processingThread.setUncaughtExceptionHandler(fatal);
    writer.onFatalError(fatal);
    processingThread.start();
    writer.start();
  }

  /** Submits a command; the future completes when its events are durable, or with its refusal. */
  public <C, R> CompletableFuture<R> submit(CommandType<C, R> type, C command) {
    CommandHandlers.Handler<C, R> handler = handlers.of(type);
    if (type.effect() == CommandType.Effect.PLAIN) {
      return queue.submit(ctx -> handler.handle(ctx, command));
    }
    CompletableFuture<R> future = new CompletableFuture<>();
    boolean purge = type.effect() == CommandType.Effect.PURGE;
    queue.admit(
        future,
        () -> {
          List<R> result = new ArrayList<>(1);
          boolean accepted =
              runner.run(
                  ctx -> {
                    Outcome<R> outcome = handler.handle(ctx, command);
                    if (!outcome.isRejected()) {
                      result.add(outcome.value());
                    }
                    return outcome;
                  },
                  value -> {},
                  future::completeExceptionally,
                  purge);
          if (!accepted) {
            return; // refused or failed, and answered
          }
          if (!purge) {
            due.trigger(); // what fell due by the moved clock, before the answer
          }
          runner.answerInOrder(() -> future.complete(result.get(0)));
        },
        false); // the clock and a purge pass even while history waits for its store
    return future;
  }

  /** A creation, answered when created or — {@code awaitCompletion} — when the instance ends. */
  public CompletableFuture<ProcessInstanceCreated> createProcessInstance(
      CreateProcessInstance command) {
    return command.awaitCompletion()
        ? results.create(queue, handlers.of(CommandType.CREATE_PROCESS_INSTANCE), command)
        : submit(CommandType.CREATE_PROCESS_INSTANCE, command);
  }

  /**
   * A user-task command, answered when durable — or, when it starts a transition with task
   * listeners, when the transition ends (refused when a listener denies it).
   */
  public <C> CompletableFuture<Void> submitUserTaskCommand(
      CommandType<C, Void> type, C command, long userTaskKey) {
    return userTaskWaiters.submit(queue, handlers.of(type), command, userTaskKey);
  }

  /**
   * A process instance's cancellation, answered when the instance is terminated: at once, or —
   * canceling task listeners hold the termination — when they are done.
   */
  public CompletableFuture<Void> cancelProcessInstance(long processInstanceKey) {
    return userTaskWaiters.submit(
        queue,
        handlers.of(CommandType.CANCEL_PROCESS_INSTANCE),
        processInstanceKey,
        processInstanceKey,
        ctx -> ctx.state().elementInstance(processInstanceKey).isPresent());
  }

  public CompletableFuture<List<ActivatedJob>> activateJobs(ActivateJobs command) {
    return activation.activate(command);
  }

  public JobStreamRegistration openJobStream(StreamJobs command, JobStreamConsumer consumer) {
    return activation.openStream(command, consumer);
  }

  /** Client commands waiting for the processing thread (at most the configured limit). */
  public int queuedClientCommands() {
    return queue.queuedClientCommands();
  }

  /** False once the journal failed: the engine then refuses work rather than lose it. */
  public boolean isHealthy() {
    return running && processingThread.isAlive() && writer.isAlive();
  }

  /** How the last start went (for tests and operators). */
  public RecoveryReport recovery() {
    return recovered;
  }

  /**
   * Test hook: runs on the processing thread after each event a command writes (and applies); an
   * exception it throws fails that command as a bug would. {@code null} removes it.
   */
  public void onEventWritten(Consumer<EngineEvent> hook) {
    runner.onEventWritten(hook);
  }

  /**
   * Holds the processing thread until the returned handle is closed; commands queue meanwhile (and
   * are refused beyond the limit). For tests of back-pressure, and for an operator's maintenance
   * pause.
   */
  public AutoCloseable pause() throws InterruptedException {
    return queue.pause();
  }

  /**
   * The loop: the next command (or none, when due work or the idle wake-up comes first), then what
   * fell due, job activations, a snapshot if one is due; the turn's batches go to the writer
   * together.
   */
  private void processLoop() {
    while (running) {
      try {
        Runnable command = queue.poll(due.waitMillis(IDLE_WAKE_MILLIS));
        if (command != null) {
          command.run();
        }
        due.trigger();
        activation.serve();
        PendingBatch marker = snapshots.markerIfDue(state, keys.last());
        if (marker != null) {
          recovery.rebase(marker.snapshot().state());
          runner.queue(marker);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException | StackOverflowError e) {
        LOG.error("Unexpected failure in the processing loop", e);
      } finally {
        runner.handOff();
      }
    }
  }

  /** The engine's threads are daemons: they never keep a JVM alive. */
  static ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  @Override
  public void close() {
    if (durable && running && writer.isAlive() && processingThread.isAlive()) {
      snapshots.snapshotBeforeStop(() -> queue.enqueue(() -> {}));
    }
    running = false;
    processingThread.interrupt();
    try {
      processingThread.join(5000);
      writer.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    timeouts.shutdownNow();
    snapshots.close();
    journal.close();
    snapshotStore.close();
  }
}
