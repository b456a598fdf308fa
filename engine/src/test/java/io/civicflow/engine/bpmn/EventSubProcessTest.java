package io.civicflow.engine.bpmn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.ElementInstanceState;
import io.camunda.client.api.search.enums.ElementInstanceType;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.civicflow.engine.testing.EngineExtension;
import io.civicflow.engine.testing.TestEngine;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EngineExtension.class)
class EventSubProcessTest {

  @Test
  void shouldInterruptTheProcessWithAnErrorEventSubProcessThatSeesTheErrorVariables(TestEngine engine) {
    CamundaClient client = engine.client();
    engine.deploy("event-sub-process-error.bpmn");
    long pi = engine.start("event-sub-process-error", Map.of()).getProcessInstanceKey();

    ActivatedJob work = Searches.activateOne(client, "work");
    client.newThrowErrorCommand(work.getKey()).errorCode("FAILED").variables(Map.of("reason", "supplier gone")).send().join();

    assertThat(Searches.ids(client, pi, ElementInstanceState.TERMINATED)).containsExactly("Task_Work");
    assertThat(Searches.elements(client, pi, "EventSubProcess_Failed").get(0).getType()).isEqualTo(ElementInstanceType.EVENT_SUB_PROCESS);
    ActivatedJob handle = Searches.activateOne(client, "handle");
    assertThat(handle.getVariablesAsMap()).containsEntry("reason", "supplier gone");
    Searches.complete(client, handle, Map.of());

    assertThat(Searches.processInstance(client, pi).getState()).isEqualTo(ProcessInstanceState.COMPLETED);
    assertThat(Searches.ids(client, pi, ElementInstanceState.COMPLETED))
        .containsSubsequence("EventSubProcess_Failed", "StartEvent_Failed", "Task_Handle", "EndEvent_Handled")
        .doesNotContain("EndEvent_Done");
  }

  @Test
  void shouldRunANonInterruptingEscalationEventSubProcessBesideTheMainPath(TestEngine engine) {
    CamundaClient client = engine.client();
    engine.deploy("event-sub-process-escalation-non-interrupting.bpmn");
    long pi = engine.start("event-sub-process-escalation-non-interrupting", Map.of()).getProcessInstanceKey();

    assertThat(Searches.ids(client, pi, ElementInstanceState.ACTIVE)).contains("Task_Main", "EventSubProcess_Note", "Task_Side");
    Searches.complete(client, Searches.activateOne(client, "main"), Map.of());
    assertThat(Searches.processInstance(client, pi).getState()).isEqualTo(ProcessInstanceState.ACTIVE);

    Searches.complete(client, Searches.activateOne(client, "side"), Map.of());
    assertThat(Searches.processInstance(client, pi).getState()).isEqualTo(ProcessInstanceState.COMPLETED);
  }

  @Test
  void shouldCatchInTheEventSubProcessInsideTheScopeBeforeTheScopesBoundary(TestEngine engine) {
    CamundaClient client = engine.client();
    engine.deploy("error-event-sub-process-before-boundary.bpmn");
    long pi = engine.start("error-event-sub-process-before-boundary", Map.of()).getProcessInstanceKey();

    client.newThrowErrorCommand(Searches.activateOne(client, "fails").getKey()).errorCode("E").send().join();

    assertThat(Searches.processInstance(client, pi).getState()).isEqualTo(ProcessInstanceState.COMPLETED);
    assertThat(Searches.ids(client, pi, ElementInstanceState.COMPLETED))
        .contains("EventSubProcess_Inner", "EndEvent_InnerHandled", "SubProcess_Scope", "EndEvent_Done")
        .doesNotContain("Boundary_E");
  }

  @Test
  void shouldDropTokensWaitingAtAJoinWhenInterruptedSoTheProcessCanComplete(TestEngine engine) {
    CamundaClient client = engine.client();
    engine.deploy("event-sub-process-interrupts-waiting-join.bpmn");
    long pi = engine.start("event-sub-process-interrupts-waiting-join", Map.of()).getProcessInstanceKey();

    Searches.complete(client, Searches.activateOne(client, "a"), Map.of()); // waits at the join
    client.newThrowErrorCommand(Searches.activateOne(client, "b").getKey()).errorCode("STOP").send().join();

    assertThat(Searches.processInstance(client, pi).getState()).isEqualTo(ProcessInstanceState.COMPLETED);
    assertThat(Searches.ids(client, pi, ElementInstanceState.COMPLETED)).contains("EndEvent_Stopped").doesNotContain("Gateway_Join");
  }

  @Test
  void shouldRejectATimerStartEventOfAnEventSubProcessAtDeployment(TestEngine engine) {
    ProblemException problem =
        catchThrowableOfType(ProblemException.class, () -> engine.deploy("event-sub-process-with-timer-start.bpmn"));

    assertThat(problem.code()).isEqualTo(400);
    assertThat(problem.details().getDetail()).contains("StartEvent_Timer").contains("timerEventDefinition").contains("not supported yet");
  }
}
