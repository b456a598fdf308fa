package io.civicflow.workers.dispatch;

import static io.camunda.process.test.api.CamundaAssert.assertThat;
import static io.civicflow.workers.testing.StationProcesses.canonical;
import static io.civicflow.workers.testing.StationProcesses.variable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.process.test.api.CamundaAssert;
import io.camunda.process.test.api.CamundaProcessTestContext;
import io.camunda.process.test.api.assertions.UserTaskSelectors;
import io.civicflow.workers.outbox.Inbox;
import io.civicflow.workers.outbox.InboxEntry;
import io.civicflow.workers.outbox.Outbox;
import io.civicflow.workers.outbox.OutboxMessage;
import io.civicflow.workers.registry.ServiceRequestEntry;
import io.civicflow.workers.registry.ServiceRequestEvent;
import io.civicflow.workers.registry.ServiceRequestRecords;
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
 * service-dispatch with the real workers (DOMAIN.md §4; Taicang 中心派单 → 社工站接单 → 驻站社工服务): the centre
 * dispatches to the station it chooses, a station that lets the acceptance SLA lapse loses the
 * order to the next one the centre chooses (the history kept), every SLA of the decision
 * dispatch-sla is escalated to whoever can act on it, and an away worker's service goes to the
 * named backup (AB role, Shanghai) or, both away, back to the station head.
 */
@EmbeddedEngineProcessTest
class ServiceDispatchProcessTest {

