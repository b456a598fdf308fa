package io.civicflow.workers.procurement;

import static io.civicflow.workers.procurement.Kunshan2016.at;
import static io.civicflow.workers.procurement.Kunshan2016.elementInstances;
import static io.civicflow.workers.procurement.Kunshan2016.openTasks;
import static io.civicflow.workers.procurement.Kunshan2016.operatingReport;
import static io.civicflow.workers.procurement.Kunshan2016.signedContract;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientException;
import io.camunda.client.api.command.MigrationPlan;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.response.Process;
import io.camunda.client.api.search.enums.ElementInstanceState;
import io.camunda.client.api.search.response.ElementInstance;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.process.test.api.CamundaProcessTestContext;
import io.civicflow.workers.payment.PaymentLedger;
import io.civicflow.workers.payment.PaymentRecord;
import io.civicflow.workers.testing.EmbeddedEngineProcessTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The bureau adds a step to service-contract while the Kunshan 2018 round's 15 contracts run: from
 * now on the bureau's lead re-checks every accepted operating report (分管领导复核运营报告). The new version
 * is deployed in January 2019, in the middle of contract year 1, and the 15 running contracts are
 * migrated to it; one control contract with the same terms stays on the old version. The migrated
 * contracts reach the new step at their next report, keep reaching it through year 2, and finish in
 * August 2020 with the same six tranches (2 × the contract value) as the control contract.
 */
@EmbeddedEngineProcessTest
class ServiceContractMigrationProcessTest {

  private static final String PROCESS_ID = "service-contract";
  private static final String LEAD_REVIEW = "Task_ReviewReportLead";
  private static final String PROVIDER = "52320583MJ5000001X";
  private static final long AWARDED_FEN = 78_000_000L;
  private static final String FINANCE = "finance1";
  private static final String BUREAU = "civil1";
  private static final Duration STEP = Duration.ofSeconds(90);

  /** The control contract: same terms, not migrated. */
  private static final String CONTROL = "CTRL";

  @Autowired private CamundaClient client;
  @Autowired private CamundaProcessTestContext processTest;
  @Autowired private PaymentLedger ledger;

  private static String contractNo(String unitCode) {
    return "KS-2018-" + unitCode + "-Y1";
  }

  /** A unit's contract of the Kunshan 2018 round, signed on 30 August 2018. */
  private static Map<String, Object> contract2018(String unitCode, String unitName) {
    Map<String, Object> variables = signedContract(unitCode, unitName, PROVIDER);
    variables.put("roundYear", 2018);
    variables.put("projectNo", "KSCG-2018-" + unitCode);
    variables.put("contractNo", contractNo(unitCode));
    variables.put("contractStartDate", "2018-09-01");
    variables.put("signDeadline", "2018-09-01T00:00:00+08:00");
    variables.put("signReminderDate", "2018-08-24T09:00:00+08:00");
    variables.put("contractValueFen", AWARDED_FEN);
    variables.put("awardedPriceFen", AWARDED_FEN);
    variables.put("budgetFen", 80_000_000L);
    return variables;
  }

