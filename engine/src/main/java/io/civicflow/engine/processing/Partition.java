package io.civicflow.engine.processing;

import io.civicflow.engine.EngineConfig;
import io.civicflow.engine.api.Commands.ActivateJobs;
import io.civicflow.engine.api.Commands.BroadcastSignal;
import io.civicflow.engine.api.Commands.CorrelateMessage;
import io.civicflow.engine.api.Commands.PublishMessage;
import io.civicflow.engine.api.Commands.CompleteJob;
import io.civicflow.engine.api.Commands.CreateProcessInstance;
import io.civicflow.engine.api.Commands.Deploy;
import io.civicflow.engine.api.Commands.FailJob;
import io.civicflow.engine.api.Commands.SetVariables;
import io.civicflow.engine.api.Commands.ThrowError;
import io.civicflow.engine.api.Commands.UpdateJob;
import io.civicflow.engine.api.EngineRejection;
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
import io.civicflow.engine.state.ElementInstance;
import io.civicflow.engine.state.EngineState;
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
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's single partition: one thread takes commands in order, processes each into events
 * (applied to the state at once), and hands the events to the writer thread, which appends them to the
 * journal (many commands per flush) and only then updates the read model and releases the answers.
 * So an acknowledged command is always durable, and a command never sees another half-done.
 *
 * <p>Also here: long-polling job activations and create-with-result waiters (both served from the
 * processing thread), and the due-date check for job timeouts and retry back-offs.
 */
