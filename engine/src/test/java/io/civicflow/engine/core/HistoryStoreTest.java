package io.civicflow.engine.core;

import static io.civicflow.engine.core.EngineTestSupport.activate;
import static io.civicflow.engine.core.EngineTestSupport.create;
import static io.civicflow.engine.core.EngineTestSupport.deployFixture;
import static io.civicflow.engine.core.HistoryTesting.snapshots;
import static io.civicflow.engine.core.HistoryTesting.store;
import static io.civicflow.engine.core.HistoryTesting.tiered;
import static org.assertj.core.api.Assertions.assertThat;

import io.civicflow.engine.Engine;
import io.civicflow.engine.EngineConfig;
import io.civicflow.engine.api.Commands.CompleteJob;
import io.civicflow.engine.api.Results.ActivatedJob;
import io.civicflow.engine.history.HistoryKind;
import io.civicflow.engine.history.HistoryRetention;
import io.civicflow.engine.history.HistoryStore;
import io.civicflow.engine.query.Records.JobState;
import io.civicflow.engine.query.Records.ProcessInstanceRecord;
import io.civicflow.engine.query.Records.ProcessInstanceState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * History leaves the heap: an ended instance tree moves to the history store at its journal
 * position, exactly once across restarts and lost exports, searches and gets answer from the heap
 * and the store together, and retention deletes exactly what expired on the engine clock.
 */
class HistoryStoreTest {

  private static final Instant NOW = Instant.parse("2016-10-01T08:00:00Z");

  @TempDir Path directory;

  private static EngineConfig config(Path data) {
    return HistoryTesting.config(data, NOW);
  }

  private static void completeJobs(Engine engine, String type) throws Exception {
    for (ActivatedJob job : engine.activateJobs(activate(type)).get()) {
      engine.completeJob(new CompleteJob(job.jobKey(), Map.of("score", 1))).get();
    }
  }

  @Test
  void shouldMoveAnEndedInstanceTreeToTheStoreAndAnswerFromBoth() throws Exception {
    try (Engine engine = Engine.start(EngineConfig.inMemory())) {
      engine
          .deploy(
              deployFixture(
                  "call-activity-parent.bpmn",
                  "call-activity-child.bpmn",
                  "service-task-with-gateway.bpmn"))
          .get();
      long parent =
          engine
              .createProcessInstance(create("call-activity-parent", Map.of("case", "KS-1")))
              .get()
              .processInstanceKey();
      long running =
          engine
              .createProcessInstance(create("service-task-with-gateway", Map.of("applicant", "A")))
              .get()
              .processInstanceKey();
      ProcessInstanceRecord child =
          engine.readModel().processInstances().stream()
              .filter(p -> Long.valueOf(parent).equals(p.parentProcessInstanceKey()))
              .findFirst()
              .orElseThrow();
      assertThat(store(engine).count(HistoryKind.PROCESS_INSTANCE)).isZero();

      completeJobs(engine, "child-work");

      var runtime = tiered(engine).runtime();
      assertThat(runtime.processInstance(parent)).as("not in the heap").isEmpty();
      assertThat(runtime.processInstance(child.processInstanceKey())).isEmpty();
      assertThat(runtime.image().processInstances())
          .extracting(ProcessInstanceRecord::processInstanceKey)
          .containsExactly(running);
      assertThat(runtime.image().jobs()).allMatch(j -> j.processInstanceKey() == running);
      assertThat(engine.readModel().processInstance(parent).orElseThrow().state())
          .isEqualTo(ProcessInstanceState.COMPLETED);
      assertThat(engine.readModel().processInstances())
          .extracting(ProcessInstanceRecord::processInstanceKey)
          .containsExactlyInAnyOrder(parent, child.processInstanceKey(), running);
      assertThat(engine.readModel().elementInstancesOf(child.processInstanceKey()))
          .extracting(e -> e.elementId())
          .contains("Task_ChildWork");
      assertThat(engine.readModel().variablesOf(parent)).extracting(v -> v.name()).contains("case");
      assertThat(engine.readModel().jobs())
          .filteredOn(j -> j.processInstanceKey() == child.processInstanceKey())
          .singleElement()
          .satisfies(j -> assertThat(j.state()).isEqualTo(JobState.COMPLETED));
      assertThat(engine.readModel().sequenceFlowsOf(parent)).isNotEmpty();
      assertThat(store(engine).count(HistoryKind.PROCESS_INSTANCE)).isEqualTo(2);
    }
  }

  /**
   * A crash can lose the store's last exports (written but not yet on disk) while the journal has
   * them: the store is put back to an older copy of itself, and a restart replays the journal —
   * what the store has is not written again, what it lost is written once.
   */
  @Test
  void shouldExportEveryEndedInstanceExactlyOnceAfterLostExportsAndRestarts() throws Exception {
    Path data = directory.resolve("data");
    Path saved = directory.resolve("saved-history");
    List<Long> completed = new ArrayList<>();
    try (Engine engine = Engine.start(config(data))) {
      engine.deploy(deployFixture("service-task-with-gateway.bpmn")).get();
      completed.addAll(createAndComplete(engine, 3));
      assertThat(store(engine).count(HistoryKind.PROCESS_INSTANCE)).isEqualTo(3);
    }
    copy(data.resolve("history"), saved);
    try (Engine engine = Engine.start(config(data))) {
      assertThat(store(engine).count(HistoryKind.PROCESS_INSTANCE))
          .as("a restart exports nothing again")
          .isEqualTo(3);
      completed.addAll(createAndComplete(engine, 4));
    }
    deleteRecursively(data.resolve("history"));
    copy(saved, data.resolve("history"));

    for (int restart = 0; restart < 2; restart++) {
      try (Engine engine = Engine.start(config(data))) {
        HistoryStore store = store(engine);
        assertThat(store.all(HistoryKind.PROCESS_INSTANCE))
            .extracting(ProcessInstanceRecord::processInstanceKey)
            .containsExactlyInAnyOrderElementsOf(completed);
        assertThat(store.count(HistoryKind.VARIABLE))
            .as("applicant and score of each, once")
            .isEqualTo(2L * completed.size());
        assertThat(tiered(engine).runtime().processInstances()).isEmpty();
        for (long key : completed) {
          assertThat(engine.readModel().processInstance(key).orElseThrow().state())
              .isEqualTo(ProcessInstanceState.COMPLETED);
        }
      }
    }
  }

