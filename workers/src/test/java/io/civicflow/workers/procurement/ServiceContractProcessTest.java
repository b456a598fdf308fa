package io.civicflow.workers.procurement;

import static io.camunda.process.test.api.CamundaAssert.assertThat;
import static io.civicflow.workers.procurement.Kunshan2016.at;
import static io.civicflow.workers.procurement.Kunshan2016.contractNo;
import static io.civicflow.workers.procurement.Kunshan2016.elementInstances;
import static io.civicflow.workers.procurement.Kunshan2016.openTasks;
import static io.civicflow.workers.procurement.Kunshan2016.operatingReport;
import static io.civicflow.workers.procurement.Kunshan2016.paymentId;
import static io.civicflow.workers.procurement.Kunshan2016.projectNo;
import static io.civicflow.workers.procurement.Kunshan2016.signedContract;
import static io.civicflow.workers.procurement.Kunshan2016.variable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.type.TypeReference;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.DocumentReferenceResponse;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.client.api.search.enums.ElementInstanceState;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.process.test.api.CamundaProcessTestContext;
import io.camunda.process.test.api.assertions.ProcessInstanceSelectors;
import io.camunda.process.test.api.assertions.UserTaskSelectors;
import io.civicflow.workers.contract.ContractEntry;
import io.civicflow.workers.contract.ContractRecords;
import io.civicflow.workers.documents.DocumentFile;
import io.civicflow.workers.documents.DocumentReference;
import io.civicflow.workers.documents.GeneratedDocuments;
import io.civicflow.workers.documents.PdfText;
import io.civicflow.workers.outbox.Outbox;
import io.civicflow.workers.outbox.OutboxMessage;
import io.civicflow.workers.outbox.RecipientDirectory;
import io.civicflow.workers.payment.EvaluationFees;
import io.civicflow.workers.payment.PaymentLedger;
import io.civicflow.workers.payment.PaymentRecord;
import io.civicflow.workers.registry.ProviderRegistry;
import io.civicflow.workers.testing.EmbeddedEngineProcessTest;
import io.civicflow.workers.testing.MailTestServer;
import io.civicflow.workers.testing.PaymentFaults;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * service-contract — the two contract years of one unit (DOMAIN.md §1 steps 4–8), on the real dates
 * of the Kunshan 2016 round: the clock is set to each report date and evaluation date, the
 * officials' tasks are completed with what their forms give (finance approvals and confirmations by
 * named officials, as Tasklist assigns them), and the real workers pay into the {@link
 * PaymentLedger}.
 */
@EmbeddedEngineProcessTest
class ServiceContractProcessTest {

  private static final String PROVIDER = "52320583MJ5000001X";

  /** The awarded annual price: 780,000 CNY, below the unit budget of 800,000 CNY. */
  private static final long AWARDED_FEN = 78_000_000L;

  /** 30/40/30 of 780,000 CNY, in fen. */
  private static final long TRANCHE_1 = 23_400_000L;

  private static final long TRANCHE_2 = 31_200_000L;
  private static final long TRANCHE_3 = 23_400_000L;

  private static final String FINANCE = "finance1";
  private static final String BUREAU = "civil1";

  @Autowired private CamundaClient client;
  @Autowired private CamundaProcessTestContext processTest;
  @Autowired private PaymentLedger ledger;
  @Autowired private ContractRecords contractRecords;
  @Autowired private ProviderRegistry registry;
  @Autowired private Outbox outbox;
  @Autowired private io.civicflow.workers.notices.NoticeBoard noticeBoard;
  @Autowired private io.civicflow.workers.notices.NoticeBoardController noticeBoardController;
  @Autowired private PaymentFaults paymentFaults;
  @Autowired private RecipientDirectory directory;
  @Autowired private io.civicflow.workers.outbox.Inbox inbox;

  /** What unit-procurement hands over: the awarded price as the contract value, the unit budget. */
  private static Map<String, Object> awarded(String unitCode, String unitName, long budgetFen) {
    Map<String, Object> variables = signedContract(unitCode, unitName, PROVIDER);
    variables.put("contractValueFen", AWARDED_FEN);
    variables.put("awardedPriceFen", AWARDED_FEN);
    variables.put("budgetFen", budgetFen);
    return variables;
  }

  private ProcessInstanceEvent start(Map<String, Object> variables) {
    processTest.setTime(at("2016-08-30T10:00"));
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId("service-contract")
        .latestVersion()
        .variables(variables)
        .send()
        .join();
  }

  /**
   * Starts the contract signed on 30 August 2016, finance approves tranche 1, and waits until
   * delivery runs (its report cycle and first evaluation are scheduled), so the clock may move on.
   */
  private ProcessInstanceEvent signContract(String unitCode, String unitName) {
    ProcessInstanceEvent contract = start(awarded(unitCode, unitName, 80_000_000L));
    approveTranche(FINANCE);
    assertThat(contract).hasActiveElements("SubProcess_Delivery", "Timer_EvaluationDate");
    return contract;
  }

  /**
   * How long a step may take to appear: a clock moved by months fires every reminder of the months
   * skipped at once, and each notification job mails its recipients before the next job runs.
   */
  private static final Duration STEP = Duration.ofSeconds(60);

  /** The first open task of {@code elementId}, assigned to {@code user} and completed. */
  private void completeAs(String elementId, String user, Map<String, Object> variables) {
    UserTask task =
        await()
            .atMost(STEP)
            .until(() -> openTasks(client, elementId), found -> !found.isEmpty())
            .get(0);
    client.newAssignUserTaskCommand(task.getUserTaskKey()).assignee(user).send().join();
    client.newCompleteUserTaskCommand(task.getUserTaskKey()).variables(variables).send().join();
  }

  /** The active instance of {@code processId} (a called process), once there is exactly one. */
  private long activeInstance(String processId) {
    return await()
        .atMost(STEP)
        .until(
            () ->
                client
                    .newProcessInstanceSearchRequest()
                    .filter(
                        f ->
                            f.processDefinitionId(processId)
                                .state(
                                    io.camunda.client.api.search.enums.ProcessInstanceState.ACTIVE))
                    .send()
                    .join()
                    .items(),
            found -> found.size() == 1)
        .get(0)
        .getProcessInstanceKey();
  }

