package io.civicflow.engine.core;

import static io.civicflow.engine.core.EngineTestSupport.activate;
import static io.civicflow.engine.core.EngineTestSupport.create;
import static io.civicflow.engine.core.EngineTestSupport.deployFixture;
import static io.civicflow.engine.core.HistoryTesting.snapshots;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.civicflow.engine.Engine;
import io.civicflow.engine.EngineConfig;
import io.civicflow.engine.api.Commands.CompleteJob;
import io.civicflow.engine.api.EngineRejection;
import io.civicflow.engine.api.RejectionType;
import io.civicflow.engine.api.Results.ActivatedJob;
import io.civicflow.engine.history.H2HistoryStore;
import io.civicflow.engine.history.HistoryKind;
import io.civicflow.engine.history.HistoryStore;
import io.civicflow.engine.json.Json;
import io.civicflow.engine.query.Records.ProcessInstanceRecord;
import io.civicflow.engine.query.Records.ProcessInstanceState;
import io.civicflow.engine.query.TieredReadModel;
import io.civicflow.engine.web.management.EngineHealthIndicator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/**
 * A history store that refuses writes does not stop the engine: ended instances stay in the heap
 * (searches find them there, snapshots carry them), later ones queue behind them, a restart loses
 * none, and when the store takes writes again every one is exported once, in journal order, and
 * leaves the heap. Beyond {@code max-pending} waiting instances, commands are refused (503).
 */
class HistoryStoreOutageTest {

  private static final Instant NOW = Instant.parse("2016-11-01T08:00:00Z");

  @TempDir Path directory;

  private final FaultyHistoryStore.Switch store = new FaultyHistoryStore.Switch();

  private EngineConfig config(Path data) {
    return new EngineConfig(data, true, true, Duration.ofSeconds(2), InstantSource.fixed(NOW))
        .withHistoryStore(
            dir -> new FaultyHistoryStore(H2HistoryStore.open(dir.resolve("history")), store));
  }

  private static HistoryStore storeOf(Engine engine) {
    return ((TieredReadModel) engine.readModel()).runtime().historyStore();
  }

  private static List<ProcessInstanceRecord> inHeap(Engine engine) {
    return List.copyOf(((TieredReadModel) engine.readModel()).runtime().processInstances());
  }

  /** Moves the engine clock past the retry back-off: the pending exports are tried again. */
  private static void passBackOff(Engine engine) throws Exception {
    engine.addClockOffset(Duration.ofMinutes(1).toMillis()).get();
  }

  @Test
  void shouldKeepProcessingWhileTheStoreIsDownAndCatchUpOnceWhenItReturns() throws Exception {
    Path data = directory.resolve("outage");
    List<Long> completed = new ArrayList<>();
    try (Engine engine = Engine.start(config(data))) {
      engine.deploy(deployFixture("service-task-with-gateway.bpmn")).get();
      completed.addAll(createAndComplete(engine, 2));
      assertThat(storeOf(engine).count(HistoryKind.PROCESS_INSTANCE)).isEqualTo(2);

      store.down = true;
      List<Long> duringOutage = createAndComplete(engine, 3);
      completed.addAll(duringOutage);
      completed.addAll(createAndComplete(engine, 2));

      assertThat(storeOf(engine).count(HistoryKind.PROCESS_INSTANCE)).isEqualTo(2);
      assertThat(inHeap(engine)).as("kept in the heap").hasSize(5);
      for (long key : duringOutage) {
        assertThat(engine.readModel().processInstance(key).orElseThrow().state())
            .isEqualTo(ProcessInstanceState.COMPLETED);
        assertThat(engine.readModel().variablesOf(key)).extracting(v -> v.name()).contains("score");
      }
      assertThat(engine.readModel().processInstances())
          .extracting(ProcessInstanceRecord::processInstanceKey)
          .containsExactlyInAnyOrderElementsOf(completed);
      var status = engine.historyExport();
      assertThat(status.pendingRoots()).isEqualTo(5);
      assertThat(status.failing()).isTrue();
      assertThat(status.oldestPendingSince()).isEqualTo(NOW.toEpochMilli());
      assertThat(engine.topology().healthy()).as("the engine stays up").isTrue();
      Health health = new EngineHealthIndicator(engine).health();
      assertThat(health.getStatus()).isEqualTo(Status.UP);
      assertThat(health.getDetails().get("historyExport"))
          .asInstanceOf(InstanceOfAssertFactories.map(String.class, Object.class))
          .containsEntry("pendingRoots", 5)
          .containsEntry("oldestPendingAgeMillis", 0L)
          .containsEntry("storeRefusesWrites", true)
          .containsKey("lastError");
    }

    try (Engine engine = Engine.start(config(data))) {
      assertThat(inHeap(engine)).as("a restart while the store is down loses nothing").hasSize(5);
      assertThat(engine.readModel().processInstances())
          .extracting(ProcessInstanceRecord::processInstanceKey)
          .containsExactlyInAnyOrderElementsOf(completed);
      assertThat(engine.historyExport().pendingRoots()).isEqualTo(5);

      store.down = false;
      passBackOff(engine);

      assertThat(engine.historyExport().pendingRoots()).isZero();
      assertThat(engine.historyExport().failing()).isFalse();
      assertThat(inHeap(engine)).as("the heap emptied").isEmpty();
      assertExportedOnce(engine, completed);
    }
    try (Engine engine = Engine.start(config(data))) {
      assertExportedOnce(engine, completed);
      assertThat(inHeap(engine)).isEmpty();
    }
  }

