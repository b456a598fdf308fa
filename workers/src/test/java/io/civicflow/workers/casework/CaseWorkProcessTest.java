package io.civicflow.workers.casework;

import static io.camunda.process.test.api.CamundaAssert.assertThat;
import static io.civicflow.workers.testing.StationProcesses.months;
import static io.civicflow.workers.testing.StationProcesses.variable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.process.test.api.CamundaAssert;
import io.camunda.process.test.api.CamundaProcessTestContext;
import io.camunda.process.test.api.assertions.UserTaskSelectors;
import io.civicflow.workers.registry.CaseEntry;
import io.civicflow.workers.registry.CaseRecords;
import io.civicflow.workers.registry.CaseStep;
import io.civicflow.workers.testing.EmbeddedEngineProcessTest;
import io.civicflow.workers.testing.StationProcesses;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * case-work with the real workers (DOMAIN.md §3; Taicang 初步评估 → 评定等级 → 制订方案 → 执行方案 → 追踪辅导): an
 * intake is accepted, refused or referred; the grade sets the review cycle and the follow-up
 * schedule; a review's outcome acts (continue, revise the plan, escalate to the supervisor, close);
 * every step lands in the case record with who did it.
 */
@EmbeddedEngineProcessTest
class CaseWorkProcessTest {

  @Autowired private CamundaClient client;
  @Autowired private CamundaProcessTestContext processTest;
  @Autowired private CaseRecords records;
  @Autowired private io.civicflow.workers.dispatch.WorkerAvailability availability;

  @BeforeEach
  void startOnAMondayMorning() {
    processTest.setTime(StationProcesses.MONDAY_MORNING);
    CamundaAssert.setAssertionTimeout(StationProcesses.ASSERTION_TIMEOUT);
  }

  @AfterEach
  void defaultAssertionTimeoutAndEveryoneBackAtWork() {
    CamundaAssert.setAssertionTimeout(CamundaAssert.DEFAULT_ASSERTION_TIMEOUT);
    availability.mark("worker1", false);
  }

  @Test
  void aCaseRefusedAtIntakeEndsWithTheReasonInItsRecord() {
    // the named worker is away: the case goes to the backup (AB role)
    availability.mark("worker1", true);
    ProcessInstanceEvent caseWork =
        openCase("李明", "邻里纠纷，希望社工出面调解", Map.of("caseBackup", "worker2"));
    String caseNo = variable(client, caseWork, "caseNo", String.class);
    assertThat(caseWork)
        .hasVariable("caseWorker", "worker2")
        .hasVariable("caseAbRoleUsed", true)
        .hasNotActivatedElements("Task_NotifyHeadNoWorker");
    assertThat(UserTaskSelectors.byElementId("Task_IntakeDecision"))
        .hasAssignee("worker2")
        .hasCandidateGroups(List.of("station-shaxi"));

    completeAs(
        caseWork,
        "Task_IntakeDecision",
        "worker2",
        Map.of("intakeDecision", "REFUSE", "refusalReason", "属民事纠纷，已告知向人民调解委员会申请调解"));

    assertThat(caseWork)
        .isCompleted()
        .hasCompletedElements("Task_RecordIntake", "EndEvent_Refused")
        .hasNotActivatedElements("Task_InitialAssessment", "EndEvent_CaseClosed");
    assertThat(records.historyOf(caseNo))
        .extracting(CaseEntry::step, CaseEntry::actedBy, CaseEntry::socialWorker)
        .containsExactly(
            tuple(CaseStep.OPENED, "", ""), tuple(CaseStep.REFUSED, "worker2", "worker2"));
    assertThat(records.historyOf(caseNo).get(1).note()).contains("人民调解委员会");
  }