  /** Waits for an open task of {@code elementId} and checks whom it is offered to. */
  private void assertOpen(String elementId, String candidateGroup) {
    List<UserTask> open =
        await().atMost(STEP).until(() -> openTasks(client, elementId), found -> !found.isEmpty());
    assertThat(open)
        .singleElement()
        .satisfies(t -> assertThat(t.getCandidateGroups()).contains(candidateGroup));
  }

  private void approveTranche(String officer) {
    completeAs(
        "Task_ApproveTranche",
        officer,
        Map.of(
            "trancheApproval",
            Map.of("decision", "APPROVED", "opinion", "同意拨付", "voucherRef", "KSCZ-1")));
  }

  private void confirmEvaluation() {
    completeAs(
        "Task_ConfirmEvaluationResult",
        BUREAU,
        Map.of("evaluationConfirmation", Map.of("reportChecked", true, "opinion", "确认")));
  }

  /** Moves the clock to the report date, files the report, and both reviewers accept it. */
  private void fileReportOn(ProcessInstanceEvent contract, String date, int reportsSoFar) {
    processTest.setTime(at(date + "T09:00"));
    processTest.completeUserTask("Task_FileOperatingReport", operatingReport(date));
    processTest.completeUserTask(
        "Task_ReviewReportDistrict", Map.of("reportReview", Map.of("decision", "ACCEPTED")));
    processTest.completeUserTask(
        "Task_ReviewReportBureau", Map.of("reportReview", Map.of("decision", "ACCEPTED")));
    long key = contract.getProcessInstanceKey();
    await()
        .atMost(STEP)
        .until(
            () ->
                elementInstances(
                    client, key, "EndEvent_ReportFiled", ElementInstanceState.COMPLETED),
            n -> n == reportsSoFar + 1);
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
    scoreWithoutTheProvider(
        management, outputs, outcomes, finance, innovation, purchaserScore, residentSatisfaction);
    processTest.completeUserTask(
        "Task_TwoWayRating", Map.of("twoWayRating", 85, "twoWayComments", "区镇提供场地支持"));
  }

  private void scoreWithoutTheProvider(
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
  }

  private static String year2(String unitCode) {
    return "KS-2016-" + unitCode + "-Y2";
  }

  private long paid(String contractNo, int year, int tranche) {
    String id = "PAY-" + contractNo + "-Y" + year + "-T" + tranche;
    return ledger.paymentsOf(contractNo).stream()
        .filter(p -> p.paymentId().equals(id))
        .mapToLong(PaymentRecord::amountFen)
        .sum();
  }

