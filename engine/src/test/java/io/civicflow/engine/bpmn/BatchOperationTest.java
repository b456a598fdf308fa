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
import io.civicflow.engine.testing.EngineExtension;
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
 * Batch operations (docs.camunda.io 8.8, "Create batch operation" endpoints) through the official
 * Java client over REST: cancel the instances a filter selects, resolve their incidents; an item
 * that cannot be done is FAILED with its reason.
 */
@ExtendWith(EngineExtension.class)
class BatchOperationTest {

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static void deployWaiting(CamundaClient client, String id) {
    client
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess(id)
                .startEvent()
                .userTask("work")
                .zeebeUserTask()
                .endEvent()
                .done(),
            id + ".bpmn")
        .send()
        .join();
  }

  private static BatchOperation finished(CamundaClient client, String key) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> client.newBatchOperationGetRequest(key).send().join(),
            b -> b.getStatus() != BatchOperationState.ACTIVE);
  }

  private static List<BatchOperationItem> items(CamundaClient client, String key) {
    return client
        .newBatchOperationItemsSearchRequest()
        .filter(f -> f.batchOperationKey(key))
        .send()
        .join()
        .items();
  }

  @Test
  void shouldCancelTwentyInstancesSelectedByProcessDefinitionId(TestEngine engine) {
    CamundaClient client = engine.client();
    String id = unique("batch-cancel");
    deployWaiting(client, id);
    List<Long> instances = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      instances.add(engine.start(id, Map.of()).getProcessInstanceKey());
    }

    var created =
        client
            .newCreateBatchOperationCommand()
            .processInstanceCancel()
            .filter(f -> f.processDefinitionId(id))
            .send()
            .join();

    BatchOperation batch = finished(client, created.getBatchOperationKey());
    assertThat(batch.getStatus()).isEqualTo(BatchOperationState.COMPLETED);
    assertThat(batch.getType()).isEqualTo(BatchOperationType.CANCEL_PROCESS_INSTANCE);
    assertThat(batch.getOperationsTotalCount()).isEqualTo(20);
    assertThat(batch.getOperationsCompletedCount()).isEqualTo(20);
    assertThat(batch.getOperationsFailedCount()).isZero();
    assertThat(batch.getEndDate()).isNotNull();
    assertThat(items(client, created.getBatchOperationKey()))
        .extracting(BatchOperationItem::getProcessInstanceKey)
        .containsExactlyElementsOf(instances);
    for (long instance : instances) {
      assertThat(engine.state(instance)).isEqualTo(ProcessInstanceState.TERMINATED);
    }
    assertThat(
            client.newBatchOperationSearchRequest().send().join().items().stream()
                .map(BatchOperation::getBatchOperationKey))
        .contains(created.getBatchOperationKey());
  }

  @Test
  void shouldReportAnInstanceThatHasAlreadyCompletedAsFailedWithItsReason(TestEngine engine) {
    CamundaClient client = engine.client();
    String id = unique("batch-done");
    client
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess(id).startEvent().endEvent().done(), id + ".bpmn")
        .send()
        .join();
    deployWaiting(client, id + "-waiting");
    long completed = engine.start(id, Map.of()).getProcessInstanceKey();
    long waiting = engine.start(id + "-waiting", Map.of()).getProcessInstanceKey();

    var created =
        client
            .newCreateBatchOperationCommand()
            .processInstanceCancel()
            .filter(f -> f.processInstanceKey(k -> k.in(completed, waiting)))
            .send()
            .join();

    BatchOperation batch = finished(client, created.getBatchOperationKey());
    assertThat(batch.getStatus()).isEqualTo(BatchOperationState.PARTIALLY_COMPLETED);
    assertThat(batch.getOperationsFailedCount()).isEqualTo(1);
    assertThat(batch.getOperationsCompletedCount()).isEqualTo(1);
    List<BatchOperationItem> items = items(client, created.getBatchOperationKey());
    assertThat(items)
        .filteredOn(i -> i.getProcessInstanceKey() == completed)
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.getStatus()).isEqualTo(BatchOperationItemState.FAILED);
              assertThat(i.getErrorMessage())
                  .contains("Expected to cancel a process instance with key '" + completed);
              assertThat(i.getProcessedDate()).isNotNull();
            });
    assertThat(items)
        .filteredOn(i -> i.getProcessInstanceKey() == waiting)
        .singleElement()
        .extracting(BatchOperationItem::getStatus)
        .isEqualTo(BatchOperationItemState.COMPLETED);
    assertThat(engine.state(waiting)).isEqualTo(ProcessInstanceState.TERMINATED);
  }

  @Test
  void shouldResolveTheIncidentsOfTheSelectedInstancesInBulk(TestEngine engine) {
    CamundaClient client = engine.client();
    String id = unique("batch-incident");
    client
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess(id)
                .startEvent()
                .exclusiveGateway("decide")
                .conditionExpression("=ok")
                .endEvent("end")
                .done(),
            id + ".bpmn")
        .send()
        .join();
    List<Long> instances = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      long instance = engine.start(id, Map.of()).getProcessInstanceKey();
      assertThat(engine.incidents(instance)).hasSize(1);
      client.newSetVariablesCommand(instance).variables(Map.of("ok", true)).send().join();
      instances.add(instance);
    }

    var created =
        client
            .newCreateBatchOperationCommand()
            .resolveIncident()
            .filter(f -> f.processDefinitionId(id))
            .send()
            .join();

    BatchOperation batch = finished(client, created.getBatchOperationKey());
    assertThat(batch.getType()).isEqualTo(BatchOperationType.RESOLVE_INCIDENT);
    assertThat(batch.getStatus()).isEqualTo(BatchOperationState.COMPLETED);
    assertThat(batch.getOperationsCompletedCount()).isEqualTo(3);
    for (long instance : instances) {
      assertThat(engine.state(instance)).isEqualTo(ProcessInstanceState.COMPLETED);
    }
  }
}
