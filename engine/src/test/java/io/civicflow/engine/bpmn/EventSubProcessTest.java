package io.civicflow.engine.bpmn;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.ElementInstanceState;
import io.camunda.client.api.search.enums.ElementInstanceType;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.civicflow.engine.testing.EngineExtension;
import io.civicflow.engine.testing.TestEngine;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EngineExtension.class)
class EventSubProcessTest {

  @Test
  void shouldInterruptTheProcessWithAnErrorEventSubProcessThatSeesTheErrorVariables(
      TestEngine engine) {
    CamundaClient client = engine.client();
    engine.deploy("event-sub-process-error.bpmn");
    long pi = engine.start("event-sub-process-error", Map.of()).getProcessInstanceKey();

    ActivatedJob work = Searches.activateOne(client, "work");
    client
        .newThrowErrorCommand(work.getKey())
        .errorCode("FAILED")
        .variables(Map.of("reason", "supplier gone"))
        .send()
        .join();

    assertThat(Searches.ids(client, pi, ElementInstanceState.TERMINATED))
        .containsExactly("Task_Work");
    assertThat(Searches.elements(client, pi, "EventSubProcess_Failed").get(0).getType())
        .isEqualTo(ElementInstanceType.EVENT_SUB_PROCESS);
    ActivatedJob handle = Searches.activateOne(client, "handle");
    assertThat(handle.getVariablesAsMap()).containsEntry("reason", "supplier gone");
    Searches.complete(client, handle, Map.of());

    assertThat(Searches.processInstance(client, pi).getState())
        .isEqualTo(ProcessInstanceState.COMPLETED);
    assertThat(Searches.ids(client, pi, ElementInstanceState.COMPLETED))
        .containsSubsequence(
            "EventSubProcess_Failed", "StartEvent_Failed", "Task_Handle", "EndEvent_Handled")
        .doesNotContain("EndEvent_Done");
  }

  @Test
  void shouldRunANonInterruptingEscalationEventSubProcessBesideTheMainPath(TestEngine engine) {
    CamundaClient client = engine.client();
    engine.deploy("event-sub-process-escalation-non-interrupting.bpmn");
    long pi =
        engine
            .start("event-sub-process-escalation-non-interrupting", Map.of())
            .getProcessInstanceKey();

    assertThat(Searches.ids(client, pi, ElementInstanceState.ACTIVE))
        .contains("Task_Main", "EventSubProcess_Note", "Task_Side");
    Searches.complete(client, Searches.activateOne(client, "main"), Map.of());
    assertThat(Searches.processInstance(client, pi).getState())
        .isEqualTo(ProcessInstanceState.ACTIVE);

    Searches.complete(client, Searches.activateOne(client, "side"), Map.of());
    assertThat(Searches.processInstance(client, pi).getState())
        .isEqualTo(ProcessInstanceState.COMPLETED);
  }

  @Test
  void shouldCatchInTheEventSubProcessInsideTheScopeBeforeTheScopesBoundary(TestEngine engine) {
    CamundaClient client = engine.client();
    engine.deploy("error-event-sub-process-before-boundary.bpmn");
    long pi =
        engine.start("error-event-sub-process-before-boundary", Map.of()).getProcessInstanceKey();

    client
        .newThrowErrorCommand(Searches.activateOne(client, "fails").getKey())
        .errorCode("E")
        .send()
        .join();

    assertThat(Searches.processInstance(client, pi).getState())
        .isEqualTo(ProcessInstanceState.COMPLETED);
    assertThat(Searches.ids(client, pi, ElementInstanceState.COMPLETED))
        .contains(
            "EventSubProcess_Inner", "EndEvent_InnerHandled", "SubProcess_Scope", "EndEvent_Done")
        .doesNotContain("Boundary_E");
  }

  @Test
  void shouldDropTokensWaitingAtAJoinWhenInterruptedSoTheProcessCanComplete(TestEngine engine) {
    CamundaClient client = engine.client();
    engine.deploy("event-sub-process-interrupts-waiting-join.bpmn");
    long pi =
        engine.start("event-sub-process-interrupts-waiting-join", Map.of()).getProcessInstanceKey();

    Searches.complete(client, Searches.activateOne(client, "a"), Map.of()); // waits at the join
    client
        .newThrowErrorCommand(Searches.activateOne(client, "b").getKey())
        .errorCode("STOP")
        .send()
        .join();

    assertThat(Searches.processInstance(client, pi).getState())
        .isEqualTo(ProcessInstanceState.COMPLETED);
    assertThat(Searches.ids(client, pi, ElementInstanceState.COMPLETED))
        .contains("EndEvent_Stopped")
        .doesNotContain("Gateway_Join");
  }

  @Test
  void shouldRunANonInterruptingTimerCycleEventSubProcessBesideTheMainPath(TestEngine engine) {
    engine.deploy("event-sub-process-timer-cycle-non-interrupting.bpmn");
    long pi =
        engine
            .start(
                "event-sub-process-timer-cycle-non-interrupting", Map.of("reportCycle", "R2/PT1H"))
            .getProcessInstanceKey();

    engine.increaseTime(Duration.ofHours(3));

    assertThat(engine.activateNow("report")).hasSize(2);
    assertThat(engine.elements(pi))
        .filteredOn(e -> e.startsWith("EventSubProcess_Report="))
        .hasSize(2);
    assertThat(engine.elements(pi)).contains("Task_Deliver=ACTIVE");
  }

  @Test
  void shouldInterruptTheScopeWhenAMessageStartsAnInterruptingEventSubProcess(TestEngine engine) {
    engine.deploy("event-sub-process-message-interrupting.bpmn");
    long pi =
        engine
            .start("event-sub-process-message-interrupting", Map.of("contractNo", "KS-2016-ZP-Y1"))
            .getProcessInstanceKey();

    engine
        .client()
        .newPublishMessageCommand()
        .messageName("ContractTerminated")
        .correlationKey("KS-2016-ZP-Y1")
        .variables(Map.of("reason", "mid-term failed"))
        .send()
        .join();

    assertThat(engine.state(pi).name()).isEqualTo("COMPLETED");
    assertThat(engine.elements(pi))
        .contains(
            "Task_Deliver=TERMINATED",
            "EventSubProcess_Terminate=COMPLETED",
            "EndEvent_Terminated=COMPLETED")
        .noneMatch(e -> e.startsWith("EndEvent_Done"));
    assertThat(engine.activateNow("deliver")).isEmpty();
  }

  @Test
  void shouldCloseTheSubscriptionsOfAnEventSubProcessWhenItsScopeCompletes(TestEngine engine) {
    engine.deploy("event-sub-process-signal-non-interrupting.bpmn");
    long pi =
        engine.start("event-sub-process-signal-non-interrupting", Map.of()).getProcessInstanceKey();

    engine.client().newBroadcastSignalCommand().signalName("PolicyChanged").send().join();
    engine.client().newBroadcastSignalCommand().signalName("PolicyChanged").send().join();
    assertThat(engine.elements(pi))
        .filteredOn(e -> e.startsWith("EventSubProcess_Notice="))
        .hasSize(2);

    engine.client().newCompleteCommand(engine.activateOne("deliver").getKey()).send().join();
    assertThat(engine.state(pi).name()).isEqualTo("COMPLETED");
    engine.client().newBroadcastSignalCommand().signalName("PolicyChanged").send().join();
    assertThat(engine.elements(pi))
        .filteredOn(e -> e.startsWith("EventSubProcess_Notice="))
        .hasSize(2);
  }
}
