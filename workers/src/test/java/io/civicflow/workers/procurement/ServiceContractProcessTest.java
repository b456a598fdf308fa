package io.civicflow.workers.procurement;

import static io.camunda.process.test.api.CamundaAssert.assertThat;
import static io.civicflow.workers.procurement.Kunshan2016.at;
import static io.civicflow.workers.procurement.Kunshan2016.contractNo;
import static io.civicflow.workers.procurement.Kunshan2016.elementInstances;
import static io.civicflow.workers.procurement.Kunshan2016.operatingReport;
import static io.civicflow.workers.procurement.Kunshan2016.paymentId;
import static io.civicflow.workers.procurement.Kunshan2016.projectNo;
import static io.civicflow.workers.procurement.Kunshan2016.signedContract;
import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.client.api.search.enums.ElementInstanceState;
import io.camunda.process.test.api.CamundaProcessTestContext;
import io.camunda.process.test.api.assertions.UserTaskSelectors;
import io.civicflow.workers.contract.ContractRecords;
import io.civicflow.workers.outbox.Outbox;
import io.civicflow.workers.payment.PaymentLedger;
import io.civicflow.workers.payment.PaymentRecord;
import io.civicflow.workers.registry.ProviderRegistry;
import io.civicflow.workers.testing.EmbeddedEngineProcessTest;
import io.civicflow.workers.testing.PaymentFaults;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * service-contract — the two contract years of one unit (DOMAIN.md §1 steps 4–8), on the real dates
 * of the Kunshan 2016 round: the clock is set to each report date and evaluation date, the
 * officials' tasks are completed with what their forms give, and the real workers pay into the
 * {@link PaymentLedger}.
 */
@EmbeddedEngineProcessTest
class ServiceContractProcessTest {

  private static final String PROVIDER = "52320583MJ5000001X";

  /** 30/40/30 of 800,000 CNY, in fen. */
  private static final long TRANCHE_1 = 24_000_000L;

  private static final long TRANCHE_2 = 32_000_000L;
  private static final long TRANCHE_3 = 24_000_000L;

  @Autowired private CamundaClient client;
  @Autowired private CamundaProcessTestContext processTest;
  @Autowired private PaymentLedger ledger;
  @Autowired private ContractRecords contractRecords;
  @Autowired private ProviderRegistry registry;
  @Autowired private Outbox outbox;
  @Autowired private PaymentFaults paymentFaults;

  /**
   * Starts the contract signed on 30 August 2016 and waits until delivery runs (its report cycle
   * and first evaluation are scheduled), so the clock may move on.
   */
  private ProcessInstanceEvent signContract(String unitCode, String unitName) {
    processTest.setTime(at("2016-08-30T10:00"));
    ProcessInstanceEvent contract =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("service-contract")
            .latestVersion()
            .variables(signedContract(unitCode, unitName, PROVIDER))
            .send()
            .join();
    assertThat(contract).hasActiveElements("SubProcess_Delivery", "Timer_EvaluationDate");
    return contract;
  }

  /** Moves the clock to the report date and files the report the provider is asked for. */
  private void fileReportOn(ProcessInstanceEvent contract, String date, int reportsSoFar) {
    processTest.setTime(at(date + "T09:00"));
    processTest.completeUserTask("Task_FileOperatingReport", operatingReport(date));
    assertThat(contract).hasCompletedElement("Task_RecordReport", reportsSoFar + 1);
  }

  /** The four sides of one evaluation; the weights 60/20/20/0 give {@code 89.0 良好}. */
  private void evaluateGood() {
    evaluate(18, 27, 26, 14, 4, 88, 90);
  }

  /** Expert 37, purchaser 50, residents 55: {@code 43.2 不合格}. */
  private void evaluateFailing() {
    evaluate(8, 10, 10, 8, 1, 50, 55);
  }

