package io.civicflow.engine.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.CamundaFuture;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.client.api.search.enums.BatchOperationItemState;
import io.camunda.client.api.search.enums.BatchOperationState;
import io.camunda.client.api.search.response.BatchOperation;
import io.camunda.client.api.search.response.BatchOperationItems.BatchOperationItem;
import io.camunda.client.api.search.response.ProcessInstance;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.civicflow.engine.event.EngineEvent;
import io.civicflow.engine.event.EventBatch;
import io.civicflow.engine.journal.FileJournal;
import io.civicflow.engine.json.Json;
import io.civicflow.engine.testing.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 25's promise: a batch migrating 1,000 instances survives a SIGKILL half-way. The standalone
 * engine (its launcher, in a child JVM) migrates the 1,000 running instances of version 1 to
 * version 2 as one batch, is killed with SIGKILL while the batch runs, and is started again on the
 * same data directory: the batch goes on at its next item and completes, every instance is on
 * version 2, and the journal holds exactly one {@code ProcessInstanceMigrated} per instance and one
 * executed record per item.
 */
class BatchMigrationCrashIT {

  private static final Logger LOG = LoggerFactory.getLogger(BatchMigrationCrashIT.class);
  private static final Path LAUNCHER = Path.of("target/civicflow-engine/bin/civicflow-engine");
  private static final String PROCESS = "batch-crash";
  private static final int INSTANCES = 1000;

  @TempDir Path dataDir;