  @Test
  void theAwardedPriceIsPaidOverTwoContractYearsEachUnderItsOwnNumber() throws IOException {
    ProcessInstanceEvent contract = signContract("ZP", "张浦镇");
    String y1 = contractNo("ZP");
    String y2 = year2("ZP");

    // signed 30 August 2016: year-1 tranche 1 on signing, approved by finance
    assertThat(contract)
        .hasCompletedElementsInOrder("Task_PlanMilestones", "CallActivity_PayFirstTranche")
        .hasActiveElements("SubProcess_Delivery", "Timer_EvaluationDate");
    assertThat(paid(y1, 1, 1)).as("30 %% of the awarded 780,000 CNY").isEqualTo(TRANCHE_1);

    // year 1: reports in November and January, the mid-term evaluation in March
    fileReportOn(contract, "2016-11-01", 0);
    fileReportOn(contract, "2017-01-01", 1);
    fileReportOn(contract, "2017-03-01", 2);
    evaluateGood();
    confirmEvaluation();
    approveTranche(FINANCE);
    assertThat(contract).hasCompletedElement("CallActivity_PayTranche", 1);
    assertThat(paid(y1, 1, 2)).isEqualTo(TRANCHE_2);

    // the annual evaluation in August: tranche 3 at once, then the year-2 contract
    fileReportOn(contract, "2017-05-01", 3);
    fileReportOn(contract, "2017-07-01", 4);
    processTest.setTime(at("2017-08-01T09:00"));
    evaluateGood();
    confirmEvaluation();
    approveTranche(FINANCE);
    assertThat(contract)
        .hasCompletedElements("Task_Renewal")
        .hasActiveElements("Task_SignNextYearContract");
    assertThat(paid(y1, 1, 3))
        .as("year-1 tranche 3 is released by the annual pass, not held until year 2 is signed")
        .isEqualTo(TRANCHE_3);

    // a week before the signing deadline (1 September) the bureau is reminded; it signs on 25
    // August
    processTest.setTime(at("2017-08-25T10:00"));
    assertThat(contract).hasCompletedElements("Task_RemindRenewalSigning");
    assertThat(outbox.find("notify.renewal-reminder", y1)).hasSize(1);
    // the bureau attaches the year-2 contract's stamped scan at its signing
    byte[] scan = ProcurementDocumentsProcessTest.pdf("第二年度服务合同 双方盖章页");
    DocumentReferenceResponse scanned =
        client
            .newCreateDocumentCommand()
            .content(scan)
            .fileName("第二年度服务合同（盖章扫描件）.pdf")
            .contentType("application/pdf")
            .processInstanceKey(contract.getProcessInstanceKey())
            .send()
            .join();
    Map<String, Object> scanReference =
        Map.of(
            "camunda.document.type", "camunda",
            "storeId", scanned.getStoreId(),
            "documentId", scanned.getDocumentId(),
            "contentHash", scanned.getContentHash(),
            "metadata",
                Map.of(
                    "contentType",
                    "application/pdf",
                    "fileName",
                    "第二年度服务合同（盖章扫描件）.pdf",
                    "size",
                    scan.length,
                    "processInstanceKey",
                    contract.getProcessInstanceKey()));
    processTest.completeUserTask(
        "Task_SignNextYearContract",
        Map.of(
            "contractSigning",
            Map.of(
                "signedDate",
                "2017-08-25",
                "providerRepresentative",
                "李主任",
                "termsConfirmed",
                true,
                "teamConfirmed",
                true,
                "performanceBondReceived",
                true,
                "signedContract",
                List.of(scanReference))));
    approveTranche(FINANCE);
    // the year-2 contract: its own number, register entry, publication (2 WD) and filing (7 WD)
    long key = contract.getProcessInstanceKey();
    // a two-year contract has more element instances than CPT's element assertions read (100)
    await()
        .atMost(STEP)
        .until(
            () ->
                elementInstances(
                    client,
                    key,
                    "CallActivity_PayNextYearFirstTranche",
                    ElementInstanceState.COMPLETED),
            n -> n == 1);
    assertThat(
            elementInstances(client, key, "Task_RegisterRenewal", ElementInstanceState.COMPLETED))
        .isOne();
    assertThat(elementInstances(client, key, "Task_EscalateRenewalSigning", null)).isZero();
    assertThat(contract)
        .hasVariable("year2ContractNo", y2)
        .hasVariableSatisfies(
            "year2PublishedBy", String.class, d -> assertThat(d).startsWith("2017-08-29T"))
        .hasVariableSatisfies(
            "year2FiledBy", String.class, d -> assertThat(d).startsWith("2017-09-05T"));
    assertThat(contractRecords.contract(y2))
        .get()
        .extracting(ContractEntry::contractValueFen, ContractEntry::unitCode)
        .containsExactly(AWARDED_FEN, "ZP");
    // the year-2 contract record keeps its own signed scan, read back with its hash
    assertThat(contractRecords.contract(y2).orElseThrow().signedContractFiles())
        .containsExactly(
            new DocumentFile(
                scanned.getDocumentId(),
                scanned.getStoreId(),
                scanned.getContentHash(),
                "第二年度服务合同（盖章扫描件）.pdf",
                "application/pdf",
                scan.length));
    assertThat(outbox.find("notice.contract", y2)).hasSize(1);
    assertThat(outbox.find("contract.filing", y2)).hasSize(1);
    assertThat(paid(y2, 2, 1)).as("year-2 tranche 1 under the year-2 number").isEqualTo(TRANCHE_1);

    // year 2: the March mid-term and the August final evaluation with acceptance
    fileReportOn(contract, "2017-09-01", 5);
    fileReportOn(contract, "2017-11-01", 6);
    fileReportOn(contract, "2018-01-01", 7);
    fileReportOn(contract, "2018-03-01", 8);
    evaluateGood();
    confirmEvaluation();
    approveTranche(FINANCE);
    await()
        .atMost(STEP)
        .until(
            () ->
                elementInstances(
                    client, key, "CallActivity_PayTranche", ElementInstanceState.COMPLETED),
            n -> n == 3);
    assertThat(paid(y2, 2, 2)).isEqualTo(TRANCHE_2);

    fileReportOn(contract, "2018-05-01", 9);
    fileReportOn(contract, "2018-07-01", 10);
    processTest.setTime(at("2018-08-01T09:00"));
    evaluateGood();
    confirmEvaluation();
    assertThat(UserTaskSelectors.byElementId("Task_Acceptance"))
        .isCreated()
        .hasCandidateGroup("civil-affairs");
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
    // the acceptance report is issued as a PDF for the published result to link
    assertThat(contract).hasCompletedElements("Task_IssueAcceptanceReport");
    DocumentReference acceptanceReport =
        variable(
            client, key, "acceptanceReportDocument", new TypeReference<DocumentReference>() {});
    try (InputStream in =
        client
            .newDocumentContentGetRequest(acceptanceReport.documentId())
            .contentHash(acceptanceReport.contentHash())
            .send()
            .join()) {
      assertThat(PdfText.of(in.readAllBytes()))
          .contains("履约验收报告", "验收结论：通过", "服务对象代表参与验收，同意通过", "昆民公告〔2018〕12号");
    }
    // the published result links that report, and the notice board serves it to anyone
    assertThat(contract).hasCompletedElements("Task_PublishAcceptance");
    OutboxMessage acceptanceNotice =
        outbox.all().stream()
            .filter(m -> m.topic().equals("notice.acceptance"))
            .reduce((first, second) -> second)
            .orElseThrow();
    assertThat(acceptanceNotice.attachments())
        .singleElement()
        .satisfies(f -> assertThat(f.documentId()).isEqualTo(acceptanceReport.documentId()));
    assertThat(noticeBoard.get(acceptanceNotice.messageId()).orElseThrow().attachments())
        .singleElement()
        .satisfies(a -> assertThat(a.href()).endsWith("/attachments/1"));
    // the 验收结果公告 states the project, purchaser, contract, supplier and result
    io.civicflow.workers.notices.PublicNotice acceptance =
        noticeBoard.get(acceptanceNotice.messageId()).orElseThrow();
    assertThat(acceptance.detail("purchaser")).isEqualTo("昆山市民政局");
    assertThat(acceptance.detail("contractNo")).isEqualTo(y2);
    assertThat(acceptance.detail("winner")).isEqualTo("昆山市阳光社会工作服务社");
    assertThat(acceptance.detail("acceptanceResult")).startsWith("验收合格");
    org.springframework.http.ResponseEntity<?> served =
        noticeBoardController.attachment(acceptanceNotice.messageId(), 1);
    assertThat(served.getHeaders().getContentType()).hasToString(GeneratedDocuments.PDF);
    assertThat(PdfText.of((byte[]) served.getBody())).contains("履约验收报告", "验收结论：通过");
    approveTranche(FINANCE);
    await().atMost(STEP).until(() -> paid(y2, 2, 3), n -> n == TRANCHE_3);

    // the twelfth report, for July–August, is due on 1 September; the contract closes after it
    assertThat(contract).isActive();
    assertThat(
            elementInstances(client, key, "Timer_OperatingReportDue", ElementInstanceState.ACTIVE))
        .isOne();
    fileReportOn(contract, "2018-09-01", 11);
    assertThat(contract)
        .isCompleted()
        .hasVariable("contractOutcome", "COMPLETED")
        .hasVariable("totalPaidFen", (int) (2 * AWARDED_FEN));
    assertThat(elementInstances(client, key, "Task_CloseContract", ElementInstanceState.COMPLETED))
        .isOne();
    assertThat(
            elementInstances(client, key, "Task_PublishAcceptance", ElementInstanceState.COMPLETED))
        .isOne();
    assertThat(
            elementInstances(
                client, key, "Task_FileOperatingReport", ElementInstanceState.COMPLETED))
        .isEqualTo(12);
    for (String never :
        List.of(
            "Task_RemindReport",
            "Task_EscalateMissingReport",
            "Task_RectificationPlan",
            "Task_RectifyForAcceptance",
            "Task_TerminateContract")) {
      assertThat(elementInstances(client, key, never, null)).as(never).isZero();
    }
    assertThat(ledger.paymentsOf(y1))
        .extracting(PaymentRecord::paymentId)
        .containsExactly(paymentId("ZP", 1, 1), paymentId("ZP", 1, 2), paymentId("ZP", 1, 3));
    assertThat(ledger.paymentsOf(y2))
        .extracting(PaymentRecord::paymentId)
        .containsExactly("PAY-" + y2 + "-Y2-T1", "PAY-" + y2 + "-Y2-T2", "PAY-" + y2 + "-Y2-T3");
    assertThat(ledger.totalPaid(y1) + ledger.totalPaid(y2))
        .as("the six tranches add up to exactly 2 × 780,000 CNY")
        .isEqualTo(2 * AWARDED_FEN);
    assertThat(outbox.find("notice.acceptance", y2)).hasSize(1);
    assertThat(contractRecords.reportsOf(y1)).hasSize(5);
    assertThat(contractRecords.reportsOf(y2)).hasSize(7);
    assertThat(registry.evaluationsOf(PROVIDER))
        .filteredOn(e -> e.contractNo().equals(y1) || e.contractNo().equals(y2))
        .hasSize(4);
    // the evaluator's engagement is paid from the evaluation pool, once per evaluation
    assertThat(ledger.paymentsOf(EvaluationFees.account(y1))).hasSize(2);
    assertThat(ledger.paymentsOf(EvaluationFees.account(y2))).hasSize(2);
  }

