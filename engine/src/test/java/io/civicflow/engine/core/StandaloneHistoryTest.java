package io.civicflow.engine.core;

import static io.civicflow.engine.core.EngineTestSupport.create;
import static io.civicflow.engine.core.EngineTestSupport.deployFixture;
import static io.civicflow.engine.core.HistoryTesting.store;
import static io.civicflow.engine.core.HistoryTesting.tiered;
import static org.assertj.core.api.Assertions.assertThat;

import io.civicflow.engine.Engine;
import io.civicflow.engine.EngineConfig;
import io.civicflow.engine.api.Commands.BatchItem;
import io.civicflow.engine.api.Commands.CreateBatchOperation;
import io.civicflow.engine.api.Commands.EvaluateDecision;
import io.civicflow.engine.history.HistoryKind;
import io.civicflow.engine.history.HistoryRetention;
import io.civicflow.engine.history.HistoryStore;
import io.civicflow.engine.query.Records.BatchOperationItemRecord;
import io.civicflow.engine.query.Records.DecisionInstanceRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Standalone decision evaluations and finished batch operations (with their items) leave the heap
 * for the history store at the batch they ended in, exactly once across restarts and lost exports,
 * and are answered from the store as before.
 */
class StandaloneHistoryTest {

  private static final Instant NOW = Instant.parse("2016-10-01T08:00:00Z");

  @TempDir Path directory;

  private static EngineConfig config(Path data) {
    return HistoryTesting.config(data, NOW);
  }

  @Test
  void shouldMoveStandaloneDecisionsAndFinishedBatchesToTheStoreExactlyOnce() throws Exception {
    Path data = directory.resolve("data");
    Path saved = directory.resolve("saved-history");
    List<Long> batches = new ArrayList<>();
    try (Engine engine = Engine.start(config(data))) {
      engine.deploy(deployFixture("service-task-with-gateway.bpmn", "evaluation-grade.dmn")).get();
      evaluate(engine, 95);
      evaluate(engine, 70);
      batches.add(cancelBatch(engine, 3));

      var runtime = tiered(engine).runtime();
      assertThat(runtime.decisionInstances()).as("not in the heap").isEmpty();
      assertThat(runtime.batchOperations()).isEmpty();
      assertThat(runtime.batchOperationItems()).isEmpty();
      assertThat(runtime.image().decisionInstances()).isEmpty();
      assertThat(runtime.image().batchOperations()).isEmpty();
      assertThat(engine.readModel().decisionInstances())
          .extracting(DecisionInstanceRecord::result)
          .containsExactlyInAnyOrder("\"优秀\"", "\"合格\"");
      assertThat(engine.readModel().batchOperation(batches.get(0)).orElseThrow().state())
          .isEqualTo("COMPLETED");
      assertThat(engine.readModel().batchOperations()).hasSize(1);
      assertThat(engine.readModel().batchOperationItemsOf(batches.get(0)))
          .hasSize(3)
          .extracting(BatchOperationItemRecord::state)
          .containsOnly("COMPLETED");
      assertThat(engine.readModel().batchOperationItems()).hasSize(3);
      assertCounts(engine, 2, 1, 3);
    }
    copy(data.resolve("history"), saved);
    try (Engine engine = Engine.start(config(data))) {
      assertCounts(engine, 2, 1, 3);
      evaluate(engine, 85);
      batches.add(cancelBatch(engine, 2));
      assertCounts(engine, 3, 2, 5);
    }
    // the store loses its last exports; the journal still has them
    deleteRecursively(data.resolve("history"));
    copy(saved, data.resolve("history"));
    for (int restart = 0; restart < 2; restart++) {
      try (Engine engine = Engine.start(config(data))) {
        assertCounts(engine, 3, 2, 5);
        assertThat(tiered(engine).runtime().batchOperations()).isEmpty();
        assertThat(tiered(engine).runtime().decisionInstances()).isEmpty();
        assertThat(engine.readModel().batchOperations())
            .extracting(b -> b.batchOperationKey())
            .containsExactlyElementsOf(batches);
        assertThat(engine.readModel().batchOperationItemsOf(batches.get(1))).hasSize(2);
      }
    }
  }

  /**
   * Retention of what ended without a process instance counts from when it ended: a decision
   * evaluated and a batch finished 10 days after the engine started expire their time to live after
   * that moment (H2's expiry), not after the epoch or the engine's start.
   */
  @Test
  void shouldExpireStandaloneDecisionsAndBatchesTheirTimeToLiveAfterTheyEnded() throws Exception {
    EngineConfig config =
        config(directory.resolve("data")).withHistory(new HistoryRetention("P30D", Map.of()));
    try (Engine engine = Engine.start(config)) {
      engine.deploy(deployFixture("service-task-with-gateway.bpmn", "evaluation-grade.dmn")).get();
      engine.addClockOffset(Duration.ofDays(10).toMillis()).get();
      evaluate(engine, 95);
      cancelBatch(engine, 2);
      assertCounts(engine, 1, 1, 2);

      engine.addClockOffset(Duration.ofDays(29).toMillis()).get();
      assertCounts(engine, 1, 1, 2);
      engine.addClockOffset(Duration.ofDays(2).toMillis()).get();
      assertCounts(engine, 0, 0, 0);
    }
  }

  private static void assertCounts(Engine engine, long decisions, long batches, long items) {
    HistoryStore store = store(engine);
    assertThat(store.count(HistoryKind.DECISION_INSTANCE)).isEqualTo(decisions);
    assertThat(store.count(HistoryKind.BATCH_OPERATION)).isEqualTo(batches);
    assertThat(store.count(HistoryKind.BATCH_OPERATION_ITEM)).isEqualTo(items);
  }

  private static void evaluate(Engine engine, int score) throws Exception {
    engine
        .evaluateDecision(
            new EvaluateDecision(null, "evaluation-grade", Map.of("score", score), null))
        .get();
  }

  /** Cancels {@code count} new instances in one batch and waits until it ended. */
  private static long cancelBatch(Engine engine, int count) throws Exception {
    List<BatchItem> items = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      long instance =
          engine
              .createProcessInstance(create("service-task-with-gateway", Map.of("applicant", "A")))
              .get()
              .processInstanceKey();
      items.add(new BatchItem(instance, instance, null));
    }
    long key =
        engine
            .createBatchOperation(new CreateBatchOperation("CANCEL_PROCESS_INSTANCE", items))
            .get();
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> tiered(engine).runtime().batchOperation(key).isEmpty());
    return key;
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
