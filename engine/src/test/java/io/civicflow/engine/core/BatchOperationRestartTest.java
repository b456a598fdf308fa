package io.civicflow.engine.core;

import static io.civicflow.engine.core.EngineTestSupport.create;
import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.civicflow.engine.Engine;
import io.civicflow.engine.EngineConfig;
import io.civicflow.engine.EngineConfig.SnapshotPolicy;
import io.civicflow.engine.api.Commands.BatchItem;
import io.civicflow.engine.api.Commands.CreateBatchOperation;
import io.civicflow.engine.api.Commands.Deploy;
import io.civicflow.engine.api.Commands.DeployResource;
import io.civicflow.engine.query.Records.BatchOperationItemRecord;
import io.civicflow.engine.query.Records.BatchOperationRecord;
import io.civicflow.engine.query.Records.ProcessInstanceState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A batch operation is journaled item by item: stopped half-way, the restarted engine — replaying
 * the journal, or from a snapshot taken in between — goes on at the next item and does each item
 * exactly once.
 */
class BatchOperationRestartTest {

  private static final Instant NOW = Instant.parse("2016-08-01T09:00:00Z");

  @TempDir Path directory;

  private static EngineConfig config(Path data, SnapshotPolicy snapshots) {
    return new EngineConfig(data, true, true, Duration.ofSeconds(2), InstantSource.fixed(NOW))
        .withSnapshots(snapshots);
  }

  private static final String MODEL =
      Bpmn.convertToString(
          Bpmn.createExecutableProcess("restart-batch")
              .startEvent()
              .userTask("work")
              .zeebeUserTask()
              .endEvent()
              .done());

  @ParameterizedTest
  @ValueSource(ints = {1 << 30, 4})
  void shouldGoOnAtTheNextItemAndDoEachItemOnce(int snapshotEvery) throws Exception {
    Path data = directory.resolve("data-" + snapshotEvery);
    List<Long> instances = new ArrayList<>();
    long batchKey;
    try (Engine engine = Engine.start(config(data, SnapshotPolicy.everyRecords(snapshotEvery)))) {
      engine.holdBatchOperations(true);
      engine
          .deploy(
              new Deploy(
                  List.of(new DeployResource("batch.bpmn", MODEL.getBytes(StandardCharsets.UTF_8))),
                  null))
          .get();
      List<BatchItem> items = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        long instance =
            engine
                .createProcessInstance(create("restart-batch", Map.of()))
                .get()
                .processInstanceKey();
        instances.add(instance);
        items.add(new BatchItem(instance, instance, null));
      }
      batchKey =
          engine
              .createBatchOperation(new CreateBatchOperation("CANCEL_PROCESS_INSTANCE", items))
              .get();
      for (int i = 0; i < 4; i++) {
        engine.executeBatchItem(batchKey, instances.get(i)).get();
      }
      // an item already done is not done again
      engine.executeBatchItem(batchKey, instances.get(0)).get();
      BatchOperationRecord halfWay = engine.readModel().batchOperation(batchKey).orElseThrow();
      assertThat(halfWay.state()).isEqualTo("ACTIVE");
      assertThat(halfWay.operationsCompletedCount()).isEqualTo(4);
      assertThat(halfWay.operationsFailedCount()).isZero();
    }

    try (Engine engine = Engine.start(config(data, SnapshotPolicy.everyRecords(1 << 30)))) {
      BatchOperationRecord done =
          Awaitility.await()
              .atMost(Duration.ofSeconds(30))
              .until(
                  () -> engine.readModel().batchOperation(batchKey).orElseThrow(),
                  b -> !b.state().equals("ACTIVE"));
      assertThat(done.state()).isEqualTo("COMPLETED");
      assertThat(done.operationsTotalCount()).isEqualTo(10);
      assertThat(done.operationsCompletedCount()).isEqualTo(10);
      assertThat(done.operationsFailedCount()).isZero();
      assertThat(engine.readModel().batchOperationItemsOf(batchKey))
          .extracting(BatchOperationItemRecord::state)
          .containsOnly("COMPLETED");
      for (long instance : instances) {
        assertThat(engine.readModel().processInstance(instance).orElseThrow().state())
            .isEqualTo(ProcessInstanceState.TERMINATED);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1 << 30, 3})
  void shouldStaySuspendedAcrossARestartAndGoOnWhenResumed(int snapshotEvery) throws Exception {
    Path data = directory.resolve("suspended-" + snapshotEvery);
    List<Long> instances = new ArrayList<>();
    long batchKey;
    try (Engine engine = Engine.start(config(data, SnapshotPolicy.everyRecords(snapshotEvery)))) {
      engine.holdBatchOperations(true);
      engine
          .deploy(
              new Deploy(
                  List.of(new DeployResource("batch.bpmn", MODEL.getBytes(StandardCharsets.UTF_8))),
                  null))
          .get();
      List<BatchItem> items = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        long instance =
            engine
                .createProcessInstance(create("restart-batch", Map.of()))
                .get()
                .processInstanceKey();
        instances.add(instance);
        items.add(new BatchItem(instance, instance, null));
      }
      batchKey =
          engine
              .createBatchOperation(new CreateBatchOperation("CANCEL_PROCESS_INSTANCE", items))
              .get();
      engine.executeBatchItem(batchKey, instances.get(0)).get();
      engine
          .changeBatchOperation(
              new io.civicflow.engine.api.Commands.ChangeBatchOperation(
                  batchKey, io.civicflow.engine.api.Commands.BatchChange.SUSPENSION))
          .get();
      // a suspended batch runs no item, even when asked to
      engine.executeBatchItem(batchKey, instances.get(1)).get();
      for (int i = 0; i < 4; i++) {
        engine.createProcessInstance(create("restart-batch", Map.of())).get();
      }
    }

    try (Engine engine = Engine.start(config(data, SnapshotPolicy.everyRecords(1 << 30)))) {
      BatchOperationRecord suspended = engine.readModel().batchOperation(batchKey).orElseThrow();
      assertThat(suspended.state()).isEqualTo("SUSPENDED");
      assertThat(suspended.operationsCompletedCount()).isEqualTo(1);
      assertThat(engine.readModel().processInstance(instances.get(1)).orElseThrow().state())
          .isEqualTo(ProcessInstanceState.ACTIVE);
      engine
          .changeBatchOperation(
              new io.civicflow.engine.api.Commands.ChangeBatchOperation(
                  batchKey, io.civicflow.engine.api.Commands.BatchChange.RESUMPTION))
          .get();
      BatchOperationRecord done =
          Awaitility.await()
              .atMost(Duration.ofSeconds(30))
              .until(
                  () -> engine.readModel().batchOperation(batchKey).orElseThrow(),
                  b -> !b.state().equals("ACTIVE"));
      assertThat(done.state()).isEqualTo("COMPLETED");
      assertThat(done.operationsCompletedCount()).isEqualTo(4);
      for (long instance : instances) {
        assertThat(engine.readModel().processInstance(instance).orElseThrow().state())
            .isEqualTo(ProcessInstanceState.TERMINATED);
      }
    }
  }
}