  private void evaluate(
      int management,
      int outputs,
      int outcomes,
      int finance,
      int innovation,
      int purchaserScore,
      int residentSatisfaction) {
    Map<String, Object> expert = new LinkedHashMap<>();
    expert.put("management", management);
    expert.put("outputs", outputs);
    expert.put("outcomes", outcomes);
    expert.put("finance", finance);
    expert.put("innovation", innovation);
    expert.put("expertComments", "资料完整，服务记录可查");
    processTest.completeUserTask("Task_ExpertScoring", expert);
    processTest.completeUserTask(
        "Task_PurchaserScoring",
        Map.of("purchaserScore", purchaserScore, "purchaserComments", "区镇评价"));
    processTest.completeUserTask(
        "Task_ResidentSatisfaction",
        Map.of(
            "residentSatisfaction",
            residentSatisfaction,
            "respondents",
            120,
            "residentFeedback",
            "居民问卷"));
    processTest.completeUserTask(
        "Task_TwoWayRating", Map.of("twoWayRating", 85, "twoWayComments", "区镇提供场地支持"));
  }

  private long paid(String unitCode, int year, int tranche) {
    return ledger.paymentsOf(contractNo(unitCode)).stream()
        .filter(p -> p.paymentId().equals(paymentId(unitCode, year, tranche)))
        .mapToLong(PaymentRecord::amountFen)
        .sum();
  }

  @Test
  void theKunshanContractRunsTwoYearsAndPaysExactlyItsValue() {
    ProcessInstanceEvent contract = signContract("ZP", "张浦镇");

    // signed 30 August 2016: year-1 tranche 1 on signing
    assertThat(contract)
        .hasCompletedElementsInOrder("Task_PlanMilestones", "Task_PayFirstTranche")
        .hasActiveElements("SubProcess_Delivery", "Timer_EvaluationDate");
    assertThat(paid("ZP", 1, 1)).isEqualTo(TRANCHE_1);

    // year 1: reports in November and January, the mid-term evaluation in March
    fileReportOn(contract, "2016-11-01", 0);
    fileReportOn(contract, "2017-01-01", 1);
    fileReportOn(contract, "2017-03-01", 2);
    evaluateGood();
    assertThat(contract).hasCompletedElement("Task_PayTranche", 1);
    assertThat(paid("ZP", 1, 2)).isEqualTo(TRANCHE_2);

    // the annual evaluation in August: tranche 3 at once, then the year-2 contract and its tranche
    // 1
    fileReportOn(contract, "2017-05-01", 3);
    fileReportOn(contract, "2017-07-01", 4);
    processTest.setTime(at("2017-08-01T09:00"));
    evaluateGood();
    assertThat(contract)
        .hasCompletedElements("Task_Renewal")
        .hasActiveElements("Task_SignNextYearContract");
    assertThat(paid("ZP", 1, 3))
        .as("year-1 tranche 3 is released by the annual pass, not held until year 2 is signed")
        .isEqualTo(TRANCHE_3);
    assertThat(paid("ZP", 2, 1)).isZero();

    processTest.setTime(at("2017-08-25T10:00"));
    processTest.completeUserTask(
        "Task_SignNextYearContract",
        Map.of(
            "contractSigning",
            Map.of(
                "signedDate", "2017-08-25",
                "providerRepresentative", "李主任",
                "termsConfirmed", true,
                "teamConfirmed", true,
                "performanceBondReceived", true)));
    assertThat(contract).hasCompletedElements("Task_PayNextYearFirstTranche");
    assertThat(paid("ZP", 2, 1)).isEqualTo(TRANCHE_1);

    // year 2: the March mid-term and the August final evaluation with acceptance
    fileReportOn(contract, "2017-09-01", 5);
    fileReportOn(contract, "2017-11-01", 6);
    fileReportOn(contract, "2018-01-01", 7);
    fileReportOn(contract, "2018-03-01", 8);
    evaluateGood();
    assertThat(contract).hasCompletedElement("Task_PayTranche", 3);
    assertThat(paid("ZP", 2, 2)).isEqualTo(TRANCHE_2);

    fileReportOn(contract, "2018-05-01", 9);
    fileReportOn(contract, "2018-07-01", 10);
    processTest.setTime(at("2018-08-01T09:00"));
    evaluateGood();
    processTest.completeUserTask(
        "Task_Acceptance",
        Map.of(
            "serviceUsersInvited",
            true,
            "participantsCount",
            36,
            "acceptanceResult",
            "PASSED",
            "acceptanceOpinion",
            "服务对象代表参与验收，同意通过",
            "resultPublished",
            true,
            "publicationRef",
            "昆民公告〔2018〕12号"));

    assertThat(contract)
        .isCompleted()
        .hasVariable("contractOutcome", "COMPLETED")
        .hasVariable("totalPaidFen", 160_000_000);
    // a two-year contract has more element instances than CPT's element assertions read (100)
    long key = contract.getProcessInstanceKey();
    assertThat(elementInstances(client, key, "Task_CloseContract", ElementInstanceState.COMPLETED))
        .isOne();
    assertThat(
            elementInstances(
                client, key, "EndEvent_ContractCompleted", ElementInstanceState.COMPLETED))
        .isOne();
    assertThat(
            elementInstances(
                client, key, "Task_FileOperatingReport", ElementInstanceState.COMPLETED))
        .isEqualTo(11);
    for (String never :
        List.of(
            "Task_RemindReport",
            "Task_EscalateMissingReport",
            "Task_RectificationPlan",
            "Task_RectifyForAcceptance",
            "Task_TerminateContract")) {
      assertThat(elementInstances(client, key, never, null)).as(never).isZero();
    }
    assertThat(paid("ZP", 2, 3)).isEqualTo(TRANCHE_3);
    assertThat(ledger.paymentsOf(contractNo("ZP")))
        .extracting(PaymentRecord::paymentId)
        .containsExactly(
            paymentId("ZP", 1, 1),
            paymentId("ZP", 1, 2),
            paymentId("ZP", 1, 3),
            paymentId("ZP", 2, 1),
            paymentId("ZP", 2, 2),
            paymentId("ZP", 2, 3));
    assertThat(ledger.totalPaid(contractNo("ZP"))).isEqualTo(2 * Kunshan2016.CONTRACT_VALUE_FEN);
    assertThat(contractRecords.reportsOf(contractNo("ZP"))).hasSize(11);
    assertThat(registry.evaluationsOf(PROVIDER))
        .filteredOn(e -> e.contractNo().equals(contractNo("ZP")))
        .hasSize(4);
  }