  private record Running(Process process, CamundaClient client) implements AutoCloseable {
    @Override
    public void close() throws InterruptedException {
      client.close();
      if (process.isAlive()) {
        process.destroy();
        process.waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void aBatchOfAThousandMigrationsSurvivesSigkillHalfWayEachInstanceMigratedOnce()
      throws Exception {
    assertThat(LAUNCHER).as("built by mvn package").isExecutable();
    long v1;
    long v2;
    String batchKey;
    List<Long> instances = new ArrayList<>();
    try (Running engine = start()) {
      CamundaClient client = engine.client();
      v1 = deploy(client, false);
      LOG.info("started");
      // all 1,000 creations in flight at once on the one gRPC connection: the engine journals
      // them in large groups (one flush each) instead of four rounds that each drain the pipe
      List<CamundaFuture<ProcessInstanceEvent>> created = new ArrayList<>();
      for (int i = 0; i < INSTANCES; i++) {
        created.add(client.newCreateInstanceCommand().processDefinitionKey(v1).send());
      }
      created.forEach(f -> instances.add(f.join().getProcessInstanceKey()));
      v2 = deploy(client, true);
      LOG.info("{} instances created", INSTANCES);
      batchKey =
          client
              .newCreateBatchOperationCommand()
              .migrateProcessInstance()
              .targetProcessDefinitionKey(v2)
              .addMappingInstruction("work", "work")
              .filter(f -> f.processDefinitionKey(v1))
              .send()
              .join()
              .getBatchOperationKey();
      // SIGKILL as soon as the journal grows past the batch's creation: its first items are
      // written, the rest not yet. The journal on disk is the earliest sign of progress (the
      // batch's counts in the API come later: waiting for them let the batch finish first).
      long atCreation = journalSize();
      Awaitility.await()
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(1))
          .atMost(Duration.ofSeconds(30))
          .until(() -> journalSize() > atCreation);
      engine.process().destroyForcibly();
      engine.process().waitFor(30, TimeUnit.SECONDS);
    }
    Map<Long, Integer> beforeRestart = new HashMap<>();
    count(beforeRestart, new HashMap<>());
    LOG.info("killed: {} of {} migrations in the journal", beforeRestart.size(), INSTANCES);
    assertThat(beforeRestart.size()).as("killed half-way").isBetween(1, INSTANCES - 1);

    try (Running engine = start()) {
      LOG.info("restarted");
      CamundaClient client = engine.client();
      BatchOperation done =
          Awaitility.await()
              .pollDelay(Duration.ZERO)
              .pollInterval(Duration.ofMillis(20))
              .atMost(Duration.ofSeconds(40))
              .until(
                  () -> client.newBatchOperationGetRequest(batchKey).send().join(),
                  b -> b.getStatus() != BatchOperationState.ACTIVE);
      LOG.info("batch ended: {}", done.getStatus());
      assertThat(done.getStatus()).isEqualTo(BatchOperationState.COMPLETED);
      assertThat(done.getOperationsTotalCount()).isEqualTo(INSTANCES);
      assertThat(done.getOperationsCompletedCount()).isEqualTo(INSTANCES);
      assertThat(done.getOperationsFailedCount()).isZero();
      List<BatchOperationItem> items =
          client
              .newBatchOperationItemsSearchRequest()
              .filter(f -> f.batchOperationKey(batchKey))
              .page(p -> p.limit(2 * INSTANCES))
              .send()
              .join()
              .items();
      assertThat(items).hasSize(INSTANCES);
      assertThat(items)
          .extracting(BatchOperationItem::getStatus)
          .containsOnly(BatchOperationItemState.COMPLETED);
      List<ProcessInstance> running =
          client
              .newProcessInstanceSearchRequest()
              .filter(f -> f.processDefinitionId(PROCESS))
              .page(p -> p.limit(2 * INSTANCES))
              .send()
              .join()
              .items();
      assertThat(running)
          .extracting(ProcessInstance::getProcessInstanceKey)
          .containsExactlyInAnyOrderElementsOf(instances);
      assertThat(running).extracting(ProcessInstance::getProcessDefinitionKey).containsOnly(v2);
      LOG.info("checked through the API");
    }
    LOG.info("stopped");

    // the journal: each instance migrated exactly once, each item executed exactly once
    Map<Long, Integer> migrations = new HashMap<>();
    Map<Long, Integer> executions = new HashMap<>();
    count(migrations, executions);
    assertThat(migrations.keySet()).containsExactlyInAnyOrderElementsOf(instances);
    assertThat(migrations.values()).containsOnly(1);
    assertThat(executions.keySet()).containsExactlyInAnyOrderElementsOf(instances);
    assertThat(executions.values()).containsOnly(1);
    LOG.info("journal counted");
  }

  /** The bytes of the journal's segment files so far. */
  private long journalSize() throws IOException {
    try (Stream<Path> files = Files.list(dataDir)) {
      return files
          .filter(f -> f.getFileName().toString().startsWith("journal"))
          .mapToLong(f -> f.toFile().length())
          .sum();
    }
  }

  /** Counts the journal's migrations per instance and executed items per item key. */
  private void count(Map<Long, Integer> migrations, Map<Long, Integer> executions) {
    try (FileJournal journal = new FileJournal(dataDir)) {
      journal.replay(
          bytes -> {
            try {
              for (EngineEvent event : Json.MAPPER.readValue(bytes, EventBatch.class).events()) {
                if (event instanceof EngineEvent.ProcessInstanceMigrated m) {
                  migrations.merge(m.processInstanceKey(), 1, Integer::sum);
                } else if (event instanceof EngineEvent.BatchOperationItemExecuted x) {
                  executions.merge(x.itemKey(), 1, Integer::sum);
                }
              }
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    }
  }

  /** Version 1: a user task; version 2 adds a review after it. */
  private static long deploy(CamundaClient client, boolean withReview) {
    var model = Bpmn.createExecutableProcess(PROCESS).startEvent().userTask("work").zeebeUserTask();
    var done = withReview ? model.userTask("review").zeebeUserTask().endEvent() : model.endEvent();
    return client
        .newDeployResourceCommand()
        .addProcessModel(done.done(), PROCESS + ".bpmn")
        .send()
        .join()
        .getProcesses()
        .get(0)
        .getProcessDefinitionKey();
  }

  private Running start() throws IOException {
    int restPort = FreePorts.next();
    int grpcPort = FreePorts.next();
    ProcessBuilder launcher =
        new ProcessBuilder(
                LAUNCHER.toString(),
                "--server.port=" + restPort,
                "--management.server.port=" + FreePorts.next(),
                "--civicflow.engine.data-dir=" + dataDir,
                "--civicflow.engine.grpc.port=" + grpcPort,
                // durability is under test here, not authentication
                "--civicflow.engine.auth.enabled=false",
                // no snapshot: the journal keeps every record, for counting the migrations
                "--civicflow.engine.snapshot.every-records=100000000",
                "--civicflow.engine.snapshot.every-megabytes=100000",
                "--logging.level.root=WARN",
                "--logging.level.io.civicflow=INFO")
            .redirectErrorStream(true);
    launcher.environment().put("JAVA_HOME", System.getProperty("java.home"));
    launcher.environment().put("JAVA_OPTS", "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
    Process process = launcher.start();
    EngineProcesses.awaitStarted(
        process,
        line -> {
          if (line.contains("Recovered") || line.contains("ERROR") || line.contains("Batch")) {
            LOG.info("engine: {}", line);
          }
        });
    CamundaClient client =
        CamundaClient.newClientBuilder()
            .restAddress(URI.create("http://127.0.0.1:" + restPort))
            // commands over gRPC (one multiplexed connection: the 1,000 creations are quick);
            // batch operations and searches are REST-only
            .grpcAddress(URI.create("http://127.0.0.1:" + grpcPort))
            .preferRestOverGrpc(false)
            .defaultRequestTimeout(Duration.ofSeconds(20))
            .build();
    return new Running(process, client);
  }
}
