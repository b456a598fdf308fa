package io.civicflow.engine.bpmn;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.ElementInstanceState;
import io.camunda.client.api.search.enums.MessageSubscriptionState;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.civicflow.engine.testing.EngineExtension;
import io.civicflow.engine.testing.TestEngine;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EngineExtension.class)
class SignalAndGatewayEventsTest {

  private static ProcessInstanceState stateOfInstance(CamundaClient client, long key) {
    return client.newProcessInstanceGetRequest(key).send().join().getState();
  }

  @Test
  void shouldTriggerEveryWaitingCatchAndBoundaryEventOnABroadcast(TestEngine engine) {
    CamundaClient client = engine.client();
    engine.deploy("signal-events.bpmn");
    long first = engine.start("signal-events", Map.of()).getProcessInstanceKey();
    long second = engine.start("signal-events", Map.of()).getProcessInstanceKey();

    client
        .newBroadcastSignalCommand()
        .signalName("AuditRequested")
        .variables(Map.of("auditor", "审计局"))
        .send()
        .join();

    for (long pi : new long[] {first, second}) {
      assertThat(Elements.stateOf(client, pi, "Signal_WaitForAudit"))
          .isEqualTo(ElementInstanceState.COMPLETED);
      assertThat(Elements.stateOf(client, pi, "Signal_AuditNotice"))
          .isEqualTo(ElementInstanceState.COMPLETED);
      assertThat(Elements.stateOf(client, pi, "Task_Pay")).isEqualTo(ElementInstanceState.ACTIVE);
    }
    // signals are not buffered: the catch event is passed, a second broadcast reaches only the
    // boundary
    client.newBroadcastSignalCommand().signalName("AuditRequested").send().join();
    assertThat(Elements.count(client, first, "Signal_AuditNotice", ElementInstanceState.COMPLETED))
        .isEqualTo(2);
  }

  @Test
  void shouldStartAProcessFromASignalThrownByAnEndEventAndLetItsThrowEventInterruptATask(
      TestEngine engine) {
    CamundaClient client = engine.client();
    engine.deploy("signal-events.bpmn", "signal-start-and-throw.bpmn", "signal-end-event.bpmn");
    long waiting = engine.start("signal-events", Map.of()).getProcessInstanceKey();

    long thrower =
        engine.start("signal-end-event", Map.of("auditor", "审计局")).getProcessInstanceKey();

    assertThat(stateOfInstance(client, thrower)).isEqualTo(ProcessInstanceState.COMPLETED);
    assertThat(Elements.instancesOf(client, "signal-start-and-throw"))
        .singleElement()
        .satisfies(p -> assertThat(p.getState()).isEqualTo(ProcessInstanceState.COMPLETED));
    long started =
        Elements.instancesOf(client, "signal-start-and-throw").get(0).getProcessInstanceKey();
    assertThat(
            client
                .newVariableSearchRequest()
                .filter(f -> f.processInstanceKey(started))
                .send()
                .join()
                .items())
        .anySatisfy(v -> assertThat(v.getName() + "=" + v.getValue()).isEqualTo("auditor=\"审计局\""));
    // AuditRequested reached the waiting instance, BudgetFrozen (thrown by the started one)
    // interrupted its payment
    assertThat(Elements.stateOf(client, waiting, "Signal_WaitForAudit"))
        .isEqualTo(ElementInstanceState.COMPLETED);
    assertThat(Elements.stateOf(client, waiting, "Task_Pay"))
        .isEqualTo(ElementInstanceState.TERMINATED);
    assertThat(Elements.stateOf(client, waiting, "EndEvent_Frozen"))
        .isEqualTo(ElementInstanceState.COMPLETED);
    assertThat(stateOfInstance(client, waiting)).isEqualTo(ProcessInstanceState.COMPLETED);
  }

  @Test
  void shouldTakeTheMessagePathOfAnEventBasedGatewayAndCancelTheTimer(TestEngine engine) {
    CamundaClient client = engine.client();
    engine.deploy("event-based-gateway.bpmn");
    long pi = engine.start("event-based-gateway", Map.of("tenderId", "T3")).getProcessInstanceKey();

    client
        .newPublishMessageCommand()
        .messageName("BidSubmitted")
        .correlationKey("T3")
        .variables(Map.of("bidder", "A"))
        .send()
        .join();
    engine.increaseTime(Duration.ofHours(25));

    assertThat(Elements.stateOf(client, pi, "Gateway_BidOrDeadline"))
        .isEqualTo(ElementInstanceState.COMPLETED);
    assertThat(Elements.stateOf(client, pi, "Message_Bid"))
        .isEqualTo(ElementInstanceState.COMPLETED);
    assertThat(Elements.stateOf(client, pi, "EndEvent_BidReceived"))
        .isEqualTo(ElementInstanceState.COMPLETED);
    assertThat(Elements.of(client, pi, "Timer_Deadline")).isEmpty();
    assertThat(
            client
                .newVariableSearchRequest()
                .filter(f -> f.processInstanceKey(pi))
                .send()
                .join()
                .items())
        .anySatisfy(v -> assertThat(v.getName()).isEqualTo("bidder"));
  }

  @Test
  void shouldTakeTheTimerPathOfAnEventBasedGatewayWhenNoMessageComes(TestEngine engine) {
    CamundaClient client = engine.client();
    engine.deploy("event-based-gateway.bpmn");
    long pi = engine.start("event-based-gateway", Map.of("tenderId", "T4")).getProcessInstanceKey();

    engine.increaseTime(Duration.ofHours(25));

    assertThat(Elements.stateOf(client, pi, "Timer_Deadline"))
        .isEqualTo(ElementInstanceState.COMPLETED);
    assertThat(Elements.stateOf(client, pi, "EndEvent_NoBid"))
        .isEqualTo(ElementInstanceState.COMPLETED);
    assertThat(Elements.of(client, pi, "Message_Bid")).isEmpty();
    assertThat(
            client
                .newMessageSubscriptionSearchRequest()
                .filter(f -> f.processInstanceKey(pi))
                .send()
                .join()
                .items())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.getMessageSubscriptionState())
                  .isEqualTo(MessageSubscriptionState.DELETED);
              assertThat(s.getElementId()).isEqualTo("Message_Bid");
            });
    // a message that comes too late reaches nothing
    client
        .newPublishMessageCommand()
        .messageName("BidSubmitted")
        .correlationKey("T4")
        .send()
        .join();
    assertThat(Elements.of(client, pi, "Message_Bid")).isEmpty();
  }
}
