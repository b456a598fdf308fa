package io.civicflow.engine.bpmn;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.BatchOperationItemState;
import io.camunda.client.api.search.enums.BatchOperationState;
import io.camunda.client.api.search.enums.BatchOperationType;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.BatchOperation;
import io.camunda.client.api.search.response.BatchOperationItems.BatchOperationItem;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.civicflow.engine.Engine;
import io.civicflow.engine.testing.EngineExtension;
import io.civicflow.engine.testing.Refusal;
import io.civicflow.engine.testing.TestEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Camunda 8.8's migration and modification batches ({@code POST /v2/process-instances/migration},
 * {@code …/modification}) and a batch's suspension, resumption and cancellation, through the
 * official Java client over REST: each selected active instance migrated or moved once, a refused
 * one FAILED with its reason.
 */
@ExtendWith(EngineExtension.class)
class BatchMigrationTest {

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static long deploy(CamundaClient client, BpmnModelInstance model, String id) {
    return client
        .newDeployResourceCommand()
        .addProcessModel(model, id + ".bpmn")
        .send()
        .join()
        .getProcesses()
        .get(0)
        .getProcessDefinitionKey();
  }

  private static BatchOperation finished(CamundaClient client, String key) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> client.newBatchOperationGetRequest(key).send().join(),
            b ->
                b.getStatus() != BatchOperationState.ACTIVE
                    && b.getStatus() != BatchOperationState.CREATED);
  }

  private static List<BatchOperationItem> items(CamundaClient client, String key) {
    return client
        .newBatchOperationItemsSearchRequest()
        .filter(f -> f.batchOperationKey(key))
        .send()
        .join()
        .items();
  }

  /** start → decide → work (x) or other (else) → end. */
  private static BpmnModelInstance version1(String id) {
    return Bpmn.createExecutableProcess(id)
        .startEvent()
        .exclusiveGateway("decide")
        .defaultFlow()
        .userTask("other")
        .zeebeUserTask()
        .endEvent("otherEnd")
        .moveToNode("decide")
        .conditionExpression("=x")
        .userTask("work")
        .zeebeUserTask()
        .endEvent("end")
        .done();
  }

  /** start → work → review → end: the bureau added a review. */
  private static BpmnModelInstance version2(String id) {
    return Bpmn.createExecutableProcess(id)
        .startEvent()
        .userTask("work")
        .zeebeUserTask()
        .userTask("review")
        .zeebeUserTask()
        .endEvent("end")
        .done();
  }

  private static void completeTask(CamundaClient client, long instance, String elementId) {
    var task =
        Awaitility.await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () ->
                    client
                        .newUserTaskSearchRequest()
                        .filter(
                            f ->
                                f.processInstanceKey(instance)
                                    .elementId(elementId)
                                    .state(
                                        io.camunda.client.api.search.enums.UserTaskState.CREATED))
                        .send()
                        .join()
                        .items(),
                l -> l.size() == 1)
            .get(0);
    client.newCompleteUserTaskCommand(task.getUserTaskKey()).send().join();
  }

  @Test
  void shouldMigrateTheActiveInstancesOfAVersionOnceAndFailTheOneThatCannotBeMapped(
      TestEngine engine) {
    CamundaClient client = engine.client();
    String id = unique("batch-migrate");
    long v1 = deploy(client, version1(id), id);
    List<Long> working = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      working.add(engine.start(id, Map.of("x", true)).getProcessInstanceKey());
    }
    long elsewhere = engine.start(id, Map.of("x", false)).getProcessInstanceKey();
    long done = engine.start(id, Map.of("x", true)).getProcessInstanceKey();
    completeTask(client, done, "work");
    long v2 = deploy(client, version2(id), id);

    var created =
        client
            .newCreateBatchOperationCommand()
            .migrateProcessInstance()
            .targetProcessDefinitionKey(v2)
            .addMappingInstruction("work", "work")
            // a state in the filter is replaced by ACTIVE: the completed instance is no item
            .filter(f -> f.processDefinitionKey(v1).state(ProcessInstanceState.COMPLETED))
            .send()
            .join();
    BatchOperation batch = finished(client, created.getBatchOperationKey());
    assertThat(batch.getStatus()).isEqualTo(BatchOperationState.PARTIALLY_COMPLETED);
    assertThat(batch.getType()).isEqualTo(BatchOperationType.MIGRATE_PROCESS_INSTANCE);
    assertThat(batch.getOperationsTotalCount()).isEqualTo(5);
    assertThat(batch.getOperationsCompletedCount()).isEqualTo(4);
    assertThat(batch.getOperationsFailedCount()).isEqualTo(1);
    List<BatchOperationItem> items = items(client, created.getBatchOperationKey());
    assertThat(items).extracting(BatchOperationItem::getProcessInstanceKey).doesNotContain(done);
    assertThat(items)
        .filteredOn(i -> i.getProcessInstanceKey() == elsewhere)
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.getStatus()).isEqualTo(BatchOperationItemState.FAILED);
              assertThat(i.getErrorMessage()).contains("'other'");
            });
    assertThat(
            client.newProcessInstanceGetRequest(elsewhere).send().join().getProcessDefinitionKey())
        .isEqualTo(v1);
    for (long instance : working) {
      assertThat(
              client.newProcessInstanceGetRequest(instance).send().join().getProcessDefinitionKey())
          .isEqualTo(v2);
    }
    // a migrated instance continues on the new version: the review follows the work
    completeTask(client, working.get(0), "work");
    completeTask(client, working.get(0), "review");
    assertThat(engine.state(working.get(0))).isEqualTo(ProcessInstanceState.COMPLETED);
  }

  @Test
  void shouldMoveTheTokensOfTheSelectedInstances(TestEngine engine) {
    CamundaClient client = engine.client();
    String id = unique("batch-move");
    deploy(
        client,
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .userTask("a")
            .zeebeUserTask()
            .userTask("b")
            .zeebeUserTask()
            .endEvent()
            .done(),
        id);
    List<Long> instances = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      instances.add(engine.start(id, Map.of()).getProcessInstanceKey());
    }
    long atB = engine.start(id, Map.of()).getProcessInstanceKey();
    completeTask(client, atB, "a");

    var created =
        client
            .newCreateBatchOperationCommand()
            .modifyProcessInstance()
            .addMoveInstruction("a", "b")
            .filter(f -> f.processDefinitionId(id))
            .send()
            .join();
    BatchOperation batch = finished(client, created.getBatchOperationKey());
    assertThat(batch.getStatus()).isEqualTo(BatchOperationState.PARTIALLY_COMPLETED);
    assertThat(batch.getType()).isEqualTo(BatchOperationType.MODIFY_PROCESS_INSTANCE);
    assertThat(batch.getOperationsCompletedCount()).isEqualTo(3);
    assertThat(items(client, created.getBatchOperationKey()))
        .filteredOn(i -> i.getProcessInstanceKey() == atB)
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.getStatus()).isEqualTo(BatchOperationItemState.FAILED);
              assertThat(i.getErrorMessage()).contains("no active element instance of ['a']");
            });
    for (long instance : instances) {
      assertThat(engine.elements(instance)).endsWith("a=TERMINATED", "b=ACTIVE");
      completeTask(client, instance, "b");
      assertThat(engine.state(instance)).isEqualTo(ProcessInstanceState.COMPLETED);
    }
  }

  @Test
  void shouldRefuseABatchWithoutItsPlan(TestEngine engine) {
    CamundaClient client = engine.client();
    Refusal noMoves =
        Refusal.of(
            () ->
                client
                    .newCreateBatchOperationCommand()
                    .modifyProcessInstance()
                    .filter(f -> f.processDefinitionId("none"))
                    .send()
                    .join());
    assertThat(noMoves.code()).isEqualTo(400);
  }

  @Test
  void shouldSuspendResumeAndCancelABatch(TestEngine engine) {
    CamundaClient client = engine.client();
    Engine core = engine.bean(Engine.class);
    String id = unique("batch-suspend");
    deploy(
        client,
        Bpmn.createExecutableProcess(id).startEvent().userTask("work").zeebeUserTask().done(),
        id);
    List<Long> instances = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      instances.add(engine.start(id, Map.of()).getProcessInstanceKey());
    }
    String suspended;
    String canceled;
    core.holdBatchOperations(true);
    try {
      suspended =
          client
              .newCreateBatchOperationCommand()
              .processInstanceCancel()
              .filter(f -> f.processInstanceKey(k -> k.in(instances.get(0), instances.get(1))))
              .send()
              .join()
              .getBatchOperationKey();
      canceled =
          client
              .newCreateBatchOperationCommand()
              .processInstanceCancel()
              .filter(f -> f.processInstanceKey(k -> k.in(instances.get(2), instances.get(3))))
              .send()
              .join()
              .getBatchOperationKey();
      client.newSuspendBatchOperationCommand(suspended).send().join();
      assertThat(client.newBatchOperationGetRequest(suspended).send().join().getStatus())
          .isEqualTo(BatchOperationState.SUSPENDED);
      Refusal twice =
          Refusal.of(() -> client.newSuspendBatchOperationCommand(suspended).send().join());
      assertThat(twice.code()).isEqualTo(409);
      assertThat(twice.detail()).contains("already suspended");

      client.newCancelBatchOperationCommand(canceled).send().join();
    } finally {
      core.holdBatchOperations(false);
    }
    BatchOperation cancel = client.newBatchOperationGetRequest(canceled).send().join();
    assertThat(cancel.getStatus()).isEqualTo(BatchOperationState.CANCELED);
    assertThat(cancel.getEndDate()).isNotNull();
    assertThat(items(client, canceled))
        .extracting(BatchOperationItem::getStatus)
        .containsOnly(BatchOperationItemState.CANCELED);
    assertThat(engine.state(instances.get(2))).isEqualTo(ProcessInstanceState.ACTIVE);
    assertThat(Refusal.of(() -> client.newResumeBatchOperationCommand(canceled).send().join()))
        .extracting(Refusal::code)
        .isEqualTo(404);

    // a suspended batch runs nothing until it is resumed
    assertThat(engine.state(instances.get(0))).isEqualTo(ProcessInstanceState.ACTIVE);
    client.newResumeBatchOperationCommand(suspended).send().join();
    BatchOperation resumed = finished(client, suspended);
    assertThat(resumed.getStatus()).isEqualTo(BatchOperationState.COMPLETED);
    assertThat(resumed.getOperationsCompletedCount()).isEqualTo(2);
    assertThat(engine.state(instances.get(0))).isEqualTo(ProcessInstanceState.TERMINATED);
    assertThat(engine.state(instances.get(1))).isEqualTo(ProcessInstanceState.TERMINATED);
    assertThat(Refusal.of(() -> client.newCancelBatchOperationCommand(suspended).send().join()))
        .extracting(Refusal::code)
        .isEqualTo(404);
    assertThat(Refusal.of(() -> client.newResumeBatchOperationCommand(suspended).send().join()))
        .extracting(Refusal::code)
        .isEqualTo(404);
    assertThat(Refusal.of(() -> client.newSuspendBatchOperationCommand("1").send().join()))
        .extracting(Refusal::code)
        .isEqualTo(404);
  }
}