  /**
   * service-contract as the modeller changes it: an accepted report goes to the bureau's lead
   * before it is filed. Made from the released model, so the test follows its changes.
   */
  static String withLeadReview() throws IOException {
    String xml;
    try (InputStream in =
        ServiceContractMigrationProcessTest.class
            .getClassLoader()
            .getResourceAsStream("processes/service-contract.bpmn")) {
      xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String accepted =
        "<bpmn:sequenceFlow id=\"Flow_ReportAccepted\" name=\"通过\""
            + " sourceRef=\"Gateway_ReportAccepted\" targetRef=\"EndEvent_ReportFiled\">";
    String endEvent =
        "<bpmn:endEvent id=\"EndEvent_ReportFiled\" name=\"报告已审阅\">\n"
            + "          <bpmn:incoming>Flow_ReportAccepted</bpmn:incoming>";
    assertThat(xml).contains(accepted, endEvent);
    String leadReview =
        """
        <bpmn:userTask id="Task_ReviewReportLead" name="分管领导复核运营报告">
          <bpmn:extensionElements>
            <zeebe:userTask />
            <zeebe:formDefinition formId="operating-report-review" bindingType="deployment" />
            <zeebe:ioMapping>
              <zeebe:input source="=filedReport" target="operatingReport" />
              <zeebe:input source="=null" target="reportReview" />
              <zeebe:output source="=reportReview" target="leadReview" />
            </zeebe:ioMapping>
            <zeebe:assignmentDefinition candidateGroups="civil-affairs" />
          </bpmn:extensionElements>
          <bpmn:incoming>Flow_ReportAccepted</bpmn:incoming>
          <bpmn:outgoing>Flow_LeadReviewed</bpmn:outgoing>
        </bpmn:userTask>
        <bpmn:sequenceFlow id="Flow_LeadReviewed" sourceRef="Task_ReviewReportLead" targetRef="EndEvent_ReportFiled" />
        """;
    return xml.replace(accepted, accepted.replace("EndEvent_ReportFiled", LEAD_REVIEW))
        .replace(
            endEvent,
            leadReview
                + endEvent.replace(
                    "<bpmn:incoming>Flow_ReportAccepted", "<bpmn:incoming>Flow_LeadReviewed"));
  }

  /** Waits for {@code count} open tasks of {@code elementId}; assigns and completes each. */
  private void completeAll(
      String elementId, int count, String assignee, Map<String, Object> variables) {
    List<UserTask> tasks =
        await()
            .atMost(STEP)
            .until(() -> openTasks(client, elementId), found -> found.size() == count);
    for (UserTask task : tasks) {
      if (assignee != null) {
        client.newAssignUserTaskCommand(task.getUserTaskKey()).assignee(assignee).send().join();
      }
      client.newCompleteUserTaskCommand(task.getUserTaskKey()).variables(variables).send().join();
    }
  }

  private void approveTranches(int count) {
    completeAll(
        "Task_ApproveTranche",
        count,
        FINANCE,
        Map.of(
            "trancheApproval",
            Map.of("decision", "APPROVED", "opinion", "同意拨付", "voucherRef", "KSCZ-1")));
  }

  /** Every contract files its report on {@code date}; the district and the bureau accept it. */
  private void fileReports(
      Map<String, Long> contracts, Set<String> migrated, String date, int reportsSoFar) {
    processTest.setTime(at(date + "T09:00"));
    int all = contracts.size();
    Map<String, Object> accepted = Map.of("reportReview", Map.of("decision", "ACCEPTED"));
    completeAll("Task_FileOperatingReport", all, null, operatingReport(date));
    completeAll("Task_ReviewReportDistrict", all, null, accepted);
    completeAll("Task_ReviewReportBureau", all, null, accepted);
    if (!migrated.isEmpty()) {
      // only the migrated contracts have the new step; the control contract's report is filed
      List<UserTask> lead =
          await()
              .atMost(STEP)
              .until(
                  () -> openTasks(client, LEAD_REVIEW), found -> found.size() == migrated.size());
      assertThat(lead)
          .allSatisfy(t -> assertThat(t.getCandidateGroups()).containsExactly("civil-affairs"))
          .extracting(UserTask::getProcessInstanceKey)
          .containsExactlyInAnyOrderElementsOf(migrated.stream().map(contracts::get).toList());
      completeAll(LEAD_REVIEW, migrated.size(), BUREAU, accepted);
    }
    for (long key : contracts.values()) {
      await()
          .atMost(STEP)
          .until(
              () ->
                  elementInstances(
                      client, key, "EndEvent_ReportFiled", ElementInstanceState.COMPLETED),
              n -> n == reportsSoFar + 1);
    }
  }

  /** Every contract's evaluation on the current date: scored 89.0 良好, confirmed, paid. */
  private void evaluateAll(int count) {
    scoreAndConfirmAll(count);
    approveTranches(count);
  }

  /** Every contract's evaluation on the current date scored 89.0 良好 and confirmed. */
  private void scoreAndConfirmAll(int count) {
    Map<String, Object> expert = new LinkedHashMap<>();
    expert.put("management", 18);
    expert.put("outputs", 27);
    expert.put("outcomes", 26);
    expert.put("finance", 14);
    expert.put("innovation", 4);
    expert.put("expertComments", "资料完整，服务记录可查");
    completeAll("Task_ExpertScoring", count, null, expert);
    completeAll(
        "Task_PurchaserScoring",
        count,
        null,
        Map.of("purchaserScore", 88, "purchaserComments", "区镇评价"));
    completeAll(
        "Task_ResidentSatisfaction",
        count,
        null,
        Map.of("residentSatisfaction", 90, "respondents", 120, "residentFeedback", "居民问卷"));
    completeAll(
        "Task_TwoWayRating", count, null, Map.of("twoWayRating", 85, "twoWayComments", "区镇提供场地支持"));
    completeAll(
        "Task_ConfirmEvaluationResult",
        count,
        BUREAU,
        Map.of("evaluationConfirmation", Map.of("reportChecked", true, "opinion", "确认")));
  }

  /** Waits until every contract has completed {@code elementId} {@code times} times. */
  private void awaitCompleted(Map<String, Long> contracts, String elementId, int times) {
    for (long key : contracts.values()) {
      await()
          .atMost(STEP)
          .until(
              () -> elementInstances(client, key, elementId, ElementInstanceState.COMPLETED),
              n -> n == times);
    }
  }

  /** The active element ids of an instance: what a mapping must cover. */
  private Set<String> activeElements(long processInstanceKey) {
    Set<String> ids = new LinkedHashSet<>();
    for (ElementInstance e :
        client
            .newElementInstanceSearchRequest()
            .filter(
                f -> f.processInstanceKey(processInstanceKey).state(ElementInstanceState.ACTIVE))
            .page(p -> p.limit(1000))
            .send()
            .join()
            .items()) {
      ids.add(e.getElementId());
    }
    return ids;
  }

  private static String year2ContractNo(String unitCode) {
    return "KS-2018-" + unitCode + "-Y2";
  }

  private List<Long> paidAmounts(String contractNo) {
    return ledger.paymentsOf(contractNo).stream().map(PaymentRecord::amountFen).toList();
  }

  @Test
  void theKunshanContractsMigratedMidYearReachTheNewReviewAndPayTheSameTranches()
      throws IOException {
    // 30 August 2018: the 15 units' contracts and the control contract are signed; finance
    // approves every year-1 first tranche
    processTest.setTime(at("2018-08-30T10:00"));
    Map<String, Long> contracts = new LinkedHashMap<>();
    for (ProcurementUnit unit : KunshanUnits.all()) {
      contracts.put(unit.code(), start(contract2018(unit.code(), unit.name())));
    }
    contracts.put(CONTROL, start(contract2018(CONTROL, "对照合同")));
    approveTranches(contracts.size());
    for (long key : contracts.values()) {
      await()
          .atMost(STEP)
          .until(() -> activeElements(key), ids -> ids.contains("Timer_EvaluationDate"));
    }

    // the first two reports, on the old version
    fileReports(contracts, Set.of(), "2018-11-01", 0);
    fileReports(contracts, Set.of(), "2019-01-01", 1);

    // 15 January 2019: the bureau deploys the changed model as version 2
    processTest.setTime(at("2019-01-15T10:00"));
    long version1 = processDefinitionKeyOf(contracts.get("ZP"));
    // service-contract binds its forms and called processes by deployment (bindingType
    // "deployment"): Camunda looks for them in the deployment of the contract's version. Deployed
    // alone, the migrated contracts would find no form for their next report (an incident, no
    // task) and no evaluation to call; so the changed model goes out as the application deploys
    // its models, with every resource of processes/ and forms/ (unchanged ones keep their version)
    DeploymentEvent deployment = deployWithItsResources(withLeadReview());
    Process version2 =
        deployment.getProcesses().stream()
            .filter(p -> p.getBpmnProcessId().equals(PROCESS_ID))
            .findFirst()
            .orElseThrow();
    assertThat(version2.getBpmnProcessId()).isEqualTo(PROCESS_ID);
    assertThat(version2.getProcessDefinitionKey()).isNotEqualTo(version1);

    // Camunda migrates nothing by itself: a plan without mapping instructions is refused, naming
    // an active element that has none
    long zp = contracts.get("ZP");
    assertThatThrownBy(
            () ->
                client
                    .newMigrateProcessInstanceCommand(zp)
                    .migrationPlan(version2.getProcessDefinitionKey())
                    .addMappingInstruction("Task_FileOperatingReport", "Task_FileOperatingReport")
                    .send()
                    .join())
        .isInstanceOf(ClientException.class)
        .hasMessageContaining("no mapping instruction defined for active element with id");

    // the official's way through: map every active element to the element of the same id (what
    // the console's 迁移 proposes) — the delivery sub-process, the report periods waiting on their
    // due-date timers, the evaluation milestone waiting on its date
    Set<String> migrated = new LinkedHashSet<>();
    for (ProcurementUnit unit : KunshanUnits.all()) {
      long key = contracts.get(unit.code());
      Set<String> active = activeElements(key);
      assertThat(active)
          .contains(
              "SubProcess_Delivery",
              "SubProcess_Report",
              "Timer_OperatingReportDue",
              "SubProcess_Milestone",
              "Timer_EvaluationDate");
      MigrationPlan.MigrationPlanBuilderStep2 plan =
          MigrationPlan.newBuilder()
              .withTargetProcessDefinitionKey(version2.getProcessDefinitionKey());
      MigrationPlan.MigrationPlanBuilderFinalStep mapped = null;
      for (String id : active) {
        mapped = (mapped == null ? plan : mapped).addMappingInstruction(id, id);
      }
      client.newMigrateProcessInstanceCommand(key).migrationPlan(mapped.build()).send().join();
      migrated.add(unit.code());
    }
    for (String unit : migrated) {
      assertThat(processDefinitionKeyOf(contracts.get(unit)))
          .as(unit)
          .isEqualTo(version2.getProcessDefinitionKey());
    }
    assertThat(processDefinitionKeyOf(contracts.get(CONTROL))).isEqualTo(version1);

    // 1 March 2019: the next report reaches the lead's review on the migrated contracts only;
    // the mid-term evaluation releases tranche 2
    fileReports(contracts, migrated, "2019-03-01", 2);
    evaluateAll(contracts.size());
    fileReports(contracts, migrated, "2019-05-01", 3);
    fileReports(contracts, migrated, "2019-07-01", 4);

    // 1 August 2019: the annual evaluation releases tranche 3; year 2 waits to be signed
    processTest.setTime(at("2019-08-01T09:00"));
    evaluateAll(contracts.size());
    await()
        .atMost(STEP)
        .until(
            () -> openTasks(client, "Task_SignNextYearContract"),
            found -> found.size() == contracts.size());

    List<Long> control = paidAmounts(contractNo(CONTROL));
    assertThat(control)
        .as("the control contract: 30/40/30 of the awarded 780,000 CNY")
        .containsExactly(23_400_000L, 31_200_000L, 23_400_000L);
    for (String unit : migrated) {
      assertThat(paidAmounts(contractNo(unit))).as(unit).isEqualTo(control);
      long key = contracts.get(unit);
      assertThat(elementInstances(client, key, LEAD_REVIEW, ElementInstanceState.COMPLETED))
          .as("%s: the lead reviewed the three reports after the migration", unit)
          .isEqualTo(3);
      assertThat(
              elementInstances(client, key, "EndEvent_ReportFiled", ElementInstanceState.COMPLETED))
          .isEqualTo(5);
    }
    assertThat(
            elementInstances(
                client, contracts.get(CONTROL), LEAD_REVIEW, ElementInstanceState.COMPLETED))
        .isZero();

    // 26 August 2019: the bureau signs every year-2 contract; finance approves year-2 tranche 1
    processTest.setTime(at("2019-08-26T10:00"));
    completeAll(
        "Task_SignNextYearContract",
        contracts.size(),
        BUREAU,
        Map.of(
            "contractSigning",
            Map.of(
                "signedDate",
                "2019-08-26",
                "providerRepresentative",
                "李主任",
                "termsConfirmed",
                true,
                "teamConfirmed",
                true,
                "performanceBondReceived",
                true)));
    approveTranches(contracts.size());
    awaitCompleted(contracts, "CallActivity_PayNextYearFirstTranche", 1);

    // year 2 on both versions: four reports, the March mid-term (tranche 2), two reports, the
    // August final evaluation with acceptance (tranche 3)
    fileReports(contracts, migrated, "2019-09-01", 5);
    fileReports(contracts, migrated, "2019-11-01", 6);
    fileReports(contracts, migrated, "2020-01-01", 7);
    fileReports(contracts, migrated, "2020-03-01", 8);
    evaluateAll(contracts.size());
    fileReports(contracts, migrated, "2020-05-01", 9);
    fileReports(contracts, migrated, "2020-07-01", 10);
    processTest.setTime(at("2020-08-01T09:00"));
    scoreAndConfirmAll(contracts.size());
    completeAll(
        "Task_Acceptance",
        contracts.size(),
        BUREAU,
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
            "昆民公告〔2020〕12号"));
    approveTranches(contracts.size());
    awaitCompleted(contracts, "Task_PublishAcceptance", 1);

    // the twelfth report, due 1 September 2020, closes every contract
    fileReports(contracts, migrated, "2020-09-01", 11);
    awaitCompleted(contracts, "Task_CloseContract", 1);

    List<Long> controlYear2 = paidAmounts(year2ContractNo(CONTROL));
    assertThat(controlYear2)
        .as("the control contract's year 2 under its own number: 30/40/30 again")
        .containsExactly(23_400_000L, 31_200_000L, 23_400_000L);
    assertThat(ledger.totalPaid(contractNo(CONTROL)) + ledger.totalPaid(year2ContractNo(CONTROL)))
        .isEqualTo(2 * AWARDED_FEN);
    for (Map.Entry<String, Long> contract : contracts.entrySet()) {
      String unit = contract.getKey();
      long key = contract.getValue();
      assertThat(client.newProcessInstanceGetRequest(key).send().join().getState())
          .as("%s: the contract ran to its end", unit)
          .isEqualTo(io.camunda.client.api.search.enums.ProcessInstanceState.COMPLETED);
      assertThat(paidAmounts(contractNo(unit))).as("%s year 1", unit).isEqualTo(control);
      assertThat(paidAmounts(year2ContractNo(unit))).as("%s year 2", unit).isEqualTo(controlYear2);
      assertThat(ledger.totalPaid(contractNo(unit)) + ledger.totalPaid(year2ContractNo(unit)))
          .as("%s: the six tranches add up to 2 × 780,000 CNY", unit)
          .isEqualTo(2 * AWARDED_FEN);
      assertThat(
              elementInstances(client, key, "EndEvent_ReportFiled", ElementInstanceState.COMPLETED))
          .as(unit)
          .isEqualTo(12);
      assertThat(elementInstances(client, key, LEAD_REVIEW, ElementInstanceState.COMPLETED))
          .as("%s: the lead reviewed the three year-1 and seven year-2 reports", unit)
          .isEqualTo(CONTROL.equals(unit) ? 0 : 10);
    }
  }

