package io.civicflow.workers.procurement;

import static io.camunda.process.test.api.CamundaAssert.assertThat;
import static io.civicflow.workers.procurement.Kunshan2016.at;
import static io.civicflow.workers.procurement.Kunshan2016.childInstance;
import static io.civicflow.workers.procurement.Kunshan2016.children;
import static io.civicflow.workers.procurement.Kunshan2016.compliantNeedsBook;
import static io.civicflow.workers.procurement.Kunshan2016.projectNo;
import static io.civicflow.workers.procurement.Kunshan2016.roundStartForm;
import static io.civicflow.workers.procurement.Tendering.HENGAI;
import static io.civicflow.workers.procurement.Tendering.SUNSHINE;
import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.process.test.api.CamundaProcessTestContext;
import io.camunda.process.test.api.assertions.ProcessInstanceSelectors;
import io.camunda.process.test.api.assertions.UserTaskSelectors;
import io.civicflow.workers.outbox.Outbox;
import io.civicflow.workers.testing.EmbeddedEngineProcessTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * procurement-round — the bureau's round (DOMAIN.md §1 step 1, §6 needs book review and method):
 * needs survey and needs book in July 2016, the clause review sending a non-compliant book back,
 * approval, the procurement method from the budget, the budget check, then every unit procured in
 * parallel.
 */
@EmbeddedEngineProcessTest
class ProcurementRoundProcessTest {

  @Autowired private CamundaClient client;
  @Autowired private CamundaProcessTestContext processTest;
  @Autowired private Outbox outbox;

  private ProcessInstanceEvent startRound(Map<String, Object> form) {
    processTest.setTime(at("2016-07-01T09:00"));
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId("procurement-round")
        .latestVersion()
        .variables(form)
        .send()
        .join();
  }

  private void surveyNeeds() {
    processTest.setTime(at("2016-07-08T16:00"));
    Map<String, Object> survey = new HashMap<>();
    survey.put("startDate", "2016-07-01");
    survey.put("endDate", "2016-07-08");
    survey.put("methods", List.of("座谈会", "问卷"));
    survey.put("respondents", 420);
    survey.put("findings", "独居老人与困境儿童服务需求突出");
    processTest.completeUserTask("Task_NeedsSurvey", Map.of("needsSurvey", survey));
  }

  private void approveNeedsBook() {
    processTest.completeUserTask(
        "Task_ApproveNeedsBook",
        Map.of(
            "needsBookApproval",
            Map.of(
                "generalReviewDone",
                true,
                "keyReviewDone",
                true,
                "opinion",
                "同意",
                "reviewer",
                "民政局社会工作处"),
            "needsBookDecision",
            "APPROVED"));
  }

  @Test
  void theKunshanRoundGoesFromTheNeedsSurveyToFifteenUnitsInParallel() {
    ProcessInstanceEvent round = startRound(roundStartForm(List.of()));

    assertThat(round)
        .hasCompletedElements("Task_PrepareRound")
        .hasActiveElements("Task_NeedsSurvey")
        .hasVariable("needsSurveyDeadline", "2016-07-15T17:00:00+08:00")
        .hasVariable("signDeadline", "2016-09-01T00:00:00+08:00")
        .hasVariable("contractValueFen", 80_000_000)
        .hasVariable("trancheBasisPoints", List.of(3000, 4000, 3000));
    assertThat(UserTaskSelectors.byElementId("Task_NeedsSurvey"))
        .hasCandidateGroup("civil-affairs")
        .hasDueDate("2016-07-15T09:00:00.000Z");
    surveyNeeds();

    // a needs book that makes headcount a qualification goes back for revision (87号令 Art 17)
    Map<String, Object> headcountBook = new HashMap<>(compliantNeedsBook());
    headcountBook.put("usesHeadcountCondition", true);
    processTest.setTime(at("2016-07-20T10:00"));
    processTest.completeUserTask("Task_CompileNeedsBook", Map.of("needsBook", headcountBook));
    assertThat(round)
        .hasActiveElements("Task_ReviseNeedsBook")
        .hasVariableSatisfies(
            "clauseFindings",
            List.class,
            findings -> assertThat(findings).singleElement().asString().contains("87号令第17条"));
    processTest.completeUserTask("Task_ReviseNeedsBook", Map.of("needsBook", compliantNeedsBook()));
    approveNeedsBook();

    // the units are tendered by the unit-procurement deployed with the round (deployment binding)
    assertThat(round)
        .isActive()
        .hasActiveElements("CallActivity_UnitProcurement")
        .hasCompletedElementsInOrder(
            "Task_PrepareRound",
            "Task_NeedsSurvey",
            "Task_CompileNeedsBook",
            "Task_ReviseNeedsBook",
            "Task_ApproveNeedsBook",
            "Task_ChooseMethod",
            "Task_CheckRoundBudget")
        .hasCompletedElement("Task_ClauseReview", 2)
        .hasNotActivatedElements("Task_ResolveBudget")
        .hasVariable("method", "竞争性磋商")
        .hasVariable("minimumBids", 2)
        .hasVariable("bidPeriodDays", 10)
        .hasVariable("budgetFits", true)
        .hasVariableSatisfies("units", List.class, units -> assertThat(units).hasSize(15));
    assertThat(children(client, round.getProcessInstanceKey(), "unit-procurement"))
        .hasSize(15)
        .allSatisfy(
            unit ->
                assertThat(unit.getParentProcessInstanceKey())
                    .isEqualTo(round.getProcessInstanceKey()));
  }

