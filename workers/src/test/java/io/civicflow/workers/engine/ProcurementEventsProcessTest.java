package io.civicflow.workers.engine;

import static io.camunda.process.test.api.CamundaAssert.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.process.test.api.CamundaProcessTestContext;
import io.civicflow.workers.testing.EmbeddedEngineProcessTest;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Timers, messages and event-based gateways of the embedded engine under Camunda Process Test, in
 * the shapes the procurement lifecycle uses: bimonthly operating reports over a two-year contract,
 * bids arriving as messages, a tender cancelled while bids are evaluated, and a contract-signing
 * deadline. Time is moved with {@code increaseTime}, never waited for.
 */
@EmbeddedEngineProcessTest
class ProcurementEventsProcessTest {

  @Autowired private CamundaClient client;
  @Autowired private CamundaProcessTestContext processTest;

  @BeforeEach
  void deploy() {
    client
        .newDeployResourceCommand()
        .addResourceFromClasspath("bpmn/contract-operating-reports.bpmn")
        .addResourceFromClasspath("bpmn/bid-submission.bpmn")
        .addResourceFromClasspath("bpmn/tender-cancellation.bpmn")
        .addResourceFromClasspath("bpmn/contract-signing-deadline.bpmn")
        .send()
        .join();
  }

  private ProcessInstanceEvent start(String processId, Map<String, Object> variables) {
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId(processId)
        .latestVersion()
        .variables(variables)
        .send()
        .join();
  }

  /** The calendar span of {@code months} months from the engine's current time. */
  private Duration months(int months) {
    ZonedDateTime now = processTest.getCurrentTime().atZone(ZoneId.systemDefault());
    return Duration.between(now, now.plusMonths(months));
  }

  @Test
  void aTwoYearContractAsksForTwelveBimonthlyReportsInTwoMonthSteps() {
    ProcessInstanceEvent contract = start("contract-operating-reports", Map.of());
    assertThat(contract).hasActiveElements("SubProcess_ContractTerm", "Task_DeliverServices");

    for (int report = 1; report <= 12; report++) {
      processTest.increaseTime(months(2));
      assertThat(contract).hasCompletedElement("Timer_OperatingReport", report);
    }

    assertThat(contract)
        .isActive()
        .hasCompletedElement("EndEvent_ReportRequested", 12)
        .hasActiveElements("SubProcess_ContractTerm", "Task_DeliverServices");
  }

  @Test
  void aTwoYearContractAsksForTwelveBimonthlyReportsInOneJump() {
    ProcessInstanceEvent contract = start("contract-operating-reports", Map.of());

    processTest.increaseTime(months(24));

    assertThat(contract)
        .isActive()
        .hasCompletedElement("Timer_OperatingReport", 12)
        .hasCompletedElement("EndEvent_ReportRequested", 12)
        .hasActiveElements("Task_DeliverServices");

    processTest.completeJob("test.deliver-services");
    processTest.increaseTime(months(6));
    assertThat(contract).isCompleted().hasCompletedElement("Timer_OperatingReport", 12);
  }

  @Test
  void aBidPublishedBeforeTheTenderWaitsForItWithinItsTimeToLive() {
    client
        .newPublishMessageCommand()
        .messageName("BidSubmitted")
        .correlationKey("KS-2025-01")
        .timeToLive(Duration.ofHours(1))
        .variables(Map.of("bidder", "昆山市阳光社工服务社"))
        .send()
        .join();

    ProcessInstanceEvent tender = start("bid-submission", Map.of("tenderId", "KS-2025-01"));

    assertThat(tender)
        .isCompleted()
        .hasCorrelatedMessage("BidSubmitted", "KS-2025-01")
        .hasCompletedElements("Message_BidSubmitted", "EndEvent_BidReceived")
        .hasVariable("bidder", "昆山市阳光社工服务社");
  }

  @Test
  void aBidWhoseTimeToLivePassedBeforeTheTenderOpenedIsNotCorrelated() {
    client
        .newPublishMessageCommand()
        .messageName("BidSubmitted")
        .correlationKey("KS-2025-02")
        .timeToLive(Duration.ofHours(1))
        .send()
        .join();
    processTest.increaseTime(Duration.ofHours(2));

    ProcessInstanceEvent tender = start("bid-submission", Map.of("tenderId", "KS-2025-02"));

    assertThat(tender)
        .isActive()
        .isWaitingForMessage("BidSubmitted", "KS-2025-02")
        .hasActiveElements("Message_BidSubmitted")
        .hasNotActivatedElements("EndEvent_BidReceived");
  }

  @Test
  void cancellingTheTenderInterruptsTheBidEvaluation() {
    ProcessInstanceEvent tender = start("tender-cancellation", Map.of("tenderId", "KS-2025-03"));
    assertThat(tender)
        .hasActiveElements("Task_EvaluateBids")
        .isWaitingForMessage("TenderCancelled", "KS-2025-03");

    client
        .newPublishMessageCommand()
        .messageName("TenderCancelled")
        .correlationKey("KS-2025-03")
        .variables(Map.of("reason", "预算调整"))
        .send()
        .join();

    assertThat(tender)
        .isCompleted()
        .hasTerminatedElements("Task_EvaluateBids")
        .hasCompletedElements("Message_TenderCancelled", "EndEvent_Cancelled")
        .hasNotActivatedElements("EndEvent_Evaluated")
        .hasCorrelatedMessage("TenderCancelled", "KS-2025-03")
        .isNotWaitingForMessage("TenderCancelled", "KS-2025-03")
        .hasVariable("reason", "预算调整");
  }

  @Test
  void anAwardLapsesWhenTheContractIsNotSignedBeforeTheDeadline() {
    ProcessInstanceEvent award =
        start("contract-signing-deadline", Map.of("tenderId", "KS-2025-04"));
    assertThat(award)
        .hasActiveElements("Gateway_SignedOrDeadline")
        .isWaitingForMessage("ContractSigned", "KS-2025-04");

    processTest.increaseTime(Duration.ofDays(31));

    assertThat(award)
        .isCompleted()
        .hasCompletedElementsInOrder(
            "Gateway_SignedOrDeadline", "Timer_SigningDeadline", "EndEvent_AwardLapsed")
        .hasNotActivatedElements("Message_ContractSigned", "EndEvent_ContractSigned")
        .isNotWaitingForMessage("ContractSigned", "KS-2025-04");
  }
}