  /** Snapshots taken while history is exported: restarts from them neither lose nor duplicate. */
  @Test
  void shouldKeepHistoryExactlyOnceAcrossSnapshots() throws Exception {
    Path data = directory.resolve("snapshotting");
    EngineConfig config = config(data).withSnapshots(EngineConfig.SnapshotPolicy.everyRecords(5));
    List<Long> completed = new ArrayList<>();
    try (Engine engine = Engine.start(config)) {
      engine.deploy(deployFixture("service-task-with-gateway.bpmn")).get();
      completed.addAll(createAndComplete(engine, 6));
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> snapshots(data) >= 1);
      completed.addAll(createAndComplete(engine, 2));
    }
    try (Engine engine = Engine.start(config)) {
      assertThat(engine.recovery().snapshotPosition()).isNotNull();
      assertThat(store(engine).all(HistoryKind.PROCESS_INSTANCE))
          .extracting(ProcessInstanceRecord::processInstanceKey)
          .containsExactlyInAnyOrderElementsOf(completed);
      assertThat(store(engine).count(HistoryKind.JOB)).isEqualTo(completed.size());
    }
  }

  /**
   * A snapshot taken after batches that ended no instance is not ahead of the store: the store
   * records at every snapshot that everything up to it is exported (found by {@code
   * CrashRecoveryIT}).
   */
  @Test
  void shouldStartFromASnapshotTakenAfterTheLastExport() throws Exception {
    Path data = directory.resolve("snapshot-after-export");
    EngineConfig config =
        config(data)
            .withSnapshots(EngineConfig.SnapshotPolicy.everyRecords(5).withoutSnapshotOnStop());
    long newest;
    try (Engine engine = Engine.start(config)) {
      engine.deploy(deployFixture("service-task-with-gateway.bpmn")).get();
      createAndComplete(engine, 1);
      long exported = store(engine).exportedPosition();
      for (int i = 0; i < 12; i++) {
        engine
            .createProcessInstance(create("service-task-with-gateway", Map.of("applicant", "W")))
            .get();
      }
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> newestSnapshot(data) > exported);
      newest = newestSnapshot(data);
    }
    try (Engine engine = Engine.start(config)) {
      assertThat(engine.recovery().snapshotPosition()).isEqualTo(newest);
      assertThat(store(engine).count(HistoryKind.PROCESS_INSTANCE)).isEqualTo(1);
      assertThat(tiered(engine).runtime().processInstances()).hasSize(12);
    }
  }

  private static long newestSnapshot(Path data) throws Exception {
    Path dir = data.resolve("snapshots");
    if (!Files.isDirectory(dir)) {
      return -1;
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(f -> f.endsWith(".cfs"))
          .mapToLong(f -> Long.parseLong(f.replaceAll("\\D", "")))
          .max()
          .orElse(-1);
    }
  }

  @Test
  void shouldDeleteExactlyTheExpiredHistoryWhenTheEngineClockPassesItsTimeToLive()
      throws Exception {
    EngineConfig config =
        EngineConfig.inMemory()
            .withHistory(new HistoryRetention("P15Y", Map.of("straight-through", "P30D")));
    try (Engine engine = Engine.start(config)) {
      engine.deploy(deployFixture("straight-through.bpmn", "service-task-with-gateway.bpmn")).get();
      long shortLived =
          engine
              .createProcessInstance(create("straight-through", Map.of("a", 1, "b", 2)))
              .get()
              .processInstanceKey();
      long procurement = createAndComplete(engine, 1).get(0);
      long running =
          engine
              .createProcessInstance(create("service-task-with-gateway", Map.of("applicant", "R")))
              .get()
              .processInstanceKey();
      assertThat(engine.readModel().processInstance(shortLived)).isPresent();

      engine.addClockOffset(Duration.ofDays(29).toMillis()).get();
      assertThat(engine.readModel().processInstance(shortLived)).as("29 days: kept").isPresent();

      engine.addClockOffset(Duration.ofDays(2).toMillis()).get();
      assertThat(engine.readModel().processInstance(shortLived)).as("31 days: expired").isEmpty();
      assertThat(engine.readModel().variablesOf(shortLived)).isEmpty();
      assertThat(engine.readModel().elementInstancesOf(shortLived)).isEmpty();
      assertThat(engine.readModel().processInstance(procurement)).isPresent();
      assertThat(engine.readModel().variablesOf(procurement)).isNotEmpty();

      engine.addClockOffset(Duration.ofDays(15 * 365 + 2).toMillis()).get();
      assertThat(engine.readModel().processInstance(procurement)).as("15 years: expired").isEmpty();
      assertThat(engine.readModel().jobs())
          .allMatch(j -> j.processInstanceKey() == running)
          .isNotEmpty();
      assertThat(engine.readModel().processInstance(running))
          .as("running instances never expire")
          .isPresent();
      HistoryStore store = store(engine);
      for (HistoryKind<?> kind : HistoryKind.ALL) {
        assertThat(store.count(kind)).as(kind.name()).isZero();
      }
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
    completeJobs(engine, "check");
    return keys;
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
}