  @Test
  void financeApprovesEveryTrancheAndNeverTheOfficialWhoConfirmedTheEvaluation() {
    ProcessInstanceEvent contract = start(awarded("HS", "花桥", 80_000_000L));
    String y1 = contractNo("HS");

    // finance returns tranche 1: nothing is paid until it approves
    completeAs(
        "Task_ApproveTranche",
        FINANCE,
        Map.of("trancheApproval", Map.of("decision", "RETURNED", "opinion", "缺少签约凭证")));
    assertOpen("Task_AnswerRejection", "civil-affairs");
    assertThat(ledger.paymentsOf(y1)).isEmpty();
    processTest.setTime(at("2016-09-05T10:00"));
    assertThat(ledger.paymentsOf(y1)).isEmpty();
    completeAs(
        "Task_AnswerRejection", BUREAU, Map.of("rejectionReply", Map.of("reply", "已补充签约凭证")));
    assertOpen("Task_ApproveTranche", "finance");
    assertThat(ledger.paymentsOf(y1)).isEmpty();
    approveTranche(FINANCE);
    assertThat(contract).hasActiveElements("SubProcess_Delivery", "Timer_EvaluationDate");
    assertThat(paid(y1, 1, 1)).isEqualTo(TRANCHE_1);

    // the mid-term result is confirmed by civil1; civil1 may not approve its payment
    processTest.setTime(at("2017-03-01T09:00"));
    evaluateGood();
    confirmEvaluation();
    long payment = activeInstance("tranche-payment");
    approveTranche(BUREAU);
    assertThat(ProcessInstanceSelectors.byKey(payment))
        .hasCompletedElements("Error_SameOfficer")
        .hasActiveElements("Task_ApproveTranche")
        .hasVariableSatisfies(
            "approvalRefusedReason", String.class, r -> assertThat(r).contains(BUREAU));
    assertThat(paid(y1, 1, 2)).isZero();
    approveTranche(FINANCE);
    assertThat(contract).hasCompletedElement("CallActivity_PayTranche", 1);
    assertThat(paid(y1, 1, 2)).isEqualTo(TRANCHE_2);
  }

  @Test
  void aBudgetShortfallAtPaymentIsAFinanceTaskNotAnIncident() {
    ProcessInstanceEvent contract = start(awarded("KF", "开发区", 20_000_000L));

    assertOpen("Task_ResolvePaymentShortfall", "finance");
    assertThat(ProcessInstanceSelectors.byProcessId("tranche-payment"))
        .hasVariable("budgetShortfallFen", (int) (TRANCHE_1 - 20_000_000L))
        .hasNoActiveIncidents();
    completeAs(
        "Task_ResolvePaymentShortfall",
        FINANCE,
        Map.of(
            "paymentShortfall",
            Map.of("raisedBudgetYuan", 800_000, "fundingApprovalRef", "昆财社〔2016〕88号")));
    approveTranche(FINANCE);

    assertThat(contract)
        .hasCompletedElements("CallActivity_PayFirstTranche")
        .hasActiveElements("SubProcess_Delivery")
        .hasVariable("budgetFen", 80_000_000);
    assertThat(paid(contractNo("KF"), 1, 1)).isEqualTo(TRANCHE_1);
  }

