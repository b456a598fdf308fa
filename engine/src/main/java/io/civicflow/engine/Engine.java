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
import io.civicflow.engine.history.HistoryStore;
import io.civicflow.engine.journal.FileJournal;
import io.civicflow.engine.journal.InMemoryJournal;
import io.civicflow.engine.journal.Journal;
import io.civicflow.engine.model.ExecutableProcess;
import io.civicflow.engine.processing.CommandType;
import io.civicflow.engine.processing.Partition;
import io.civicflow.engine.query.ReadModel;
import io.civicflow.engine.query.ReadModelProjection;
import io.civicflow.engine.query.TieredReadModel;
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
 * gateway may ask is in {@link EngineApi}. Every command passes the {@link CommandDoor} first: its
 * values must be storable and within the limits, else it is refused before anything is written.
 */
public final class Engine implements EngineApi, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
  public static final String VERSION = "8.8.14";

  private final EngineClock clock;
  private final ReadModelProjection readModel;
  private final TieredReadModel tiered;
  private final Partition partition;
  private final CommandDoor door;

  /** Runs batch operation items one after another, off the partition's threads. */
  private final java.util.concurrent.ExecutorService batchRunner =
      java.util.concurrent.Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "civicflow-batch-operations");
            t.setDaemon(true);
            return t;
          });

  private volatile boolean batchesHeld;

  private Engine(EngineConfig config) {
    this.door = new CommandDoor(config.limits());
    this.clock = new EngineClock(config.systemTime());
    FeelEngine feel = new FeelEngine(clock, config.evaluationLimits());
    long started = System.nanoTime();
    Journal journal =
        config.dataDirectory() == null
            ? new InMemoryJournal(config.limits().maxRecordBytes())
            : new FileJournal(config.dataDirectory(), config.limits().maxRecordBytes());
    SnapshotStore snapshots =
        config.dataDirectory() == null
            ? new InMemorySnapshotStore()
            : new FileSnapshotStore(config.dataDirectory().resolve("snapshots"));
    long journalOpened = System.nanoTime();
    Map<Long, ExecutableProcess> catalog = new ConcurrentHashMap<>();
    HistoryStore history = config.historyStore().open(config.dataDirectory());
    LOG.info(
        "Journal and snapshots opened in {} ms, history store ({}) in {} ms",
        (journalOpened - started) / 1_000_000,
        history.getClass().getSimpleName(),
        (System.nanoTime() - journalOpened) / 1_000_000);
    this.readModel =
        new ReadModelProjection(catalog::get, history, config.history(), clock::millis);
    this.tiered = new TieredReadModel(readModel);
    try {
      this.partition = new Partition(config, clock, feel, journal, snapshots, readModel, catalog);
    } catch (RuntimeException | Error e) {
      history.close();
      throw e;
    }
  }

  /**
   * How the export of history to its store stands: ended instances waiting in memory while the
   * store refuses writes, and why the store cannot be read (the management endpoint's health shows
   * it).
   */
  public io.civicflow.engine.history.HistoryExportStatus historyExport() {
    return readModel.historyExport().withReadError(tiered.storeReadError());
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
    engine.resumeBatchOperations();
    return engine;
  }

  @Override
  public CompletableFuture<DeploymentResult> deploy(Deploy command) {
    return door.resources(command.resources(), () -> partition.submit(CommandType.DEPLOY, command));
  }

  @Override
  public CompletableFuture<ProcessInstanceCreated> createProcessInstance(
      CreateProcessInstance command) {
    return door.variables(command.variables(), () -> partition.createProcessInstance(command));
  }

  @Override
  public CompletableFuture<Void> cancelProcessInstance(long processInstanceKey) {
    return partition.cancelProcessInstance(processInstanceKey);
  }

  @Override
  public CompletableFuture<Long> createBatchOperation(
      io.civicflow.engine.api.Commands.CreateBatchOperation command) {
    return partition
        .submit(CommandType.CREATE_BATCH_OPERATION, command)
        .thenApply(
            key -> {
              List<Long> pending =
                  command.items().stream()
                      .filter(i -> i.failure() == null)
                      .map(io.civicflow.engine.api.Commands.BatchItem::itemKey)
                      .toList();
              runBatchItems(key, pending);
              return key;
            });
  }

  /**
   * Test hook: while held, no batch item runs on its own (a test then runs some with {@link
   * #executeBatchItem} and restarts the engine half-way).
   */
  public void holdBatchOperations(boolean held) {
    this.batchesHeld = held;
  }

  /** Runs one item of a batch operation; an item already executed is left alone. */
  public CompletableFuture<Void> executeBatchItem(long batchOperationKey, long itemKey) {
    return partition.submit(
        CommandType.EXECUTE_BATCH_ITEM,
        new io.civicflow.engine.api.Commands.ExecuteBatchItem(batchOperationKey, itemKey));
  }

  @Override
  public CompletableFuture<Void> changeBatchOperation(
      io.civicflow.engine.api.Commands.ChangeBatchOperation command) {
    return partition
        .submit(CommandType.CHANGE_BATCH_OPERATION, command)
        .thenApply(
            done -> {
              if (command.change() == io.civicflow.engine.api.Commands.BatchChange.RESUMPTION) {
                runPendingItems(command.batchOperationKey());
              }
              return done;
            });
  }

  /** After a start: the batch operations that were still running go on at their next item. */
  private void resumeBatchOperations() {
    for (var batch : readModel.batchOperations()) {
      if ("ACTIVE".equals(batch.state())) {
        runPendingItems(batch.batchOperationKey());
      }
    }
  }

  private void runPendingItems(long batchOperationKey) {
    List<Long> pending =
        readModel.batchOperationItemsOf(batchOperationKey).stream()
            .filter(i -> "ACTIVE".equals(i.state()))
            .map(io.civicflow.engine.query.Records.BatchOperationItemRecord::itemKey)
            .toList();
    runBatchItems(batchOperationKey, pending);
  }

  /** How many items of a batch are handed to the partition at once (one journal flush for all). */
  private static final int BATCH_WINDOW = 64;

  /**
   * Runs the items in order while the batch is active (not suspended or canceled), a window of them
   * at a time: the partition runs each once, in the order given, and skips the rest of a batch
   * suspended or canceled in between.
   */
  private void runBatchItems(long batchOperationKey, List<Long> itemKeys) {
    batchRunner.execute(
        () -> {
          for (int from = 0; from < itemKeys.size(); from += BATCH_WINDOW) {
            if (batchesHeld
                || !readModel
                    .batchOperation(batchOperationKey)
                    .map(b -> "ACTIVE".equals(b.state()))
                    .orElse(false)) {
              return;
            }
            List<CompletableFuture<Void>> window = new java.util.ArrayList<>();
            for (long itemKey :
                itemKeys.subList(from, Math.min(itemKeys.size(), from + BATCH_WINDOW))) {
              window.add(executeBatchItem(batchOperationKey, itemKey));
            }
            try {
              CompletableFuture.allOf(window.toArray(CompletableFuture[]::new)).join();
            } catch (RuntimeException e) {
              // the engine is stopping, or an item could not be written: a restart resumes here
              LOG.warn("Batch operation {} stopped at item {}", batchOperationKey, from, e);
              return;
            }
          }
        });
  }

  @Override
  public CompletableFuture<Void> deleteResource(long resourceKey) {
    return partition.submit(CommandType.DELETE_RESOURCE, resourceKey);
  }

  @Override
  public CompletableFuture<Void> modifyProcessInstance(
      io.civicflow.engine.api.Commands.ModifyProcessInstance command) {
    Map<String, Object> variables = new java.util.HashMap<>();
    int i = 0;
    for (var activate : command.activateInstructions()) {
      for (var instruction : activate.variableInstructions()) {
        // each document checked as one value, so a name may repeat across documents
        variables.put(String.valueOf(i++), instruction.variables());
      }
    }
    return door.variables(
        variables, () -> partition.submit(CommandType.MODIFY_PROCESS_INSTANCE, command));
  }

  @Override
  public CompletableFuture<Void> migrateProcessInstance(
      io.civicflow.engine.api.Commands.MigrateProcessInstance command) {
    return partition.submit(CommandType.MIGRATE_PROCESS_INSTANCE, command);
  }

  @Override
  public CompletableFuture<Void> dryRunMigration(
      io.civicflow.engine.api.Commands.MigrateProcessInstance command) {
    return partition.submit(CommandType.MIGRATE_PROCESS_INSTANCE_DRY_RUN, command);
  }

  @Override
  public CompletableFuture<io.civicflow.engine.api.Results.DeploymentValidation> dryRunDeployment(
      Deploy command) {
    return door.resources(
        command.resources(), () -> partition.submit(CommandType.DEPLOY_DRY_RUN, command));
  }

  @Override
  public CompletableFuture<List<ActivatedJob>> activateJobs(ActivateJobs command) {
    return partition.activateJobs(command);
  }

  @Override
  public CompletableFuture<Void> yieldJobs(List<ActivatedJob> jobs) {
    return partition.submit(CommandType.YIELD_JOBS, jobs);
  }

  @Override
  public CompletableFuture<Void> completeJob(CompleteJob command) {
    return door.variables(
        command.variables(), () -> partition.submit(CommandType.COMPLETE_JOB, command));
  }

  @Override
  public CompletableFuture<Void> failJob(FailJob command) {
    return door.variables(
        command.variables(), () -> partition.submit(CommandType.FAIL_JOB, command));
  }

  @Override
  public CompletableFuture<Void> throwError(ThrowError command) {
    return door.variables(
        command.variables(), () -> partition.submit(CommandType.THROW_ERROR, command));
  }

  @Override
  public CompletableFuture<Void> updateJob(UpdateJob command) {
    return partition.submit(CommandType.UPDATE_JOB, command);
  }

  @Override
  public CompletableFuture<Void> resolveIncident(long incidentKey) {
    return partition.submit(CommandType.RESOLVE_INCIDENT, incidentKey);
  }

  @Override
  public JobStreamRegistration openJobStream(StreamJobs command, JobStreamConsumer consumer) {
    return partition.openJobStream(command, consumer);
  }

  @Override
  public CompletableFuture<Void> activateAdHocActivities(
      io.civicflow.engine.api.Commands.ActivateAdHocActivities command) {
    return partition.submit(CommandType.ACTIVATE_AD_HOC_ACTIVITIES, command);
  }

  @Override
  public CompletableFuture<Long> setVariables(SetVariables command) {
    return door.variables(
        command.variables(), () -> partition.submit(CommandType.SET_VARIABLES, command));
  }

  @Override
  public CompletableFuture<MessagePublished> publishMessage(PublishMessage command) {
    return door.variables(
        command.variables(), () -> partition.submit(CommandType.PUBLISH_MESSAGE, command));
  }

  @Override
  public CompletableFuture<MessageCorrelated> correlateMessage(CorrelateMessage command) {
    return door.variables(
        command.variables(), () -> partition.submit(CommandType.CORRELATE_MESSAGE, command));
  }

  @Override
  public CompletableFuture<SignalBroadcast> broadcastSignal(BroadcastSignal command) {
    return door.variables(
        command.variables(), () -> partition.submit(CommandType.BROADCAST_SIGNAL, command));
  }

  @Override
  public CompletableFuture<Void> assignUserTask(
      io.civicflow.engine.api.Commands.AssignUserTask command) {
    return partition.submitUserTaskCommand(
        CommandType.ASSIGN_USER_TASK, command, command.userTaskKey());
  }

  @Override
  public CompletableFuture<Void> unassignUserTask(
      io.civicflow.engine.api.Commands.UnassignUserTask command) {
    return partition.submitUserTaskCommand(
        CommandType.UNASSIGN_USER_TASK, command, command.userTaskKey());
  }

  @Override
  public CompletableFuture<Void> updateUserTask(
      io.civicflow.engine.api.Commands.UpdateUserTask command) {
    return partition.submitUserTaskCommand(
        CommandType.UPDATE_USER_TASK, command, command.userTaskKey());
  }

  @Override
  public CompletableFuture<Void> completeUserTask(
      io.civicflow.engine.api.Commands.CompleteUserTask command) {
    return door.variables(
        command.variables(),
        () ->
            partition.submitUserTaskCommand(
                CommandType.COMPLETE_USER_TASK, command, command.userTaskKey()));
  }

  @Override
  public CompletableFuture<io.civicflow.engine.api.Results.DecisionEvaluation> evaluateDecision(
      io.civicflow.engine.api.Commands.EvaluateDecision command) {
    return door.variables(
        command.variables(), () -> partition.submit(CommandType.EVALUATE_DECISION, command));
  }

  @Override
  public ClockState clock() {
    return new ClockState(clock.millis());
  }

  @Override
  public CompletableFuture<ClockState> addClockOffset(long offsetMillis) {
    return partition.submit(CommandType.ADD_CLOCK_OFFSET, offsetMillis);
  }

  @Override
  public CompletableFuture<ClockState> pinClock(long epochMilli) {
    return partition.submit(CommandType.PIN_CLOCK, epochMilli);
  }

  @Override
  public CompletableFuture<ClockState> resetClock() {
    return partition.submit(CommandType.RESET_CLOCK, null);
  }

  @Override
  public CompletableFuture<PurgeResult> purge() {
    return partition.submit(CommandType.PURGE, null);
  }

  @Override
  public CompletableFuture<Long> changeIdentity(
      io.civicflow.engine.api.Commands.IdentityCommand command) {
    return partition.submit(CommandType.CHANGE_IDENTITY, command);
  }

  @Override
  public boolean managesIdentity() {
    return true;
  }

  @Override
  public io.civicflow.engine.access.IdentityDirectory identity() {
    return partition.identity();
  }

  @Override
  public Topology topology() {
    return new Topology(readModel.changeId(), VERSION, partition.isHealthy());
  }

  @Override
  public ReadModel readModel() {
    return tiered;
  }

  /**
   * How this start recovered: from which snapshot, and how many journal records were replayed after
   * it.
   */
  public Partition.RecoveryReport recovery() {
    return partition.recovery();
  }

  /**
   * The partition itself, below the API's checks: for tests that must reach it directly (failure
   * injection, values no gateway lets through).
   */
  public Partition partition() {
    return partition;
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
    batchRunner.shutdownNow();
    partition.close();
    readModel.historyStore().close();
    LOG.info("CivicFlow engine stopped");
  }
}
