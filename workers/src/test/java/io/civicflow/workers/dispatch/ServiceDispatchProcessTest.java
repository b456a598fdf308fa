package io.civicflow.workers.dispatch;

import static io.camunda.process.test.api.CamundaAssert.assertThat;
import static io.civicflow.workers.testing.StationProcesses.canonical;
import static io.civicflow.workers.testing.StationProcesses.variable;
import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.process.test.api.CamundaAssert;
import io.camunda.process.test.api.CamundaProcessTestContext;
import io.camunda.process.test.api.assertions.UserTaskSelectors;
import io.civicflow.workers.outbox.Outbox;
import io.civicflow.workers.testing.EmbeddedEngineProcessTest;
import io.civicflow.workers.testing.StationProcesses;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * service-dispatch with the real workers (DOMAIN.md §4; Taicang 中心派单 → 社工站接单 → 驻站社工服务): a station
 * that lets the acceptance SLA lapse loses the request to another, and an away worker's service
 * goes to the named backup (AB role, Shanghai).
 */
@EmbeddedEngineProcessTest
class ServiceDispatchProcessTest {

  @Autowired private CamundaClient client;
  @Autowired private CamundaProcessTestContext processTest;
  @Autowired private Outbox outbox;
  @Autowired private WorkerAvailability availability;
  @Autowired private io.civicflow.workers.registry.ServiceRequestRecords requests;

  @Value("${server.port}")
  private int port;

  @BeforeEach
  void startOnAMondayMorning() {
    processTest.setTime(StationProcesses.MONDAY_MORNING);
    CamundaAssert.setAssertionTimeout(StationProcesses.ASSERTION_TIMEOUT);
  }

  @AfterEach
  void defaultAssertionTimeoutAndEveryoneBackAtWork() {
    CamundaAssert.setAssertionTimeout(CamundaAssert.DEFAULT_ASSERTION_TIMEOUT);
    availability.mark("sw-wang", false);
  }

  @Test
  void aRequestNotAcceptedWithinItsSlaIsReDispatchedAndTheBureauIsAlertedAtTheSecondLapse() {
    ProcessInstanceEvent request = report("李建国", "NORMAL");
    String orderNo = variable(client, request, "orderNo", String.class);
    // normal: dispatch within four hours (the clock runs on after setTime, so compare to the
    // minute)
    String dispatchBy = variable(client, request, "dispatchDeadline", String.class);
    assertThat(dispatchBy).startsWith("2025-03-03T13:00");
    assertThat(UserTaskSelectors.byElementId("Task_Dispatch"))
        .hasCandidateGroup("guidance-centre")
        .hasDueDate(canonical(dispatchBy));

    processTest.completeUserTask("Task_Dispatch", Map.of("station", "shaxi"));
    assertThat(request).hasActiveElements("Task_AcceptOrder");
    // normal: accept by the same time on the next working day
    String acceptBy = variable(client, request, "acceptDeadline", String.class);
    assertThat(acceptBy).startsWith("2025-03-04T09:00");
    assertThat(UserTaskSelectors.byElementId("Task_AcceptOrder")).hasDueDate(canonical(acceptBy));

    // two hours before the deadline the station is reminded; the task stays open
    processTest.increaseTime(Duration.ofHours(22).plusMinutes(30));
    assertThat(request)
        .hasCompletedElements("Timer_AcceptReminder", "Task_RemindAccept")
        .hasActiveElements("Task_AcceptOrder");
    assertThat(outbox.find("notify.dispatch-accept-reminder", orderNo))
        .singleElement()
        .satisfies(
            reminder -> {
              assertThat(reminder.recipientGroup()).isEqualTo("station-shaxi");
              assertThat(reminder.postedAt())
                  .isBefore(java.time.OffsetDateTime.parse(acceptBy).toInstant());
            });

    processTest.increaseTime(Duration.ofHours(1).plusMinutes(31));

    assertThat(request)
        .hasCompletedElements("Timer_AcceptanceLapsed", "Task_RecordLapse")
        .hasTerminatedElements("Task_AcceptOrder")
        .hasNotActivatedElements("Task_AlertBureau")
        .hasActiveElements("Task_Dispatch")
        .hasVariable("lapses", 1)
        .hasVariable("lapsedStations", List.of("shaxi"));

    // the second station lets it lapse too: re-dispatched again, and the bureau is told
    processTest.completeUserTask("Task_Dispatch", Map.of("station", "liuhe"));
    assertThat(request).hasCompletedElement("Task_ScheduleAcceptance", 2);
    processTest.increaseTime(Duration.ofDays(1).plusMinutes(1));

    assertThat(request)
        .hasCompletedElement("Timer_AcceptanceLapsed", 2)
        .hasCompletedElements("Task_AlertBureau")
        .hasVariable("lapses", 2)
        .hasVariable("lapsedStations", List.of("shaxi", "liuhe"))
        .hasActiveElements("Task_Dispatch");
    assertThat(outbox.find("notify.dispatch-lapsed", orderNo))
        .singleElement()
        .satisfies(alert -> assertThat(alert.recipientGroup()).isEqualTo("civil-affairs"));

    // the third station accepts in time
    processTest.completeUserTask("Task_Dispatch", Map.of("station", "fuqiao"));
    processTest.completeUserTask("Task_AcceptOrder", Map.of("acceptedBy", "浮桥镇社工站 周站长"));
    assertThat(request)
        .hasCompletedElement("Task_AcceptOrder", 1)
        .hasActiveElements("Task_AssignWorker");
  }