  @Test
  void aPartMissingAtItsDeadlineIsLeftOutAndTheEvaluationCompletes() {
    ProcessInstanceEvent contract = signContract("DS", "淀山湖镇");
    processTest.setTime(at("2017-03-01T09:00"));
    // the ad-hoc scoring sub-process opens the four parts at once, to be done in any order
    assertThat(ProcessInstanceSelectors.byProcessId("third-party-evaluation"))
        .hasActiveElements(
            "SubProcess_Scoring",
            "Task_ExpertScoring",
            "Task_PurchaserScoring",
            "Task_ResidentSatisfaction",
            "Task_TwoWayRating");
    // the provider does not rate the district: it cannot stall its own evaluation
    scoreWithoutTheProvider(18, 27, 26, 14, 4, 88, 90);

    processTest.increaseTime(Duration.ofDays(12));
    assertThat(ProcessInstanceSelectors.byProcessId("third-party-evaluation"))
        .hasCompletedElements("Task_RemindScoring");
    assertThat(outbox.find("notify.evaluation-reminder", contractNo("DS")))
        .singleElement()
        .satisfies(m -> assertThat(m.recipientGroup()).isEqualTo("provider-" + PROVIDER));
    assertThat(ProcessInstanceSelectors.byProcessId("third-party-evaluation"))
        .hasActiveElements("Task_TwoWayRating");

    processTest.increaseTime(Duration.ofDays(3));
    assertThat(ProcessInstanceSelectors.byProcessId("third-party-evaluation"))
        .hasCompletedElements("Timer_ScoringDeadline", "Task_WeightedTotal")
        .hasTerminatedElements("SubProcess_Scoring", "Task_TwoWayRating")
        .hasVariable("missingParts", List.of("twoWay"))
        .hasVariable("grade", "良好");
    confirmEvaluation();
    approveTranche(FINANCE);
    assertThat(contract).hasCompletedElement("CallActivity_PayTranche", 1);
    assertThat(paid(contractNo("DS"), 1, 2)).isEqualTo(TRANCHE_2);
    // the provider's people were reminded before the scoring deadline, then got their result
    List<jakarta.mail.internet.MimeMessage> provider =
        MailTestServer.shared().mailsTo("liuyang@sunshine.example.org.cn").stream()
            .filter(mail -> subject(mail).contains(contractNo("DS")))
            .toList();
    assertThat(provider)
        .extracting(ServiceContractProcessTest::subject)
        .contains(
            "【CivicFlow】评估评分将于3日后截止，逾期未提交的部分按缺项处理：" + contractNo("DS"),
            "【CivicFlow】" + contractNo("DS") + " 第1合同年度中期评估报告");
    assertThat(provider)
        .filteredOn(mail -> subject(mail).contains("评估报告"))
        .singleElement()
        .satisfies(mail -> assertThat(content(mail)).contains("等级良好"));
  }

