package io.civicflow.workers.access;

import static io.civicflow.workers.testing.AuthenticatedUsers.openTasks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.client.api.search.response.Variable;
import io.civicflow.workers.documents.DocumentReference;
import io.civicflow.workers.documents.PdfText;
import io.civicflow.workers.outbox.Recipient;
import io.civicflow.workers.outbox.RecipientDirectory;
import io.civicflow.workers.procurement.Kunshan2016;
import io.civicflow.workers.testing.AuthenticatedUsers;
import io.civicflow.workers.testing.EmbeddedEngineTestInitializer;
import io.civicflow.workers.testing.MailTestServer;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

/**
 * Who sees what, through the real engine and the real models with the users' own credentials (the
 * engine's users file, HTTP Basic, the official Java client over REST): a provider, a district, an
 * expert and a station see and work on only their own tasks; {@code /api/**} wants a log-in.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ContextConfiguration(initializers = EmbeddedEngineTestInitializer.AuthenticatedOnItsOwnPorts.class)
@DirtiesContext
class AccessSeparationTest {

  private static final String ORG_A = AuthenticatedUsers.SUNSHINE;
  private static final String ORG_B = AuthenticatedUsers.HENGAI;
  private static final String LEREN = AuthenticatedUsers.LEREN;
  private static AuthenticatedUsers users;

  /** The application's own client: civicflow-workers, an administrator. */
  @Autowired private CamundaClient client;

  @Value("${server.port}")
  private int port;

  @Value("${management.server.port}")
  private int managementPort;

  @BeforeEach
  void users() {
    if (users == null) {
      users = new AuthenticatedUsers(port, managementPort);
    }
  }

  @AfterAll
  static void closeClients() {
    if (users != null) {
      users.close();
    }
  }

  private CamundaClient as(String user) {
    return users.as(user);
  }

  private UserTask awaitTask(String elementId, ProcessInstanceEvent instance) {
    return AuthenticatedUsers.awaitTask(client, elementId, instance);
  }

  private String processVariable(ProcessInstanceEvent instance, String name) {
    return AuthenticatedUsers.processVariable(client, instance, name);
  }

  private static void assertForbidden(Runnable call) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            ProblemException.class, problem -> assertThat(problem.code()).isEqualTo(403));
  }

  private ProcessInstanceEvent evaluationOf(String unitCode, String providerOrgId) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("contractNo", "KS-2016-" + unitCode);
    variables.put("projectNo", "KSCG-2016-" + unitCode);
    variables.put("unitCode", unitCode);
    variables.put("providerOrgId", providerOrgId);
    variables.put("evaluatorOrgId", Kunshan2016.EVALUATOR);
    variables.put("milestone", Map.of("year", 1, "kind", "MID_TERM"));
    variables.put(
        "evaluationWeights", Map.of("expert", 60, "purchaser", 20, "resident", 20, "twoWay", 0));
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId("third-party-evaluation")
        .latestVersion()
        .variables(variables)
        .send()
        .join();
  }

  @Test
  void aProviderSeesClaimsCompletesAndReadsOnlyItsOwnContractsTasks() {
    ProcessInstanceEvent a = evaluationOf("ZP", ORG_A);
    ProcessInstanceEvent b = evaluationOf("ZS", ORG_B);
    UserTask taskA = awaitTask("Task_TwoWayRating", a);
    UserTask taskB = awaitTask("Task_TwoWayRating", b);
    assertThat(taskA.getCandidateGroups()).containsExactly("provider-" + ORG_A);
    assertThat(taskB.getCandidateGroups()).containsExactly("provider-" + ORG_B);

    CamundaClient provider1 = as("provider1");
    assertThat(openTasks(provider1, "Task_TwoWayRating"))
        .extracting(UserTask::getUserTaskKey)
        .containsExactly(taskA.getUserTaskKey());
    assertThat(openTasks(as("provider2"), "Task_TwoWayRating"))
        .extracting(UserTask::getUserTaskKey)
        .containsExactly(taskB.getUserTaskKey());

    long keyB = taskB.getUserTaskKey();
    assertForbidden(() -> provider1.newUserTaskGetRequest(keyB).send().join());
    assertForbidden(
        () -> provider1.newAssignUserTaskCommand(keyB).assignee("provider1").send().join());
    assertForbidden(
        () ->
            provider1
                .newCompleteUserTaskCommand(keyB)
                .variables(Map.of("twoWayRating", 1))
                .send()
                .join());
    assertForbidden(() -> provider1.newUserTaskVariableSearchRequest(keyB).send().join());
    // provider B's task is untouched: still open, unassigned
    assertThat(openTasks(client, "Task_TwoWayRating", b))
        .singleElement()
        .satisfies(t -> assertThat(t.getAssignee()).isNull());

    // its own provider claims and completes it
    CamundaClient provider2 = as("provider2");
    provider2.newAssignUserTaskCommand(keyB).assignee("provider2").send().join();
    provider2
        .newCompleteUserTaskCommand(keyB)
        .variables(Map.of("twoWayRating", 85, "twoWayComments", "区镇支持到位"))
        .send()
        .join();
    await()
        .atMost(AuthenticatedUsers.WAIT)
        .until(() -> openTasks(client, "Task_TwoWayRating", b).isEmpty());

    // the district offices likewise: each scores its own unit's provider only
    UserTask districtA = awaitTask("Task_PurchaserScoring", a);
    UserTask districtB = awaitTask("Task_PurchaserScoring", b);
    assertThat(openTasks(as("district1"), "Task_PurchaserScoring"))
        .extracting(UserTask::getUserTaskKey)
        .contains(districtA.getUserTaskKey())
        .doesNotContain(districtB.getUserTaskKey());
    assertThat(openTasks(as("district2"), "Task_PurchaserScoring"))
        .extracting(UserTask::getUserTaskKey)
        .contains(districtB.getUserTaskKey())
        .doesNotContain(districtA.getUserTaskKey());
  }

  private static Map<String, Object> sheet(String scoreA, String scoreLeren) {
    return Map.of(
        "scores",
        List.of(
            Map.of("bidderId", ORG_A, "technicalScore", new BigDecimal(scoreA)),
            Map.of("bidderId", LEREN, "technicalScore", new BigDecimal(scoreLeren))),
        "noConflictOfInterest",
        true);
  }

  private static List<Variable> variablesOf(CamundaClient as, long userTaskKey) {
    return as.newUserTaskVariableSearchRequest(userTaskKey).send().join().items();
  }

  @Test
  void aDistrictThatReadsItsUnitsProcessLearnsNotWhoSitsOnThePanel() throws Exception {
    ProcessInstanceEvent unit = users.tenderedUnitAtScoring(client, "QD", "千灯镇");
    List<UserTask> sheets =
        await()
            .atMost(AuthenticatedUsers.WAIT)
            .until(
                () -> openTasks(client, "Task_ExpertScoring", unit),
                found ->
                    found.size() == 5 && found.stream().allMatch(t -> t.getAssignee() != null));
    List<String> members = sheets.stream().map(UserTask::getAssignee).toList();
    // a deployment lets district officials follow their units' procurement (READ_PROCESS_INSTANCE)
    long grant =
        client
            .newCreateAuthorizationCommand()
            .ownerId("district2")
            .ownerType(io.camunda.client.api.search.enums.OwnerType.USER)
            .resourceId("unit-procurement")
            .resourceType(io.camunda.client.api.search.enums.ResourceType.PROCESS_DEFINITION)
            .permissionTypes(
                io.camunda.client.api.search.enums.PermissionType.READ_PROCESS_INSTANCE)
            .send()
            .join()
            .getAuthorizationKey();
    try {
      List<Variable> read = instanceVariables(as("district2"), unit.getProcessInstanceKey());
      assertThat(read).extracting(Variable::getName).contains("projectNo", "panelSeats");
      // no variable names the committee: no panel, and no value holds a member's user name
      assertThat(read).extracting(Variable::getName).doesNotContain("panel", "panelMember");
      for (Variable variable : read) {
        // the engine never truncates a value in a search
        String value = variable.getValue();
        for (String member : members) {
          assertThat(value).as(variable.getName()).doesNotContain("\"" + member + "\"");
        }
      }
    } finally {
      client.newDeleteAuthorizationCommand(grant).send().join();
      client.newCancelInstanceCommand(unit.getProcessInstanceKey()).send().join();
    }
  }

  /**
   * 评审专家名单在评审结果确定前应当保密 (87号令 Art 48), the result notice then names them (政府采购法实施条例 Art 43): a
   * bidder's account reads neither the unit's variables nor the evaluation report; a district that
   * reads the unit's process finds the members by seat only in the report; after the award the
   * public notice names every member, with no contact data.
   */
  @Test
  void aBidderLearnsTheCommitteeFromTheAwardNoticeAndNeverFromTheUnitsProcessOrReport()
      throws Exception {
    ProcessInstanceEvent unit = users.tenderedUnitAtScoring(client, "JX", "锦溪镇");
    List<UserTask> sheets =
        await()
            .atMost(AuthenticatedUsers.WAIT)
            .until(
                () -> openTasks(client, "Task_ExpertScoring", unit),
                found ->
                    found.size() == 5 && found.stream().allMatch(t -> t.getAssignee() != null));
    List<String> members = sheets.stream().map(UserTask::getAssignee).toList();
    List<String> names =
        members.stream()
            .map(m -> directory.user(m).map(Recipient::displayName).orElseThrow())
            .toList();
    for (UserTask sheet : sheets) {
      as(sheet.getAssignee())
          .newCompleteUserTaskCommand(sheet.getUserTaskKey())
          .variables(sheet("88", "75"))
          .send()
          .join();
    }
    String reportJson =
        await()
            .atMost(AuthenticatedUsers.WAIT)
            .until(() -> processVariable(unit, "evaluationReportDocument"), v -> v != null);
    DocumentReference report =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readValue(reportJson, DocumentReference.class);

    // provider1 is 阳光's account, a bidder: nothing of the unit, not the report
    CamundaClient bidder = as("provider1");
    assertThat(instanceVariables(bidder, unit)).isEmpty();
    assertThatThrownBy(() -> download(bidder, report))
        .isInstanceOfSatisfying(
            ProblemException.class, problem -> assertThat(problem.code()).isIn(403, 404));

    // a district granted READ_PROCESS_INSTANCE reads the report: seats, no member named
    long grant =
        client
            .newCreateAuthorizationCommand()
            .ownerId("district1")
            .ownerType(io.camunda.client.api.search.enums.OwnerType.USER)
            .resourceId("unit-procurement")
            .resourceType(io.camunda.client.api.search.enums.ResourceType.PROCESS_DEFINITION)
            .permissionTypes(
                io.camunda.client.api.search.enums.PermissionType.READ_PROCESS_INSTANCE)
            .send()
            .join()
            .getAuthorizationKey();
    try {
      String text = PdfText.of(download(as("district1"), report));
      assertThat(text).contains("委员A：", "委员E：");
      for (int i = 0; i < members.size(); i++) {
        assertThat(text).doesNotContain(members.get(i)).doesNotContain(names.get(i));
      }
    } finally {
      client.newDeleteAuthorizationCommand(grant).send().join();
    }

    // the agency hands in the report, the bureau confirms the first-ranked: the award is published
    completeAs(
        "agency1",
        "Task_EvaluationReport",
        unit,
        Map.of(
            "evaluationReport",
            Map.of(
                "reportNo",
                "KSCG-2016-JX-PS",
                "reportDate",
                "2016-08-11",
                "summary",
                "两家响应文件均通过符合性审查",
                "signedByPanel",
                true)));
    List<Map<String, Object>> ranking =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readValue(
                processVariable(unit, "ranking"),
                new com.fasterxml.jackson.core.type.TypeReference<List<Map<String, Object>>>() {});
    completeAs(
        "civil2",
        "Task_ConfirmWinner",
        unit,
        Map.of(
            "winnerBidderId",
            ranking.get(0).get("bidderId"),
            "winner",
            ranking.get(0),
            "confirmationOpinion",
            "同意评审委员会推荐的排名第一的供应商"));
    String committee =
        await()
            .atMost(AuthenticatedUsers.WAIT)
            .until(() -> processVariable(unit, "awardCommittee"), v -> v != null);
    try {
      // the public award notice, to anyone without a log-in, names every member; no contact
      HttpResponse<String> notice =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  java.net.http.HttpRequest.newBuilder(
                          java.net.URI.create(
                              "http://127.0.0.1:"
                                  + port
                                  + "/notices/"
                                  + java.net.URLEncoder.encode(
                                      "KSCG-2016-JX:award:1",
                                      java.nio.charset.StandardCharsets.UTF_8)))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(notice.statusCode()).isEqualTo(200);
      assertThat(notice.body()).contains("<dt>评审委员会成员</dt>");
      for (String name : names) {
        assertThat(notice.body()).contains(name);
        assertThat(committee).contains(name);
      }
      for (String member : members) {
        String email = directory.user(member).map(Recipient::email).orElseThrow();
        assertThat(notice.body()).doesNotContain(email);
      }
      // and the bidder still reads neither the unit nor the report with its seats' scores
      assertThat(instanceVariables(bidder, unit)).isEmpty();
      assertThatThrownBy(() -> download(bidder, report))
          .isInstanceOfSatisfying(
              ProblemException.class, problem -> assertThat(problem.code()).isIn(403, 404));
    } finally {
      client.newCancelInstanceCommand(unit.getProcessInstanceKey()).send().join();
    }
  }

  private static byte[] download(CamundaClient as, DocumentReference document) throws Exception {
    try (java.io.InputStream in =
        as.newDocumentContentGetRequest(document.documentId())
            .storeId(document.storeId())
            .contentHash(document.contentHash())
            .send()
            .join()) {
      return in.readAllBytes();
    }
  }

  @Autowired private RecipientDirectory directory;

  @Test
  void anExpertNeverSeesAColleaguesSheetOrScoresBeforeOrAfterSubmitting() throws Exception {
    ProcessInstanceEvent unit = users.tenderedUnitAtScoring(client, "GXQ", "昆山高新区");
    List<UserTask> sheets =
        await()
            .atMost(AuthenticatedUsers.WAIT)
            .until(() -> openTasks(client, "Task_ExpertScoring", unit), found -> found.size() == 5);
    assertThat(sheets).allSatisfy(t -> assertThat(t.getCandidateGroups()).isEmpty());
    List<String> members = sheets.stream().map(UserTask::getAssignee).sorted().toList();
    // four experts drawn, the one tied to 乐仁 recused, and the purchaser's representative
    assertThat(members).contains("civil1").doesNotContain("expert9").doesNotHaveDuplicates();
    // the draw is sealed until the award notice: no one reading the unit's variables learns who
    // was drawn or recused, not even a drawn expert; a district or provider reads nothing at all
    assertThat(processVariable(unit, "panelDraw")).isNull();
    assertThat(processVariable(unit, "sealedPanelDraw"))
        .isNotNull()
        .doesNotContain("SecureRandom")
        .doesNotContain("expert9")
        .doesNotContain(LEREN);
    for (String outsider : List.of("district1", "provider1")) {
      assertThat(instanceVariables(as(outsider), unit)).isEmpty();
    }
    UserTask sheet1 =
        sheets.stream().filter(t -> t.getAssignee().startsWith("expert")).findFirst().orElseThrow();
    UserTask sheet2 =
        sheets.stream()
            .filter(t -> t.getAssignee().startsWith("expert") && t != sheet1)
            .findFirst()
            .orElseThrow();
    CamundaClient expert1 = as(sheet1.getAssignee());
    CamundaClient expert2 = as(sheet2.getAssignee());
    assertThat(instanceVariables(expert2, unit))
        .extracting(Variable::getValue)
        .noneMatch(value -> value != null && value.contains("SecureRandom"));

    // before anyone scores: each sees only their own sheet
    assertThat(openTasks(expert2, "Task_ExpertScoring"))
        .extracting(UserTask::getUserTaskKey)
        .containsExactly(sheet2.getUserTaskKey());
    assertForbidden(() -> expert2.newUserTaskGetRequest(sheet1.getUserTaskKey()).send().join());

    // the first expert scores
    expert1
        .newCompleteUserTaskCommand(sheet1.getUserTaskKey())
        .variables(sheet("91.5", "63.25"))
        .send()
        .join();
    await()
        .atMost(AuthenticatedUsers.WAIT)
        .until(() -> openTasks(client, "Task_ExpertScoring", unit), found -> found.size() == 4);

    // the second, still scoring, reads everything their own sheet can: no colleague's score
    List<Variable> visibleToExpert2 = variablesOf(expert2, sheet2.getUserTaskKey());
    assertThat(visibleToExpert2)
        .extracting(Variable::getValue)
        .noneMatch(value -> value != null && (value.contains("91.5") || value.contains("63.25")));
    assertThat(visibleToExpert2)
        .filteredOn(v -> v.getName().equals("scores"))
        .singleElement()
        .satisfies(v -> assertThat(v.getValue()).isEqualTo("null"));
    // and cannot open the first expert's finished sheet or its variables
    assertForbidden(() -> expert2.newUserTaskGetRequest(sheet1.getUserTaskKey()).send().join());
    assertForbidden(
        () -> expert2.newUserTaskVariableSearchRequest(sheet1.getUserTaskKey()).send().join());

    // every other member scores on their own task
    for (UserTask other : openTasks(client, "Task_ExpertScoring", unit)) {
      as(other.getAssignee())
          .newCompleteUserTaskCommand(other.getUserTaskKey())
          .variables(sheet("80", "70"))
          .send()
          .join();
    }
    // after submitting too: still nothing of the first expert's
    assertForbidden(
        () -> expert2.newUserTaskVariableSearchRequest(sheet1.getUserTaskKey()).send().join());

    // the ranking opens the sealed sheets: technical scores are the members' averages
    String ranking =
        await()
            .atMost(AuthenticatedUsers.WAIT)
            .until(() -> processVariable(unit, "ranking"), value -> value != null);
    assertThat(ranking).contains("82.3").contains("68.65");
    assertThat(processVariable(unit, "sealedScoreSheets")).doesNotContain("91.5");
  }

  @Test
  void aStationSeesOnlyOrdersDispatchedToItAndARedispatchMovesTheOrder() throws Exception {
    // Monday 3 March 2025, 09:00 in Shanghai
    users.pinClock(Instant.parse("2025-03-03T01:00:00Z"));
    Map<String, Object> need = new HashMap<>();
    need.put("reporterType", "GRID_WORKER");
    need.put("residentName", "李建国");
    need.put("residentCategory", "ELDERLY_LIVING_ALONE");
    need.put("community", "南郊社区");
    need.put("description", "独居老人行动不便，需要助餐");
    need.put("urgency", "NORMAL");
    ProcessInstanceEvent order =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("service-dispatch")
            .latestVersion()
            .variables(need)
            .send()
            .join();

    // the city guidance centre dispatches; a station cannot
    UserTask dispatch = awaitTask("Task_Dispatch", order);
    assertThat(openTasks(as("station1"), "Task_Dispatch", order)).isEmpty();
    CamundaClient centre = as("centre1");
    centre.newAssignUserTaskCommand(dispatch.getUserTaskKey()).assignee("centre1").send().join();
    centre
        .newCompleteUserTaskCommand(dispatch.getUserTaskKey())
        .variables(Map.of("station", "shaxi"))
        .send()
        .join();

    UserTask accept = awaitTask("Task_AcceptOrder", order);
    assertThat(openTasks(as("station1"), "Task_AcceptOrder", order))
        .extracting(UserTask::getUserTaskKey)
        .containsExactly(accept.getUserTaskKey());
    assertThat(openTasks(as("station2"), "Task_AcceptOrder", order)).isEmpty();
    assertForbidden(
        () ->
            as("station2")
                .newAssignUserTaskCommand(accept.getUserTaskKey())
                .assignee("station2")
                .send()
                .join());

    // 沙溪 lets the acceptance deadline pass (17:00 on the next working day): the centre
    // re-dispatches to 城厢
    users.pinClock(Instant.parse("2025-03-04T09:01:00Z"));
    UserTask redispatch = awaitTask("Task_Dispatch", order);
    assertThat(openTasks(as("station1"), "Task_Dispatch", order)).isEmpty();
    centre.newAssignUserTaskCommand(redispatch.getUserTaskKey()).assignee("centre1").send().join();
    centre
        .newCompleteUserTaskCommand(redispatch.getUserTaskKey())
        .variables(Map.of("station", "chengxiang"))
        .send()
        .join();
    UserTask moved = awaitTask("Task_AcceptOrder", order);
    assertThat(moved.getCandidateGroups()).containsExactly("station-chengxiang");
    // 沙溪's station head finds nothing of it any more, and may not take it
    assertThat(openTasks(as("station1"), "Task_AcceptOrder", order)).isEmpty();
    assertThat(openTasks(as("station1"), "Task_AcceptOrder")).isEmpty();
    assertForbidden(
        () ->
            as("station1")
                .newAssignUserTaskCommand(moved.getUserTaskKey())
                .assignee("station1")
                .send()
                .join());
    // 城厢 sees it, claims and accepts it
    CamundaClient chengxiang = as("station2");
    assertThat(openTasks(chengxiang, "Task_AcceptOrder", order))
        .extracting(UserTask::getUserTaskKey)
        .containsExactly(moved.getUserTaskKey());
    chengxiang.newAssignUserTaskCommand(moved.getUserTaskKey()).assignee("station2").send().join();
    chengxiang
        .newCompleteUserTaskCommand(moved.getUserTaskKey())
        .variables(Map.of("acceptedBy", "城厢镇社工站 马站长"))
        .send()
        .join();
    UserTask assign = awaitTask("Task_AssignWorker", order);
    assertThat(assign.getCandidateGroups()).containsExactly("station-chengxiang");
    assertThat(openTasks(as("station1"), "Task_AssignWorker", order)).isEmpty();
    String history =
        await()
            .atMost(AuthenticatedUsers.WAIT)
            .until(
                () -> processVariable(order, "dispatchHistory"),
                value -> value != null && value.contains("ACCEPTED"));
    // the history: 沙溪 lapsed, 城厢 accepted, each dispatched by the centre's official
    List<Map<String, Object>> legs =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readValue(history, new com.fasterxml.jackson.core.type.TypeReference<>() {});
    assertThat(legs)
        .extracting(
            leg -> leg.get("station"),
            leg -> leg.get("dispatchedBy"),
            leg -> leg.get("outcome"),
            leg -> leg.get("acceptedBy"))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("shaxi", "centre1", "LAPSED", null),
            org.assertj.core.groups.Tuple.tuple("chengxiang", "centre1", "ACCEPTED", "station2"));
  }

  /** Every variable of {@code instance} that {@code as} may read. */
  private static long mailsWithSubject(String address, String subject) {
    return MailTestServer.shared().mailsTo(address).stream()
        .filter(
            m -> {
              try {
                return m.getSubject().contains(subject);
              } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
              }
            })
        .count();
  }

  private static List<Variable> instanceVariables(CamundaClient as, ProcessInstanceEvent instance) {
    return as.newVariableSearchRequest()
        .filter(f -> f.processInstanceKey(instance.getProcessInstanceKey()))
        .send()
        .join()
        .items();
  }

  private static List<Variable> caseFile(CamundaClient as, ProcessInstanceEvent caseWork) {
    return as.newVariableSearchRequest()
        .filter(f -> f.processInstanceKey(caseWork.getProcessInstanceKey()))
        .send()
        .join()
        .items();
  }

  private void completeAs(
      String user, String elementId, ProcessInstanceEvent instance, Map<String, Object> answers) {
    UserTask task = awaitTask(elementId, instance);
    CamundaClient as = as(user);
    as.newAssignUserTaskCommand(task.getUserTaskKey()).assignee(user).send().join();
    as.newCompleteUserTaskCommand(task.getUserTaskKey()).variables(answers).send().join();
  }

  @Test
  void aCaseFileIsSeenOnlyByItsWorkerTheStationHeadAndTheStationsSupervisor() throws Exception {
    users.pinClock(Instant.parse("2025-03-03T01:00:00Z"));
    Map<String, Object> intake = new HashMap<>();
    intake.put("residentName", "王秀英");
    intake.put("residentCategory", "ELDERLY_LIVING_ALONE");
    intake.put("community", "南郊社区");
    intake.put("referralType", "SELF");
    intake.put("station", "shaxi");
    intake.put("caseWorker", "worker1");
    intake.put("presentingProblem", "独居，近期跌倒两次，无人照料");
    ProcessInstanceEvent caseWork =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("case-work")
            .latestVersion()
            .variables(intake)
            .send()
            .join();
    UserTask decision = awaitTask("Task_IntakeDecision", caseWork);

    // the case's worker and 沙溪's station head see the task and the file
    for (String insider : List.of("worker1", "station1")) {
      assertThat(openTasks(as(insider), "Task_IntakeDecision", caseWork))
          .extracting(UserTask::getUserTaskKey)
          .containsExactly(decision.getUserTaskKey());
      assertThat(caseFile(as(insider), caseWork))
          .extracting(Variable::getName)
          .contains("presentingProblem", "caseNo");
    }
    // another station, another worker, the centre, the supervisors before any review: nothing
    for (String outsider :
        List.of("station2", "worker2", "centre1", "supervisor1", "supervisor2")) {
      assertThat(openTasks(as(outsider), "Task_IntakeDecision", caseWork)).isEmpty();
      assertThat(caseFile(as(outsider), caseWork)).isEmpty();
    }
    assertForbidden(
        () -> as("station2").newUserTaskGetRequest(decision.getUserTaskKey()).send().join());

    // a HIGH case is reviewed by the station's supervisor, who then reads the file too
    completeAs("worker1", "Task_IntakeDecision", caseWork, Map.of("intakeDecision", "ACCEPT"));
    completeAs(
        "worker1",
        "Task_InitialAssessment",
        caseWork,
        Map.of(
            "riskScore", 82, "urgent", false, "needs", "居家安全改造", "riskFactors", List.of("SAFETY")));
    completeAs(
        "worker1",
        "Task_DraftPlan",
        caseWork,
        Map.of(
            "planType", "REMEDIAL", "goals", "消除跌倒风险", "measures", "安装扶手", "plannedSessions", 4));
    completeAs("station1", "Task_ApprovePlan", caseWork, Map.of("planApproved", true));
    // the plan runs (its weekly review timer is set) before a week passes
    awaitTask("Task_RecordSession", caseWork);
    users.pinClock(Instant.parse("2025-03-10T01:01:00Z"));
    UserTask review = awaitTask("Task_PeriodicReview", caseWork);
    assertThat(review.getCandidateGroups()).containsExactly("supervisor-shaxi");
    assertThat(openTasks(as("supervisor1"), "Task_PeriodicReview", caseWork)).hasSize(1);
    assertThat(caseFile(as("supervisor1"), caseWork))
        .extracting(Variable::getName)
        .contains("presentingProblem");
    assertThat(openTasks(as("supervisor2"), "Task_PeriodicReview", caseWork)).isEmpty();
    assertThat(caseFile(as("supervisor2"), caseWork)).isEmpty();
    assertThat(caseFile(as("station2"), caseWork)).isEmpty();
  }

  @Test
  void theApplicationsApiWantsALogInTheRightRoleAndItsOwnHostName() throws Exception {
    String api = "http://127.0.0.1:" + port + "/api";
    HttpResponse<String> anonymous =
        users.http("GET", api + "/analytics/providers/ratings", null, null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(
            users
                .http("PUT", api + "/social-workers/worker1/availability", null, "{\"away\":true}")
                .statusCode())
        .isEqualTo(401);

    // analytics: not for a provider
    assertThat(
            users.http("GET", api + "/analytics/providers/ratings", "provider1", null).statusCode())
        .isEqualTo(403);

    // a social worker sets their own availability, never a colleague's
    assertThat(
            users
                .http(
                    "PUT",
                    api + "/social-workers/worker1/availability",
                    "worker1",
                    "{\"away\":true}")
                .statusCode())
        .isEqualTo(200);
    HttpResponse<String> colleague =
        users.http(
            "PUT", api + "/social-workers/worker2/availability", "worker1", "{\"away\":true}");
    assertThat(colleague.statusCode()).isEqualTo(403);
    assertThat(colleague.body()).contains("FORBIDDEN");
    assertThat(
            users
                .http(
                    "PUT",
                    api + "/social-workers/worker1/availability",
                    "worker1",
                    "{\"away\":false}")
                .statusCode())
        .isEqualTo(200);
  }

  /** 昆山市新源社会工作服务社: a provider no users file knows, bidding for the first time. */
  private static final String NEWCOMER_ORG = "52320583MJ5000077X";

  private void createUser(String username, String name) {
    try {
      client
          .newCreateUserCommand()
          .username(username)
          .password("demo")
          .name(name)
          .email(username + "@xinyuan.example.org.cn")
          .send()
          .join();
    } catch (ProblemException e) {
      if (e.code() != 409) {
        throw e;
      }
    }
  }

  /** The group's members; none while the group does not exist (404). */
  private static List<String> members(CamundaClient as, String groupId) {
    try {
      return as.newUsersByGroupSearchRequest(groupId).send().join().items().stream()
          .map(io.camunda.client.api.search.response.GroupUser::getUsername)
          .toList();
    } catch (ProblemException e) {
      if (e.code() == 404) {
        return List.of();
      }
      throw e;
    }
  }

  private long childOf(long parentKey, String processId) {
    return await()
        .atMost(AuthenticatedUsers.WAIT)
        .until(
            () ->
                client
                    .newProcessInstanceSearchRequest()
                    .filter(
                        f -> f.parentProcessInstanceKey(parentKey).processDefinitionId(processId))
                    .send()
                    .join()
                    .items(),
            found -> found.size() == 1)
        .get(0)
        .getProcessInstanceKey();
  }

  private UserTask awaitTaskOf(long processInstanceKey, String elementId) {
    return await()
        .atMost(AuthenticatedUsers.WAIT)
        .until(
            () ->
                openTasks(client, elementId).stream()
                    .filter(t -> t.getProcessInstanceKey() == processInstanceKey)
                    .toList(),
            found -> found.size() == 1)
        .get(0);
  }

  @Test
  void aNewProviderThatWinsSeesItsContractsTasksAndAnAccountItDidNotNameSeesNone()
      throws Exception {
    users.pinClock(Kunshan2016.at("2016-08-30T10:00"));
    createUser("xinyuan1", "昆山市新源社会工作服务社 赵新");
    createUser("xinyuan-guest", "新源社工 访客账号");
    assertThat(members(client, "provider-" + NEWCOMER_ORG)).isEmpty();

    // the unit is signed: its winner named its own account on its bid, another bidder another
    Map<String, Object> unit = Kunshan2016.unitOfRound("BL", "巴城镇");
    unit.put("roundYear", 2015);
    unit.put("projectNo", "KSCG-2015-BL");
    unit.put("contractNo", "KS-2015-BL-Y1");
    unit.put("providerOrgId", NEWCOMER_ORG);
    unit.put("providerName", "昆山市新源社会工作服务社");
    unit.put("awardedPriceFen", 78_000_000L);
    unit.put("annualBudgetPerUnitFen", 80_000_000L);
    unit.put("winner", Map.of("bidderId", NEWCOMER_ORG, "bidderName", "昆山市新源社会工作服务社"));
    Map<String, Object> winningBid =
        new HashMap<>(Kunshan2016.bid(NEWCOMER_ORG, "昆山市新源社会工作服务社", 78_000_000L));
    winningBid.put("accountUsers", List.of("xinyuan1"));
    Map<String, Object> otherBid =
        new HashMap<>(Kunshan2016.bid(LEREN, "苏州乐仁社会工作服务社", 79_000_000L));
    otherBid.put("accountUsers", List.of("xinyuan-guest"));
    unit.put("bids", List.of(winningBid, otherBid));
    ProcessInstanceEvent signed =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("unit-procurement")
            .latestVersion()
            .variables(unit)
            .send()
            .join();
    // moved on to where the signed contract starts (the tender is other tests' business)
    UserTask tender = awaitTask("Task_PrepareTenderDocuments", signed);
    client
        .newModifyProcessInstanceCommand(signed.getProcessInstanceKey())
        .activateElement("Task_GrantWinnerAccess")
        .and()
        .terminateElement(tender.getElementInstanceKey())
        .send()
        .join();

    // the application made the winner's group, its named account a member, and no one else
    await()
        .atMost(AuthenticatedUsers.WAIT)
        .until(() -> members(client, "provider-" + NEWCOMER_ORG), found -> !found.isEmpty());
    assertThat(members(client, "provider-" + NEWCOMER_ORG)).containsExactly("xinyuan1");

    // the contract starts: finance pays the first tranche, the first report falls due on 1 November
    long contract = childOf(signed.getProcessInstanceKey(), "service-contract");
    long tranche = childOf(contract, "tranche-payment");
    UserTask approval = awaitTaskOf(tranche, "Task_ApproveTranche");
    CamundaClient finance = as("finance1");
    finance.newAssignUserTaskCommand(approval.getUserTaskKey()).assignee("finance1").send().join();
    finance
        .newCompleteUserTaskCommand(approval.getUserTaskKey())
        .variables(Map.of("trancheApproval", Map.of("decision", "APPROVED", "opinion", "同意拨付")))
        .send()
        .join();
    users.pinClock(Kunshan2016.at("2016-11-01T09:01"));
    UserTask report = awaitTaskOf(contract, "Task_FileOperatingReport");
    assertThat(report.getCandidateGroups()).containsExactly("provider-" + NEWCOMER_ORG);

    // its own account sees it and takes it; the account it did not name, and another provider, see
    // nothing and may not take it
    CamundaClient xinyuan = as("xinyuan1");
    assertThat(openTasks(xinyuan, "Task_FileOperatingReport"))
        .extracting(UserTask::getUserTaskKey)
        .containsExactly(report.getUserTaskKey());
    for (String outsider : List.of("xinyuan-guest", "provider1")) {
      assertThat(openTasks(as(outsider), "Task_FileOperatingReport"))
          .extracting(UserTask::getUserTaskKey)
          .doesNotContain(report.getUserTaskKey());
      assertForbidden(
          () ->
              as(outsider)
                  .newAssignUserTaskCommand(report.getUserTaskKey())
                  .assignee(outsider)
                  .send()
                  .join());
    }
    assertThat(openTasks(as("xinyuan-guest"), "Task_FileOperatingReport")).isEmpty();
    xinyuan.newAssignUserTaskCommand(report.getUserTaskKey()).assignee("xinyuan1").send().join();
    // three days before the report is due its group is reminded: the account added when the bid
    // won is found through the engine's identity, not the users file, and gets the mail; the
    // account it did not name gets none
    users.pinClock(Kunshan2016.at("2016-11-08T09:02"));
    String reminder = "运营报告将于三日后到期";
    await()
        .atMost(AuthenticatedUsers.WAIT)
        .until(() -> mailsWithSubject("xinyuan1@xinyuan.example.org.cn", reminder), n -> n == 1);
    assertThat(mailsWithSubject("xinyuan-guest@xinyuan.example.org.cn", reminder)).isZero();
    // the contract holds what it needs of the award, never the bids or the score sheets
    assertThat(instanceVariables(client, contract))
        .filteredOn(v -> v.getScopeKey() == contract)
        .extracting(Variable::getName)
        .contains("contractNo", "providerOrgId", "evaluatorOrgId", "roundYear", "units")
        .doesNotContain("bids", "sealedScoreSheets", "ranking", "panel", "sealedPanelDraw");
    // its timers would otherwise run on when other tests move the clock
    client.newCancelInstanceCommand(signed.getProcessInstanceKey()).send().join();
  }

  private static List<Variable> instanceVariables(CamundaClient as, long processInstanceKey) {
    return as.newVariableSearchRequest()
        .filter(f -> f.processInstanceKey(processInstanceKey))
        .page(p -> p.limit(500))
        .send()
        .join()
        .items();
  }

  @Test
  void anIncubationTaskOfOneStationIsNeitherSeenNorClaimedNorCompletedByAnother() throws Exception {
    Map<String, Object> application = new HashMap<>();
    application.put("organisationName", "沙溪镇银龄互助社");
    application.put("registrationStatus", "REGISTERED");
    application.put("orgId", "");
    application.put("station", "shaxi");
    application.put("field", "ELDERLY");
    application.put("teamSize", 5);
    application.put("fullTimeStaff", 1);
    application.put("contactPerson", "周红");
    application.put("contactPhone", "13900001111");
    application.put("plan", "组织低龄老人结对探访高龄独居老人");
    ProcessInstanceEvent incubation =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("ngo-incubation")
            .latestVersion()
            .variables(application)
            .send()
            .join();
    UserTask screening = awaitTask("Task_ScreenEligibility", incubation);
    assertThat(screening.getCandidateGroups()).containsExactly("station-shaxi");

    CamundaClient chengxiang = as("station2");
    assertThat(openTasks(chengxiang, "Task_ScreenEligibility", incubation)).isEmpty();
    long key = screening.getUserTaskKey();
    assertForbidden(() -> chengxiang.newUserTaskGetRequest(key).send().join());
    assertForbidden(
        () -> chengxiang.newAssignUserTaskCommand(key).assignee("station2").send().join());
    assertForbidden(
        () ->
            chengxiang
                .newCompleteUserTaskCommand(key)
                .variables(Map.of("eligible", true, "screeningNotes", "同意"))
                .send()
                .join());
    assertThat(openTasks(client, "Task_ScreenEligibility", incubation))
        .singleElement()
        .satisfies(t -> assertThat(t.getAssignee()).isNull());

    // 沙溪's own station head sees and takes it
    CamundaClient shaxi = as("station1");
    assertThat(openTasks(shaxi, "Task_ScreenEligibility", incubation))
        .extracting(UserTask::getUserTaskKey)
        .containsExactly(key);
    shaxi.newAssignUserTaskCommand(key).assignee("station1").send().join();
    client.newCancelInstanceCommand(incubation.getProcessInstanceKey()).send().join();

    // the application form lists the configured stations (civicflow.stations), from the API
    HttpResponse<String> stations =
        users.http("GET", "http://127.0.0.1:" + port + "/api/stations", "station1", null);
    assertThat(stations.statusCode()).isEqualTo(200);
    assertThat(stations.body())
        .contains("\"value\":\"shaxi\"", "\"value\":\"chengxiang\"", "\"value\":\"liuhe\"")
        .contains("沙溪镇社工站");
    assertThat(
            users
                .http("GET", "http://127.0.0.1:" + port + "/api/stations", null, null)
                .statusCode())
        .isEqualTo(401);
  }

  @Test
  void aStationHeadSetsTheAvailabilityOfTheirOwnStationsWorkersOnly() throws Exception {
    String api = "http://127.0.0.1:" + port + "/api/social-workers/";
    // 沙溪's head: 沙溪's workers (worker1, worker2), not 城厢's worker3
    assertThat(users.http("PUT", api + "worker2/availability", "station1", "{\"away\":true}"))
        .satisfies(r -> assertThat(r.statusCode()).isEqualTo(200));
    HttpResponse<String> other =
        users.http("PUT", api + "worker3/availability", "station1", "{\"away\":true}");
    assertThat(other.statusCode()).isEqualTo(403);
    assertThat(other.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(users.http("GET", api + "worker3/availability", "station1", null).statusCode())
        .isEqualTo(403);
    // 城厢's head: worker3, not 沙溪's worker2
    assertThat(
            users
                .http("PUT", api + "worker3/availability", "station2", "{\"away\":true}")
                .statusCode())
        .isEqualTo(200);
    assertThat(
            users
                .http("PUT", api + "worker2/availability", "station2", "{\"away\":false}")
                .statusCode())
        .isEqualTo(403);
    // a supervisor of the station is no station head
    assertThat(
            users
                .http("PUT", api + "worker1/availability", "supervisor1", "{\"away\":true}")
                .statusCode())
        .isEqualTo(403);
    // back as they were
    for (String[] reset : new String[][] {{"worker2", "station1"}, {"worker3", "station2"}}) {
      assertThat(
              users
                  .http("PUT", api + reset[0] + "/availability", reset[1], "{\"away\":false}")
                  .statusCode())
          .isEqualTo(200);
    }
  }
}