  @Autowired private CamundaClient client;
  @Autowired private CamundaProcessTestContext processTest;
  @Autowired private Outbox outbox;
  @Autowired private Inbox inbox;
  @Autowired private WorkerAvailability availability;
  @Autowired private ServiceRequestRecords requests;

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
    availability.mark("sw-li", false);
  }

  @Test
  void anOrderTheChosenStationLetsLapseGoesToTheNextStationTheCentreChoosesWithItsHistory() {
    ProcessInstanceEvent request = report("李建国", "NORMAL");
    String orderNo = variable(client, request, "orderNo", String.class);
    // normal: dispatch within four hours (the clock runs on after setTime: compare to the minute)
    String dispatchBy = variable(client, request, "dispatchDeadline", String.class);
    assertThat(dispatchBy).startsWith("2025-03-03T13:00");
    assertThat(UserTaskSelectors.byElementId("Task_Dispatch"))
        .hasCandidateGroup("guidance-centre")
        .hasDueDate(canonical(dispatchBy));

    // the centre is late: it is reminded, the task stays
    processTest.increaseTime(Duration.ofHours(4).plusMinutes(1));
    assertThat(request)
        .hasCompletedElements("Timer_DispatchOverdue", "Task_EscalateDispatch")
        .hasActiveElements("Task_Dispatch");
    assertThat(breaches(orderNo))
        .extracting(OutboxMessage::recipientGroup, OutboxMessage::title)
        .containsExactly(tuple("guidance-centre", "服务需求" + orderNo + "派单超时"));

    completeAs(request, "Task_Dispatch", "centre1", Map.of("station", "shaxi"));
    assertThat(request).hasActiveElements("Task_AcceptOrder");
    assertThat(UserTaskSelectors.byElementId("Task_AcceptOrder"))
        .hasCandidateGroups(List.of("station-shaxi"));
    // normal: accepted by the end of the next working day
    String acceptBy = variable(client, request, "acceptDeadline", String.class);
    assertThat(acceptBy).isEqualTo("2025-03-04T17:00:00+08:00");
    assertThat(UserTaskSelectors.byElementId("Task_AcceptOrder")).hasDueDate(canonical(acceptBy));

    // an hour before the deadline 沙溪 is reminded; the task stays open
    processTest.increaseTime(Duration.ofHours(27));
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

    // 沙溪 lets it lapse: the centre (and 沙溪) are told, and the centre dispatches again
    processTest.increaseTime(Duration.ofHours(1));
    assertThat(request)
        .hasCompletedElements(
            "Timer_AcceptanceLapsed", "Task_RecordLapse", "Task_EscalateAcceptance")
        .hasTerminatedElements("Task_AcceptOrder")
        .hasActiveElements("Task_Dispatch")
        .hasVariable("lapses", 1)
        .hasVariable("lapsedStations", List.of("shaxi"));
    assertThat(breaches(orderNo))
        .extracting(OutboxMessage::recipientGroup)
        .containsExactly("guidance-centre", "guidance-centre,station-shaxi");

    completeAs(request, "Task_Dispatch", "centre2", Map.of("station", "chengxiang"));
    assertThat(request).hasCompletedElement("Task_RecordDispatch", 2);
    assertThat(StationProcesses.openTask(client, request, "Task_AcceptOrder").getCandidateGroups())
        .containsExactly("station-chengxiang");
    completeAs(request, "Task_AcceptOrder", "station2", Map.of("acceptedBy", "城厢镇社工站 马站长"));

    assertThat(request)
        .hasCompletedElements("Task_RecordAcceptance")
        .hasActiveElements("Task_AssignWorker")
        .hasVariable("acceptedBy", "station2");
    assertThat(UserTaskSelectors.byElementId("Task_AssignWorker"))
        .hasCandidateGroups(List.of("station-chengxiang"));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> history = variable(client, request, "dispatchHistory", List.class);
    assertThat(history)
        .extracting(
            leg -> leg.get("station"),
            leg -> leg.get("dispatchedBy"),
            leg -> leg.get("outcome"),
            leg -> leg.get("acceptedBy"))
        .containsExactly(
            tuple("shaxi", "centre1", "LAPSED", null),
            tuple("chengxiang", "centre2", "ACCEPTED", "station2"));
    assertThat(requests.historyOf(orderNo))
        .extracting(ServiceRequestEntry::event, ServiceRequestEntry::assignee)
        .containsExactly(
            tuple(ServiceRequestEvent.REGISTERED, ""),
            tuple(ServiceRequestEvent.DISPATCH_LAPSED, ""),
            tuple(ServiceRequestEvent.DISPATCHED, "centre1"),
            tuple(ServiceRequestEvent.ACCEPTANCE_LAPSED, ""),
            tuple(ServiceRequestEvent.DISPATCHED, "centre2"),
            tuple(ServiceRequestEvent.ACCEPTED, "station2"));
  }

  @Test
  void aLateFirstContactAndALateServiceGoToTheStationHeadWhoMayReassign() {
    ProcessInstanceEvent request = report("王阿婆", "URGENT");
    String orderNo = variable(client, request, "orderNo", String.class);
    acceptAndAssign(request, "sw-wang", "sw-li");

    assertThat(request).hasActiveElements("Task_FirstContact");
    // urgent: first contact within four hours, the service within 24 hours of the assignment
    assertThat(UserTaskSelectors.byElementId("Task_FirstContact"))
        .hasAssignee("sw-wang")
        .hasCandidateGroups(List.of("station-shaxi"))
        .hasPriority(90);
    processTest.increaseTime(Duration.ofHours(4).plusMinutes(1));
    assertThat(request)
        .hasCompletedElements("Timer_FirstContactOverdue", "Task_EscalateFirstContact")
        .hasActiveElements("Task_FirstContact");
    assertThat(breaches(orderNo))
        .extracting(OutboxMessage::recipientGroup)
        .containsExactly("station-shaxi,user:sw-wang");

    processTest.completeUserTask(
        "Task_FirstContact",
        Map.of(
            "contactedAt", "2025-03-03T13:30", "contactMethod", "PHONE", "contactNote", "已约定明早上门"));
    assertThat(request).hasActiveElements("Task_Serve");
    String serveBy = variable(client, request, "serviceDeadline", String.class);
    // four hours before the service is due, the worker who serves (and the station) is reminded
    processTest.increaseTime(Duration.ofHours(16).plusMinutes(30));
    assertThat(request).hasCompletedElements("Task_RemindServe").hasActiveElements("Task_Serve");
    assertThat(outbox.find("notify.dispatch-serve-reminder", orderNo))
        .singleElement()
        .satisfies(
            reminder -> {
              assertThat(reminder.recipientGroup()).isEqualTo("user:sw-wang,station-shaxi");
              assertThat(reminder.postedAt())
                  .isBefore(java.time.OffsetDateTime.parse(serveBy).toInstant());
            });
    processTest.increaseTime(Duration.ofHours(3).plusMinutes(30));
    assertThat(request)
        .hasCompletedElements("Timer_ServiceOverdue", "Task_EscalateService")
        .hasActiveElements("Task_Serve");
    assertThat(breaches(orderNo))
        .extracting(OutboxMessage::recipientGroup)
        .containsExactly(
            "station-shaxi,user:sw-wang", "station-shaxi,guidance-centre,user:sw-wang");
    assertThat(requests.historyOf(orderNo))
        .extracting(ServiceRequestEntry::event)
        .contains(ServiceRequestEvent.FIRST_CONTACT_LAPSED, ServiceRequestEvent.SERVICE_LAPSED);
  }

  @Test
  void anAwayWorkersServiceGoesToTheNamedBackup() throws Exception {
    HttpResponse<String> marked = markAway("sw-wang");
    assertThat(marked.statusCode()).isEqualTo(200);
    assertThat(marked.body()).contains("\"away\":true");

    ProcessInstanceEvent request = report("张桂兰", "URGENT");
    String orderNo = variable(client, request, "orderNo", String.class);
    acceptAndAssign(request, "sw-wang", "sw-li");

    assertThat(request)
        .hasCompletedElements("Task_ResolveAssignee", "Task_ScheduleService")
        .hasVariable("serviceWorker", "sw-li")
        .hasVariable("abRoleUsed", true)
        .hasActiveElements("Task_FirstContact");
    assertThat(UserTaskSelectors.byElementId("Task_FirstContact")).hasAssignee("sw-li");
    processTest.completeUserTask(
        "Task_FirstContact",
        Map.of("contactedAt", "2025-03-03T09:30", "contactMethod", "VISIT", "contactNote", "当即上门"));
    String serveBy = variable(client, request, "serviceDeadline", String.class);
    assertThat(UserTaskSelectors.byElementId("Task_Serve"))
        .hasAssignee("sw-li")
        .hasDueDate(canonical(serveBy));

    processTest.completeUserTask(
        "Task_Serve",
        Map.of(
            "serviceDate",
            "2025-03-03",
            "serviceRecord",
            "上门送餐并检查燃气安全",
            "needsProfessionalCase",
            false));
    assertThat(UserTaskSelectors.byElementId("Task_CallBack")).hasCandidateGroup("guidance-centre");
    processTest.completeUserTask("Task_CallBack", Map.of("satisfaction", 5, "comments", "很及时"));

    assertThat(request)
        .isCompleted()
        .hasCompletedElements("Task_CloseRequest", "EndEvent_RequestClosed")
        .hasNotActivatedElements(
            "CallActivity_CaseWork", "Timer_AcceptanceLapsed", "Task_EscalateBothAway");
    assertThat(requests.historyOf(orderNo))
        .filteredOn(e -> e.event() == ServiceRequestEvent.CLOSED)
        .singleElement()
        .extracting(ServiceRequestEntry::note)
        .isEqualTo("满意度：5");
    assertThat(breaches(orderNo)).isEmpty();
  }

  @Test
  void whenBothTheWorkerAndTheBackupAreAwayTheStationHeadIsToldAndAssignsAgain() throws Exception {
    assertThat(markAway("sw-wang").statusCode()).isEqualTo(200);
    assertThat(markAway("sw-li").statusCode()).isEqualTo(200);

    ProcessInstanceEvent request = report("赵大伯", "NORMAL");
    String orderNo = variable(client, request, "orderNo", String.class);
    acceptAndAssign(request, "sw-wang", "sw-li");

    assertThat(request)
        .hasCompletedElements("Task_EscalateBothAway")
        .hasVariable("escalateToHead", true)
        .hasActiveElements("Task_AssignWorker")
        .hasNotActivatedElements("Task_FirstContact");
    assertThat(outbox.find("notify.ab-role-unavailable", orderNo))
        .singleElement()
        .satisfies(
            notice -> {
              assertThat(notice.recipientGroup()).isEqualTo("station-shaxi");
              assertThat(notice.body()).contains("均不在岗");
            });

    processTest.completeUserTask(
        "Task_AssignWorker", Map.of("assignee", "sw-zhao", "backup", "sw-wang"));
    assertThat(request)
        .hasVariable("serviceWorker", "sw-zhao")
        .hasVariable("escalateToHead", false)
        .hasActiveElements("Task_FirstContact");
    assertThat(UserTaskSelectors.byElementId("Task_FirstContact")).hasAssignee("sw-zhao");
  }

  @Test
  void theWorkerTheHeadNamesIsToldOnceInTheInboxAndTheTaskStaysAssignableAndClaimable() {
    ProcessInstanceEvent request = report("钱奶奶", "NORMAL");
    String orderNo = variable(client, request, "orderNo", String.class);
    acceptAndAssign(request, "worker1", "worker2");

    // the assigning listener (notify.task-assigned) told worker1, once, before the task was theirs
    assertThat(UserTaskSelectors.byElementId("Task_FirstContact")).hasAssignee("worker1");
    assertThat(taskAssignedNotices("worker1", orderNo))
        .singleElement()
        .satisfies(
            entry -> {
              assertThat(entry.title()).isEqualTo("首次联系居民：站长已将服务需求指派给您");
              assertThat(entry.body()).contains("办理期限：2025-03-04");
            });
    assertThat(taskAssignedNotices("worker2", orderNo)).isEmpty();

    // the head gives it to the backup: worker2 is told, worker1 is not told again
    UserTask task = StationProcesses.openTask(client, request, "Task_FirstContact");
    client
        .newAssignUserTaskCommand(task.getUserTaskKey())
        .assignee("worker2")
        .action("assign")
        .send()
        .join();
    assertThat(UserTaskSelectors.byElementId("Task_FirstContact")).hasAssignee("worker2");
    assertThat(taskAssignedNotices("worker2", orderNo)).hasSize(1);
    // unassigned, then claimed by worker1 themselves: nobody is told
    client.newUnassignUserTaskCommand(task.getUserTaskKey()).send().join();
    client
        .newAssignUserTaskCommand(task.getUserTaskKey())
        .assignee("worker1")
        .action("claim")
        .allowOverride(false)
        .send()
        .join();
    assertThat(UserTaskSelectors.byElementId("Task_FirstContact")).hasAssignee("worker1");
    assertThat(taskAssignedNotices("worker1", orderNo)).hasSize(1);
    assertThat(taskAssignedNotices("worker2", orderNo)).hasSize(1);

    processTest.completeUserTask(
        "Task_FirstContact",
        Map.of("contactedAt", "2025-03-03T10:00", "contactMethod", "PHONE", "contactNote", "已约定"));
    assertThat(request).hasCompletedElements("Task_FirstContact").hasActiveElements("Task_Serve");
  }

  private List<InboxEntry> taskAssignedNotices(String userId, String orderNo) {
    return inbox.of(userId).stream()
        .filter(e -> e.topic().equals("notify.task-assigned") && e.businessKey().equals(orderNo))
        .toList();
  }

  private HttpResponse<String> markAway(String userId) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:"
                            + port
                            + "/api/social-workers/"
                            + userId
                            + "/availability"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"away\": true}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private void acceptAndAssign(ProcessInstanceEvent request, String assignee, String backup) {
    completeAs(request, "Task_Dispatch", "centre1", Map.of("station", "shaxi"));
    completeAs(request, "Task_AcceptOrder", "station1", Map.of("acceptedBy", "沙溪镇社工站 黄站长"));
    completeAs(
        request, "Task_AssignWorker", "station1", Map.of("assignee", assignee, "backup", backup));
  }

  private List<OutboxMessage> breaches(String orderNo) {
    return outbox.find(DispatchWorker.BREACH_TOPIC, orderNo).stream()
        .sorted(java.util.Comparator.comparing(OutboxMessage::postedAt))
        .toList();
  }

  private void completeAs(
      ProcessInstanceEvent instance, String elementId, String user, Map<String, Object> answers) {
    StationProcesses.completeAs(client, instance, elementId, user, answers);
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
        .hasCompletedElements("Task_RegisterRequest", "Task_DecideSla", "Task_ScheduleDispatch")
        .hasActiveElements("Task_Dispatch");
    return instance;
  }
}