public final class Partition implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Partition.class);
  private static final long IDLE_WAKE_MILLIS = 1000;

  /** Receives every durable batch, in order (the read model). */
  public interface BatchListener {
    void onBatch(EventBatch batch);
  }

  private final EngineConfig config;
  private final EngineClock clock;
  private final Journal journal;
  private final BatchListener listener;
  private final EngineState state;
  private final EventApplier applier;
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
  private final BlockingQueue<PendingBatch> toWrite = new LinkedBlockingQueue<>();
  private final ScheduledExecutorService timeouts = Executors.newSingleThreadScheduledExecutor(daemon("civicflow-timeouts"));
  private final Thread processingThread;
  private final Thread writerThread;
  private volatile boolean running = true;

  // processing-thread only
  private final Map<String, ArrayDeque<JobWaiter>> jobWaiters = new HashMap<>();
  private final Map<Long, List<ResultWaiter>> resultWaiters = new HashMap<>();

  private record PendingBatch(EventBatch batch, boolean resetJournal, List<Runnable> sideEffects) {}

  private record JobWaiter(ActivateJobs command, CompletableFuture<List<ActivatedJob>> future) {}

  private record ResultWaiter(List<String> fetchVariables, ProcessInstanceCreated created, CompletableFuture<ProcessInstanceCreated> future) {}

  /**
   * @param catalog filled with every deployed process's executable, for readers on other threads
   *     (the read model), before the deployment's events reach them
   */
  public Partition(
      EngineConfig config,
      EngineClock clock,
      FeelEngine feel,
      Journal journal,
      BatchListener listener,
      Map<Long, ExecutableProcess> catalog) {
    this.catalog = catalog;
    this.config = config;
    this.clock = clock;
    this.journal = journal;
    this.listener = listener;
    this.state = new EngineState(clock);
    BpmnTransformer transformer = new BpmnTransformer(feel);
    DecisionBehavior decisionBehavior = new DecisionBehavior(new io.civicflow.engine.dmn.DecisionEngine(clock));
    this.deployments = new DeploymentProcessor(transformer, new DecisionDeployer(decisionBehavior.engine()));
    this.applier = new EventApplier(state, resource -> {
      ExecutableProcess executable = deployments.executableOf(resource);
      catalog.put(resource.key(), executable);
      return executable;
    });
    this.keys = new KeyGenerator(0);

    VariableBehavior variables = new VariableBehavior(feel);
    IncidentBehavior incidents = new IncidentBehavior();
    BpmnLifecycle lifecycle = new BpmnLifecycle(variables, incidents);
    ErrorEventBehavior errors = new ErrorEventBehavior(lifecycle, variables);
    JobBehavior jobBehavior = new JobBehavior(feel, variables, incidents);
    JobTaskProcessor jobTasks = new JobTaskProcessor(jobBehavior);
    CallActivityProcessor callActivities = new CallActivityProcessor(feel, variables, incidents, lifecycle);
    lifecycle.register(new ContainerProcessor(lifecycle, variables, callActivities.before(new ResultNotifier())), ElementKind.PROCESS, ElementKind.SUB_PROCESS);
    lifecycle.register(new PassThroughProcessor(lifecycle),
        ElementKind.START_EVENT, ElementKind.INTERMEDIATE_THROW_EVENT, ElementKind.TASK, ElementKind.MANUAL_TASK,
        ElementKind.BOUNDARY_EVENT, ElementKind.PARALLEL_GATEWAY);
    lifecycle.register(new EndEventProcessor(feel, variables, incidents, lifecycle, errors), ElementKind.END_EVENT);
    lifecycle.register(jobTasks, ElementKind.SERVICE_TASK, ElementKind.SEND_TASK);
    lifecycle.register(new ScriptTaskProcessor(feel, variables, incidents, lifecycle, jobTasks), ElementKind.SCRIPT_TASK);
    lifecycle.register(new ExclusiveGatewayProcessor(feel, variables, incidents, lifecycle), ElementKind.EXCLUSIVE_GATEWAY);
    lifecycle.register(callActivities, ElementKind.CALL_ACTIVITY);
    lifecycle.register(new MultiInstanceBodyProcessor(feel, variables, incidents, lifecycle), ElementKind.MULTI_INSTANCE_BODY);
    lifecycle.register(new InclusiveGatewayProcessor(feel, variables, incidents, lifecycle), ElementKind.INCLUSIVE_GATEWAY);
    lifecycle.register(new EventSubProcessProcessor(lifecycle), ElementKind.EVENT_SUB_PROCESS);
    EscalationThrowProcessor escalations = new EscalationThrowProcessor(feel, variables, incidents, lifecycle);
    lifecycle.registerEvent(escalations, ElementKind.INTERMEDIATE_THROW_EVENT, EventType.ESCALATION);
    lifecycle.registerEvent(escalations, ElementKind.END_EVENT, EventType.ESCALATION);
    lifecycle.register(new UserTaskProcessor(feel, variables, incidents, jobBehavior), ElementKind.USER_TASK);
    lifecycle.register(new BusinessRuleTaskProcessor(feel, variables, incidents, lifecycle, decisionBehavior, jobTasks),
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
    lifecycle.register(new CatchEventProcessor(lifecycle), ElementKind.INTERMEDIATE_CATCH_EVENT, ElementKind.RECEIVE_TASK);
    lifecycle.register(new EventBasedGatewayProcessor(), ElementKind.EVENT_BASED_GATEWAY);
    for (ElementKind kind : List.of(ElementKind.INTERMEDIATE_THROW_EVENT, ElementKind.END_EVENT)) {
      lifecycle.register(new SignalThrowProcessor(lifecycle.processorOf(kind), feel, variables, incidents, lifecycle, signals), kind);
    }

    recover();
    this.processingThread = daemon("civicflow-partition-1").newThread(this::processLoop);
    this.writerThread = daemon("civicflow-journal-writer").newThread(this::writeLoop);
    processingThread.start();
    writerThread.start();
  }

  // ---------------------------------------------------------------- recovery

  private void recover() {
    long[] count = {0};
    journal.replay(bytes -> {
      EventBatch batch = decode(bytes);
      for (EngineEvent event : batch.events()) {
        applier.apply(event);
      }
      keys.resume(batch.lastKey());
      state.lastPositionResume(batch.position());
      listener.onBatch(batch);
      count[0]++;
    });
    if (count[0] > 0) {
      LOG.info("Recovered {} journal records; {} element instances and {} jobs are active",
          count[0], state.elementInstances().size(), state.jobCount());
    }
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
    return submit(ctx -> {
      DeploymentResult result = deployments.deploy(ctx, command);
      startEvents.onDeployed(ctx);
      return result;
    });
  }

  public CompletableFuture<ProcessInstanceCreated> createProcessInstance(CreateProcessInstance command) {
    if (!command.awaitCompletion()) {
      return submit(ctx -> instances.create(ctx, command));
    }
    CompletableFuture<ProcessInstanceCreated> result = new CompletableFuture<>();
    long timeout = command.requestTimeoutMillis() > 0 ? command.requestTimeoutMillis() : config.defaultLongPollTimeout().toMillis();
    submit(ctx -> {
          ProcessInstanceCreated created = instances.create(ctx, command);
          resultWaiters.computeIfAbsent(created.processInstanceKey(), k -> new ArrayList<>())
              .add(new ResultWaiter(command.fetchVariables(), created, result));
          timeouts.schedule(() -> enqueue(() -> expireResultWaiter(created.processInstanceKey(), result)), timeout, TimeUnit.MILLISECONDS);
          return created;
        })
        .whenComplete((created, failure) -> {
          if (failure != null) {
            result.completeExceptionally(failure);
          }
        });
    return result;
  }

  private void expireResultWaiter(long processInstanceKey, CompletableFuture<ProcessInstanceCreated> future) {
    List<ResultWaiter> waiters = resultWaiters.get(processInstanceKey);
    if (waiters != null && waiters.removeIf(w -> w.future() == future) && waiters.isEmpty()) {
      resultWaiters.remove(processInstanceKey);
    }
    future.completeExceptionally(new EngineRejection(RejectionType.DEADLINE_EXCEEDED,
        "Expected to complete process instance '" + processInstanceKey + "' within the request timeout, but it did not complete"));
  }

  /** Completes create-with-result waiters when their instance ends (called while processing). */
  private final class ResultNotifier implements ContainerProcessor.ProcessInstanceListener {
    @Override
    public void onCompleted(ProcessingContext ctx, ElementInstance processInstance, Map<String, Object> variables) {
      List<ResultWaiter> waiters = resultWaiters.remove(processInstance.key());
      if (waiters == null) {
        return;
      }
      for (ResultWaiter waiter : waiters) {
        Map<String, Object> fetched = new HashMap<>();
        if (waiter.fetchVariables() == null || waiter.fetchVariables().isEmpty()) {
          fetched.putAll(variables);
        } else {
          waiter.fetchVariables().stream().filter(variables::containsKey).forEach(n -> fetched.put(n, variables.get(n)));
        }
        ProcessInstanceCreated c = waiter.created();
        ProcessInstanceCreated done = new ProcessInstanceCreated(c.processInstanceKey(), c.processDefinitionKey(),
            c.bpmnProcessId(), c.version(), c.tenantId(), c.tags(), fetched);
        ctx.afterCommit(() -> waiter.future().complete(done));
      }
    }

    @Override
    public void onTerminated(ProcessingContext ctx, ElementInstance processInstance) {
      List<ResultWaiter> waiters = resultWaiters.remove(processInstance.key());
      if (waiters != null) {
        EngineRejection rejection = EngineRejection.invalidState(
            "Expected to complete process instance '%d', but it was terminated", processInstance.key());
        waiters.forEach(w -> ctx.afterCommit(() -> w.future().completeExceptionally(rejection)));
      }
    }
  }

  public CompletableFuture<Void> cancelProcessInstance(long processInstanceKey) {
    return submit(ctx -> {
      instances.cancel(ctx, processInstanceKey);
      return null;
    });
  }

  public CompletableFuture<Void> setVariables(SetVariables command) {
    return submit(ctx -> {
      instances.setVariables(ctx, command);
      return null;
    });
  }

  public CompletableFuture<List<ActivatedJob>> activateJobs(ActivateJobs command) {
    if (command.type() == null || command.type().isBlank()) {
      return CompletableFuture.failedFuture(EngineRejection.invalidArgument("Expected a job type, but none given"));
    }
    if (command.maxJobsToActivate() < 1) {
      return CompletableFuture.failedFuture(EngineRejection.invalidArgument(
          "Expected to activate at least one job, but maxJobsToActivate was %d", command.maxJobsToActivate()));
    }
    CompletableFuture<List<ActivatedJob>> future = new CompletableFuture<>();
    enqueue(() -> {
      ProcessingContext ctx = newContext();
      List<ActivatedJob> activated = jobs.activate(ctx, command);
      if (!activated.isEmpty() || command.requestTimeoutMillis() < 0) {
        commit(ctx, () -> future.complete(activated), false);
        return;
      }
      JobWaiter waiter = new JobWaiter(command, future);
      jobWaiters.computeIfAbsent(command.type(), t -> new ArrayDeque<>()).add(waiter);
      // the configured long-poll timeout is the default and the longest a request is held (like a
      // gateway's long-polling timeout); the client polls again when it gets an empty answer
      long longest = config.defaultLongPollTimeout().toMillis();
      long wait = command.requestTimeoutMillis() > 0 ? Math.min(command.requestTimeoutMillis(), longest) : longest;
      timeouts.schedule(() -> enqueue(() -> expireJobWaiter(waiter)), wait, TimeUnit.MILLISECONDS);
    });
    return future;
  }

  private void expireJobWaiter(JobWaiter waiter) {
    ArrayDeque<JobWaiter> waiters = jobWaiters.get(waiter.command().type());
    if (waiters != null && waiters.remove(waiter)) {
      // answer in order behind anything not yet durable
      toWrite.add(new PendingBatch(null, false, List.of(() -> waiter.future().complete(List.of()))));
    }
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
        commit(ctx, () -> waiter.future().complete(activated), false);
      }
      if (waiters.isEmpty()) {
        types.remove();
      }
    }
  }

  public CompletableFuture<Void> completeJob(CompleteJob command) {
    return submit(ctx -> {
      jobs.complete(ctx, command);
      return null;
    });
  }

  public CompletableFuture<Void> failJob(FailJob command) {
    return submit(ctx -> {
      jobs.fail(ctx, command);
      return null;
    });
  }

  public CompletableFuture<Void> throwError(ThrowError command) {
    return submit(ctx -> {
      jobs.throwError(ctx, command);
      return null;
    });
  }

  public CompletableFuture<Void> updateJob(UpdateJob command) {
    return submit(ctx -> {
      jobs.update(ctx, command);
      return null;
    });
  }

  public CompletableFuture<Void> resolveIncident(long incidentKey) {
    return submit(ctx -> {
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

  public CompletableFuture<Void> assignUserTask(io.civicflow.engine.api.Commands.AssignUserTask command) {
    return submit(ctx -> {
      userTasks.assign(ctx, command);
      return null;
    });
  }

  public CompletableFuture<Void> unassignUserTask(io.civicflow.engine.api.Commands.UnassignUserTask command) {
    return submit(ctx -> {
      userTasks.unassign(ctx, command);
      return null;
    });
  }

  public CompletableFuture<Void> updateUserTask(io.civicflow.engine.api.Commands.UpdateUserTask command) {
    return submit(ctx -> {
      userTasks.update(ctx, command);
      return null;
    });
  }

  public CompletableFuture<Void> completeUserTask(io.civicflow.engine.api.Commands.CompleteUserTask command) {
    return submit(ctx -> {
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
    return submitThenTriggerDue(ctx -> {
      requireControlledClock();
      Long pinned = clock.pinnedMillis();
      ctx.write(pinned != null
          ? new ClockChanged(clock.offsetMillis(), pinned + offsetMillis)
          : new ClockChanged(clock.offsetMillis() + offsetMillis, null));
      return new ClockState(clock.millis());
    });
  }

  public CompletableFuture<ClockState> pinClock(long epochMilli) {
    return submitThenTriggerDue(ctx -> {
      requireControlledClock();
      ctx.write(new ClockChanged(clock.offsetMillis(), epochMilli));
      return new ClockState(clock.millis());
    });
  }

  public CompletableFuture<ClockState> resetClock() {
    return submitThenTriggerDue(ctx -> {
      requireControlledClock();
      if (clock.offsetMillis() != 0 || clock.pinnedMillis() != null) {
        ctx.write(new ClockChanged(0, null));
      }
      return new ClockState(clock.millis());
    });
  }

  private void requireControlledClock() {
    if (!config.clockControlled()) {
      throw new EngineRejection(RejectionType.FORBIDDEN,
          "The engine clock is not controllable; start the engine with civicflow.engine.clock.controlled=true");
    }
  }

  public CompletableFuture<PurgeResult> purge() {
    if (!config.purgeEnabled()) {
      return CompletableFuture.failedFuture(new EngineRejection(RejectionType.FORBIDDEN,
          "Purging is disabled; start the engine with civicflow.engine.purge.enabled=true"));
    }
    CompletableFuture<PurgeResult> future = new CompletableFuture<>();
    enqueue(() -> {
      ProcessingContext ctx = newContext();
      long changeId = state.changeId() + 1;
      ctx.write(new Purged(changeId));
      // the clock keeps its setting across a purge; CPT resets it separately
      if (clock.offsetMillis() != 0 || clock.pinnedMillis() != null) {
        ctx.write(new ClockChanged(clock.offsetMillis(), clock.pinnedMillis()));
      }
      jobWaiters.values().forEach(ws -> ws.forEach(w -> ctx.afterCommit(() -> w.future().complete(List.of()))));
      jobWaiters.clear();
      EngineRejection purged = EngineRejection.invalidState("The engine was purged");
      resultWaiters.values().forEach(ws -> ws.forEach(w -> ctx.afterCommit(() -> w.future().completeExceptionally(purged))));
      resultWaiters.clear();
      commit(ctx, () -> future.complete(new PurgeResult(changeId)), true);
    });
    return future;
  }

  /** False once the journal failed: the engine then refuses work rather than lose it. */
  public boolean isHealthy() {
    return running;
  }

  // ---------------------------------------------------------------- the loops

  private <T> CompletableFuture<T> submit(Function<ProcessingContext, T> handler) {
    CompletableFuture<T> future = new CompletableFuture<>();
    enqueue(() -> runCommand(handler, future::complete, future::completeExceptionally));
    return future;
  }

  /**
   * Runs a command that moves the clock, then everything that fell due by it (timers — a cycle as
   * often as it became due, each at its own due date —, message TTLs, job deadlines), and answers
   * only once all of that is durable.
   */
  private <T> CompletableFuture<T> submitThenTriggerDue(Function<ProcessingContext, T> handler) {
    CompletableFuture<T> future = new CompletableFuture<>();
    enqueue(() -> {
      List<T> result = new ArrayList<>(1);
      runCommand(ctx -> {
        T value = handler.apply(ctx);
        result.add(value);
        return value;
      }, value -> {}, future::completeExceptionally);
      if (result.isEmpty()) {
        return; // rejected, and answered
      }
      triggerDue();
      // answer in order behind the batches of everything that fell due
      toWrite.add(new PendingBatch(null, false, List.of(() -> future.complete(result.get(0)))));
    });
    return future;
  }

  /** Processes due work (job deadlines and back-offs, timers, message TTLs) until nothing is due. */
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

  private void enqueue(Runnable command) {
    if (!running) {
      throw new EngineRejection(RejectionType.RESOURCE_EXHAUSTED, "The engine is shutting down");
    }
    commands.add(command);
  }

  private ProcessingContext newContext() {
    return new ProcessingContext(clock.millis(), state, applier, keys);
  }

  private <T> void runCommand(Function<ProcessingContext, T> handler, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
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
    } catch (RuntimeException bug) {
      LOG.error("Processing a command failed; its events so far are kept", bug);
      commit(ctx, () -> onFailure.accept(bug), false);
      return;
    }
    T value = result;
    commit(ctx, () -> onSuccess.accept(value), false);
  }

  private void commit(ProcessingContext ctx, Runnable response, boolean resetJournal) {
    List<Runnable> effects = new ArrayList<>(ctx.sideEffects());
    effects.add(0, response);
    EventBatch batch = null;
    if (!ctx.events().isEmpty()) {
      batch = new EventBatch(state.nextPosition(), ctx.time(), keys.last(), List.copyOf(ctx.events()));
    }
    toWrite.add(new PendingBatch(batch, resetJournal, effects));
  }

  private void processLoop() {
    while (running) {
      try {
        long now = clock.millis();
        long due = state.nextDueDate();
        long wait = due == Long.MAX_VALUE ? IDLE_WAKE_MILLIS : Math.max(1, Math.min(IDLE_WAKE_MILLIS, due - now));
        Runnable command = commands.poll(wait, TimeUnit.MILLISECONDS);
        if (command != null) {
          command.run();
        }
        triggerDue();
        serveJobWaiters();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.error("Unexpected failure in the processing loop", e);
      }
    }
  }

  private void writeLoop() {
    List<PendingBatch> group = new ArrayList<>();
    while (running || !toWrite.isEmpty()) {
      try {
        PendingBatch first = toWrite.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        group.add(first);
        toWrite.drainTo(group);
        writeGroup(group);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.error("Writing to the journal failed; stopping the engine so nothing unrecorded is acknowledged", e);
        running = false;
        group.forEach(p -> p.sideEffects().clear());
        return;
      } finally {
        group.clear();
      }
    }
  }

  private void writeGroup(List<PendingBatch> group) {
    List<byte[]> records = new ArrayList<>();
    for (PendingBatch pending : group) {
      if (pending.resetJournal()) {
        journal.append(records);
        records.clear();
        journal.reset();
      }
      if (pending.batch() != null) {
        records.add(encode(pending.batch()));
      }
    }
    journal.append(records);
    for (PendingBatch pending : group) {
      if (pending.batch() != null) {
        listener.onBatch(pending.batch());
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
    journal.close();
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
