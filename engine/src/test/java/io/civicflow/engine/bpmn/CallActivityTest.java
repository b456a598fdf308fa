package io.civicflow.engine.bpmn;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.ElementInstanceState;
import io.camunda.client.api.search.enums.ElementInstanceType;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.ElementInstance;
import io.camunda.client.api.search.response.Incident;
import io.camunda.client.api.search.response.ProcessInstance;
import io.civicflow.engine.testing.EngineExtension;
import io.civicflow.engine.testing.Refusal;
import io.civicflow.engine.testing.TestEngine;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EngineExtension.class)
class CallActivityTest {

  @Test
  void shouldRunTheChildAndCompleteWithItsVariables(TestEngine engine) {
    CamundaClient client = engine.client();
    engine.deploy("call-activity-parent.bpmn", "call-activity-child.bpmn");

    long parent =
        engine.start("call-activity-parent", Map.of("orderId", "A-1")).getProcessInstanceKey();

    ElementInstance callActivity = Searches.elements(client, parent, "CallActivity_Child").get(0);
    assertThat(callActivity.getType()).isEqualTo(ElementInstanceType.CALL_ACTIVITY);
    List<ProcessInstance> children = Searches.childrenOf(client, parent);
    assertThat(children).hasSize(1);
    ProcessInstance child = children.get(0);
    assertThat(child.getProcessDefinitionId()).isEqualTo("call-activity-child");
    assertThat(child.getParentElementInstanceKey()).isEqualTo(callActivity.getElementInstanceKey());
    assertThat(Searches.variables(client, child.getProcessInstanceKey()))
        .containsEntry("orderId", "\"A-1\"");

    ActivatedJob job = Searches.activateOne(client, "child-work");
    assertThat(job.getProcessInstanceKey()).isEqualTo(child.getProcessInstanceKey());
    Searches.complete(client, job, Map.of("childResult", 42));

    assertThat(Searches.processInstance(client, child.getProcessInstanceKey()).getState())
        .isEqualTo(ProcessInstanceState.COMPLETED);
    assertThat(Searches.processInstance(client, parent).getState())
        .isEqualTo(ProcessInstanceState.COMPLETED);
    assertThat(Searches.variables(client, parent)).containsEntry("childResult", "42");
    assertThat(Searches.ids(client, parent, ElementInstanceState.COMPLETED))
        .containsExactly(
            "call-activity-parent", "StartEvent_1", "CallActivity_Child", "EndEvent_Done");
  }

  @Test
  void shouldCancelTheChildWithTheParentAndRefuseToCancelTheChildAlone(TestEngine engine) {
    CamundaClient client = engine.client();
    engine.deploy("call-activity-parent.bpmn", "call-activity-child.bpmn");
    long parent = engine.start("call-activity-parent", Map.of()).getProcessInstanceKey();
    long child = Searches.childrenOf(client, parent).get(0).getProcessInstanceKey();

    Refusal refused = Refusal.of(() -> client.newCancelInstanceCommand(child).send().join());
    assertThat(refused.detail()).contains("created by a parent process instance");

    client.newCancelInstanceCommand(parent).send().join();

    assertThat(Searches.processInstance(client, child).getState())
        .isEqualTo(ProcessInstanceState.TERMINATED);
    assertThat(Searches.ids(client, child, ElementInstanceState.TERMINATED))
        .contains("Task_ChildWork");
    assertThat(Searches.ids(client, parent, ElementInstanceState.TERMINATED))
        .contains("CallActivity_Child");
  }

  @Test
  void shouldCatchAnErrorOfTheChildAtTheCallActivitysBoundary(TestEngine engine) {
    CamundaClient client = engine.client();
    engine.deploy("call-activity-parent.bpmn", "call-activity-child.bpmn");
    long parent = engine.start("call-activity-parent", Map.of()).getProcessInstanceKey();
    long child = Searches.childrenOf(client, parent).get(0).getProcessInstanceKey();

    ActivatedJob job = Searches.activateOne(client, "child-work");
    client
        .newThrowErrorCommand(job.getKey())
        .errorCode("CHILD_FAILED")
        .variables(Map.of("reason", "no budget"))
        .send()
        .join();

    assertThat(Searches.processInstance(client, child).getState())
        .isEqualTo(ProcessInstanceState.TERMINATED);
    assertThat(Searches.processInstance(client, parent).getState())
        .isEqualTo(ProcessInstanceState.COMPLETED);
    assertThat(Searches.ids(client, parent, ElementInstanceState.TERMINATED))
        .containsExactly("CallActivity_Child");
    assertThat(Searches.ids(client, parent, ElementInstanceState.COMPLETED))
        .contains("Boundary_ChildFailed", "EndEvent_Failed");
    assertThat(Searches.variables(client, parent)).containsEntry("reason", "\"no budget\"");
  }

  @Test
  void shouldPassOnlyMappedVariablesWhenPropagationIsOff(TestEngine engine) {
    CamundaClient client = engine.client();
    engine.deploy("call-activity-with-mappings.bpmn", "call-activity-child.bpmn");

    long parent =
        engine
            .start(
                "call-activity-with-mappings",
                Map.of("orderId", "A-2", "childKind", "child", "secret", 1))
            .getProcessInstanceKey();

    long child = Searches.childrenOf(client, parent).get(0).getProcessInstanceKey();
    assertThat(Searches.variables(client, child)).containsOnlyKeys("order");
    Searches.complete(
        client,
        Searches.activateOne(client, "child-work"),
        Map.of("childResult", "done", "noise", true));

    assertThat(Searches.processInstance(client, parent).getState())
        .isEqualTo(ProcessInstanceState.COMPLETED);
    assertThat(Searches.variables(client, parent))
        .containsEntry("result", "\"done\"")
        .doesNotContainKeys("childResult", "noise");
  }

  @Test
  void shouldRaiseCalledElementErrorUntilTheProcessIsDeployed(TestEngine engine) {
    CamundaClient client = engine.client();
    engine.deploy("call-activity-missing-child.bpmn");
    long parent = engine.start("call-activity-missing-child", Map.of()).getProcessInstanceKey();

    Incident incident = Searches.incidents(client, parent).get(0);
    assertThat(incident.getErrorType().name()).isEqualTo("CALLED_ELEMENT_ERROR");
    assertThat(incident.getElementId()).isEqualTo("CallActivity_Late");
    assertThat(incident.getErrorMessage()).contains("call-activity-child");

    engine.deploy("call-activity-child.bpmn");
    client.newResolveIncidentCommand(incident.getIncidentKey()).send().join();

    assertThat(Searches.childrenOf(client, parent)).hasSize(1);
    Searches.complete(client, Searches.activateOne(client, "child-work"), Map.of());
    assertThat(Searches.processInstance(client, parent).getState())
        .isEqualTo(ProcessInstanceState.COMPLETED);
  }
}
