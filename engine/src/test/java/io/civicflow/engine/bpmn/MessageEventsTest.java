package io.civicflow.engine.bpmn;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.CorrelateMessageResponse;
import io.camunda.client.api.search.enums.ElementInstanceState;
import io.camunda.client.api.search.enums.IncidentErrorType;
import io.camunda.client.api.search.enums.MessageSubscriptionState;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.CorrelatedMessageSubscription;
import io.camunda.client.api.search.response.Incident;
import io.camunda.client.api.search.response.MessageSubscription;
import io.camunda.client.api.search.response.ProcessInstance;
import io.camunda.client.api.search.response.Variable;
import io.civicflow.engine.testing.EngineExtension;
import io.civicflow.engine.testing.Refusal;
import io.civicflow.engine.testing.TestEngine;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EngineExtension.class)
class MessageEventsTest {

  private static void publish(
      CamundaClient client, String name, String key, Duration ttl, Map<String, Object> variables) {
    client
        .newPublishMessageCommand()
        .messageName(name)
        .correlationKey(key)
        .timeToLive(ttl)
        .variables(variables)
        .send()
        .join();
  }

  private static ProcessInstanceState stateOfInstance(CamundaClient client, long key) {
    return client.newProcessInstanceGetRequest(key).send().join().getState();
  }

  private static List<MessageSubscription> subscriptions(CamundaClient client, long pi) {
    return client
        .newMessageSubscriptionSearchRequest()
        .filter(f -> f.processInstanceKey(pi))
        .send()
        .join()
        .items();
  }

  private static Map<String, String> variables(CamundaClient client, long pi) {
    Map<String, String> result = new java.util.HashMap<>();
    for (Variable v :
        client
            .newVariableSearchRequest()
            .filter(f -> f.processInstanceKey(pi))
            .send()
            .join()
            .items()) {
      result.put(v.getName(), v.getValue());
    }
    return result;
  }