  @Test
  void aCaseGradedHighIsReviewedWeeklyBySupervisionAndFollowedUpOnItsSchedule() {
    ProcessInstanceEvent caseWork = openCase("王秀英", "独居，近期跌倒两次，无人照料");
    String caseNo = variable(client, caseWork, "caseNo", String.class);
    assertThat(caseNo).startsWith("CASE-20250303-");
    completeAs(caseWork, "Task_IntakeDecision", "worker1", Map.of("intakeDecision", "ACCEPT"));

    completeAs(
        caseWork,
        "Task_InitialAssessment",
        "worker1",
        Map.of(
            "riskScore",
            82,
            "urgent",
            false,
            "needs",
            "居家安全改造、定期探访、链接助餐",
            "riskFactors",
            List.of("SAFETY", "HEALTH", "ISOLATION")));
    assertThat(caseWork)
        .hasCompletedElementsInOrder("Task_GradeCase", "Task_RecordGrading")
        .hasVariable("level", "HIGH")
        .hasVariable("reviewCycle", "R/P7D")
        .hasVariable("supervisorInvolved", true)
        .hasVariable("followUpSchedule", List.of("P14D", "P1M", "P3M"));

    approvedPlan(caseWork);

    // HIGH: a review every seven days while the plan runs, by the station's supervisor
    for (int week = 1; week <= 2; week++) {
      processTest.increaseTime(Duration.ofDays(7));
      assertThat(caseWork)
          .hasCompletedElement("StartEvent_PeriodicReview", week)
          .hasActiveElements("Task_PeriodicReview");
      assertThat(UserTaskSelectors.byElementId("Task_PeriodicReview"))
          .hasCandidateGroups(List.of("supervisor-shaxi"));
      completeAs(
          caseWork,
          "Task_PeriodicReview",
          "supervisor1",
          Map.of(
              "reviewProgress",
              "IMPROVED",
              "reviewSummary",
              "第" + week + "周：扶手已安装，未再跌倒",
              "reviewDecision",
              "CONTINUE"));
      assertThat(caseWork).hasCompletedElement("Task_RecordReview", week);
    }
    assertThat(caseWork).hasActiveElements("Task_RecordSession");

    completeAs(
        caseWork,
        "Task_RecordSession",
        "worker1",
        Map.of("sessionDate", "2025-03-14", "content", "评估目标达成情况", "continueIntervention", false));
    completeAs(
        caseWork,
        "Task_CloseCase",
        "station1",
        Map.of("closureReason", "GOALS_MET", "closureSummary", "风险消除，链接助餐服务"));

    // follow-ups two weeks, then one and three months apart
    assertThat(caseWork)
        .hasCompletedElements("Task_RecordClosure")
        .hasActiveElements("Timer_FollowUpDue");
    processTest.increaseTime(Duration.ofDays(14));
    completeAs(
        caseWork,
        "Task_FollowUp",
        "worker1",
        Map.of("followUpStatus", "NEEDS_SUPPORT", "followUpNotes", "需继续链接助餐"));
    assertThat(caseWork).hasCompletedElement("Task_RecordFollowUp", 1);
    assertThat(caseWork).hasActiveElements("Timer_FollowUpDue");
    processTest.increaseTime(months(processTest, 1));
    completeAs(
        caseWork,
        "Task_FollowUp",
        "worker1",
        Map.of("followUpStatus", "STABLE", "followUpNotes", "状况稳定"));
    assertThat(caseWork).hasCompletedElement("Task_RecordFollowUp", 2);
    assertThat(caseWork).hasActiveElements("Timer_FollowUpDue");
    processTest.increaseTime(months(processTest, 3));
    completeAs(
        caseWork,
        "Task_FollowUp",
        "worker1",
        Map.of("followUpStatus", "STABLE", "followUpNotes", "状况稳定，结束追踪"));

    assertThat(caseWork)
        .isCompleted()
        .hasCompletedElement("Task_RecordFollowUp", 3)
        .hasCompletedElements("EndEvent_CaseClosed")
        .hasVariable("lastStep", "FOLLOWED_UP");
    assertThat(records.historyOf(caseNo))
        .extracting(CaseEntry::step, CaseEntry::actedBy)
        .containsExactly(
            tuple(CaseStep.OPENED, ""),
            tuple(CaseStep.INTAKE_ACCEPTED, "worker1"),
            tuple(CaseStep.GRADED, "worker1"),
            tuple(CaseStep.PLAN_APPROVED, "station1"),
            tuple(CaseStep.REVIEWED, "supervisor1"),
            tuple(CaseStep.REVIEWED, "supervisor1"),
            tuple(CaseStep.SESSION, "worker1"),
            tuple(CaseStep.CLOSED, "station1"),
            tuple(CaseStep.FOLLOWED_UP, "worker1"),
            tuple(CaseStep.FOLLOWED_UP, "worker1"),
            tuple(CaseStep.FOLLOWED_UP, "worker1"));
    assertThat(records.historyOf(caseNo).get(2).note()).startsWith("等级：HIGH；风险评分：82");
    assertThat(records.historyOf(caseNo))
        .allSatisfy(entry -> assertThat(entry.station()).isIn("", "shaxi"));
  }