  @Test
  void anAwayWorkersServiceGoesToTheNamedBackup() throws Exception {
    HttpResponse<String> marked =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://127.0.0.1:"
                                + port
                                + "/api/social-workers/sw-wang/availability"))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"away\": true}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(marked.statusCode()).isEqualTo(200);
    assertThat(marked.body()).contains("\"away\":true");

    ProcessInstanceEvent request = report("张桂兰", "URGENT");
    String orderNo = variable(client, request, "orderNo", String.class);
    processTest.completeUserTask("Task_Dispatch", Map.of("station", "shaxi"));
    assertThat(UserTaskSelectors.byElementId("Task_AcceptOrder")).hasPriority(90);
    processTest.completeUserTask("Task_AcceptOrder", Map.of("acceptedBy", "沙溪镇社工站 陈站长"));
    processTest.completeUserTask(
        "Task_AssignWorker", Map.of("assignee", "sw-wang", "backup", "sw-li"));

    assertThat(request)
        .hasCompletedElements("Task_ResolveAssignee")
        .hasVariable("serviceWorker", "sw-li")
        .hasVariable("abRoleUsed", true)
        .hasActiveElements("Task_Serve");
    String serveBy = variable(client, request, "serviceDeadline", String.class);
    assertThat(UserTaskSelectors.byElementId("Task_Serve"))
        .hasAssignee("sw-li")
        .hasDueDate(canonical(serveBy));
    // four hours before the urgent service is due, the worker who serves (and the station) is
    // reminded
    processTest.increaseTime(Duration.ofHours(20).plusMinutes(30));
    assertThat(request).hasCompletedElements("Task_RemindServe").hasActiveElements("Task_Serve");
    assertThat(outbox.find("notify.dispatch-serve-reminder", orderNo))
        .singleElement()
        .satisfies(
            reminder -> {
              assertThat(reminder.recipientGroup()).isEqualTo("user:sw-li,station-shaxi");
              assertThat(reminder.postedAt())
                  .isBefore(java.time.OffsetDateTime.parse(serveBy).toInstant());
            });

    processTest.completeUserTask(
        "Task_Serve",
        Map.of(
            "serviceDate",
            "2025-03-03",
            "serviceRecord",
            "上门送餐并检查燃气安全",
            "needsProfessionalCase",
            false));
    processTest.completeUserTask("Task_CallBack", Map.of("satisfaction", 5, "comments", "很及时"));

    assertThat(request)
        .isCompleted()
        .hasCompletedElements("Task_CloseRequest", "EndEvent_RequestClosed")
        .hasNotActivatedElements("CallActivity_CaseWork", "Timer_AcceptanceLapsed");
    assertThat(requests.historyOf(orderNo))
        .filteredOn(e -> e.event() == io.civicflow.workers.registry.ServiceRequestEvent.CLOSED)
        .singleElement()
        .extracting(io.civicflow.workers.registry.ServiceRequestEntry::note)
        .isEqualTo("满意度：5");
  }

  private ProcessInstanceEvent report(String residentName, String urgency) {
    Map<String, Object> need = new HashMap<>();
    need.put("reporterType", "GRID_WORKER");
    need.put("residentName", residentName);
    need.put("residentCategory", "ELDERLY_LIVING_ALONE");
    need.put("community", "南郊社区");
    need.put("description", "独居老人行动不便，需要助餐和安全检查");
    need.put("urgency", urgency);
    ProcessInstanceEvent instance =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("service-dispatch")
            .latestVersion()
            .variables(need)
            .send()
            .join();
    assertThat(instance)
        .hasCompletedElements("Task_RegisterRequest")
        .hasActiveElements("Task_Dispatch");
    return instance;
  }
}
