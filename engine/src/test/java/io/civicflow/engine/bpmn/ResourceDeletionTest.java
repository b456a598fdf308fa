package io.civicflow.engine.bpmn;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.civicflow.engine.testing.EngineExtension;
import io.civicflow.engine.testing.Refusal;
import io.civicflow.engine.testing.TestEngine;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Deleting a resource (docs.camunda.io, "Delete resource"): a process definition while none of its
 * instances runs (refused otherwise, as Zeebe does), a decision requirements graph, a form.
 */
@ExtendWith(EngineExtension.class)
class ResourceDeletionTest {

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static long deployProcess(CamundaClient client, String id, String message) {
    var start = Bpmn.createExecutableProcess(id).startEvent();
    var model =
        (message == null ? start : start.message(message))
            .userTask("work")
            .zeebeUserTask()
            .endEvent()
            .done();
    return client
        .newDeployResourceCommand()
        .addProcessModel(model, id + ".bpmn")
        .send()
        .join()
        .getProcesses()
        .get(0)
        .getProcessDefinitionKey();
  }

  private static void delete(CamundaClient client, long key) {
    client.newDeleteResourceCommand(key).send().join();
  }

  @Test
  void shouldRefuseToDeleteAProcessWhileAnInstanceRunsThenFallBackToTheVersionBefore(
      TestEngine engine) {
    CamundaClient client = engine.client();
    String id = unique("del-process");
    long v1 = deployProcess(client, id, null);
    long other = deployProcess(client, id + "-other", null); // another process, untouched
    long v2Same =
        client
            .newDeployResourceCommand()
            .addProcessModel(
                Bpmn.createExecutableProcess(id)
                    .name("v2")
                    .startEvent()
                    .userTask("work")
                    .zeebeUserTask()
                    .endEvent()
                    .done(),
                id + ".bpmn")
            .send()
            .join()
            .getProcesses()
            .get(0)
            .getProcessDefinitionKey();
    long running = engine.start(id, Map.of()).getProcessInstanceKey();

    Refusal refusal = Refusal.of(() -> delete(client, v2Same));
    assertThat(refusal.code()).isEqualTo(409);
    assertThat(refusal.title()).isEqualTo("INVALID_STATE");
    assertThat(refusal.detail()).contains("there are still running instances");
    assertThat(client.newProcessDefinitionGetRequest(v2Same).send().join().getVersion())
        .isEqualTo(2);

    client.newCancelInstanceCommand(running).send().join();
    delete(client, v2Same);

    Refusal gone = Refusal.of(() -> client.newProcessDefinitionGetRequest(v2Same).send().join());
    assertThat(gone.code()).isEqualTo(404);
    long next = engine.start(id, Map.of()).getProcessInstanceKey();
    assertThat(client.newProcessInstanceGetRequest(next).send().join().getProcessDefinitionKey())
        .isEqualTo(v1);
    assertThat(client.newProcessDefinitionGetRequest(other).send().join().getProcessDefinitionKey())
        .isEqualTo(other);
    // the canceled instance keeps its history
    assertThat(client.newProcessInstanceGetRequest(running).send().join().getProcessDefinitionKey())
        .isEqualTo(v2Same);

    Refusal again = Refusal.of(() -> delete(client, v2Same));
    assertThat(again.code()).isEqualTo(404);
  }

  @Test
  void shouldGiveTheMessageStartEventBackToTheVersionBefore(TestEngine engine) {
    CamundaClient client = engine.client();
    String id = unique("del-start");
    String message = id + "-apply";
    long v1 = deployProcess(client, id, message);
    Refusal nothing = Refusal.of(() -> delete(client, 42L));
    assertThat(nothing.code()).isEqualTo(404);
    long v2 =
        client
            .newDeployResourceCommand()
            .addProcessModel(
                Bpmn.createExecutableProcess(id)
                    .name("v2")
                    .startEvent()
                    .message(message)
                    .endEvent()
                    .done(),
                id + ".bpmn")
            .send()
            .join()
            .getProcesses()
            .get(0)
            .getProcessDefinitionKey();

    delete(client, v2);
    client.newPublishMessageCommand().messageName(message).withoutCorrelationKey().send().join();

    assertThat(Elements.instancesOf(client, id))
        .singleElement()
        .satisfies(instance -> assertThat(instance.getProcessDefinitionKey()).isEqualTo(v1));
  }

  @Test
  void shouldDeleteADecisionRequirementsGraphWithItsDecisions(TestEngine engine) {
    CamundaClient client = engine.client();
    String id = unique("del-grade");
    String dmn =
        new String(TestEngine.fixture("evaluation-grade.dmn"), StandardCharsets.UTF_8)
            .replace("evaluation-grade", id);
    DeploymentEvent deployed =
        client.newDeployResourceCommand().addResourceStringUtf8(dmn, id + ".dmn").send().join();
    long drg = deployed.getDecisionRequirements().get(0).getDecisionRequirementsKey();
    assertThat(
            client
                .newEvaluateDecisionCommand()
                .decisionId(id)
                .variables(Map.of("score", 95))
                .send()
                .join()
                .getDecisionOutput())
        .isEqualTo("\"优秀\"");

    delete(client, drg);

    Refusal refusal =
        Refusal.of(
            () ->
                client
                    .newEvaluateDecisionCommand()
                    .decisionId(id)
                    .variables(Map.of("score", 95))
                    .send()
                    .join());
    assertThat(refusal.code()).isEqualTo(404);
    assertThat(
            client
                .newDecisionDefinitionSearchRequest()
                .filter(f -> f.decisionDefinitionId(id))
                .send()
                .join()
                .items())
        .isEmpty();
  }

  @Test
  void shouldDeleteAForm(TestEngine engine) {
    CamundaClient client = engine.client();
    String id = unique("del-form");
    String form =
        """
        {"id": "%s", "type": "default", "components": [{"key": "note", "label": "备注", "type": "textfield"}]}
        """
            .formatted(id);
    long key =
        client
            .newDeployResourceCommand()
            .addResourceStringUtf8(form, id + ".form")
            .send()
            .join()
            .getForm()
            .get(0)
            .getFormKey();

    delete(client, key);

    assertThat(Refusal.of(() -> delete(client, key)).code()).isEqualTo(404);
  }
}
