package io.civicflow.workers.casework;

import static io.camunda.process.test.api.CamundaAssert.assertThat;
import static io.civicflow.workers.testing.StationProcesses.months;
import static io.civicflow.workers.testing.StationProcesses.variable;
import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.process.test.api.CamundaAssert;
import io.camunda.process.test.api.CamundaProcessTestContext;
import io.camunda.process.test.api.assertions.UserTaskSelectors;
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
 * case-work with the real workers (DOMAIN.md §3; Taicang 初步评估 → 评定等级 → 制订方案 → 执行方案 → 追踪辅导): the
 * grade sets the review frequency, and every step lands in the case record.
 */
@EmbeddedEngineProcessTest
class CaseWorkProcessTest {

  @Autowired private CamundaClient client;
  @Autowired private CamundaProcessTestContext processTest;
  @Autowired private io.civicflow.workers.registry.CaseRecords records;

  @BeforeEach
  void startOnAMondayMorning() {
    processTest.setTime(StationProcesses.MONDAY_MORNING);
    CamundaAssert.setAssertionTimeout(StationProcesses.ASSERTION_TIMEOUT);
  }

  @AfterEach
  void defaultAssertionTimeout() {
    CamundaAssert.setAssertionTimeout(CamundaAssert.DEFAULT_ASSERTION_TIMEOUT);
  }

  @Test
  void aCaseGradedHighIsReviewedWeeklyByTheStationUntilItIsClosedAndFollowedUp() {
    ProcessInstanceEvent caseWork =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("case-work")
            .latestVersion()
            .variables(
                Map.of(
                    "residentName", "王秀英",
                    "residentCategory", "ELDERLY_LIVING_ALONE",
                    "community", "南郊社区",
                    "referralType", "SELF",
                    "station", "shaxi",
                    "caseWorker", "worker1",
                    "presentingProblem", "独居，近期跌倒两次，无人照料"))
            .send()
            .join();
    assertThat(caseWork)
        .hasCompletedElements("Task_OpenCase")
        .hasActiveElements("Task_InitialAssessment");
    String caseNo = variable(client, caseWork, "caseNo", String.class);
    assertThat(caseNo).startsWith("CASE-20250303-");

    processTest.completeUserTask(
        "Task_InitialAssessment",
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
        .hasVariable("supervisorInvolved", true);

    processTest.completeUserTask(
        "Task_DraftPlan",
        Map.of(
            "planType",
            "REMEDIAL",
            "goals",
            "消除跌倒风险",
            "measures",
            "安装扶手，每周探访",
            "plannedSessions",
            8));
    assertThat(UserTaskSelectors.byElementId("Task_ApprovePlan"))
        .hasCandidateGroup("station-shaxi")
        .hasPriority(90);
    processTest.completeUserTask("Task_ApprovePlan", Map.of("planApproved", true));
    assertThat(caseWork).hasActiveElements("SubProcess_Intervention", "Task_RecordSession");

    // HIGH: a review every seven days while the plan runs, by the station (supervisor involved)
    for (int week = 1; week <= 3; week++) {
      processTest.increaseTime(Duration.ofDays(7));
      assertThat(caseWork)
          .hasCompletedElement("Timer_PeriodicReview", week)
          .hasActiveElements("Task_PeriodicReview");
      assertThat(UserTaskSelectors.byElementId("Task_PeriodicReview"))
          .hasCandidateGroups(List.of("supervisor-shaxi"));
      processTest.completeUserTask(
          "Task_PeriodicReview",
          Map.of("reviewProgress", "IMPROVED", "reviewSummary", "第" + week + "周：扶手已安装，未再跌倒"));
      assertThat(caseWork).hasCompletedElement("Task_RecordReview", week);
    }

    processTest.completeUserTask(
        "Task_RecordSession",
        Map.of("sessionDate", "2025-03-21", "content", "评估目标达成情况", "continueIntervention", false));
    processTest.completeUserTask(
        "Task_CloseCase", Map.of("closureReason", "GOALS_MET", "closureSummary", "风险消除，链接助餐服务"));
    assertThat(caseWork)
        .hasCompletedElements("Task_RecordClosure")
        .hasActiveElements("Timer_FollowUpDue");

    processTest.increaseTime(months(processTest, 1));
    processTest.completeUserTask(
        "Task_FollowUp", Map.of("followUpStatus", "STABLE", "followUpNotes", "状况稳定"));

    assertThat(caseWork)
        .isCompleted()
        .hasCompletedElements("Task_RecordFollowUp", "EndEvent_CaseClosed")
        .hasCompletedElement("Timer_PeriodicReview", 3)
        .hasVariable("lastStep", "FOLLOWED_UP");
    assertThat(records.historyOf(caseNo))
        .extracting(io.civicflow.workers.registry.CaseEntry::step)
        .containsExactly(
            io.civicflow.workers.registry.CaseStep.OPENED,
            io.civicflow.workers.registry.CaseStep.GRADED,
            io.civicflow.workers.registry.CaseStep.REVIEWED,
            io.civicflow.workers.registry.CaseStep.REVIEWED,
            io.civicflow.workers.registry.CaseStep.REVIEWED,
            io.civicflow.workers.registry.CaseStep.SESSION,
            io.civicflow.workers.registry.CaseStep.CLOSED,
            io.civicflow.workers.registry.CaseStep.FOLLOWED_UP);
    assertThat(records.historyOf(caseNo).get(1).note()).startsWith("等级：HIGH；风险评分：82");
  }
}