  @Test
  void aReviewEscalatesToTheSupervisorWhoseRevisionReopensThePlanAndAFollowUpReopensTheCase() {
    ProcessInstanceEvent caseWork = openCase("陈小军", "父母离异，孩子厌学，与祖母同住");
    String caseNo = variable(client, caseWork, "caseNo", String.class);
    completeAs(caseWork, "Task_IntakeDecision", "worker1", Map.of("intakeDecision", "ACCEPT"));
    completeAs(
        caseWork,
        "Task_InitialAssessment",
        "worker1",
        Map.of("riskScore", 55, "urgent", false, "needs", "学业辅导、亲子关系修复", "riskFactors", List.of()));
    assertThat(caseWork)
        .hasVariable("level", "MEDIUM")
        .hasVariable("reviewCycle", "R/P14D")
        .hasVariable("supervisorInvolved", false);
    approvedPlan(caseWork);

    // MEDIUM: the worker reviews fortnightly, and asks the supervisor to step in
    processTest.increaseTime(Duration.ofDays(14));
    assertThat(
            StationProcesses.openTask(client, caseWork, "Task_PeriodicReview").getCandidateUsers())
        .containsExactly("worker1");
    completeAs(
        caseWork,
        "Task_PeriodicReview",
        "worker1",
        Map.of(
            "reviewProgress",
            "WORSENED",
            "reviewSummary",
            "逃学加重，祖母无力管教",
            "reviewDecision",
            "ESCALATE"));
    assertThat(caseWork).hasActiveElements("Task_SupervisorReview", "Task_RecordSession");
    assertThat(UserTaskSelectors.byElementId("Task_SupervisorReview"))
        .hasCandidateGroups(List.of("supervisor-shaxi"));

    // the supervisor has the plan revised: the intervention stops, the plan goes back
    completeAs(
        caseWork,
        "Task_SupervisorReview",
        "supervisor1",
        Map.of(
            "reviewProgress",
            "WORSENED",
            "reviewSummary",
            "需链接学校社工并开展家庭治疗",
            "reviewDecision",
            "REVISE_PLAN"));
    assertThat(caseWork)
        .hasCompletedElements("Task_RecordSupervision", "Boundary_RevisePlan")
        .hasTerminatedElements("Task_RecordSession")
        .hasActiveElements("Task_DraftPlan");
    approvedPlan(caseWork);
    assertThat(caseWork).hasCompletedElement("Task_ApprovePlan", 2);

    // two weeks on, the worker's review closes the case early
    processTest.increaseTime(Duration.ofDays(14));
    completeAs(
        caseWork,
        "Task_PeriodicReview",
        "worker1",
        Map.of(
            "reviewProgress",
            "IMPROVED",
            "reviewSummary",
            "已转入学校社工跟进，家庭关系改善",
            "reviewDecision",
            "CLOSE"));
    assertThat(caseWork)
        .hasCompletedElements("Boundary_CloseCase")
        .hasActiveElements("Task_CloseCase");
    completeAs(
        caseWork,
        "Task_CloseCase",
        "station1",
        Map.of("closureReason", "GOALS_MET", "closureSummary", "目标基本达成"));

    // MEDIUM: the first follow-up a month later finds the case must be reopened
    assertThat(caseWork)
        .hasCompletedElements("Task_RecordClosure")
        .hasActiveElements("Timer_FollowUpDue");
    processTest.increaseTime(months(processTest, 1));
    completeAs(
        caseWork,
        "Task_FollowUp",
        "worker1",
        Map.of("followUpStatus", "REOPEN_RECOMMENDED", "followUpNotes", "再次逃学，需重新开案"));
    assertThat(caseWork)
        .hasCompletedElements("Task_RecordReopen")
        .hasCompletedElement("Task_RecordFollowUp", 1)
        .hasActiveElements("Task_InitialAssessment");

    assertThat(records.historyOf(caseNo))
        .extracting(CaseEntry::step, CaseEntry::actedBy)
        .containsSubsequence(
            tuple(CaseStep.REVIEWED, "worker1"),
            tuple(CaseStep.SUPERVISED, "supervisor1"),
            tuple(CaseStep.PLAN_APPROVED, "station1"),
            tuple(CaseStep.REVIEWED, "worker1"),
            tuple(CaseStep.CLOSED, "station1"),
            tuple(CaseStep.FOLLOWED_UP, "worker1"),
            tuple(CaseStep.REOPENED, "worker1"));
    assertThat(records.historyOf(caseNo))
        .filteredOn(entry -> entry.step() == CaseStep.SUPERVISED)
        .singleElement()
        .satisfies(entry -> assertThat(entry.note()).contains("处理：REVISE_PLAN"));
  }

  private ProcessInstanceEvent openCase(String residentName, String problem) {
    return openCase(residentName, problem, Map.of());
  }

  private ProcessInstanceEvent openCase(
      String residentName, String problem, Map<String, Object> more) {
    Map<String, Object> intake =
        new java.util.HashMap<>(
            Map.of(
                "residentName", residentName,
                "residentCategory", "ELDERLY_LIVING_ALONE",
                "community", "南郊社区",
                "referralType", "SELF",
                "station", "shaxi",
                "caseWorker", "worker1",
                "presentingProblem", problem));
    intake.putAll(more);
    ProcessInstanceEvent caseWork =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("case-work")
            .latestVersion()
            .variables(intake)
            .send()
            .join();
    assertThat(caseWork)
        .hasCompletedElements("Task_OpenCase")
        .hasActiveElements("Task_IntakeDecision");
    return caseWork;
  }

  private void approvedPlan(ProcessInstanceEvent caseWork) {
    completeAs(
        caseWork,
        "Task_DraftPlan",
        "worker1",
        Map.of("planType", "REMEDIAL", "goals", "消除风险", "measures", "每周探访", "plannedSessions", 8));
    assertThat(UserTaskSelectors.byElementId("Task_ApprovePlan"))
        .hasCandidateGroup("station-shaxi");
    completeAs(caseWork, "Task_ApprovePlan", "station1", Map.of("planApproved", true));
    assertThat(caseWork).hasActiveElements("SubProcess_Intervention", "Task_RecordSession");
  }

  private void completeAs(
      ProcessInstanceEvent instance, String elementId, String user, Map<String, Object> answers) {
    StationProcesses.completeAs(client, instance, elementId, user, answers);
  }
}
