package io.civicflow.engine.web.support;

import io.civicflow.engine.api.Commands.ActivateJobs;
import io.civicflow.engine.api.Commands.BroadcastSignal;
import io.civicflow.engine.api.Commands.CompleteJob;
import io.civicflow.engine.api.Commands.CorrelateMessage;
import io.civicflow.engine.api.Commands.CreateProcessInstance;
import io.civicflow.engine.api.Commands.Deploy;
import io.civicflow.engine.api.Commands.DeployResource;
import io.civicflow.engine.api.Commands.FailJob;
import io.civicflow.engine.api.Commands.PublishMessage;
import io.civicflow.engine.api.Commands.SetVariables;
import io.civicflow.engine.api.Commands.ThrowError;
import io.civicflow.engine.api.Commands.UpdateJob;
import io.civicflow.engine.api.EngineApi;
import io.civicflow.engine.api.EngineRejection;
import io.civicflow.engine.api.RejectionType;
import io.civicflow.engine.api.Results.ActivatedJob;
import io.civicflow.engine.api.Results.ClockState;
import io.civicflow.engine.api.Results.DeployedProcess;
import io.civicflow.engine.api.Results.DeployedResource;
import io.civicflow.engine.api.Results.DeploymentResult;
import io.civicflow.engine.api.Results.MessageCorrelated;
import io.civicflow.engine.api.Results.MessagePublished;
import io.civicflow.engine.api.Results.ProcessInstanceCreated;
import io.civicflow.engine.api.Results.PurgeResult;
import io.civicflow.engine.api.Results.SignalBroadcast;
import io.civicflow.engine.api.Results.Topology;
import io.civicflow.engine.query.ReadModel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An {@link EngineApi} that records the commands it receives and answers with canned results, so
 * the web layer's HTTP contract can be tested without the engine core. Keys start where Zeebe's do.
 */
public final class StubEngine implements EngineApi {

  public final InMemoryReadModel readModel = new InMemoryReadModel();
  public final List<Object> commands = new CopyOnWriteArrayList<>();
  public final List<ActivatedJob> activatableJobs = new CopyOnWriteArrayList<>();
  public volatile boolean clockControlled = true;
  public volatile boolean purgeEnabled = true;
  public volatile boolean healthy = true;

  /** The answer to activating jobs of type {@code stuck}: never completed by the stub. */
  public volatile CompletableFuture<List<ActivatedJob>> stuckActivation;

  /** The last activation of type "late": it cannot be cancelled, the test completes it. */
  public volatile CompletableFuture<List<ActivatedJob>> lateActivation;

  private final AtomicLong keys = new AtomicLong(2251799813685248L);
  private final AtomicLong clock = new AtomicLong(Fixtures.T0);
  private final AtomicLong changeId = new AtomicLong();

  public void reset() {
    readModel.clear();
    commands.clear();
    activatableJobs.clear();
    clockControlled = true;
    purgeEnabled = true;
    healthy = true;
  }

  @Override
  public CompletableFuture<DeploymentResult> deploy(Deploy command) {
    commands.add(command);
    List<DeployedResource> deployed = new ArrayList<>();
    for (DeployResource resource : command.resources()) {
      String content = new String(resource.content(), StandardCharsets.UTF_8);
      if (!resource.name().endsWith(".bpmn") || !content.contains("process")) {
        return CompletableFuture.failedFuture(
            EngineRejection.invalidArgument("'%s': not a BPMN process", resource.name()));
      }
      String id = resource.name().substring(0, resource.name().length() - ".bpmn".length());
      deployed.add(
          new DeployedProcess(id, 1, keys.incrementAndGet(), resource.name(), command.tenantId()));
    }
    return CompletableFuture.completedFuture(
        new DeploymentResult(keys.incrementAndGet(), command.tenantId(), deployed));
  }

  @Override
  public CompletableFuture<ProcessInstanceCreated> createProcessInstance(
      CreateProcessInstance command) {
    commands.add(command);
    if ("missing".equals(command.bpmnProcessId())) {
      return CompletableFuture.failedFuture(
          EngineRejection.notFound(
              "Expected to find process definition with process ID '%s', but none found",
              "missing"));
    }
    if (command.awaitCompletion()) {
      // the instance never completes; the engine gives up after the request timeout
      return CompletableFuture.supplyAsync(
          () -> {
            throw new EngineRejection(
                RejectionType.DEADLINE_EXCEEDED, "Timed out awaiting the instance");
          },
          CompletableFuture.delayedExecutor(command.requestTimeoutMillis(), TimeUnit.MILLISECONDS));
    }
    return CompletableFuture.completedFuture(
        new ProcessInstanceCreated(
            keys.incrementAndGet(),
            2251799813685249L,
            command.bpmnProcessId(),
            1,
            command.tenantId(),
            command.tags(),
            null));
  }

  @Override
  public CompletableFuture<Void> cancelProcessInstance(long processInstanceKey) {
    commands.add(processInstanceKey);
    return done();
  }

