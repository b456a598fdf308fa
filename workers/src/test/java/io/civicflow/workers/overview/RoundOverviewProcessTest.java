package io.civicflow.workers.overview;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.process.test.api.CamundaProcessTestContext;
import io.civicflow.workers.demo.DemoRound;
import io.civicflow.workers.overview.OverviewViews.AuditEntry;
import io.civicflow.workers.overview.OverviewViews.RoundPage;
import io.civicflow.workers.overview.OverviewViews.UnitRow;
import io.civicflow.workers.testing.EmbeddedEngineProcessTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The round page and the audit trail of a round the engine runs: the Kunshan 2018 round at its
 * needs survey, every unit waiting for the needs book; the survey overdue once the engine clock
 * passes its due date; the completed survey in the instance's audit trail with who completed it and
 * the fields of its form, in Chinese.
 */
@EmbeddedEngineProcessTest
class RoundOverviewProcessTest {

  @Autowired private CamundaClient client;
  @Autowired private RoundOverview overview;
  @Autowired private CamundaProcessTestContext processTest;

  @Test
  void aRoundInTheEngineShowsItsUnitsAtTheNeedsBookItsLateSurveyAndWhoCompletedIt() {
    long round =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("procurement-round")
            .latestVersion()
            .variables(DemoRound.kunshan(2018))
            .send()
            .join()
            .getProcessInstanceKey();
    UserTask survey = await(round, "Task_NeedsSurvey");

    RoundPage page = overview.round(2018, row -> true);
    assertThat(page.roundName()).isEqualTo("2018年昆山市社区社会工作服务项目采购");
    assertThat(page.units()).hasSize(15);
    assertThat(page.units())
        .extracting(UnitRow::stageName)
        .containsOnly(UnitStage.NEEDS_BOOK.chinese());
    assertThat(page.units()).allMatch(u -> u.lateReasons().isEmpty());

    // past the survey's due date (10 working days) it is marked late on every unit
    processTest.increaseTime(Duration.ofDays(20));
    assertThat(overview.round(2018, row -> true).units())
        .allSatisfy(u -> assertThat(u.lateReasons()).anyMatch(r -> r.startsWith("开展服务需求调查已逾期")));

    client.newAssignUserTaskCommand(survey.getUserTaskKey()).assignee("civil1").send().join();
    client
        .newCompleteUserTaskCommand(survey.getUserTaskKey())
        .variables(Map.of("respondents", 1260, "findings", "困境老人照护与青少年课后服务需求突出"))
        .send()
        .join();
    await(round, "Task_CompileNeedsBook");

    List<AuditEntry> trail = overview.instanceTrail(round).entries();
    assertThat(trail)
        .filteredOn(e -> e.kind().equals("人工任务"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.what()).isEqualTo("开展服务需求调查");
              assertThat(e.who()).isEqualTo("civil1");
              assertThat(e.fields())
                  .containsEntry("问卷和访谈覆盖人数", "1260")
                  .containsEntry("主要需求与问题", "\"困境老人照护与青少年课后服务需求突出\"");
            });
    assertThat(trail).anySatisfy(e -> assertThat(e.what()).isEqualTo("启动流程：社区社会工作服务采购轮次"));
  }

  private UserTask await(long instance, String elementId) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                client
                    .newUserTaskSearchRequest()
                    .filter(
                        f ->
                            f.processInstanceKey(instance)
                                .elementId(elementId)
                                .state(UserTaskState.CREATED))
                    .send()
                    .join()
                    .items()
                    .stream()
                    .findFirst()
                    .orElse(null),
            java.util.Objects::nonNull);
  }
}