  /**
   * One deployment of every model and form the application deploys (its {@code @Deployment}
   * patterns), with service-contract replaced by {@code serviceContract}.
   */
  private DeploymentEvent deployWithItsResources(String serviceContract) throws IOException {
    var resolver = new org.springframework.core.io.support.PathMatchingResourcePatternResolver();
    var command =
        client
            .newDeployResourceCommand()
            .addResourceStringUtf8(serviceContract, "service-contract.bpmn");
    for (String pattern :
        List.of(
            "classpath*:/processes/**/*.bpmn",
            "classpath*:/processes/**/*.dmn",
            "classpath*:/forms/**/*.form")) {
      for (var resource : resolver.getResources(pattern)) {
        if (resource.getFilename().equals("service-contract.bpmn")) {
          continue;
        }
        try (InputStream in = resource.getInputStream()) {
          command = command.addResourceBytes(in.readAllBytes(), resource.getFilename());
        }
      }
    }
    return command.send().join();
  }

  private long start(Map<String, Object> variables) {
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId(PROCESS_ID)
        .latestVersion()
        .variables(variables)
        .send()
        .join()
        .getProcessInstanceKey();
  }

  private long processDefinitionKeyOf(long processInstanceKey) {
    return client
        .newProcessInstanceGetRequest(processInstanceKey)
        .send()
        .join()
        .getProcessDefinitionKey();
  }
}
