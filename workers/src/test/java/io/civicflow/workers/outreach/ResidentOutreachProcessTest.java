package io.civicflow.workers.outreach;

import static io.camunda.process.test.api.CamundaAssert.assertThat;
import static io.civicflow.workers.testing.StationProcesses.variable;
import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.client.api.search.response.ProcessInstance;
import io.camunda.process.test.api.CamundaAssert;
import io.camunda.process.test.api.CamundaProcessTestContext;
import io.camunda.process.test.api.assertions.ProcessInstanceSelectors;
import io.camunda.process.test.api.assertions.UserTaskSelectors;
import io.civicflow.workers.registry.OutreachEntry;
import io.civicflow.workers.registry.OutreachEvent;
import io.civicflow.workers.registry.OutreachRecords;
import io.civicflow.workers.testing.EmbeddedEngineProcessTest;
import io.civicflow.workers.testing.StationProcesses;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * resident-outreach with the real workers (外展走访; DOMAIN.md §4): the resident goes to the worker who
 * covers the community, is visited on the schedule of their kind, and a visit's finding opens a
 * case while the visits go on.
 */
@EmbeddedEngineProcessTest
class ResidentOutreachProcessTest {

  @Autowired private CamundaClient client;
  @Autowired private CamundaProcessTestContext processTest;
  @Autowired private OutreachRecords records;

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
  void anElderlyResidentLivingAloneIsVisitedFortnightlyAndAVisitFindingOpensACase() {
    ProcessInstanceEvent outreach =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("resident-outreach")
            .latestVersion()
            .variables(
                Map.of(
                    "residentName", "周桂芳",
                    "residentCategory", "ELDERLY_LIVING_ALONE",
                    "station", "shaxi",
                    "community", "岳王社区",
                    "listingNote", "独居，子女在外地"))
            .send()
            .join();
    // 岳王社区 is worker1's (civicflow.stations.shaxi.social-workers); 独居老人: every 14 days
    assertThat(outreach)
        .hasCompletedElements("Task_Enrol", "Task_VisitSchedule")
        .hasActiveElements("Timer_NextVisit")
        .hasVariable("visitWorker", "worker1")
        .hasVariable("district", "沙溪镇")
        .hasVariable("visitKind", "REGULAR")
        .hasVariable("visitInterval", "P14D")
        .hasNotActivatedElements("Task_Visit");
    String rosterNo = variable(client, outreach, "rosterNo", String.class);
    assertThat(rosterNo).startsWith("OUT-20250303-");

    processTest.increaseTime(Duration.ofDays(14));
    assertThat(UserTaskSelectors.byElementId("Task_Visit")).hasAssignee("worker1");
    processTest.completeUserTask(
        "Task_Visit",
        Map.of(
            "visitDate", "2025-03-17",
            "findings", "身体状况稳定，饮食正常",
            "finding", "NONE",
            "keepOnRoster", true));
    assertThat(outreach).hasVariable("visitsDone", 1).hasActiveElements("Timer_NextVisit");

    processTest.increaseTime(Duration.ofDays(14));
    processTest.completeUserTask(
        "Task_Visit",
        Map.of(
            "visitDate", "2025-03-31",
            "findings", "近期两次跌倒，情绪低落，无人照料",
            "finding", "CASE",
            "keepOnRoster", true));

    // the case opens with the visiting worker as its worker, and the visits go on
    assertThat(outreach)
        .hasActiveElements("CallActivity_OpenCase", "Timer_NextVisit")
        .hasVariable("visitsDone", 2);
    ProcessInstance caseWork =
        Awaitility.await()
            .atMost(StationProcesses.ASSERTION_TIMEOUT)
            .until(
                () ->
                    client
                        .newProcessInstanceSearchRequest()
                        .filter(f -> f.parentProcessInstanceKey(outreach.getProcessInstanceKey()))
                        .send()
                        .join()
                        .items(),
                found -> !found.isEmpty())
            .get(0);
    assertThat(caseWork.getProcessDefinitionId()).isEqualTo("case-work");
    assertThat(ProcessInstanceSelectors.byKey(caseWork.getProcessInstanceKey()))
        .hasCompletedElements("Task_OpenCase")
        .hasVariable("caseWorker", "worker1")
        .hasVariable("residentName", "周桂芳")
        .hasVariable("presentingProblem", "近期两次跌倒，情绪低落，无人照料");

    List<OutreachEntry> history = records.historyOf(rosterNo);
    assertThat(history)
        .extracting(OutreachEntry::event)
        // a visit and the case it opened share their time
        .containsExactlyInAnyOrder(
            OutreachEvent.ENROLLED,
            OutreachEvent.VISITED,
            OutreachEvent.VISITED,
            OutreachEvent.CASE_OPENED);
    assertThat(history).extracting(OutreachEntry::district).containsOnly("沙溪镇");
    assertThat(history).extracting(OutreachEntry::socialWorker).containsOnly("worker1");
    assertThat(history)
        .filteredOn(e -> e.event() == OutreachEvent.CASE_OPENED)
        .singleElement()
        .extracting(OutreachEntry::visitNo, OutreachEntry::note)
        .containsExactly(2, "近期两次跌倒，情绪低落，无人照料");
  }

