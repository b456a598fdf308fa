package io.civicflow.workers.groupwork;

import static io.camunda.process.test.api.CamundaAssert.assertThat;
import static io.civicflow.workers.testing.StationProcesses.variable;
import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.process.test.api.CamundaAssert;
import io.camunda.process.test.api.CamundaProcessTestContext;
import io.camunda.process.test.api.assertions.UserTaskSelectors;
import io.civicflow.workers.registry.GroupEntry;
import io.civicflow.workers.registry.GroupRecords;
import io.civicflow.workers.registry.GroupStep;
import io.civicflow.workers.testing.EmbeddedEngineProcessTest;
import io.civicflow.workers.testing.StationProcesses;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * group-work with the real workers (小组工作, Taicang 邻里生活馆; DOMAIN.md §3): plan, approval, sessions on
 * their dates with attendance, evaluation, supervision, closure — every step in the group record
 * with the station's district.
 */
@EmbeddedEngineProcessTest
class GroupWorkProcessTest {

  @Autowired private CamundaClient client;
  @Autowired private CamundaProcessTestContext processTest;
  @Autowired private GroupRecords records;

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
  void aGroupRunsFourWeeklySessionsWithAttendanceAndCloses() {
    ProcessInstanceEvent group =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("group-work")
            .latestVersion()
            .variables(
                Map.of(
                    "groupName", "独居老人互助支持小组",
                    "groupType", "SUPPORT",
                    "station", "shaxi",
                    "groupWorker", "worker1",
                    "targetGroup", "独居老人",
                    "goals", "缓解孤独感，建立邻里互助关系",
                    "memberNames", "王秀英\n李桂兰\n张德明\n赵玉珍\n王秀英",
                    "plannedSessions", 3,
                    "firstSessionDate", "2025-03-06",
                    "sessionIntervalDays", 7))
            .send()
            .join();
    assertThat(group).hasCompletedElements("Task_OpenGroup").hasActiveElements("Task_ApprovePlan");
    String groupNo = variable(client, group, "groupNo", String.class);
    assertThat(groupNo).startsWith("GRP-20250303-");
    assertThat(UserTaskSelectors.byElementId("Task_ApprovePlan"))
        .hasCandidateGroup("station-shaxi");

    // the station head wants a fourth session: back to the worker, who revises
    processTest.completeUserTask(
        "Task_ApprovePlan", Map.of("planApproved", false, "approvalComment", "建议增加至四节，巩固互助关系"));
    assertThat(UserTaskSelectors.byElementId("Task_RevisePlan")).hasAssignee("worker1");
    processTest.completeUserTask("Task_RevisePlan", Map.of("plannedSessions", 4));
    processTest.completeUserTask("Task_ApprovePlan", Map.of("planApproved", true));
    assertThat(group)
        .hasCompletedElementsInOrder("Task_PlanSessions", "Task_RecordPlanApproved")
        .hasActiveElements("SubProcess_Session", "Timer_SessionDay")
        .hasNotActivatedElements("Task_RecordSession");

    // Thursday 6 March 14:00, then weekly: each session's task appears on its day
    List<Duration> untilNext =
        List.of(
            Duration.ofDays(3).plusHours(5),
            Duration.ofDays(7),
            Duration.ofDays(7),
            Duration.ofDays(7));
    List<List<String>> present =
        List.of(
            List.of("王秀英", "李桂兰", "张德明", "赵玉珍"),
            List.of("王秀英", "李桂兰", "赵玉珍"),
            List.of("王秀英", "李桂兰", "张德明", "赵玉珍"),
            List.of("李桂兰", "张德明"));
    for (int session = 1; session <= 4; session++) {
      processTest.increaseTime(untilNext.get(session - 1));
      assertThat(group)
          .hasCompletedElement("Timer_SessionDay", session)
          .hasActiveElements("Task_RecordSession");
      assertThat(UserTaskSelectors.byElementId("Task_RecordSession")).hasAssignee("worker1");
      processTest.completeUserTask(
          "Task_RecordSession",
          Map.of(
              "sessionTopic",
              "第" + session + "节：相识与互助",
              "attendance",
              present.get(session - 1),
              "sessionContent",
              "组员分享生活近况，练习互助约定"));
      assertThat(group).hasCompletedElement("Task_RecordSessionStep", session);
    }

    assertThat(group)
        .hasCompletedElements("SubProcess_Session")
        .hasActiveElements("Task_EvaluateGroup");
    processTest.completeUserTask(
        "Task_EvaluateGroup",
        Map.of(
            "goalAchievement", "大部分达成",
            "satisfactionScore", 4.5,
            "evaluationSummary", "组员建立了每周互相探访的约定"));
    assertThat(UserTaskSelectors.byElementId("Task_SuperviseEvaluation"))
        .hasCandidateGroup("supervisor-shaxi");
    processTest.completeUserTask(
        "Task_SuperviseEvaluation",
        Map.of("evaluationAccepted", true, "supervisionComment", "评估充分，可以结组"));
    assertThat(UserTaskSelectors.byElementId("Task_CloseGroup")).hasCandidateGroup("station-shaxi");
    processTest.completeUserTask("Task_CloseGroup", Map.of("closureSummary", "同意结组，转入邻里互助"));

    assertThat(group)
        .isCompleted()
        .hasCompletedElements("Task_RecordClosure", "EndEvent_GroupClosed")
        .hasCompletedElement("Task_RecordSessionStep", 4)
        .hasVariable("lastGroupStep", "CLOSED");
    List<GroupEntry> history = records.historyOf(groupNo);
    assertThat(history)
        .extracting(GroupEntry::step)
        .containsExactly(
            GroupStep.OPENED,
            GroupStep.PLAN_RETURNED,
            GroupStep.PLAN_APPROVED,
            GroupStep.SESSION,
            GroupStep.SESSION,
            GroupStep.SESSION,
            GroupStep.SESSION,
            GroupStep.EVALUATED,
            GroupStep.SUPERVISED,
            GroupStep.CLOSED);
    assertThat(history).extracting(GroupEntry::district).containsOnly("沙溪镇");
    assertThat(history.get(0).members()).isEqualTo(4);
    List<GroupEntry> sessions =
        history.stream().filter(e -> e.step() == GroupStep.SESSION).toList();
    assertThat(sessions).extracting(GroupEntry::sessionNo).containsExactly(1, 2, 3, 4);
    assertThat(sessions).extracting(GroupEntry::attended).containsExactly(4, 3, 4, 2);
    // the first session is recorded on its day, Thursday 6 March after 14:00 Shanghai
    assertThat(sessions.get(0).recordedAt())
        .isBetween(Instant.parse("2025-03-06T06:00:00Z"), Instant.parse("2025-03-06T10:00:00Z"));
    assertThat(history.get(7).note()).contains("组员满意度：4.5");
  }
}