  @Test
  void shouldCorrelateAPublishedMessageToTheWaitingCatchEventWithItsVariables(TestEngine engine) {
    CamundaClient client = engine.client();
    engine.deploy("message-intermediate-catch.bpmn");
    long pi =
        engine
            .start("message-intermediate-catch", Map.of("tenderId", "KS-2025-07"))
            .getProcessInstanceKey();

    assertThat(subscriptions(client, pi))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.getMessageName()).isEqualTo("BidSubmitted");
              assertThat(s.getCorrelationKey()).isEqualTo("KS-2025-07");
              assertThat(s.getMessageSubscriptionState())
                  .isEqualTo(MessageSubscriptionState.CREATED);
              assertThat(s.getElementId()).isEqualTo("Message_WaitForBid");
            });

    publish(client, "BidSubmitted", "KS-2025-07", Duration.ZERO, Map.of("bidder", "阳光社工"));

    assertThat(stateOfInstance(client, pi)).isEqualTo(ProcessInstanceState.COMPLETED);
    assertThat(variables(client, pi)).containsEntry("bidder", "\"阳光社工\"");
    assertThat(subscriptions(client, pi))
        .singleElement()
        .satisfies(
            s ->
                assertThat(s.getMessageSubscriptionState())
                    .isEqualTo(MessageSubscriptionState.CORRELATED));
    List<CorrelatedMessageSubscription> correlated =
        client
            .newCorrelatedMessageSubscriptionSearchRequest()
            .filter(f -> f.processInstanceKey(pi))
            .send()
            .join()
            .items();
    assertThat(correlated)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.getMessageName()).isEqualTo("BidSubmitted");
              assertThat(c.getCorrelationKey()).isEqualTo("KS-2025-07");
              assertThat(c.getElementId()).isEqualTo("Message_WaitForBid");
            });
  }

  @Test
  void shouldCorrelateABufferedMessageWithinItsTimeToLiveButNotAfter(TestEngine engine) {
    CamundaClient client = engine.client();
    engine.deploy("message-intermediate-catch.bpmn");
    publish(client, "BidSubmitted", "early", Duration.ofHours(1), Map.of("bidder", "early"));
    publish(client, "BidSubmitted", "late", Duration.ofHours(1), Map.of("bidder", "late"));

    long early =
        engine
            .start("message-intermediate-catch", Map.of("tenderId", "early"))
            .getProcessInstanceKey();
    engine.increaseTime(Duration.ofMinutes(61));
    long late =
        engine
            .start("message-intermediate-catch", Map.of("tenderId", "late"))
            .getProcessInstanceKey();

    assertThat(stateOfInstance(client, early)).isEqualTo(ProcessInstanceState.COMPLETED);
    assertThat(stateOfInstance(client, late)).isEqualTo(ProcessInstanceState.ACTIVE);
    assertThat(subscriptions(client, late))
        .singleElement()
        .satisfies(
            s ->
                assertThat(s.getMessageSubscriptionState())
                    .isEqualTo(MessageSubscriptionState.CREATED));
  }

  @Test
  void shouldCorrelateAMessageOnlyOncePerProcess(TestEngine engine) {
    CamundaClient client = engine.client();
    engine.deploy("message-intermediate-catch.bpmn");
    long first =
        engine
            .start("message-intermediate-catch", Map.of("tenderId", "T1"))
            .getProcessInstanceKey();
    long second =
        engine
            .start("message-intermediate-catch", Map.of("tenderId", "T1"))
            .getProcessInstanceKey();

    publish(client, "BidSubmitted", "T1", Duration.ofHours(1), Map.of());

    assertThat(stateOfInstance(client, first)).isEqualTo(ProcessInstanceState.COMPLETED);
    assertThat(stateOfInstance(client, second)).isEqualTo(ProcessInstanceState.ACTIVE);
    // the buffered message does not reach the same process again
    long third =
        engine
            .start("message-intermediate-catch", Map.of("tenderId", "T1"))
            .getProcessInstanceKey();
    assertThat(stateOfInstance(client, third)).isEqualTo(ProcessInstanceState.ACTIVE);
  }

  @Test
  void shouldRejectADuplicateMessageIdWhileTheFirstIsBuffered(TestEngine engine) {
    CamundaClient client = engine.client();
    client
        .newPublishMessageCommand()
        .messageName("BidSubmitted")
        .correlationKey("T1")
        .messageId("bid-1")
        .timeToLive(Duration.ofHours(1))
        .send()
        .join();

    Refusal problem =
        Refusal.of(
            () ->
                client
                    .newPublishMessageCommand()
                    .messageName("BidSubmitted")
                    .correlationKey("T1")
                    .messageId("bid-1")
                    .timeToLive(Duration.ofHours(1))
                    .send()
                    .join());

    assertThat(problem.code()).isEqualTo(409);
    engine.increaseTime(Duration.ofHours(2));
    client
        .newPublishMessageCommand()
        .messageName("BidSubmitted")
        .correlationKey("T1")
        .messageId("bid-1")
        .timeToLive(Duration.ofHours(1))
        .send()
        .join();
  }

  @Test
  void shouldAnswerCorrelateWithTheInstanceOrNotFound(TestEngine engine) {
    CamundaClient client = engine.client();
    engine.deploy("message-intermediate-catch.bpmn");

    Refusal problem =
        Refusal.of(
            () ->
                client
                    .newCorrelateMessageCommand()
                    .messageName("BidSubmitted")
                    .correlationKey("T9")
                    .send()
                    .join());
    assertThat(problem.code()).isEqualTo(404);

    long pi =
        engine
            .start("message-intermediate-catch", Map.of("tenderId", "T9"))
            .getProcessInstanceKey();
    CorrelateMessageResponse response =
        client
            .newCorrelateMessageCommand()
            .messageName("BidSubmitted")
            .correlationKey("T9")
            .variables(Map.of("amount", 120000))
            .send()
            .join();

    assertThat(response.getProcessInstanceKey()).isEqualTo(pi);
    assertThat(stateOfInstance(client, pi)).isEqualTo(ProcessInstanceState.COMPLETED);
    // correlation does not buffer
    long next =
        engine
            .start("message-intermediate-catch", Map.of("tenderId", "T9"))
            .getProcessInstanceKey();
    assertThat(stateOfInstance(client, next)).isEqualTo(ProcessInstanceState.ACTIVE);
  }

  @Test
  void shouldRaiseAnIncidentWhenTheCorrelationKeyCannotBeEvaluated(TestEngine engine) {
    CamundaClient client = engine.client();
    engine.deploy("message-intermediate-catch.bpmn");
    long pi = engine.start("message-intermediate-catch", Map.of()).getProcessInstanceKey();

    Incident incident =
        client
            .newIncidentSearchRequest()
            .filter(f -> f.processInstanceKey(pi))
            .send()
            .join()
            .items()
            .get(0);
    assertThat(incident.getErrorType()).isEqualTo(IncidentErrorType.EXTRACT_VALUE_ERROR);
    assertThat(incident.getElementId()).isEqualTo("Message_WaitForBid");
    assertThat(subscriptions(client, pi)).isEmpty();

    client.newSetVariablesCommand(pi).variables(Map.of("tenderId", 42)).send().join();
    client.newResolveIncidentCommand(incident.getIncidentKey()).send().join();
    publish(client, "BidSubmitted", "42", Duration.ZERO, Map.of());
    assertThat(stateOfInstance(client, pi)).isEqualTo(ProcessInstanceState.COMPLETED);
  }

  @Test
  void shouldStartOneInstancePerCorrelationKeyAtATimeFromAMessageStartEvent(TestEngine engine) {
    CamundaClient client = engine.client();
    engine.deploy("message-start-event.bpmn");

    publish(client, "TenderPublished", "KS-1", Duration.ofHours(1), Map.of("round", 1));
    publish(client, "TenderPublished", "KS-1", Duration.ofHours(1), Map.of("round", 2));
    List<ProcessInstance> running = Elements.instancesOf(client, "message-start-event");
    assertThat(running).hasSize(1);
    assertThat(variables(client, running.get(0).getProcessInstanceKey()))
        .containsEntry("round", "1");

    client.newCompleteCommand(Elements.activate(client, "collect-bids").get(0)).send().join();

    List<ProcessInstance> all = Elements.instancesOf(client, "message-start-event");
    assertThat(all).hasSize(2);
    ProcessInstance next =
        all.stream()
            .filter(p -> p.getState() == ProcessInstanceState.ACTIVE)
            .findFirst()
            .orElseThrow();
    assertThat(variables(client, next.getProcessInstanceKey())).containsEntry("round", "2");
    assertThat(
            client
                .newCorrelatedMessageSubscriptionSearchRequest()
                .filter(f -> f.messageName("TenderPublished"))
                .send()
                .join()
                .items())
        .hasSize(2);
  }

  @Test
  void shouldStartAnInstanceForEveryMessageWithAnEmptyCorrelationKey(TestEngine engine) {
    CamundaClient client = engine.client();
    engine.deploy("message-start-event.bpmn");

    client
        .newPublishMessageCommand()
        .messageName("TenderPublished")
        .withoutCorrelationKey()
        .send()
        .join();
    client
        .newPublishMessageCommand()
        .messageName("TenderPublished")
        .withoutCorrelationKey()
        .send()
        .join();

    assertThat(Elements.instancesOf(client, "message-start-event")).hasSize(2);
  }

  @Test
  void shouldNotStartFromAMessagePublishedBeforeTheProcessWasDeployed(TestEngine engine) {
    CamundaClient client = engine.client();
    publish(client, "TenderPublished", "KS-1", Duration.ofHours(1), Map.of());
    engine.deploy("message-start-event.bpmn");

    assertThat(Elements.instancesOf(client, "message-start-event")).isEmpty();
  }

  @Test
  void shouldCompleteAReceiveTaskAndPropagateTheMessageVariables(TestEngine engine) {
    CamundaClient client = engine.client();
    engine.deploy("receive-task.bpmn");
    long pi = engine.start("receive-task", Map.of("contractNo", "HT-001")).getProcessInstanceKey();

    publish(client, "ContractSigned", "HT-001", Duration.ZERO, Map.of("signedBy", "民政局"));

    assertThat(Elements.stateOf(client, pi, "Task_ReceiveSignature"))
        .isEqualTo(ElementInstanceState.COMPLETED);
    assertThat(variables(client, pi)).containsEntry("signedBy", "\"民政局\"");
  }

  @Test
  void shouldKeepTheTaskOnANonInterruptingMessageAndCancelItOnAnInterruptingOne(TestEngine engine) {
    CamundaClient client = engine.client();
    engine.deploy("message-boundary-events.bpmn");
    long pi =
        engine.start("message-boundary-events", Map.of("tenderId", "T7")).getProcessInstanceKey();

    publish(client, "BidClarified", "T7", Duration.ZERO, Map.of());
    publish(client, "BidClarified", "T7", Duration.ZERO, Map.of());
    assertThat(Elements.count(client, pi, "Message_Clarification", ElementInstanceState.COMPLETED))
        .isEqualTo(2);
    assertThat(Elements.stateOf(client, pi, "Task_EvaluateBids"))
        .isEqualTo(ElementInstanceState.ACTIVE);

    publish(client, "TenderCancelled", "T7", Duration.ZERO, Map.of("reason", "budget"));

    assertThat(Elements.stateOf(client, pi, "Task_EvaluateBids"))
        .isEqualTo(ElementInstanceState.TERMINATED);
    assertThat(Elements.stateOf(client, pi, "EndEvent_Cancelled"))
        .isEqualTo(ElementInstanceState.COMPLETED);
    assertThat(stateOfInstance(client, pi)).isEqualTo(ProcessInstanceState.COMPLETED);
    assertThat(Elements.activate(client, "evaluate-bids")).isEmpty();
    assertThat(subscriptions(client, pi))
        .allSatisfy(
            s ->
                assertThat(s.getMessageSubscriptionState())
                    .isIn(MessageSubscriptionState.CORRELATED, MessageSubscriptionState.DELETED));
  }
}