  @Test
  void aTemporaryResidentIsVisitedItsPlannedNumberOfTimesAndLeavesTheRoster() {
    ProcessInstanceEvent outreach =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("resident-outreach")
            .latestVersion()
            .variables(
                Map.of(
                    "residentName", "陈建国",
                    "residentCategory", "DRUG_OR_PRISONER_FAMILY",
                    "station", "chengxiang",
                    "community", "洛阳社区"))
            .send()
            .join();
    assertThat(outreach)
        .hasVariable("visitWorker", "worker3")
        .hasVariable("visitKind", "TEMPORARY")
        .hasVariable("visitsPlanned", 3);
    for (int visit = 1; visit <= 3; visit++) {
      processTest.increaseTime(StationProcesses.months(processTest, 1));
      processTest.completeUserTask(
          "Task_Visit", Map.of("visitDate", "2025-04-03", "findings", "家庭生活平稳", "finding", "NONE"));
      assertThat(outreach).hasVariable("visitsDone", visit);
    }
    assertThat(outreach)
        .isCompleted()
        .hasCompletedElements("Task_RecordLeft", "EndEvent_LeftRoster")
        .hasCompletedElement("Task_Visit", 3);
    String rosterNo = variable(client, outreach, "rosterNo", String.class);
    assertThat(records.historyOf(rosterNo))
        .last()
        .extracting(OutreachEntry::event, OutreachEntry::note)
        .containsExactly(OutreachEvent.LEFT_ROSTER, "临时走访已完成");
  }

  @Test
  void anUrgentNeedFoundOnAVisitBecomesAServiceRequestInTheResidentsDistrict() {
    ProcessInstanceEvent outreach =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("resident-outreach")
            .latestVersion()
            .variables(
                Map.of(
                    "residentName", "孙梅",
                    "residentCategory", "DOMESTIC_VIOLENCE",
                    "station", "chengxiang",
                    "community", "胜利社区"))
            .send()
            .join();
    assertThat(outreach).hasVariable("visitInterval", "P7D").hasVariable("visitsPlanned", 8);

    processTest.increaseTime(Duration.ofDays(7));
    processTest.completeUserTask(
        "Task_Visit",
        Map.of(
            "visitDate", "2025-03-10",
            "findings", "施暴者近日出狱返家，需要临时庇护",
            "finding", "SERVICE_REQUEST",
            "urgentNeed", true));

    assertThat(outreach).hasActiveElements("CallActivity_RaiseRequest", "Timer_NextVisit");
    ProcessInstance request =
        Awaitility.await()
            .atMost(StationProcesses.ASSERTION_TIMEOUT)
            .until(
                () ->
                    client
                        .newProcessInstanceSearchRequest()
                        .filter(f -> f.parentProcessInstanceKey(outreach.getProcessInstanceKey()))
                        .send()
                        .join()
                        .items(),
                found -> !found.isEmpty())
            .get(0);
    assertThat(request.getProcessDefinitionId()).isEqualTo("service-dispatch");
    assertThat(ProcessInstanceSelectors.byKey(request.getProcessInstanceKey()))
        .hasCompletedElements("Task_RegisterRequest")
        .hasVariable("urgency", "URGENT")
        .hasVariable("reporterType", "SOCIAL_WORKER")
        .hasVariable("description", "施暴者近日出狱返家，需要临时庇护");
    String rosterNo = variable(client, outreach, "rosterNo", String.class);
    assertThat(records.historyOf(rosterNo))
        .extracting(OutreachEntry::event)
        .contains(OutreachEvent.REQUEST_RAISED);
  }
}