  @Test
  void aFailedMidTermEvaluationTerminatesTheContractAndStopsPayment() {
    ProcessInstanceEvent contract = signContract("ZS", "周市镇");
    fileReportOn(contract, "2016-11-01", 0);
    fileReportOn(contract, "2017-01-01", 1);
    fileReportOn(contract, "2017-03-01", 2);

    evaluateFailing();

    assertThat(contract)
        .isCompleted()
        .hasCompletedElements(
            "Task_TrancheRelease",
            "Task_RecordFailedEvaluation",
            "Error_ContractFailed",
            "Task_TerminateContract",
            "EndEvent_ContractTerminated")
        .hasTerminatedElements("SubProcess_Delivery", "EndEvent_EvaluationFailed")
        .hasNotActivatedElements("Task_PayTranche", "Task_CloseContract")
        .hasVariable("contractOutcome", "TERMINATED")
        .hasVariable("totalPaidFen", (int) TRANCHE_1);
    assertThat(registry.terminationsOf(PROVIDER))
        .filteredOn(t -> t.contractNo().equals(contractNo("ZS")))
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.milestone()).isEqualTo("Y1-MIDTERM");
              assertThat(t.grade()).isEqualTo("不合格");
            });
    assertThat(outbox.find("notice.termination", contractNo("ZS"))).hasSize(3);

    // the rest of the term passes: nothing more is paid
    processTest.setTime(at("2018-09-01T09:00"));
    assertThat(ledger.paymentsOf(contractNo("ZS")))
        .extracting(PaymentRecord::paymentId)
        .containsExactly(paymentId("ZS", 1, 1));
  }

  @Test
  void aMissingOperatingReportIsRemindedThenEscalated() {
    ProcessInstanceEvent contract = signContract("LJ", "陆家镇");
    processTest.setTime(at("2016-11-01T09:00"));
    assertThat(UserTaskSelectors.byElementId("Task_FileOperatingReport"))
        .isCreated()
        .hasCandidateGroup("provider");

    processTest.increaseTime(Duration.ofDays(10));
    assertThat(contract).hasCompletedElements("Timer_ReportOverdue", "Task_RemindReport");
    assertThat(outbox.find("notify.report-reminder", contractNo("LJ")))
        .singleElement()
        .satisfies(m -> assertThat(m.recipientGroup()).isEqualTo("provider"));
    assertThat(contract).hasNotActivatedElements("Task_EscalateMissingReport");

    processTest.increaseTime(Duration.ofDays(5));
    assertThat(contract)
        .hasActiveElements("Task_EscalateMissingReport", "Task_FileOperatingReport")
        .hasActiveElements("SubProcess_Delivery");
    assertThat(UserTaskSelectors.byElementId("Task_EscalateMissingReport"))
        .isCreated()
        .hasCandidateGroups(List.of("civil-affairs", "district-office"));
  }

  @Test
  void aComplaintDuringDeliveryIsHandledWithoutDisturbingTheContract() {
    ProcessInstanceEvent contract = signContract("BC", "巴城镇");
    processTest.setTime(at("2016-10-12T14:00"));

    client
        .newPublishMessageCommand()
        .messageName("ComplaintFiled")
        .correlationKey(projectNo("BC"))
        .variables(Map.of("complaint", Map.of("complainant", "巴城镇某社区居民", "content", "活动通知未覆盖独居老人")))
        .send()
        .join();
    processTest.completeUserTask(
        "Task_HandleComplaint",
        Map.of("complaintUpheld", true, "handling", "责成承接机构逐户通知", "reply", "已整改并回访"));

    assertThat(contract)
        .isActive()
        .hasCompletedElements(
            "Message_ComplaintReceived", "Task_RecordComplaint", "EndEvent_ComplaintHandled")
        .hasActiveElements("SubProcess_Delivery", "Timer_EvaluationDate")
        .hasNotActivatedElements("Error_ContractFailed", "Task_TerminateContract")
        .hasVariable("complaintsUpheld", 1);
    assertThat(registry.complaintsAbout(PROVIDER))
        .filteredOn(c -> c.contractNo().equals(contractNo("BC")))
        .singleElement()
        .satisfies(c -> assertThat(c.upheld()).isTrue());
    assertThat(ledger.paymentsOf(contractNo("BC"))).hasSize(1);

    // the contract goes on: the November report is asked for as usual
    processTest.setTime(at("2016-11-01T09:00"));
    assertThat(contract).hasActiveElements("Task_FileOperatingReport");
  }

  @Test
  void aPaymentWorkerRetriedAfterACrashDoesNotPayTwice() {
    String firstTranche = paymentId("QD", 1, 1);
    paymentFaults.crashOnceAfterPaying(firstTranche);

    ProcessInstanceEvent contract = signContract("QD", "千灯镇");

    assertThat(contract)
        .hasCompletedElements("Task_PayFirstTranche")
        .hasActiveElements("Timer_EvaluationDate")
        .hasVariable("totalPaidFen", (int) TRANCHE_1);
    assertThat(paymentFaults.attempts(firstTranche)).as("paid, crashed, retried").isEqualTo(2);
    assertThat(ledger.paymentsOf(contractNo("QD")))
        .singleElement()
        .satisfies(p -> assertThat(p.amountFen()).isEqualTo(TRANCHE_1));
    assertThat(ledger.totalPaid(contractNo("QD"))).isEqualTo(TRANCHE_1);
  }
}
