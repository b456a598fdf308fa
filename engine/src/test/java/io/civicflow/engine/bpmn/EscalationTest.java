package io.civicflow.engine.bpmn;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.ElementInstanceState;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.civicflow.engine.testing.EngineExtension;
import io.civicflow.engine.testing.TestEngine;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EngineExtension.class)
class EscalationTest {

  @Test
  void shouldCatchWithANonInterruptingBoundaryByCodeAndContinueBothPaths(TestEngine engine) {
    CamundaClient client = engine.client();
    engine.deploy("escalation-non-interrupting-boundary.bpmn");
    long pi =
        engine.start("escalation-non-interrupting-boundary", Map.of()).getProcessInstanceKey();

    assertThat(Searches.ids(client, pi, ElementInstanceState.COMPLETED))
        .contains("Throw_Late", "Boundary_Late");
    assertThat(Searches.ids(client, pi, ElementInstanceState.ACTIVE))
        .contains("SubProcess_Work", "Task_Inner", "Task_Notify");
    assertThat(Searches.elements(client, pi, "Boundary_Any"))
        .isEmpty(); // the matching code wins over the catch-all

    Searches.complete(client, Searches.activateOne(client, "inner"), Map.of());
    Searches.complete(client, Searches.activateOne(client, "notify"), Map.of());
    assertThat(Searches.processInstance(client, pi).getState())
        .isEqualTo(ProcessInstanceState.COMPLETED);
  }

  @Test
  void shouldTerminateTheScopeFromAnInterruptingCatchAllBoundary(TestEngine engine) {
    CamundaClient client = engine.client();
    engine.deploy("escalation-interrupting-boundary.bpmn");
    long pi =
        engine
            .start("escalation-interrupting-boundary", Map.of("code", "TOO_EXPENSIVE"))
            .getProcessInstanceKey();

    Searches.complete(client, Searches.activateOne(client, "decide"), Map.of());

    assertThat(Searches.processInstance(client, pi).getState())
        .isEqualTo(ProcessInstanceState.COMPLETED);
    assertThat(Searches.ids(client, pi, ElementInstanceState.TERMINATED))
        .containsExactlyInAnyOrder("SubProcess_Check", "Task_Slow", "EndEvent_Escalate");
    assertThat(Searches.ids(client, pi, ElementInstanceState.COMPLETED))
        .contains("Boundary_Escalated", "EndEvent_Escalated")
        .doesNotContain("EndEvent_Done");
  }

  @Test
  void shouldJustCompleteAnUncaughtEscalationWithoutIncident(TestEngine engine) {
    CamundaClient client = engine.client();
    engine.deploy("escalation-uncaught.bpmn");
    long pi = engine.start("escalation-uncaught", Map.of()).getProcessInstanceKey();

    assertThat(Searches.processInstance(client, pi).getState())
        .isEqualTo(ProcessInstanceState.COMPLETED);
    assertThat(Searches.incidents(client, pi)).isEmpty();
    assertThat(Searches.ids(client, pi, ElementInstanceState.COMPLETED))
        .contains("Throw_Nobody", "EndEvent_Escalate");
  }

  @Test
  void shouldPropagateAnEscalationFromACalledProcessToTheCallActivity(TestEngine engine) {
    CamundaClient client = engine.client();
    engine.deploy("escalation-from-called-process.bpmn", "escalation-child.bpmn");
    long pi = engine.start("escalation-from-called-process", Map.of()).getProcessInstanceKey();
    long child = Searches.childrenOf(client, pi).get(0).getProcessInstanceKey();

    assertThat(Searches.ids(client, pi, ElementInstanceState.ACTIVE))
        .contains("CallActivity_Child", "Task_Help");
    assertThat(Searches.ids(client, child, ElementInstanceState.ACTIVE))
        .contains("Task_ChildGoesOn");

    Searches.complete(client, Searches.activateOne(client, "child-goes-on"), Map.of());
    Searches.complete(client, Searches.activateOne(client, "help"), Map.of());
    assertThat(Searches.processInstance(client, pi).getState())
        .isEqualTo(ProcessInstanceState.COMPLETED);
  }
}
