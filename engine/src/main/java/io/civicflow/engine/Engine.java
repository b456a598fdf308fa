package io.civicflow.engine;

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
import io.civicflow.engine.api.EngineApi;
import io.civicflow.engine.api.JobStreamConsumer;
import io.civicflow.engine.api.JobStreamRegistration;
import io.civicflow.engine.api.Results.ActivatedJob;
import io.civicflow.engine.api.Results.ClockState;
import io.civicflow.engine.api.Results.DeploymentResult;
import io.civicflow.engine.api.Results.MessageCorrelated;
import io.civicflow.engine.api.Results.MessagePublished;
import io.civicflow.engine.api.Results.ProcessInstanceCreated;
import io.civicflow.engine.api.Results.PurgeResult;
import io.civicflow.engine.api.Results.SignalBroadcast;
import io.civicflow.engine.api.Results.Topology;
import io.civicflow.engine.clock.EngineClock;
import io.civicflow.engine.feel.FeelEngine;
import io.civicflow.engine.journal.FileJournal;
import io.civicflow.engine.journal.InMemoryJournal;
import io.civicflow.engine.journal.Journal;
import io.civicflow.engine.model.ExecutableProcess;
import io.civicflow.engine.processing.Partition;
import io.civicflow.engine.query.ReadModel;
import io.civicflow.engine.query.ReadModelProjection;
import io.civicflow.engine.snapshot.FileSnapshotStore;
import io.civicflow.engine.snapshot.InMemorySnapshotStore;
import io.civicflow.engine.snapshot.SnapshotStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded engine: one partition (a single-threaded command processor), its journal, clock and
 * read model. Start with {@link #start(EngineConfig)}, stop with {@link #close()}. Everything a
 * gateway may ask is in {@link EngineApi}.
 */
public final class Engine implements EngineApi, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
  public static final String VERSION = "8.8.14";

  private final EngineClock clock;
  private final ReadModelProjection readModel;
  private final Partition partition;

  private Engine(EngineConfig config) {
    this.clock = new EngineClock(config.systemTime());
    FeelEngine feel = new FeelEngine(clock, config.evaluationLimits());
    Journal journal =
        config.dataDirectory() == null
            ? new InMemoryJournal()
            : new FileJournal(config.dataDirectory());
    SnapshotStore snapshots =
        config.dataDirectory() == null
            ? new InMemorySnapshotStore()
            : new FileSnapshotStore(config.dataDirectory().resolve("snapshots"));
    Map<Long, ExecutableProcess> catalog = new ConcurrentHashMap<>();
    this.readModel = new ReadModelProjection(catalog::get);
    this.partition = new Partition(config, clock, feel, journal, snapshots, readModel, catalog);
  }

  public static Engine start(EngineConfig config) {
    Engine engine = new Engine(config);
    LOG.info(
        "CivicFlow engine started ({}; clock {}, purge {})",
        config.dataDirectory() == null
            ? "in memory"
            : "journal in " + config.dataDirectory().toAbsolutePath(),
        config.clockControlled() ? "controllable" : "real time",
        config.purgeEnabled() ? "enabled" : "disabled");
    return engine;
  }

  @Override
  public CompletableFuture<DeploymentResult> deploy(Deploy command) {
    return partition.deploy(command);
  }

  @Override
  public CompletableFuture<ProcessInstanceCreated> createProcessInstance(
      CreateProcessInstance command) {
    return partition.createProcessInstance(command);
  }

  @Override
  public CompletableFuture<Void> cancelProcessInstance(long processInstanceKey) {
    return partition.cancelProcessInstance(processInstanceKey);
  }

  @Override
  public CompletableFuture<List<ActivatedJob>> activateJobs(ActivateJobs command) {
    return partition.activateJobs(command);
  }

  @Override
  public CompletableFuture<Void> yieldJobs(List<ActivatedJob> jobs) {
    return partition.yieldJobs(jobs);
  }

  @Override
  public CompletableFuture<Void> completeJob(CompleteJob command) {
    return partition.completeJob(command);
  }

  @Override
  public CompletableFuture<Void> failJob(FailJob command) {
    return partition.failJob(command);
  }

  @Override
  public CompletableFuture<Void> throwError(ThrowError command) {
    return partition.throwError(command);
  }

  @Override
  public CompletableFuture<Void> updateJob(UpdateJob command) {
    return partition.updateJob(command);
  }

  @Override
  public CompletableFuture<Void> resolveIncident(long incidentKey) {
    return partition.resolveIncident(incidentKey);
  }

  @Override
  public JobStreamRegistration openJobStream(StreamJobs command, JobStreamConsumer consumer) {
    return partition.openJobStream(command, consumer);
  }

  @Override
  public CompletableFuture<Long> setVariables(SetVariables command) {
    return partition.setVariables(command);
  }

  @Override
  public CompletableFuture<MessagePublished> publishMessage(PublishMessage command) {
    return partition.publishMessage(command);
  }

  @Override
  public CompletableFuture<MessageCorrelated> correlateMessage(CorrelateMessage command) {
    return partition.correlateMessage(command);
  }

  @Override
  public CompletableFuture<SignalBroadcast> broadcastSignal(BroadcastSignal command) {
    return partition.broadcastSignal(command);
  }

  @Override
  public CompletableFuture<Void> assignUserTask(
      io.civicflow.engine.api.Commands.AssignUserTask command) {
    return partition.assignUserTask(command);
  }

  @Override
  public CompletableFuture<Void> unassignUserTask(
      io.civicflow.engine.api.Commands.UnassignUserTask command) {
    return partition.unassignUserTask(command);
  }

  @Override
  public CompletableFuture<Void> updateUserTask(
      io.civicflow.engine.api.Commands.UpdateUserTask command) {
    return partition.updateUserTask(command);
  }

  @Override
  public CompletableFuture<Void> completeUserTask(
      io.civicflow.engine.api.Commands.CompleteUserTask command) {
    return partition.completeUserTask(command);
  }

  @Override
  public CompletableFuture<io.civicflow.engine.api.Results.DecisionEvaluation> evaluateDecision(
      io.civicflow.engine.api.Commands.EvaluateDecision command) {
    return partition.evaluateDecision(command);
  }

  @Override
  public ClockState clock() {
    return new ClockState(clock.millis());
  }

  @Override
  public CompletableFuture<ClockState> addClockOffset(long offsetMillis) {
    return partition.addClockOffset(offsetMillis);
  }

  @Override
  public CompletableFuture<ClockState> pinClock(long epochMilli) {
    return partition.pinClock(epochMilli);
  }

  @Override
  public CompletableFuture<ClockState> resetClock() {
    return partition.resetClock();
  }

  @Override
  public CompletableFuture<PurgeResult> purge() {
    return partition.purge();
  }

  @Override
  public Topology topology() {
    return new Topology(readModel.changeId(), VERSION, partition.isHealthy());
  }

  @Override
  public ReadModel readModel() {
    return readModel;
  }

  /**
   * How this start recovered: from which snapshot, and how many journal records were replayed after
   * it.
   */
  public Partition.RecoveryReport recovery() {
    return partition.recovery();
  }

  /** Client commands waiting for the engine; beyond the configured limit commands are refused. */
  public int queuedCommands() {
    return partition.queuedClientCommands();
  }

  /**
   * Holds command processing until the returned handle is closed (commands queue meanwhile, and are
   * refused with {@code RESOURCE_EXHAUSTED} beyond the queue limit). For tests and maintenance.
   */
  public AutoCloseable pauseProcessing() throws InterruptedException {
    return partition.pause();
  }

  @Override
  public void close() {
    partition.close();
    LOG.info("CivicFlow engine stopped");
  }
}
