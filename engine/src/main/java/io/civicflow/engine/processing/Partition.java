package io.civicflow.engine.processing;

import io.civicflow.engine.EngineConfig;
import io.civicflow.engine.EngineConfig.SnapshotPolicy;
import io.civicflow.engine.api.Commands.ActivateJobs;
import io.civicflow.engine.api.Commands.BroadcastSignal;
import io.civicflow.engine.api.Commands.CompleteJob;
import io.civicflow.engine.api.Commands.CorrelateMessage;
import io.civicflow.engine.api.Commands.CreateProcessInstance;
import io.civicflow.engine.api.Commands.Deploy;
import io.civicflow.engine.api.Commands.FailJob;
import io.civicflow.engine.api.Commands.PublishMessage;
import io.civicflow.engine.api.Commands.SetVariables;
import io.civicflow.engine.api.Commands.StreamJobs;
import io.civicflow.engine.api.Commands.ThrowError;
import io.civicflow.engine.api.Commands.UpdateJob;
import io.civicflow.engine.api.EngineRejection;
import io.civicflow.engine.api.JobStreamConsumer;
import io.civicflow.engine.api.JobStreamRegistration;
import io.civicflow.engine.api.RejectionType;
import io.civicflow.engine.api.Results.ActivatedJob;
import io.civicflow.engine.api.Results.ClockState;
import io.civicflow.engine.api.Results.DeploymentResult;
import io.civicflow.engine.api.Results.MessageCorrelated;
import io.civicflow.engine.api.Results.MessagePublished;
import io.civicflow.engine.api.Results.ProcessInstanceCreated;
import io.civicflow.engine.api.Results.PurgeResult;
import io.civicflow.engine.api.Results.SignalBroadcast;
import io.civicflow.engine.clock.EngineClock;
import io.civicflow.engine.event.EngineEvent;
import io.civicflow.engine.event.EngineEvent.ClockChanged;
import io.civicflow.engine.event.EngineEvent.Purged;
import io.civicflow.engine.event.EventBatch;
import io.civicflow.engine.feel.FeelEngine;
import io.civicflow.engine.journal.Journal;
import io.civicflow.engine.json.Json;
import io.civicflow.engine.model.BpmnTransformer;
import io.civicflow.engine.model.ElementKind;
import io.civicflow.engine.model.EventType;
import io.civicflow.engine.model.ExecutableProcess;
import io.civicflow.engine.query.ReadModelImage;
import io.civicflow.engine.query.ReadModelProjection;
import io.civicflow.engine.snapshot.Snapshot;
import io.civicflow.engine.snapshot.SnapshotCodec;
import io.civicflow.engine.snapshot.SnapshotStore;
import io.civicflow.engine.state.ElementInstance;
import io.civicflow.engine.state.EngineState;
import io.civicflow.engine.state.EngineStateImage;
import io.civicflow.engine.state.EventApplier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's single partition: one thread takes commands in order, processes each into events
 * (applied to the state at once), and hands the events to the writer thread, which appends them to
 * the journal (many commands per flush) and only then updates the read model and releases the
 * answers. So an acknowledged command is always durable, and a command never sees another
 * half-done.
 *
 * <p>Also here: long-polling job activations and create-with-result waiters (both served from the
 * processing thread), and the due-date check for job timeouts and retry back-offs.
 *
 * <p><b>Snapshots.</b> When enough has been journaled since the last one, the processing thread
 * copies the state between two commands (at journal position P) and queues a marker behind P's
 * batch; the writer, reaching it, has fed the read model exactly up to P, copies it, and starts a
 * new journal segment at P+1; a background thread writes both copies as one snapshot, then deletes
 * the segments that no retained snapshot needs. On start the newest usable snapshot is loaded and
 * only the journal after it is replayed.
 *
 * <p><b>Back-pressure.</b> At most {@link EngineConfig#commandQueueLimit()} client commands wait
 * for the processing thread; beyond that a command is refused with {@code RESOURCE_EXHAUSTED} at
 * once. Internal follow-ups (long-poll and request timeouts) are never refused.
 */
public final class Partition implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Partition.class);
  private static final long IDLE_WAKE_MILLIS = 1000;

  /** How the last start went: from which snapshot, and how much journal was replayed after it. */
  public record RecoveryReport(Long snapshotPosition, long replayedRecords, long millis) {}

  private final EngineConfig config;
  private final EngineClock clock;
  private final Journal journal;
  private final SnapshotStore snapshots;
  private final ReadModelProjection listener;
  private final EngineState state;
  private final EventApplier applier;
  private final EventApplier.ProcessParser parser;
  private final KeyGenerator keys;
  private final Map<Long, ExecutableProcess> catalog;

  private final DeploymentProcessor deployments;
  private final InstanceProcessor instances;
  private final JobCommandProcessor jobs;
  private final IncidentProcessor incidentProcessor;
  private final StartEventBehavior startEvents;
  private final TimerProcessor timers;
  private final MessageProcessor messages;
  private final SignalProcessor signals;
  private final UserTaskCommandProcessor userTasks;
  private final DecisionCommandProcessor decisionCommands;

  private final BlockingQueue<Runnable> commands = new LinkedBlockingQueue<>();
  private final AtomicInteger queuedClientCommands = new AtomicInteger();

  /**
   * What the processing thread hands to the writer: the batches of one turn of its loop at a time,
   * so a command and the job activations it made possible (long polls served right after it) reach
   * the writer together and share one group commit.
   */
  private final BlockingQueue<List<PendingBatch>> toWrite = new LinkedBlockingQueue<>();

  /** Processing-thread only: this turn's batches, handed to the writer at its end. */
  private final List<PendingBatch> outbox = new ArrayList<>();

  private final ScheduledExecutorService timeouts =
      Executors.newSingleThreadScheduledExecutor(daemon("civicflow-timeouts"));
  private final Thread processingThread;
  private final Thread writerThread;
  private volatile boolean running = true;
  private final ExecutorService snapshotWriter =
      Executors.newSingleThreadExecutor(daemon("civicflow-snapshot"));
  private final RecoveryReport recovery;

  /** Set by the writer when a snapshot is due; read by the processing thread. */
  private volatile boolean snapshotDue;

  /**
   * Set by the processing thread when it queues a snapshot, cleared when the snapshot is written.
   */
  private volatile boolean snapshotInFlight;

  // writer-thread only
  private long recordsSinceSnapshot;
  private long bytesSinceSnapshot;
  private volatile long lastSnapshotBytes;

  // processing-thread only
  private final Map<String, ArrayDeque<JobWaiter>> jobWaiters = new HashMap<>();
  private final Map<Long, List<ResultWaiter>> resultWaiters = new HashMap<>();

  /** Open job streams by type; each type's list is rotated so its streams take turns. */
  private final Map<String, ArrayDeque<JobStream>> jobStreams = new HashMap<>();

  /**
   * What the writer does next: write a batch (or none) and run its side effects; a purge batch also
   * drops the journal before it; a snapshot marker carries the state copy taken after the batches
   * before it.
   */
  private record PendingBatch(
      EventBatch batch, boolean purge, List<Runnable> sideEffects, SnapshotMarker snapshot) {
    PendingBatch(EventBatch batch, boolean purge, List<Runnable> sideEffects) {
      this(batch, purge, sideEffects, null);
    }
  }

  private record SnapshotMarker(EngineStateImage state, long lastKey) {}

  private record JobWaiter(ActivateJobs command, CompletableFuture<List<ActivatedJob>> future) {}

  /**
   * An open job stream; {@code command} activates one job for it. {@code inFlight} counts jobs
   * activated for it whose push (after their batch is durable) has not happened yet: a stream takes
   * at most {@link #STREAM_IN_FLIGHT_LIMIT} of those, so a backlog is handed out as the stream
   * takes it, not all at once.
   */
  private record JobStream(
      ActivateJobs command, JobStreamConsumer consumer, AtomicInteger inFlight) {
    boolean ready() {
      return inFlight.get() < STREAM_IN_FLIGHT_LIMIT && consumer.isReady();
    }
  }

  static final int STREAM_IN_FLIGHT_LIMIT = 32;

  private record ResultWaiter(
      List<String> fetchVariables,
      ProcessInstanceCreated created,
      CompletableFuture<ProcessInstanceCreated> future) {}

  /**
   * @param catalog filled with every deployed process's executable, for readers on other threads
   *     (the read model), before the deployment's events reach them
   */
  public Partition(
      EngineConfig config,
      EngineClock clock,
      FeelEngine feel,
      Journal journal,
      SnapshotStore snapshots,
      ReadModelProjection readModel,
      Map<Long, ExecutableProcess> catalog) {
    this.catalog = catalog;
    this.config = config;
    this.clock = clock;
    this.journal = journal;
    this.snapshots = snapshots;
    this.listener = readModel;
    this.state = new EngineState(clock);
    BpmnTransformer transformer = new BpmnTransformer(feel);
    DecisionBehavior decisionBehavior =
        new DecisionBehavior(new io.civicflow.engine.dmn.DecisionEngine(clock, feel.limits()));
    this.deployments =
        new DeploymentProcessor(transformer, new DecisionDeployer(decisionBehavior.engine()));
    this.parser =
        resource -> {
          ExecutableProcess executable = deployments.executableOf(resource);
          catalog.put(resource.key(), executable);
          return executable;
        };
    this.applier = new EventApplier(state, parser);
    this.keys = new KeyGenerator(0);

    VariableBehavior variables = new VariableBehavior(feel);
    IncidentBehavior incidents = new IncidentBehavior();
    BpmnLifecycle lifecycle = new BpmnLifecycle(variables, incidents);
    ErrorEventBehavior errors = new ErrorEventBehavior(lifecycle, variables);
    JobBehavior jobBehavior = new JobBehavior(feel, variables, incidents);
    JobTaskProcessor jobTasks = new JobTaskProcessor(jobBehavior);
    CallActivityProcessor callActivities =
        new CallActivityProcessor(feel, variables, incidents, lifecycle);
    lifecycle.register(
        new ContainerProcessor(lifecycle, variables, callActivities.before(new ResultNotifier())),
        ElementKind.PROCESS,
        ElementKind.SUB_PROCESS);
    lifecycle.register(
        new PassThroughProcessor(lifecycle),
        ElementKind.START_EVENT,
        ElementKind.INTERMEDIATE_THROW_EVENT,
        ElementKind.TASK,
        ElementKind.MANUAL_TASK,
        ElementKind.BOUNDARY_EVENT,
        ElementKind.PARALLEL_GATEWAY);
    lifecycle.register(
        new EndEventProcessor(feel, variables, incidents, lifecycle, errors),
        ElementKind.END_EVENT);
    lifecycle.register(jobTasks, ElementKind.SERVICE_TASK, ElementKind.SEND_TASK);
    lifecycle.register(
        new ScriptTaskProcessor(feel, variables, incidents, lifecycle, jobTasks),
        ElementKind.SCRIPT_TASK);
    lifecycle.register(
        new ExclusiveGatewayProcessor(feel, variables, incidents, lifecycle),
        ElementKind.EXCLUSIVE_GATEWAY);
    lifecycle.register(callActivities, ElementKind.CALL_ACTIVITY);
    lifecycle.register(
        new MultiInstanceBodyProcessor(feel, variables, incidents, lifecycle),
        ElementKind.MULTI_INSTANCE_BODY);
    lifecycle.register(
        new InclusiveGatewayProcessor(feel, variables, incidents, lifecycle),
        ElementKind.INCLUSIVE_GATEWAY);
    lifecycle.register(new EventSubProcessProcessor(lifecycle), ElementKind.EVENT_SUB_PROCESS);
    EscalationThrowProcessor escalations =
        new EscalationThrowProcessor(feel, variables, incidents, lifecycle);
    lifecycle.registerEvent(
        escalations, ElementKind.INTERMEDIATE_THROW_EVENT, EventType.ESCALATION);
    lifecycle.registerEvent(escalations, ElementKind.END_EVENT, EventType.ESCALATION);
    lifecycle.register(
        new UserTaskProcessor(feel, variables, incidents, jobBehavior), ElementKind.USER_TASK);
    lifecycle.register(
        new BusinessRuleTaskProcessor(
            feel, variables, incidents, lifecycle, decisionBehavior, jobTasks),
        ElementKind.BUSINESS_RULE_TASK);
    this.userTasks = new UserTaskCommandProcessor(lifecycle, variables);
    this.decisionCommands = new DecisionCommandProcessor(decisionBehavior);
    this.instances = new InstanceProcessor(lifecycle, variables);
    this.jobs = new JobCommandProcessor(lifecycle, variables, incidents, errors);
    this.incidentProcessor = new IncidentProcessor(lifecycle, incidents);
    // timers, messages and signals
    this.startEvents = new StartEventBehavior(lifecycle, variables);
    EventTriggerBehavior triggers = new EventTriggerBehavior(lifecycle, variables);
    this.timers = new TimerProcessor(triggers, startEvents);
    this.messages = new MessageProcessor(triggers, startEvents);
    this.signals = new SignalProcessor(triggers, startEvents);
    lifecycle.useSubscriptions(new EventSubscriptionBehavior(feel, variables, incidents, messages));
    lifecycle.register(
        new CatchEventProcessor(lifecycle),
        ElementKind.INTERMEDIATE_CATCH_EVENT,
        ElementKind.RECEIVE_TASK);
    lifecycle.register(new EventBasedGatewayProcessor(), ElementKind.EVENT_BASED_GATEWAY);
    for (ElementKind kind : List.of(ElementKind.INTERMEDIATE_THROW_EVENT, ElementKind.END_EVENT)) {
      lifecycle.register(
          new SignalThrowProcessor(
              lifecycle.processorOf(kind), feel, variables, incidents, lifecycle, signals),
          kind);
    }

    this.recovery = recover();
    this.processingThread = daemon("civicflow-partition-1").newThread(this::processLoop);
    this.writerThread = daemon("civicflow-journal-writer").newThread(this::writeLoop);
    var fatal = new FatalErrorHandler(config.exitOnFatalError(), () -> running = false);
    processingThread.setUncaughtExceptionHandler(fatal);
    writerThread.setUncaughtExceptionHandler(fatal);
    processingThread.start();
    writerThread.start();
  }

  // ---------------------------------------------------------------- recovery

  /**
   * Loads the newest usable snapshot (an unusable one is logged, moved aside, and the next older
   * one tried), then replays the journal after it. Without a usable snapshot the whole journal is
   * replayed; if the journal no longer reaches back far enough for that, start-up stops: the engine
   * never starts on a state with acknowledged records missing.
   */
  private RecoveryReport recover() {
    long started = System.nanoTime();
    Long base = null;
    List<String> unusable = new ArrayList<>();
    for (long position : snapshots.positions()) {
      try {
        Snapshot snapshot = snapshots.read(position, SnapshotCodec::read);
        if (snapshot.position() != position) {
          throw new IllegalStateException("its payload says position " + snapshot.position());
        }
        snapshot.state().restoreInto(state, parser);
        listener.restore(snapshot.readModel());
        keys.resume(snapshot.lastKey());
        base = position;
        LOG.info(
            "Loaded the snapshot at journal position {}: {} element instances, {} jobs, {} read-model records",
            position,
            state.elementInstances().size(),
            state.jobCount(),
            snapshot.readModel().recordCount());
        break;
      } catch (RuntimeException | OutOfMemoryError e) {
        unusable.add(position + " (" + e.getMessage() + ")");
        LOG.error(
            "The snapshot at journal position {} is unusable ({}); it is moved aside (.corrupt) and the engine "
                + "falls back to an older snapshot or the full journal",
            position,
            e.getMessage());
        snapshots.quarantine(position);
        EngineStateImage.reset(state);
        listener.reset();
        catalog.clear();
      }
    }
    long from = base == null ? 1 : base + 1;
    long[] expected = {from};
    long[] replayed = {0};
    long[] bytesReplayed = {0};
    List<String> unusableSnapshots = List.copyOf(unusable);
    journal.replay(
        from,
        bytes -> {
          EventBatch batch = decode(bytes);
          if (batch.position() < expected[0]) {
            return; // in the snapshot already
          }
          boolean purge = !batch.events().isEmpty() && batch.events().get(0) instanceof Purged;
          if (batch.position() > expected[0] && !purge) {
            throw new IllegalStateException(
                "Cannot recover: the engine state is at journal position "
                    + (expected[0] - 1)
                    + " but the journal continues at position "
                    + batch.position()
                    + ", so acknowledged records would be "
                    + "missing. "
                    + (unusableSnapshots.isEmpty()
                        ? ""
                        : "Unusable snapshots: " + unusableSnapshots + ". ")
                    + "Nothing was changed; restore the data directory from a backup.");
          }
          for (EngineEvent event : batch.events()) {
            applier.apply(event);
          }
          keys.resume(batch.lastKey());
          state.lastPositionResume(batch.position());
          listener.apply(batch);
          expected[0] = batch.position() + 1;
          replayed[0]++;
          bytesReplayed[0] += bytes.length;
        });
    recordsSinceSnapshot = replayed[0];
    bytesSinceSnapshot = bytesReplayed[0];
    long millis = (System.nanoTime() - started) / 1_000_000;
    if (base != null || replayed[0] > 0) {
      LOG.info(
          "Recovered in {} ms from {}: {} journal records replayed; {} element instances and {} jobs are active",
          millis,
          base == null ? "the full journal" : "the snapshot at position " + base,
          replayed[0],
          state.elementInstances().size(),
          state.jobCount());
    }
    return new RecoveryReport(base, replayed[0], millis);
  }

  /** How the last start went (for tests and operators). */
  public RecoveryReport recovery() {
    return recovery;
  }

  private static EventBatch decode(byte[] bytes) {
    try {
      return Json.MAPPER.readValue(bytes, EventBatch.class);
    } catch (IOException e) {
      throw new UncheckedIOException("a journal record cannot be decoded", e);
    }
  }

  // ---------------------------------------------------------------- commands

  public CompletableFuture<DeploymentResult> deploy(Deploy command) {
    return submit(
        ctx -> {
          DeploymentResult result = deployments.deploy(ctx, command);
          startEvents.onDeployed(ctx);
          return result;
        });
  }

  public CompletableFuture<ProcessInstanceCreated> createProcessInstance(
      CreateProcessInstance command) {
    if (!command.awaitCompletion()) {
      return submit(ctx -> instances.create(ctx, command));
    }
    CompletableFuture<ProcessInstanceCreated> result = new CompletableFuture<>();
    long timeout =
        command.requestTimeoutMillis() > 0
            ? command.requestTimeoutMillis()
            : config.defaultLongPollTimeout().toMillis();
    submit(
            ctx -> {
              ProcessInstanceCreated created = instances.create(ctx, command);
              resultWaiters
                  .computeIfAbsent(created.processInstanceKey(), k -> new ArrayList<>())
                  .add(new ResultWaiter(command.fetchVariables(), created, result));
              timeouts.schedule(
                  () -> enqueue(() -> expireResultWaiter(created.processInstanceKey(), result)),
                  timeout,
                  TimeUnit.MILLISECONDS);
              return created;
            })
        .whenComplete(
            (created, failure) -> {
              if (failure != null) {
                result.completeExceptionally(failure);
              }
            });
    return result;
  }

  private void expireResultWaiter(
      long processInstanceKey, CompletableFuture<ProcessInstanceCreated> future) {
    List<ResultWaiter> waiters = resultWaiters.get(processInstanceKey);
    if (waiters != null && waiters.removeIf(w -> w.future() == future) && waiters.isEmpty()) {
      resultWaiters.remove(processInstanceKey);
    }
    future.completeExceptionally(
        new EngineRejection(
            RejectionType.DEADLINE_EXCEEDED,
            "Expected to complete process instance '"
                + processInstanceKey
                + "' within the request timeout, but it did not complete"));
  }

  /** Completes create-with-result waiters when their instance ends (called while processing). */
  private final class ResultNotifier implements ContainerProcessor.ProcessInstanceListener {
    @Override
    public void onCompleted(
        ProcessingContext ctx, ElementInstance processInstance, Map<String, Object> variables) {
      List<ResultWaiter> waiters = resultWaiters.remove(processInstance.key());
      if (waiters == null) {
        return;
      }
      for (ResultWaiter waiter : waiters) {
        Map<String, Object> fetched = new HashMap<>();
        if (waiter.fetchVariables() == null || waiter.fetchVariables().isEmpty()) {
          fetched.putAll(variables);
        } else {
          waiter.fetchVariables().stream()
              .filter(variables::containsKey)
              .forEach(n -> fetched.put(n, variables.get(n)));
        }
        ProcessInstanceCreated c = waiter.created();
        ProcessInstanceCreated done =
            new ProcessInstanceCreated(
                c.processInstanceKey(),
                c.processDefinitionKey(),
                c.bpmnProcessId(),
                c.version(),
                c.tenantId(),
                c.tags(),
                fetched);
        ctx.afterCommit(() -> waiter.future().complete(done));
      }
    }

    @Override
    public void onTerminated(ProcessingContext ctx, ElementInstance processInstance) {
      List<ResultWaiter> waiters = resultWaiters.remove(processInstance.key());
      if (waiters != null) {
        EngineRejection rejection =
            EngineRejection.invalidState(
                "Expected to complete process instance '%d', but it was terminated",
                processInstance.key());
        waiters.forEach(w -> ctx.afterCommit(() -> w.future().completeExceptionally(rejection)));
      }
    }
  }

  public CompletableFuture<Void> cancelProcessInstance(long processInstanceKey) {
    return submit(
        ctx -> {
          instances.cancel(ctx, processInstanceKey);
          return null;
        });
  }

  public CompletableFuture<Long> setVariables(SetVariables command) {
    return submit(
        ctx -> {
          instances.setVariables(ctx, command);
          return ctx.nextKey();
        });
  }

  public CompletableFuture<List<ActivatedJob>> activateJobs(ActivateJobs command) {
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
    admit(
        future,
        () -> {
          if (future.isDone()) {
            return; // the caller gave up before its turn: lock no jobs for it
          }
          ProcessingContext ctx = newContext();
          List<ActivatedJob> activated = jobs.activate(ctx, command);
          if (!activated.isEmpty() || command.requestTimeoutMillis() < 0) {
            commit(ctx, () -> deliver(future, activated), false);
            return;
          }
          JobWaiter waiter = new JobWaiter(command, future);
          jobWaiters.computeIfAbsent(command.type(), t -> new ArrayDeque<>()).add(waiter);
          // the configured long-poll timeout is the default and the longest a request is held (like
          // a
          // gateway's long-polling timeout); the client polls again when it gets an empty answer
          long longest = config.defaultLongPollTimeout().toMillis();
          long wait =
              command.requestTimeoutMillis() > 0
                  ? Math.min(command.requestTimeoutMillis(), longest)
                  : longest;
          timeouts.schedule(
              () -> enqueue(() -> expireJobWaiter(waiter)), wait, TimeUnit.MILLISECONDS);
        });
    return future;
  }

  private void expireJobWaiter(JobWaiter waiter) {
    ArrayDeque<JobWaiter> waiters = jobWaiters.get(waiter.command().type());
    if (waiters != null && waiters.remove(waiter)) {
      // answer in order behind anything not yet durable
      outbox.add(new PendingBatch(null, false, List.of(() -> waiter.future().complete(List.of()))));
    }
  }

  /**
   * Opens a job stream. Registering, closing and waking it are internal follow-ups (never refused
   * by back-pressure); they take effect in order with the commands before them.
   */
  public JobStreamRegistration openJobStream(StreamJobs command, JobStreamConsumer consumer) {
    if (command.type() == null || command.type().isBlank()) {
      throw EngineRejection.invalidArgument("Expected a job type, but none given");
    }
    if (command.timeoutMillis() < 1) {
      throw EngineRejection.invalidArgument(
          "Expected a job timeout greater than 0, but it was %d", command.timeoutMillis());
    }
    if (!running) {
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
                command.tenantIds()),
            consumer,
            new AtomicInteger());
    enqueue(() -> jobStreams.computeIfAbsent(command.type(), t -> new ArrayDeque<>()).add(stream));
    return new JobStreamRegistration() {
      @Override
      public void readyAgain() {
        enqueue(() -> {}); // the loop serves streams after every command
      }

      @Override
      public void close() {
        enqueue(
            () -> {
              ArrayDeque<JobStream> streams = jobStreams.get(command.type());
              if (streams != null && streams.remove(stream) && streams.isEmpty()) {
                jobStreams.remove(command.type());
              }
            });
      }
    };
  }

  /**
   * Pushes activatable jobs to open streams, one job per activation and batch, taking the streams
   * of a type in turn and skipping those that are not ready. A job the stream cannot take after all
   * is yielded back.
   */
  private void serveJobStreams() {
    if (jobStreams.isEmpty()) {
      return;
    }
    for (Map.Entry<String, ArrayDeque<JobStream>> entry : jobStreams.entrySet()) {
      ArrayDeque<JobStream> streams = entry.getValue();
      while (state.hasActivatableJobs(entry.getKey())) {
        JobStream stream = nextReady(streams);
        if (stream == null) {
          break;
        }
        ProcessingContext ctx = newContext();
        List<ActivatedJob> activated = jobs.activate(ctx, stream.command());
        stream.inFlight().incrementAndGet();
        commit(ctx, () -> activated.forEach(job -> push(stream, job)), false);
      }
    }
  }

  /** Runs on the writer thread once the activation is durable. */
  private void push(JobStream stream, ActivatedJob job) {
    boolean delivered = stream.consumer().push(job);
    if (stream.inFlight().getAndDecrement() == STREAM_IN_FLIGHT_LIMIT || !delivered) {
      // the stream has room again, or the job must go back: let the processing thread see to it
      enqueue(
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
      enqueue(() -> giveBack(activated));
    }
  }

  public CompletableFuture<Void> yieldJobs(List<ActivatedJob> undelivered) {
    return submit(
        ctx -> {
          jobs.yieldJobs(ctx, undelivered);
          return null;
        });
  }

  /** On the processing thread: yields jobs nobody received, in a batch of their own. */
  private void giveBack(List<ActivatedJob> undelivered) {
    ProcessingContext ctx = newContext();
    jobs.yieldJobs(ctx, undelivered);
    commit(ctx, () -> {}, false);
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
  private void serveJobWaiters() {
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
        ProcessingContext ctx = newContext();
        List<ActivatedJob> activated = jobs.activate(ctx, waiter.command());
        commit(ctx, () -> deliver(waiter.future(), activated), false);
      }
      if (waiters.isEmpty()) {
        types.remove();
      }
    }
  }

  public CompletableFuture<Void> completeJob(CompleteJob command) {
    return submit(
        ctx -> {
          jobs.complete(ctx, command);
          return null;
        });
  }

  public CompletableFuture<Void> failJob(FailJob command) {
    return submit(
        ctx -> {
          jobs.fail(ctx, command);
          return null;
        });
  }

  public CompletableFuture<Void> throwError(ThrowError command) {
    return submit(
        ctx -> {
          jobs.throwError(ctx, command);
          return null;
        });
  }

  public CompletableFuture<Void> updateJob(UpdateJob command) {
    return submit(
        ctx -> {
          jobs.update(ctx, command);
          return null;
        });
  }

  public CompletableFuture<Void> resolveIncident(long incidentKey) {
    return submit(
        ctx -> {
          incidentProcessor.resolve(ctx, incidentKey);
          return null;
        });
  }

  // ---------------------------------------------------------------- messages and signals

  public CompletableFuture<MessagePublished> publishMessage(PublishMessage command) {
    return submit(ctx -> messages.publish(ctx, command));
  }

  public CompletableFuture<MessageCorrelated> correlateMessage(CorrelateMessage command) {
    return submit(ctx -> messages.correlate(ctx, command));
  }

  public CompletableFuture<SignalBroadcast> broadcastSignal(BroadcastSignal command) {
    return submit(ctx -> signals.broadcast(ctx, command));
  }

  // ---------------------------------------------------------------- user tasks and decisions

  public CompletableFuture<Void> assignUserTask(
      io.civicflow.engine.api.Commands.AssignUserTask command) {
    return submit(
        ctx -> {
          userTasks.assign(ctx, command);
          return null;
        });
  }

  public CompletableFuture<Void> unassignUserTask(
      io.civicflow.engine.api.Commands.UnassignUserTask command) {
    return submit(
        ctx -> {
          userTasks.unassign(ctx, command);
          return null;
        });
  }

  public CompletableFuture<Void> updateUserTask(
      io.civicflow.engine.api.Commands.UpdateUserTask command) {
    return submit(
        ctx -> {
          userTasks.update(ctx, command);
          return null;
        });
  }

  public CompletableFuture<Void> completeUserTask(
      io.civicflow.engine.api.Commands.CompleteUserTask command) {
    return submit(
        ctx -> {
          userTasks.complete(ctx, command);
          return null;
        });
  }

  public CompletableFuture<io.civicflow.engine.api.Results.DecisionEvaluation> evaluateDecision(
      io.civicflow.engine.api.Commands.EvaluateDecision command) {
    return submit(ctx -> decisionCommands.evaluate(ctx, command));
  }

  // ---------------------------------------------------------------- clock and purge

  public CompletableFuture<ClockState> addClockOffset(long offsetMillis) {
    return submitThenTriggerDue(
        ctx -> {
          requireControlledClock();
          Long pinned = clock.pinnedMillis();
          ctx.write(
              pinned != null
                  ? new ClockChanged(clock.offsetMillis(), pinned + offsetMillis)
                  : new ClockChanged(clock.offsetMillis() + offsetMillis, null));
          return new ClockState(clock.millis());
        });
  }

  public CompletableFuture<ClockState> pinClock(long epochMilli) {
    return submitThenTriggerDue(
        ctx -> {
          requireControlledClock();
          ctx.write(new ClockChanged(clock.offsetMillis(), epochMilli));
          return new ClockState(clock.millis());
        });
  }

  public CompletableFuture<ClockState> resetClock() {
    return submitThenTriggerDue(
        ctx -> {
          requireControlledClock();
          if (clock.offsetMillis() != 0 || clock.pinnedMillis() != null) {
            ctx.write(new ClockChanged(0, null));
          }
          return new ClockState(clock.millis());
        });
  }

  private void requireControlledClock() {
    if (!config.clockControlled()) {
      throw new EngineRejection(
          RejectionType.FORBIDDEN,
          "The engine clock is not controllable; start the engine with civicflow.engine.clock.controlled=true");
    }
  }

  public CompletableFuture<PurgeResult> purge() {
    if (!config.purgeEnabled()) {
      return CompletableFuture.failedFuture(
          new EngineRejection(
              RejectionType.FORBIDDEN,
              "Purging is disabled; start the engine with civicflow.engine.purge.enabled=true"));
    }
    CompletableFuture<PurgeResult> future = new CompletableFuture<>();
    admit(
        future,
        () -> {
          ProcessingContext ctx = newContext();
          long changeId = state.changeId() + 1;
          ctx.write(new Purged(changeId));
          // the clock keeps its setting across a purge; CPT resets it separately
          if (clock.offsetMillis() != 0 || clock.pinnedMillis() != null) {
            ctx.write(new ClockChanged(clock.offsetMillis(), clock.pinnedMillis()));
          }
          jobWaiters
              .values()
              .forEach(
                  ws -> ws.forEach(w -> ctx.afterCommit(() -> w.future().complete(List.of()))));
          jobWaiters.clear();
          EngineRejection purged = EngineRejection.invalidState("The engine was purged");
          resultWaiters
              .values()
              .forEach(
                  ws ->
                      ws.forEach(
                          w -> ctx.afterCommit(() -> w.future().completeExceptionally(purged))));
          resultWaiters.clear();
          commit(ctx, () -> future.complete(new PurgeResult(changeId)), true);
        });
    return future;
  }

  /** Client commands waiting for the processing thread (at most the configured limit). */
  public int queuedClientCommands() {
    return queuedClientCommands.get();
  }

  /** False once the journal failed: the engine then refuses work rather than lose it. */
  public boolean isHealthy() {
    return running && processingThread.isAlive() && writerThread.isAlive();
  }

  // ---------------------------------------------------------------- the loops

  private <T> CompletableFuture<T> submit(Function<ProcessingContext, T> handler) {
    CompletableFuture<T> future = new CompletableFuture<>();
    admit(future, () -> runCommand(handler, future::complete, future::completeExceptionally));
    return future;
  }

  /**
   * Runs a command that moves the clock, then everything that fell due by it (timers — a cycle as
   * often as it became due, each at its own due date —, message TTLs, job deadlines), and answers
   * only once all of that is durable.
   */
  private <T> CompletableFuture<T> submitThenTriggerDue(Function<ProcessingContext, T> handler) {
    CompletableFuture<T> future = new CompletableFuture<>();
    admit(
        future,
        () -> {
          List<T> result = new ArrayList<>(1);
          runCommand(
              ctx -> {
                T value = handler.apply(ctx);
                result.add(value);
                return value;
              },
              value -> {},
              future::completeExceptionally);
          if (result.isEmpty()) {
            return; // rejected, and answered
          }
          triggerDue();
          // answer in order behind the batches of everything that fell due
          outbox.add(new PendingBatch(null, false, List.of(() -> future.complete(result.get(0)))));
        });
    return future;
  }

  /**
   * Processes due work (job deadlines and back-offs, timers, message TTLs) until nothing is due.
   */
  private void triggerDue() {
    while (state.nextDueDate() <= clock.millis()) {
      ProcessingContext ctx = newContext();
      try {
        jobs.triggerDue(ctx);
        timers.triggerDue(ctx);
        messages.expireDue(ctx);
        ctx.runFollowUps();
      } catch (RuntimeException bug) {
        LOG.error("Processing due timers and deadlines failed; its events so far are kept", bug);
        commit(ctx, () -> {}, false);
        return;
      }
      boolean progressed = !ctx.events().isEmpty();
      commit(ctx, () -> {}, false);
      if (!progressed) {
        return;
      }
    }
  }

  /**
   * Queues a client command, or refuses it at once ({@code RESOURCE_EXHAUSTED}, the future fails)
   * when {@link EngineConfig#commandQueueLimit()} client commands are waiting already or the engine
   * stops.
   */
  private void admit(CompletableFuture<?> future, Runnable command) {
    if (!running) {
      future.completeExceptionally(
          new EngineRejection(RejectionType.RESOURCE_EXHAUSTED, "The engine is shutting down"));
      return;
    }
    if (queuedClientCommands.incrementAndGet() > config.commandQueueLimit()) {
      queuedClientCommands.decrementAndGet();
      future.completeExceptionally(
          new EngineRejection(
              RejectionType.RESOURCE_EXHAUSTED,
              String.format(
                  "Expected to queue the command, but %d commands are waiting for the engine already "
                      + "(civicflow.engine.command-queue-limit); retry later",
                  config.commandQueueLimit())));
      return;
    }
    commands.add(
        () -> {
          queuedClientCommands.decrementAndGet();
          command.run();
        });
  }

  /**
   * Queues an internal follow-up (a timeout firing): never refused, so no waiter is left hanging.
   */
  private void enqueue(Runnable command) {
    commands.add(command);
  }

  /**
   * Holds the processing thread until the returned handle is closed; commands queue meanwhile (and
   * are refused beyond the limit). For tests of back-pressure, and for an operator's maintenance
   * pause.
   */
  public AutoCloseable pause() throws InterruptedException {
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
              if (!running) {
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

  private ProcessingContext newContext() {
    return new ProcessingContext(clock.millis(), state, applier, keys);
  }

  private <T> void runCommand(
      Function<ProcessingContext, T> handler,
      Consumer<T> onSuccess,
      Consumer<Throwable> onFailure) {
    ProcessingContext ctx = newContext();
    T result;
    try {
      result = handler.apply(ctx);
      ctx.runFollowUps();
    } catch (EngineRejection rejection) {
      if (ctx.events().isEmpty()) {
        commit(ctx, () -> onFailure.accept(rejection), false);
        return;
      }
      LOG.error("A command was rejected after it had written events; keeping them", rejection);
      commit(ctx, () -> onFailure.accept(rejection), false);
      return;
    } catch (RuntimeException | StackOverflowError bug) {
      // a bug, not an expected outcome: answer with it and keep the partition running
      LOG.error("Processing a command failed; its events so far are kept", bug);
      commit(ctx, () -> onFailure.accept(bug), false);
      return;
    }
    T value = result;
    commit(ctx, () -> onSuccess.accept(value), false);
  }

  private void commit(ProcessingContext ctx, Runnable response, boolean purge) {
    List<Runnable> effects = new ArrayList<>(ctx.sideEffects());
    effects.add(0, response);
    EventBatch batch = null;
    if (!ctx.events().isEmpty()) {
      batch =
          new EventBatch(state.nextPosition(), ctx.time(), keys.last(), List.copyOf(ctx.events()));
    }
    outbox.add(new PendingBatch(batch, purge, effects));
  }

  /**
   * Between two commands: if the writer asked for a snapshot and none is being written, copies the
   * state (at the position of the last committed batch) and queues it behind that batch.
   */
  private void snapshotIfDue() {
    if (!snapshotDue || snapshotInFlight) {
      return;
    }
    snapshotDue = false;
    snapshotInFlight = true;
    outbox.add(
        new PendingBatch(
            null,
            false,
            List.of(),
            new SnapshotMarker(EngineStateImage.capture(state), keys.last())));
  }

  private void processLoop() {
    while (running) {
      try {
        long now = clock.millis();
        long due = state.nextDueDate();
        long wait =
            due == Long.MAX_VALUE
                ? IDLE_WAKE_MILLIS
                : Math.max(1, Math.min(IDLE_WAKE_MILLIS, due - now));
        Runnable command = commands.poll(wait, TimeUnit.MILLISECONDS);
        if (command != null) {
          command.run();
        }
        triggerDue();
        serveJobStreams();
        serveJobWaiters();
        snapshotIfDue();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException | StackOverflowError e) {
        LOG.error("Unexpected failure in the processing loop", e);
      } finally {
        handOff();
      }
    }
  }

  private void handOff() {
    if (!outbox.isEmpty()) {
      toWrite.add(List.copyOf(outbox));
      outbox.clear();
    }
  }

  private void writeLoop() {
    List<PendingBatch> group = new ArrayList<>();
    while (running || !toWrite.isEmpty()) {
      try {
        List<PendingBatch> first = toWrite.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        group.addAll(first);
        for (List<PendingBatch> more = toWrite.poll(); more != null; more = toWrite.poll()) {
          group.addAll(more);
        }
        writeGroup(group);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.error(
            "Writing to the journal failed; stopping the engine so nothing unrecorded is acknowledged",
            e);
        running = false;
        group.forEach(p -> p.sideEffects().clear());
        return;
      } finally {
        group.clear();
      }
    }
  }

  /**
   * Writes a group of batches with as few flushes as possible: everything up to a purge or a
   * snapshot marker is appended with one flush, then fed to the read model and answered; then the
   * purge or the snapshot is handled, and the rest of the group after it.
   */
  private void writeGroup(List<PendingBatch> group) {
    int from = 0;
    for (int i = 0; i < group.size(); i++) {
      PendingBatch pending = group.get(i);
      if (pending.purge() || pending.snapshot() != null) {
        flush(group.subList(from, i));
        if (pending.purge()) {
          writePurge(pending);
        } else {
          startSnapshot(pending.snapshot());
        }
        from = i + 1;
      }
    }
    flush(group.subList(from, group.size()));
  }

  private void flush(List<PendingBatch> pendings) {
    List<byte[]> records = new ArrayList<>();
    for (PendingBatch pending : pendings) {
      if (pending.batch() != null) {
        records.add(encode(pending.batch()));
      }
    }
    journal.append(records);
    for (byte[] record : records) {
      bytesSinceSnapshot += record.length;
    }
    recordsSinceSnapshot += records.size();
    SnapshotPolicy policy = config.snapshots();
    if (recordsSinceSnapshot >= policy.everyRecords()
        || bytesSinceSnapshot >= Math.max(policy.everyBytes(), lastSnapshotBytes / 2)) {
      snapshotDue = true;
    }
    publish(pendings);
  }

  /** After the batches are durable: the read model, then the answers and other side effects. */
  private void publish(List<PendingBatch> pendings) {
    for (PendingBatch pending : pendings) {
      if (pending.batch() != null) {
        listener.apply(pending.batch());
      }
      for (Runnable effect : pending.sideEffects()) {
        try {
          effect.run();
        } catch (RuntimeException e) {
          LOG.warn("A side effect failed after commit", e);
        }
      }
    }
  }

  /**
   * A purge: its batch starts a new segment and is made durable first; only then are the older
   * segments and every snapshot deleted. A crash at any step recovers either the state before the
   * purge or the purged one (a journal that begins with a purge needs nothing before it).
   */
  private void writePurge(PendingBatch pending) {
    long position = pending.batch().position();
    journal.startSegment(position);
    journal.append(List.of(encode(pending.batch())));
    journal.deleteSegmentsBefore(position);
    snapshots.deleteAll();
    recordsSinceSnapshot = 1;
    bytesSinceSnapshot = 0;
    lastSnapshotBytes = 0;
    publish(List.of(pending));
  }

  /**
   * At a snapshot marker every batch before it is durable and in the read model: copies the read
   * model, starts a new journal segment after the snapshot's position, and hands both copies to the
   * snapshot thread. Nothing is deleted until the snapshot file is durable.
   */
  private void startSnapshot(SnapshotMarker marker) {
    recordsSinceSnapshot = 0;
    bytesSinceSnapshot = 0;
    // the batches flushed between the request and this marker asked again; the counters start over
    snapshotDue = false;
    long position = marker.state().lastPosition();
    ReadModelImage readModelImage = listener.image();
    journal.startSegment(position + 1);
    Snapshot snapshot = new Snapshot(position, marker.lastKey(), marker.state(), readModelImage);
    snapshotWriter.execute(
        () -> {
          long started = System.nanoTime();
          try {
            long bytes = snapshots.write(position, out -> SnapshotCodec.write(snapshot, out));
            lastSnapshotBytes = bytes;
            snapshots.retainNewest(config.snapshots().retained());
            List<Long> kept = snapshots.positions();
            int deleted =
                kept.isEmpty() ? 0 : journal.deleteSegmentsBefore(kept.get(kept.size() - 1) + 1);
            LOG.info(
                "Snapshot at journal position {} written ({} bytes, {} ms); {} journal segments it covers deleted",
                position,
                bytes,
                (System.nanoTime() - started) / 1_000_000,
                deleted);
          } catch (RuntimeException e) {
            LOG.error(
                "Writing the snapshot at journal position {} failed; the journal keeps every record, and a snapshot "
                    + "is tried again after the next interval",
                position,
                e);
          } finally {
            snapshotInFlight = false;
          }
        });
  }

  private static byte[] encode(EventBatch batch) {
    try {
      return Json.MAPPER.writeValueAsBytes(batch);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    running = false;
    processingThread.interrupt();
    try {
      processingThread.join(5000);
      writerThread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    timeouts.shutdownNow();
    snapshotWriter.shutdown();
    try {
      if (!snapshotWriter.awaitTermination(30, TimeUnit.SECONDS)) {
        LOG.warn(
            "A snapshot was still being written at shutdown; the next start ignores its unfinished file");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    journal.close();
    snapshots.close();
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