  @Test
  void aFailedMidTermEvaluationTerminatesTheContractAndReprocuresTheDistrict() {
    ProcessInstanceEvent contract = signContract("ZS", "周市镇");
    fileReportOn(contract, "2016-11-01", 0);
    fileReportOn(contract, "2017-01-01", 1);
    fileReportOn(contract, "2017-03-01", 2);

    evaluateFailing();
    confirmEvaluation();

    // the provider may state its case for 10 days; its silence does not hold termination up
    assertOpen("Task_StateCase", "provider-" + PROVIDER);
    assertThat(contract).hasTerminatedElements("SubProcess_Delivery");
    processTest.increaseTime(Duration.ofDays(10));
    assertThat(contract)
        .hasCompletedElements("Timer_StatementPeriodOver", "Task_TerminateContract")
        .hasActiveElements("Task_ArrangeContinuity");
    completeAs(
        "Task_ArrangeContinuity",
        BUREAU,
        Map.of(
            "continuity",
            Map.of(
                "interimArrangement", "STATION",
                "newContractStartDate", "2017-05-01",
                "signBy", "2017-04-28",
                "newContractYears", 1,
                "note", "过渡期由周市镇社工站承接")));

    assertThat(contract)
        .isCompleted()
        .hasCompletedElements(
            "Task_TrancheRelease",
            "Task_RecordFailedEvaluation",
            "Error_ContractFailed",
            "Task_TerminateContract",
            "Task_StartReprocurement",
            "EndEvent_ContractTerminated")
        .hasNotActivatedElements("CallActivity_PayTranche", "Task_CloseContract")
        .hasVariable("contractOutcome", "TERMINATED")
        .hasVariable("totalPaidFen", (int) TRANCHE_1)
        .hasVariable("reprocurementProjectNo", projectNo("ZS") + "-R1");
    assertThat(registry.terminationsOf(PROVIDER))
        .filteredOn(t -> t.contractNo().equals(contractNo("ZS")))
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.milestone()).isEqualTo("Y1-MIDTERM");
              assertThat(t.grade()).isEqualTo("不合格");
            });
    assertThat(outbox.find("notify.termination", contractNo("ZS"))).hasSize(3);
    assertThat(outbox.find("notice.termination", contractNo("ZS")))
        .singleElement()
        .satisfies(m -> assertThat(m.recipientGroup()).isEqualTo(OutboxMessage.PUBLIC));
    // the district's new procurement runs with the round's data, not the old award
    assertThat(ProcessInstanceSelectors.byProcessId("unit-procurement"))
        .isActive()
        .hasVariable("projectNo", projectNo("ZS") + "-R1")
        .hasVariable("reprocurementOf", projectNo("ZS"))
        .hasVariable("unitCode", "ZS")
        .hasVariable("contractStartDate", "2017-05-01");

    // the rest of the term passes: nothing more is paid
    processTest.setTime(at("2018-09-01T09:00"));
    assertThat(ledger.paymentsOf(contractNo("ZS")))
        .extracting(PaymentRecord::paymentId)
        .containsExactly(paymentId("ZS", 1, 1));
  }

  @Test
  void aDecisionChangedMidContractLeavesTheRunningContractOnItsRules() throws IOException {
    ProcessInstanceEvent contract = signContract("JX", "锦溪镇");
    // a modeller changes tranche-release: from now on even a pass terminates
    String changed;
    try (InputStream in =
        getClass().getClassLoader().getResourceAsStream("processes/tranche-release.dmn")) {
      changed =
          new String(in.readAllBytes(), StandardCharsets.UTF_8)
              .replace("<text>\"RELEASE\"</text>", "<text>\"TERMINATE\"</text>");
    }
    assertThat(changed).doesNotContain("\"RELEASE\"");
    client
        .newDeployResourceCommand()
        .addResourceStringUtf8(changed, "tranche-release.dmn")
        .send()
        .join();

    processTest.setTime(at("2017-03-01T09:00"));
    evaluateGood();
    confirmEvaluation();
    approveTranche(FINANCE);

    assertThat(contract)
        .hasCompletedElement("CallActivity_PayTranche", 1)
        .hasNotActivatedElements("Task_TerminateContract")
        .hasVariable("trancheAction", "RELEASE");
    assertThat(paid(contractNo("JX"), 1, 2)).isEqualTo(TRANCHE_2);
  }

  /** The mid-term evaluation passes and its tranche is paid. */
  private void passMidTerm(ProcessInstanceEvent contract) {
    processTest.setTime(at("2017-03-01T09:00"));
    evaluateGood();
    confirmEvaluation();
    approveTranche(FINANCE);
    long key = contract.getProcessInstanceKey();
    await()
        .atMost(STEP)
        .until(
            () ->
                elementInstances(
                    client, key, "CallActivity_PayTranche", ElementInstanceState.COMPLETED),
            n -> n == 1);
  }

  /**
   * The evaluation is called with what it needs (contract, unit, provider, milestone, weights,
   * fee), never with everything the contract holds: the evaluator's task does not see the bids or
   * the bid score sheets even when the calling process has them.
   */
  @Test
  void theEvaluatorsTaskSeesNeitherTheBidsNorTheBidScoreSheets() {
    Map<String, Object> variables = awarded("KFQ", "昆山开发区", 80_000_000L);
    variables.put(
        "scoreSheets",
        List.of(Map.of("member", "expert1", "scores", List.of(Map.of("bidderId", PROVIDER)))));
    variables.put("bids", List.of(Map.of("bidderId", PROVIDER, "priceFen", AWARDED_FEN)));
    ProcessInstanceEvent contract = start(variables);
    approveTranche(FINANCE);
    assertThat(contract).hasActiveElements("SubProcess_Delivery", "Timer_EvaluationDate");
    processTest.setTime(at("2017-03-01T09:00"));

    UserTask evaluatorTask =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> openTasks(client, "Task_ExpertScoring"), found -> !found.isEmpty())
            .get(0);
    List<String> visible =
        client
            .newUserTaskVariableSearchRequest(evaluatorTask.getUserTaskKey())
            .send()
            .join()
            .items()
            .stream()
            .map(io.camunda.client.api.search.response.Variable::getName)
            .toList();
    assertThat(visible)
        .contains("contractNo", "providerOrgId", "unitCode", "milestone", "evaluationWeights")
        .doesNotContain("scoreSheets", "bids", "sealedScoreSheets", "ranking");
    assertThat(evaluatorTask.getCandidateGroups())
        .containsExactly("evaluator-" + Kunshan2016.EVALUATOR);
    assertOpen("Task_TwoWayRating", "provider-" + PROVIDER);
    assertOpen("Task_PurchaserScoring", "district-KFQ");
  }

  @Test
  void aYear2ContractNotSignedByItsDeadlineIsEscalatedBeyondTheBureau() {
    ProcessInstanceEvent contract = signContract("TL", "亭林");
    long key = contract.getProcessInstanceKey();
    passMidTerm(contract);
    processTest.setTime(at("2017-08-01T09:00"));
    evaluateGood();
    confirmEvaluation();
    approveTranche(FINANCE);
    assertOpen("Task_SignNextYearContract", "civil-affairs");

    // the reminder a week before the deadline, not at once
    assertThat(elementInstances(client, key, "Task_RemindRenewalSigning", null)).isZero();
    processTest.setTime(at("2017-08-25T09:00"));
    await()
        .atMost(STEP)
        .until(
            () ->
                elementInstances(
                    client, key, "Task_RemindRenewalSigning", ElementInstanceState.COMPLETED),
            n -> n == 1);
    assertThat(elementInstances(client, key, "Task_EscalateRenewalSigning", null)).isZero();

    // 1 September passes unsigned: the district office and audit are called in; signing stays open
    processTest.setTime(at("2017-09-01T09:00"));
    List<UserTask> escalations =
        await()
            .atMost(STEP)
            .until(
                () -> openTasks(client, "Task_EscalateRenewalSigning"), found -> !found.isEmpty());
    assertThat(escalations)
        .singleElement()
        .satisfies(
            t ->
                assertThat(t.getCandidateGroups())
                    .containsExactlyInAnyOrder("district-TL", "audit"));
    assertOpen("Task_SignNextYearContract", "civil-affairs");
    // the people escalated to are told, in their inbox and by mail: why, the deadline, a link
    assertThat(outbox.find("notify.renewal-escalation", contractNo("TL")))
        .singleElement()
        .satisfies(m -> assertThat(m.recipientGroup()).isEqualTo("district-TL,audit"));
    assertThat(directory.members("audit")).isNotEmpty();
    for (String group : List.of("district-TL", "audit")) {
      for (io.civicflow.workers.outbox.Recipient person : directory.members(group)) {
        assertThat(inbox.of(person.userId()))
            .as(person.userId())
            .filteredOn(e -> e.title().equals("第二年度合同逾期未签，请督办：亭林"))
            .hasSize(1);
        assertThat(MailTestServer.shared().mailsTo(person.email()))
            .as(person.email())
            .filteredOn(m -> subject(m).contains("第二年度合同逾期未签，请督办：亭林"))
            .singleElement()
            .satisfies(
                m ->
                    assertThat(content(m))
                        .contains("合同" + contractNo("TL") + "的第二年度合同应于2017-08-31前签订")
                        .contains("服务将中断")
                        .contains("查看与办理：http"));
      }
    }
    assertThat(ledger.paymentsOf(year2("TL"))).isEmpty();
  }

  @Test
  void aFailedAcceptanceGetsTwoRectificationsThenTheBalanceIsWithheld() {
    Map<String, Object> oneYear = awarded("BL", "柏庐", 80_000_000L);
    oneYear.put("contractYears", 1);
    ProcessInstanceEvent contract = start(oneYear);
    approveTranche(FINANCE);
    long key = contract.getProcessInstanceKey();
    passMidTerm(contract);

    processTest.setTime(at("2017-08-01T09:00"));
    evaluateGood();
    confirmEvaluation();
    Map<String, Object> failed =
        Map.of(
            "serviceUsersInvited",
            true,
            "participantsCount",
            20,
            "acceptanceResult",
            "FAILED",
            "acceptanceOpinion",
            "社区治理项目成果不足",
            "resultPublished",
            true,
            "publicationRef",
            "昆民公告〔2017〕30号");
    Map<String, Object> rectification =
        Map.of(
            "rectificationPlan",
            Map.of("problems", "成果不足", "measures", "补充社区活动", "responsiblePerson", "王主任"));
    for (int round = 1; round <= 2; round++) {
      completeAs("Task_Acceptance", BUREAU, failed);
      completeAs("Task_RectifyForAcceptance", "provider1", rectification);
      int expected = round;
      await()
          .atMost(STEP)
          .until(
              () -> elementInstances(client, key, "Task_Acceptance", null), n -> n == expected + 1);
    }
    completeAs("Task_Acceptance", BUREAU, failed);

    // the third failure is a failed final evaluation: no balance, the termination path
    assertOpen("Task_StateCase", "provider-" + PROVIDER);
    assertThat(elementInstances(client, key, "Task_RectifyForAcceptance", null)).isEqualTo(2);
    assertThat(
            elementInstances(
                client, key, "Task_RecordFailedAcceptance", ElementInstanceState.COMPLETED))
        .isOne();
    assertThat(ledger.paymentsOf(contractNo("BL")))
        .extracting(PaymentRecord::paymentId)
        .containsExactly(paymentId("BL", 1, 1), paymentId("BL", 1, 2));
  }

  @Test
  void theProviderIsRemindedByMailBeforeItsReportIsDue() throws Exception {
    ProcessInstanceEvent contract = signContract("BX", "巴城镇");
    processTest.setTime(at("2016-11-01T09:00"));
    assertOpen("Task_FileOperatingReport", "provider-" + PROVIDER);
    processTest.increaseTime(Duration.ofDays(6));
    assertThat(contract).hasNotActivatedElements("Task_RemindReportDue");

    processTest.increaseTime(Duration.ofDays(1));

    assertThat(contract).hasCompletedElements("Timer_ReportDueSoon", "Task_RemindReportDue");
    List<String> providers =
        directory.members("provider-" + PROVIDER).stream()
            .map(io.civicflow.workers.outbox.Recipient::email)
            .filter(java.util.Objects::nonNull)
            .toList();
    assertThat(providers).isNotEmpty();
    for (String address : providers) {
      List<jakarta.mail.internet.MimeMessage> mails =
          MailTestServer.shared().mailsTo(address).stream()
              .filter(m -> subject(m).contains("运营报告将于三日后到期，请按期提交：巴城镇"))
              .toList();
      assertThat(mails).as(address).hasSize(1);
      // dated on the engine clock: 8 November, three days before the report is due on the 11th
      assertThat(mails.get(0).getSentDate().toInstant())
          .isBetween(at("2016-11-08T09:00"), at("2016-11-08T10:00"))
          .isBefore(at("2016-11-11T09:00"));
      assertThat((String) mails.get(0).getContent()).contains("办理期限：2016-11-11");
    }
    assertThat(contract).hasNotActivatedElements("Task_RemindReport");
  }

  private static String content(jakarta.mail.internet.MimeMessage mail) {
    try {
      return (String) mail.getContent();
    } catch (jakarta.mail.MessagingException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String subject(jakarta.mail.internet.MimeMessage mail) {
    try {
      return mail.getSubject();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aMissingOperatingReportIsRemindedThenEscalated() {
    ProcessInstanceEvent contract = signContract("LJ", "陆家镇");
    processTest.setTime(at("2016-11-01T09:00"));
    assertOpen("Task_FileOperatingReport", "provider-" + PROVIDER);

    processTest.increaseTime(Duration.ofDays(10));
    assertThat(contract).hasCompletedElements("Timer_ReportOverdue", "Task_RemindReport");
    assertThat(outbox.find("notify.report-reminder", contractNo("LJ")))
        .singleElement()
        .satisfies(m -> assertThat(m.recipientGroup()).isEqualTo("provider-" + PROVIDER));
    assertThat(contract).hasNotActivatedElements("Task_EscalateMissingReport");

    processTest.increaseTime(Duration.ofDays(5));
    assertThat(contract)
        .hasActiveElements("Task_EscalateMissingReport", "Task_FileOperatingReport")
        .hasActiveElements("SubProcess_Delivery");
    assertThat(UserTaskSelectors.byElementId("Task_EscalateMissingReport"))
        .isCreated()
        .hasCandidateGroups(List.of("civil-affairs", "district-LJ"));
    // the people escalated to are told, not only offered the task
    for (String group : List.of("civil-affairs", "district-LJ")) {
      for (io.civicflow.workers.outbox.Recipient person : directory.members(group)) {
        assertThat(MailTestServer.shared().mailsTo(person.email()))
            .as(person.userId())
            .filteredOn(m -> subject(m).contains("运营报告逾期五日未交，请督办：陆家镇"))
            .hasSize(1);
      }
    }
  }

  @Test
  void aReportReturnedByAReviewerIsFiledAgain() {
    ProcessInstanceEvent contract = signContract("QD", "千灯镇");
    processTest.setTime(at("2016-11-01T09:00"));
    processTest.completeUserTask("Task_FileOperatingReport", operatingReport("2016-11-01"));
    processTest.completeUserTask(
        "Task_ReviewReportDistrict", Map.of("reportReview", Map.of("decision", "ACCEPTED")));
    processTest.completeUserTask(
        "Task_ReviewReportBureau",
        Map.of("reportReview", Map.of("decision", "RETURNED", "opinion", "缺少个案服务记录")));

    assertOpen("Task_FileOperatingReport", "provider-" + PROVIDER);
    assertThat(contract).hasNotActivatedElements("EndEvent_ReportFiled");
    fileReportOn(contract, "2016-11-01", 0);
  }

  @Test
  void aComplaintDuringDeliveryIsHandledWithoutDisturbingTheContract() {
    ProcessInstanceEvent contract = signContract("BC", "巴城镇");
    processTest.setTime(at("2016-10-12T14:00"));

    client
        .newPublishMessageCommand()
        .messageName("ComplaintFiled")
        .correlationKey(projectNo("BC"))
        .variables(
            Map.of(
                "complaint",
                Map.of(
                    "complainant",
                    "巴城镇某社区居民",
                    "content",
                    "活动通知未覆盖独居老人",
                    "email",
                    "resident@bacheng.example")))
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
    // the resident was told the complaint was received, then the result
    assertThat(MailTestServer.shared().mailsTo("resident@bacheng.example"))
        .extracting(ServiceContractProcessTest::subject)
        .containsExactlyInAnyOrder("【CivicFlow】投诉已受理：巴城镇社区社会工作服务", "【CivicFlow】投诉处理结果：巴城镇社区社会工作服务");
    assertThat(
            MailTestServer.shared().mailsTo("resident@bacheng.example").stream()
                .map(ServiceContractProcessTest::content)
                .toList())
        .anySatisfy(text -> assertThat(text).contains("办理期限：2016-10-19"))
        .anySatisfy(text -> assertThat(text).contains("投诉成立。答复：已整改并回访"));

    // the contract goes on: the November report is asked for as usual
    processTest.setTime(at("2016-11-01T09:00"));
    assertThat(contract).hasActiveElements("Task_FileOperatingReport");
  }

  @Test
  void aLiaisonFilesAResidentsComplaintThroughItsFormAndItReachesTheDistrict() {
    ProcessInstanceEvent contract = signContract("QD", "千灯镇");
    processTest.setTime(at("2016-10-12T14:00"));
    // what the console's start form complaint-intake sends, filed by liaison1
    ProcessInstanceEvent intake =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("complaint-intake")
            .latestVersion()
            .variables(
                Map.of(
                    "channel", "LIAISON",
                    "projectNo", projectNo("QD"),
                    "complainant", "千灯镇某社区居民陈女士",
                    "content", "小组活动连续两周临时取消，未提前通知",
                    "email", "resident@qiandeng.example",
                    "startedBy", "liaison1"))
            .send()
            .join();

    assertThat(intake).isCompleted().hasCompletedElements("EndEvent_Forwarded");
    assertThat(contract).hasActiveElements("Task_HandleComplaint", "Task_ExplainComplaint");
    // the provider concerned gives its account from its own task list, due in 3 days
    assertOpen("Task_ExplainComplaint", "provider-" + PROVIDER);
    processTest.completeUserTask(
        "Task_ExplainComplaint", Map.of("providerAccount", "活动因场地临时被占用取消，已逐户电话致歉并补办"));
    assertThat(contract)
        .hasCompletedElements("EndEvent_ComplaintExplained")
        .hasActiveElements("Task_HandleComplaint");
    assertThat(MailTestServer.shared().mailsTo("resident@qiandeng.example"))
        .extracting(ServiceContractProcessTest::subject)
        .containsExactly("【CivicFlow】投诉已受理：千灯镇社区社会工作服务");

    // a project number without a running contract: the liaison is told it was not accepted
    ProcessInstanceEvent wrong =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("complaint-intake")
            .latestVersion()
            .variables(
                Map.of(
                    "channel", "LIAISON",
                    "projectNo", "KSCG-2016-XX",
                    "complainant", "某社区居民",
                    "content", "活动取消未通知",
                    "email", "",
                    "startedBy", "liaison1"))
            .send()
            .join();
    assertThat(wrong).isCompleted().hasCompletedElements("EndEvent_NotAccepted");
    assertThat(MailTestServer.shared().mailsTo("yangli@community.example.gov.cn"))
        .extracting(ServiceContractProcessTest::subject)
        .contains("【CivicFlow】投诉未能受理：项目编号KSCG-2016-XX");
  }

  @Test
  void aProviderThatDoesNotExplainAComplaintWithinSevenDaysLeavesItToTheDistrict() {
    ProcessInstanceEvent contract = signContract("QD", "千灯镇");
    processTest.setTime(at("2016-10-12T14:00"));
    client
        .newCreateInstanceCommand()
        .bpmnProcessId("complaint-intake")
        .latestVersion()
        .variables(
            Map.of(
                "channel", "LIAISON",
                "projectNo", projectNo("QD"),
                "complainant", "千灯镇某社区居民王先生",
                "content", "上门探访约定时间未到",
                "email", "",
                "startedBy", "liaison1"))
        .send()
        .join();
    assertOpen("Task_ExplainComplaint", "provider-" + PROVIDER);

    // the provider does not answer: after seven days its task closes, the district's handling goes
    // on
    processTest.setTime(at("2016-10-19T14:01"));
    assertThat(contract)
        .hasCompletedElements("EndEvent_ExplanationLapsed")
        .hasTerminatedElements("Task_ExplainComplaint")
        .hasActiveElements("Task_HandleComplaint", "SubProcess_Delivery");
  }

  @Test
  void aPaymentWorkerRetriedAfterACrashDoesNotPayTwice() {
    String firstTranche = paymentId("ZZ", 1, 1);
    paymentFaults.crashOnceAfterPaying(firstTranche);

    ProcessInstanceEvent contract = signContract("ZZ", "周庄镇");

    assertThat(contract)
        .hasCompletedElements("CallActivity_PayFirstTranche")
        .hasActiveElements("Timer_EvaluationDate");
    assertThat(paymentFaults.attempts(firstTranche)).as("paid, crashed, retried").isEqualTo(2);
    assertThat(ledger.paymentsOf(contractNo("ZZ")))
        .singleElement()
        .satisfies(p -> assertThat(p.amountFen()).isEqualTo(TRANCHE_1));
    assertThat(ledger.totalPaid(contractNo("ZZ"))).isEqualTo(TRANCHE_1);
  }
}