  @Test
  void anOpenTenderWithOnlyTwoBidsIsTenderedAgain() {
    Map<String, Object> form = roundStartForm(List.of("DSH"));
    form.put("annualBudgetPerUnitYuan", 1_200_000); // above the 1,000,000 CNY open-tender threshold
    ProcessInstanceEvent round = startRound(form);
    surveyNeeds();
    processTest.completeUserTask(
        "Task_CompileNeedsBook", Map.of("needsBook", compliantNeedsBook()));
    approveNeedsBook();
    assertThat(round)
        .hasVariable("method", "公开招标")
        .hasVariable("minimumBids", 3)
        .hasVariable("bidPeriodDays", 20)
        .hasActiveElements("CallActivity_UnitProcurement");

    long unit = childInstance(client, round.getProcessInstanceKey(), "unit-procurement");
    Tendering tendering = new Tendering(client, processTest, unit, projectNo("DSH"));
    processTest.setTime(at("2016-07-25T10:00"));
    tendering.publishTender();
    assertThat(ProcessInstanceSelectors.byKey(unit))
        .hasVariable("bidDeadline", "2016-08-15T09:00:00+08:00") // 14 August is a Sunday
        .hasVariable("tenderAttempt", 1);
    tendering.bidOnline(SUNSHINE, "昆山市阳光社会工作服务社", 118_000_000L);
    tendering.bidOnline(HENGAI, "昆山市恒爱社会工作服务中心", 115_000_000L);
    assertThat(ProcessInstanceSelectors.byKey(unit))
        .hasVariableSatisfies("bids", List.class, bids -> assertThat(bids).hasSize(2));

    processTest.setTime(at("2016-08-15T09:00"));

    assertThat(ProcessInstanceSelectors.byKey(unit))
        .hasCompletedElements("Timer_BidDeadline", "Gateway_EnoughBids")
        .hasActiveElements("Task_RetenderOrSwitch")
        .hasNotActivatedElements("CallActivity_Conformity", "Task_FormPanel");
    processTest.completeUserTask(
        UserTaskSelectors.byElementId("Task_RetenderOrSwitch", unit),
        Map.of("retenderDecision", "RETENDER", "retenderReason", "响应供应商不足3家，依法重新招标"));

    assertThat(ProcessInstanceSelectors.byKey(unit))
        .hasCompletedElements("Task_ResetBids")
        .hasCompletedElement("Task_PrepareTenderDocuments", 1)
        .hasActiveElements("Task_PrepareTenderDocuments")
        .hasVariable("bids", List.of());
    tendering.publishTender();
    assertThat(ProcessInstanceSelectors.byKey(unit)).hasVariable("tenderAttempt", 2);
    assertThat(outbox.find("notice.announcement", projectNo("DSH")))
        .extracting(m -> m.messageId())
        .containsExactly(
            projectNo("DSH") + ":announcement:1", projectNo("DSH") + ":announcement:2");
  }

  @Test
  void aBudgetShortfallIsResolvedByTheFundsTheBureauAddsAndTheRoundGoesOn() {
    Map<String, Object> form = roundStartForm(List.of("ZP", "HQ"));
    // two units of 800,000 CNY and the 400,000 CNY pool need 2,000,000 CNY
    form.put("availableFundsYuan", 1_800_000);
    ProcessInstanceEvent round = startRound(form);
    surveyNeeds();
    processTest.completeUserTask(
        "Task_CompileNeedsBook", Map.of("needsBook", compliantNeedsBook()));
    approveNeedsBook();

    assertThat(round)
        .hasActiveElements("Task_ResolveBudget")
        .hasVariable("budgetFits", false)
        .hasVariable("shortfallFen", 20_000_000)
        .hasVariable("requiredFundsFen", 200_000_000)
        .hasNotActivatedElements("CallActivity_UnitProcurement");
    assertThat(UserTaskSelectors.byElementId("Task_ResolveBudget"))
        .hasCandidateGroup("civil-affairs");

    processTest.completeUserTask(
        "Task_ResolveBudget",
        Map.of(
            "budgetResolution", "ADD_FUNDS",
            "additionalFundsYuan", 200_000,
            "fundingApprovalRef", "昆财社〔2016〕45号",
            "budgetResolutionNote", "市财政追加福彩公益金20万元"));

    assertThat(round)
        .hasActiveElements("CallActivity_UnitProcurement")
        .hasCompletedElement("Task_CheckRoundBudget", 2)
        .hasCompletedElement("Task_ResolveBudget", 1)
        .hasCompletedElements("Task_ApplyBudgetResolution")
        .hasVariable("availableFundsFen", 200_000_000)
        .hasVariable("budgetFits", true)
        .hasVariable("shortfallFen", 0)
        .hasNotActivatedElements("EndEvent_RoundPostponed");
    assertThat(children(client, round.getProcessInstanceKey(), "unit-procurement")).hasSize(2);
  }
}