  /**
   * A snapshot taken while exports wait carries their instances; a restart from it with the store
   * still down keeps them; the store takes one write and refuses again, the engine restarts in the
   * middle of the catch-up; in the end each record was written exactly once.
   */
  @Test
  void shouldExportExactlyOnceAcrossSnapshotsAndRestartsDuringTheCatchUp() throws Exception {
    Path data = directory.resolve("snapshots");
    EngineConfig config = config(data).withSnapshots(EngineConfig.SnapshotPolicy.everyRecords(5));
    List<Long> completed = new ArrayList<>();
    try (Engine engine = Engine.start(config)) {
      engine.deploy(deployFixture("service-task-with-gateway.bpmn")).get();
      completed.addAll(createAndComplete(engine, 1));
      store.down = true;
      completed.addAll(createAndComplete(engine, 4));
      Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> snapshots(data) >= 1);
      completed.addAll(createAndComplete(engine, 1));
    }
    try (Engine engine = Engine.start(config)) {
      assertThat(engine.recovery().snapshotPosition())
          .as("the snapshot taken while the store was behind is used")
          .isNotNull();
      assertThat(inHeap(engine)).hasSize(5);
      assertThat(engine.readModel().processInstances())
          .extracting(ProcessInstanceRecord::processInstanceKey)
          .containsExactlyInAnyOrderElementsOf(completed);

      store.allow(1);
      passBackOff(engine);
      assertThat(storeOf(engine).count(HistoryKind.PROCESS_INSTANCE))
          .as("one write taken, then refused again")
          .isGreaterThan(1L)
          .isLessThan(6L);
      completed.addAll(createAndComplete(engine, 1));
    }
    store.down = false;
    try (Engine engine = Engine.start(config)) {
      passBackOff(engine);
      assertThat(inHeap(engine)).isEmpty();
      assertExportedOnce(engine, completed);
    }
  }

  /**
   * A store put back to an older copy of itself (a backup restored) is behind what a snapshot taken
   * while exports were pending recorded of it: that snapshot would export only its pending
   * instances and lose what the store had before — it is refused, as is every snapshot the store is
   * behind, and the engine starts from the older snapshot the copy still covers; the journal after
   * it exports every instance the copy lacks.
   */
  @Test
  void shouldRefuseASnapshotWithPendingExportsWhenTheStoreWentBackwards() throws Exception {
    Path data = directory.resolve("went-back");
    Path saved = directory.resolve("saved-history");
    EngineConfig config =
        config(data).withSnapshots(new EngineConfig.SnapshotPolicy(5, Long.MAX_VALUE, 100));
    List<Long> completed = new ArrayList<>();
    long covered;
    try (Engine engine = Engine.start(config)) {
      engine.deploy(deployFixture("service-task-with-gateway.bpmn")).get();
      completed.addAll(createAndComplete(engine, 2));
      Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> snapshots(data) >= 1);
      covered = snapshotPositions(data).get(0);
    }
    copy(data.resolve("history"), saved); // the backup: it covers the first snapshot
    long pendingSnapshot;
    try (Engine engine = Engine.start(config)) {
      completed.addAll(createAndComplete(engine, 3)); // in the store, not in the backup
      store.down = true;
      // the store refuses the snapshots taken with nothing pending; one is written once exports
      // wait
      for (int i = 0; i < 12 && !newestHadPendingExports(data); i++) {
        completed.addAll(createAndComplete(engine, 1));
      }
      Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> newestHadPendingExports(data));
      List<Long> positions = snapshotPositions(data);
      pendingSnapshot = positions.get(positions.size() - 1);
      assertThat(engine.historyExport().pendingRoots()).isPositive();
    }
    store.down = false;
    deleteRecursively(data.resolve("history"));
    copy(saved, data.resolve("history"));

    try (Engine engine = Engine.start(config)) {
      assertThat(Files.exists(snapshotFile(data, pendingSnapshot, ".cfs.corrupt")))
          .as("the snapshot with pending exports the store is behind is refused")
          .isTrue();
      assertThat(engine.recovery().snapshotPosition()).isEqualTo(covered);
      assertThat(inHeap(engine)).isEmpty();
      HistoryStore history = storeOf(engine);
      assertThat(history.all(HistoryKind.PROCESS_INSTANCE))
          .extracting(ProcessInstanceRecord::processInstanceKey)
          .containsExactlyInAnyOrderElementsOf(completed);
      assertThat(history.count(HistoryKind.VARIABLE))
          .as("applicant and score of each, once")
          .isEqualTo(2L * completed.size());
    }
  }

  private static List<Long> snapshotPositions(Path data) throws Exception {
    try (Stream<Path> files = Files.list(data.resolve("snapshots"))) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(f -> f.endsWith(".cfs"))
          .map(f -> Long.parseLong(f.replaceAll("\\D", "")))
          .sorted()
          .toList();
    }
  }

  /** Whether the newest snapshot recorded a store behind it: taken while exports were pending. */
  private static boolean newestHadPendingExports(Path data) throws Exception {
    List<Long> positions = snapshotPositions(data);
    if (positions.isEmpty()) {
      return false;
    }
    long newest = positions.get(positions.size() - 1);
    // read the file itself: opening a FileSnapshotStore would tidy the directory the engine writes
    byte[] file = Files.readAllBytes(snapshotFile(data, newest, ".cfs"));
    int header = 28; // FileSnapshotStore's header, then the JSON payload
    JsonNode snapshot = Json.MAPPER.readTree(file, header, file.length - header);
    return snapshot.path("historyPosition").asLong() < newest;
  }

  private static Path snapshotFile(Path data, long position, String suffix) {
    return data.resolve("snapshots").resolve(String.format("snapshot-%020d", position) + suffix);
  }

  private static void copy(Path from, Path to) throws Exception {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : files.toList()) {
        Files.copy(f, to.resolve(f.getFileName()));
      }
    }
  }

  private static void deleteRecursively(Path dir) throws Exception {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }

  @Test
  void shouldRefuseCommandsWhileMoreThanMaxPendingInstancesWaitForTheStore() throws Exception {
    EngineConfig config = config(directory.resolve("bounded")).withHistoryMaxPending(2);
    try (Engine engine = Engine.start(config)) {
      engine.deploy(deployFixture("service-task-with-gateway.bpmn")).get();
      store.down = true;
      List<Long> completed = createAndComplete(engine, 3);

      assertThatThrownBy(
              () ->
                  engine
                      .createProcessInstance(
                          create("service-task-with-gateway", Map.of("applicant", "X")))
                      .get())
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(EngineRejection.class)
          .satisfies(
              e ->
                  assertThat(((EngineRejection) e).type())
                      .isEqualTo(RejectionType.RESOURCE_EXHAUSTED))
          .hasMessageContaining("civicflow.engine.history.max-pending");

      store.down = false;
      passBackOff(engine);
      assertThat(engine.historyExport().pendingRoots()).isZero();
      engine
          .createProcessInstance(create("service-task-with-gateway", Map.of("applicant", "Y")))
          .get();
      assertExportedOnce(engine, completed);
    }
  }

  private void assertExportedOnce(Engine engine, List<Long> completed) {
    HistoryStore history = storeOf(engine);
    assertThat(history.all(HistoryKind.PROCESS_INSTANCE))
        .extracting(ProcessInstanceRecord::processInstanceKey)
        .containsExactlyInAnyOrderElementsOf(completed);
    assertThat(history.count(HistoryKind.VARIABLE))
        .as("applicant and score of each, once")
        .isEqualTo(2L * completed.size());
    for (long key : completed) {
      assertThat(store.writesOf(HistoryKind.PROCESS_INSTANCE, key))
          .as("instance %d written once", key)
          .isEqualTo(1);
    }
  }

  private static List<Long> createAndComplete(Engine engine, int count) throws Exception {
    List<Long> keys = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      keys.add(
          engine
              .createProcessInstance(create("service-task-with-gateway", Map.of("applicant", "A")))
              .get()
              .processInstanceKey());
    }
    for (ActivatedJob job : engine.activateJobs(activate("check")).get()) {
      engine.completeJob(new CompleteJob(job.jobKey(), Map.of("score", 1))).get();
    }
    return keys;
  }
}