  /** Answers with the activatable jobs at once, or with none after the request timeout. */
  @Override
  public CompletableFuture<List<ActivatedJob>> activateJobs(ActivateJobs command) {
    commands.add(command);
    if (command.type().equals("stuck")) {
      stuckActivation = new CompletableFuture<>();
      return stuckActivation;
    }
    if (command.type().equals("late")) {
      // an activation already on its way when the web layer gives up: cancelling it has no effect
      lateActivation =
          new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
              return false;
            }
          };
      return lateActivation;
    }
    List<ActivatedJob> jobs =
        activatableJobs.stream().filter(j -> j.type().equals(command.type())).toList();
    if (!jobs.isEmpty() || command.requestTimeoutMillis() < 0) {
      activatableJobs.removeAll(jobs);
      return CompletableFuture.completedFuture(jobs);
    }
    return CompletableFuture.supplyAsync(
        List::of,
        CompletableFuture.delayedExecutor(command.requestTimeoutMillis(), TimeUnit.MILLISECONDS));
  }

  /** Records the jobs given back, as one command. */
  @Override
  public CompletableFuture<Void> yieldJobs(List<ActivatedJob> jobs) {
    commands.add(jobs);
    return done();
  }

  @Override
  public CompletableFuture<Void> completeJob(CompleteJob command) {
    commands.add(command);
    return command.jobKey() == 404 ? notFound("job", command.jobKey()) : done();
  }

  @Override
  public CompletableFuture<Void> failJob(FailJob command) {
    commands.add(command);
    return done();
  }

  @Override
  public CompletableFuture<Void> throwError(ThrowError command) {
    commands.add(command);
    return done();
  }

  @Override
  public CompletableFuture<Void> updateJob(UpdateJob command) {
    commands.add(command);
    return done();
  }

  @Override
  public CompletableFuture<Void> resolveIncident(long incidentKey) {
    commands.add(incidentKey);
    return done();
  }

  @Override
  public CompletableFuture<Void> activateAdHocActivities(
      io.civicflow.engine.api.Commands.ActivateAdHocActivities command) {
    commands.add(command);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<Long> setVariables(SetVariables command) {
    commands.add(command);
    return CompletableFuture.completedFuture(1L);
  }

  @Override
  public CompletableFuture<MessagePublished> publishMessage(PublishMessage command) {
    commands.add(command);
    return CompletableFuture.completedFuture(
        new MessagePublished(keys.incrementAndGet(), command.tenantId()));
  }

  @Override
  public CompletableFuture<MessageCorrelated> correlateMessage(CorrelateMessage command) {
    commands.add(command);
    return CompletableFuture.completedFuture(
        new MessageCorrelated(keys.incrementAndGet(), 2251799813685251L, command.tenantId()));
  }

  @Override
  public CompletableFuture<SignalBroadcast> broadcastSignal(BroadcastSignal command) {
    commands.add(command);
    return CompletableFuture.completedFuture(
        new SignalBroadcast(keys.incrementAndGet(), command.tenantId()));
  }

  @Override
  public ClockState clock() {
    return new ClockState(clock.get());
  }

  @Override
  public CompletableFuture<ClockState> addClockOffset(long offsetMillis) {
    return clockControlled
        ? CompletableFuture.completedFuture(new ClockState(clock.addAndGet(offsetMillis)))
        : forbidden("The clock is not controlled");
  }

  @Override
  public CompletableFuture<ClockState> pinClock(long epochMilli) {
    if (!clockControlled) {
      return forbidden("The clock is not controlled");
    }
    clock.set(epochMilli);
    return CompletableFuture.completedFuture(clock());
  }

  @Override
  public CompletableFuture<ClockState> resetClock() {
    clock.set(Fixtures.T0);
    return CompletableFuture.completedFuture(clock());
  }

  @Override
  public CompletableFuture<PurgeResult> purge() {
    if (!purgeEnabled) {
      return forbidden("Purge is not enabled");
    }
    readModel.clear();
    return CompletableFuture.completedFuture(new PurgeResult(changeId.incrementAndGet()));
  }

  @Override
  public Topology topology() {
    return new Topology(changeId.get(), "8.8.14", healthy);
  }

  @Override
  public ReadModel readModel() {
    return readModel;
  }

  public static ActivatedJob job(long key, String type, Map<String, Object> variables) {
    return new ActivatedJob(
        key,
        type,
        2251799813685251L,
        "order",
        1,
        2251799813685249L,
        "task",
        2251799813685260L,
        Map.of("h", "v"),
        "w1",
        3,
        Fixtures.T0 + 60_000,
        variables,
        Fixtures.TENANT,
        "BPMN_ELEMENT",
        "UNSPECIFIED",
        null);
  }

  private static CompletableFuture<Void> done() {
    return CompletableFuture.completedFuture(null);
  }

  private static <T> CompletableFuture<T> notFound(String what, long key) {
    return CompletableFuture.failedFuture(EngineRejection.notFound("No %s with key %d", what, key));
  }

  private static <T> CompletableFuture<T> forbidden(String message) {
    return CompletableFuture.failedFuture(new EngineRejection(RejectionType.FORBIDDEN, message));
  }
}
