package io.civicflow.engine.web.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.CredentialsProvider;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.search.response.UserTask;
import io.civicflow.engine.testing.TestEngine;
import io.civicflow.engine.web.EngineApplication;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.UseMainMethod;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Authentication and authorisation of the standalone engine with its real defaults (authentication
 * on, the built-in users file, REST API and management on their own ports), through the official
 * Java client and plain HTTP. Every built-in password is {@code demo}.
 */
@SpringBootTest(
    classes = EngineApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    useMainMethod = UseMainMethod.ALWAYS,
    properties = {
      "management.server.port=0",
      "civicflow.engine.clock.controlled=true",
      "civicflow.engine.purge.enabled=true"
    })
class EngineAuthenticationTest {

  private static final String PROCESS_ID = "user-task-for-civil-affairs";
  private static final Map<String, CamundaClient> CLIENTS = new ConcurrentHashMap<>();

  @DynamicPropertySource
  static void dataDirectory(DynamicPropertyRegistry registry) throws IOException {
    Path dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "auth-");
    registry.add("civicflow.engine.data-dir", dataDir::toString);
  }

  @LocalServerPort int port;
  @LocalManagementPort int managementPort;
  @Autowired Environment environment;

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void purge() throws Exception {
    assertThat(management("POST", "/actuator/cluster/purge", "demo:demo").statusCode())
        .isEqualTo(202);
  }

  @AfterAll
  static void closeClients() {
    CLIENTS.values().forEach(CamundaClient::close);
    CLIENTS.clear();
  }

  @Test
  void withoutCredentialsTheApiAnswers401WithABasicChallenge() throws Exception {
    HttpResponse<String> response = rest("GET", "/v2/topology", null, null);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .hasValue("Basic realm=\"civicflow\"");
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    JsonNode problem = json.readTree(response.body());
    assertThat(problem.get("status").asInt()).isEqualTo(401);
    assertThat(problem.get("title").asText()).isEqualTo("UNAUTHORIZED");
    assertThat(problem.get("instance").asText()).isEqualTo("/v2/topology");

    Throwable failure = catchThrowable(() -> anonymousClient().newTopologyRequest().send().join());
    assertThat(failure).isInstanceOf(ProblemException.class);
    assertThat(((ProblemException) failure).code()).isEqualTo(401);
  }

  @Test
  void aWrongPasswordIs401AndTheRightOne200() throws Exception {
    HttpResponse<String> wrong = rest("GET", "/v2/topology", "civil1:wrong", null);
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.headers().firstValue("WWW-Authenticate"))
        .hasValue("Basic realm=\"civicflow\"");
    assertThat(rest("GET", "/v2/topology", "nobody:demo", null).statusCode()).isEqualTo(401);
    Throwable failure =
        catchThrowable(() -> client("civil1", "wrong").newTopologyRequest().send().join());
    assertThat(((ProblemException) failure).code()).isEqualTo(401);

    assertThat(rest("GET", "/v2/topology", "civil1:demo", null).statusCode()).isEqualTo(200);
    assertThat(client("civil1", "demo").newTopologyRequest().send().join().getBrokers()).hasSize(1);
  }

  @Test
  void aPagesScriptGets401WithoutTheChallengeSoTheBrowserOpensNoDialog() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/authentication/me"))
            .header("X-Requested-With", "XMLHttpRequest")
            .header(
                "Authorization",
                "Basic " + Base64.getEncoder().encodeToString("civil1:x".getBytes()))
            .build();
    HttpResponse<String> response = http.send(request, BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
    assertThat(json.readTree(response.body()).get("title").asText()).isEqualTo("UNAUTHORIZED");
  }

  @Test
  void statusAndHealthAnswerWithoutCredentials() throws Exception {
    assertThat(rest("GET", "/v2/status", null, null).statusCode()).isEqualTo(204);
    assertThat(management("GET", "/actuator/health", null).statusCode()).isEqualTo(200);
  }

  @Test
  void anonymousHealthShowsTheStatusOnlyAndAdministratorsTheDetails() throws Exception {
    HttpResponse<String> anonymous = management("GET", "/actuator/health", null);
    assertThat(anonymous.statusCode()).isEqualTo(200);
    assertThat(json.readTree(anonymous.body()).properties())
        .extracting(java.util.Map.Entry::getKey)
        .containsOnly("status", "groups"); // groups: the names of the probe groups
    assertThat(anonymous.body()).doesNotContain("diskSpace").doesNotContain("path");

    // a user who is not an administrator, and wrong credentials, see no more
    for (String credentials : new String[] {"civil1:demo", "admin:wrong"}) {
      HttpResponse<String> other = management("GET", "/actuator/health", credentials);
      assertThat(other.statusCode()).isEqualTo(200);
      assertThat(other.body()).doesNotContain("components");
    }

    HttpResponse<String> admin = management("GET", "/actuator/health", "admin:demo");
    assertThat(admin.statusCode()).isEqualTo(200);
    JsonNode components = json.readTree(admin.body()).get("components");
    assertThat(components.at("/engine/status").asText()).isEqualTo("UP");
    assertThat(components.has("diskSpace")).isTrue();
  }

  @Test
  void aUserWhosePasswordIsGuessedIsBarredBrieflyWithoutSlowingOthers() throws Exception {
    HttpResponse<String> response = null;
    for (int i = 0; i <= LoginThrottle.FREE_PER_USER; i++) {
      response = rest("GET", "/v2/authentication/me", "panel5:guess" + i, null);
      assertThat(response.statusCode()).isEqualTo(401);
    }

    response = rest("GET", "/v2/authentication/me", "panel5:guess", null);
    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(json.readTree(response.body()).get("title").asText()).isEqualTo("TOO_MANY_REQUESTS");
    assertThat(json.readTree(response.body()).get("detail").asText()).contains("for user 'panel5'");
    assertThat(rest("GET", "/v2/authentication/me", "panel4:demo", null).statusCode())
        .isEqualTo(200);
  }

  @Test
  void meDescribesTheAuthenticatedUser() throws Exception {
    JsonNode me = json.readTree(rest("GET", "/v2/authentication/me", "expert3:demo", null).body());
    assertThat(me.get("username").asText()).isEqualTo("expert3");
    assertThat(me.get("groups").toString()).isEqualTo("[\"expert-panel\"]");
    assertThat(me.get("roles").toString()).isEqualTo("[]");

    JsonNode admin = json.readTree(rest("GET", "/v2/authentication/me", "demo:demo", null).body());
    assertThat(admin.get("roles").toString()).isEqualTo("[\"admin\"]");
    JsonNode analyst =
        json.readTree(rest("GET", "/v2/authentication/me", "analyst:demo", null).body());
    assertThat(analyst.get("displayName").asText()).isEqualTo("流程分析员 林晓");
    assertThat(analyst.get("groups").toString()).isEqualTo("[]");
    assertThat(analyst.get("roles").toString()).isEqualTo("[\"analyst\"]");
  }

  @Test
  void aUserOutsideTheCandidateGroupNeitherSeesNorWorksOnTheTask() throws Exception {
    UserTask task = startAndFindTask();
    long key = task.getUserTaskKey();
    CamundaClient district = client("district1", "demo");

    assertThat(
            district
                .newUserTaskSearchRequest()
                .filter(f -> f.processInstanceKey(task.getProcessInstanceKey()))
                .send()
                .join()
                .items())
        .isEmpty();
    assertThat(district.newUserTaskSearchRequest().send().join().page().totalItems()).isZero();

    assertForbidden(() -> district.newUserTaskGetRequest(key).send().join());
    assertForbidden(() -> district.newUserTaskGetFormRequest(key).send().join());
    assertForbidden(() -> district.newUserTaskVariableSearchRequest(key).send().join());
    assertForbidden(
        () -> district.newAssignUserTaskCommand(key).assignee("district1").send().join());
    assertForbidden(() -> district.newUnassignUserTaskCommand(key).send().join());
    assertForbidden(
        () ->
            district
                .newUpdateUserTaskCommand(key)
                .candidateGroups("district-office")
                .send()
                .join());
    assertForbidden(() -> district.newCompleteUserTaskCommand(key).send().join());

    HttpResponse<String> plain = rest("GET", "/v2/user-tasks/" + key, "district1:demo", null);
    assertThat(plain.statusCode()).isEqualTo(403);
    assertThat(json.readTree(plain.body()).get("title").asText()).isEqualTo("FORBIDDEN");
    HttpResponse<String> complete =
        rest("POST", "/v2/user-tasks/" + key + "/completion", "district1:demo", "{}");
    assertThat(complete.statusCode()).isEqualTo(403);

    // nothing happened to the task
    UserTask unchanged = admin().newUserTaskGetRequest(key).send().join();
    assertThat(unchanged.getState().name()).isEqualTo("CREATED");
    assertThat(unchanged.getCandidateGroups()).containsExactly("civil-affairs");
    // a task that does not exist is still 404
    Throwable missing =
        catchThrowable(() -> district.newUserTaskGetRequest(key + 1_000_000).send().join());
    assertThat(((ProblemException) missing).code()).isEqualTo(404);
  }

  @Test
  void aUserInTheCandidateGroupSeesAssignsAndCompletesTheTask() {
    UserTask task = startAndFindTask();
    long key = task.getUserTaskKey();
    CamundaClient civil = client("civil1", "demo");

    assertThat(
            civil
                .newUserTaskSearchRequest()
                .filter(f -> f.processInstanceKey(task.getProcessInstanceKey()))
                .send()
                .join()
                .items())
        .extracting(UserTask::getUserTaskKey)
        .containsExactly(key);
    assertThat(civil.newUserTaskGetRequest(key).send().join().getName())
        .isEqualTo("Approve the needs book");
    assertThat(civil.newUserTaskVariableSearchRequest(key).send().join().items())
        .extracting(v -> v.getName())
        .contains("projectNo");
    civil.newAssignUserTaskCommand(key).assignee("civil1").send().join();
    civil.newCompleteUserTaskCommand(key).variables(Map.of("approved", true)).send().join();

    assertThat(admin().newUserTaskGetRequest(key).send().join().getState().name())
        .isEqualTo("COMPLETED");
  }

  @Test
  void candidateUsersAndAssigneesSeeTheTaskToo() {
    UserTask task = startAndFindTask();
    long key = task.getUserTaskKey();

    // liaison1 is a candidate user of the task (not in civil-affairs)
    assertThat(client("liaison1", "demo").newUserTaskGetRequest(key).send().join().getUserTaskKey())
        .isEqualTo(key);
    // worker1 sees it once it is assigned to them, and not before
    CamundaClient worker = client("worker1", "demo");
    assertForbidden(() -> worker.newUserTaskGetRequest(key).send().join());
    admin().newAssignUserTaskCommand(key).assignee("worker1").send().join();
    assertThat(worker.newUserTaskSearchRequest().send().join().items())
        .extracting(UserTask::getUserTaskKey)
        .containsExactly(key);
    worker.newCompleteUserTaskCommand(key).send().join();
  }

  @Test
  void anAdministratorSeesEveryTask() {
    List<Long> keys = new ArrayList<>();
    keys.add(startAndFindTask().getUserTaskKey());
    keys.add(startAndFindTask().getUserTaskKey());

    assertThat(admin().newUserTaskSearchRequest().send().join().items())
        .extracting(UserTask::getUserTaskKey)
        .containsExactlyInAnyOrderElementsOf(keys);
    assertThat(client("analyst", "demo").newUserTaskSearchRequest().send().join().items())
        .isEmpty();
  }

  @Test
  void theManagementEndpointsNeedAnAdministrator() throws Exception {
    assertThat(management("GET", "/actuator/clock", null).statusCode()).isEqualTo(401);
    assertThat(management("GET", "/actuator/clock", null).headers().firstValue("WWW-Authenticate"))
        .hasValue("Basic realm=\"civicflow\"");
    assertThat(management("GET", "/actuator/clock", "demo:wrong").statusCode()).isEqualTo(401);

    HttpResponse<String> forbidden = management("POST", "/actuator/clock/add", "civil1:demo");
    assertThat(forbidden.statusCode()).isEqualTo(403);
    assertThat(forbidden.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(json.readTree(forbidden.body()).get("title").asText()).isEqualTo("FORBIDDEN");
    assertThat(management("POST", "/actuator/cluster/purge", "civil1:demo").statusCode())
        .isEqualTo(403);
    assertThat(management("POST", "/actuator/cluster/purge", null).statusCode()).isEqualTo(401);

    assertThat(management("POST", "/actuator/clock/add", "demo:demo").statusCode()).isEqualTo(200);
    assertThat(management("DELETE", "/actuator/clock", "demo:demo").statusCode()).isEqualTo(200);
    assertThat(management("POST", "/actuator/cluster/purge", "civicflow-workers:demo").statusCode())
        .isEqualTo(202);
  }

  @Test
  void theEngineListensOnLoopbackOnly() {
    assertThat(environment.getProperty("server.address")).isEqualTo("127.0.0.1");
    assertThat(environment.getProperty("management.server.address")).isEqualTo("127.0.0.1");
    Loopback.assertOnlyOnLoopback(port);
    Loopback.assertOnlyOnLoopback(managementPort);
  }

  private UserTask startAndFindTask() {
    CamundaClient admin = admin();
    admin
        .newDeployResourceCommand()
        .addResourceBytes(TestEngine.fixture(PROCESS_ID + ".bpmn"), PROCESS_ID + ".bpmn")
        .send()
        .join();
    long instance =
        admin
            .newCreateInstanceCommand()
            .bpmnProcessId(PROCESS_ID)
            .latestVersion()
            .variables(Map.of("projectNo", "KS-2016-ZP"))
            .send()
            .join()
            .getProcessInstanceKey();
    return admin
        .newUserTaskSearchRequest()
        .filter(f -> f.processInstanceKey(instance))
        .send()
        .join()
        .items()
        .get(0);
  }

  private static void assertForbidden(Runnable call) {
    Throwable failure = catchThrowable(call::run);
    assertThat(failure).isInstanceOf(ProblemException.class);
    ProblemException problem = (ProblemException) failure;
    assertThat(problem.code()).isEqualTo(403);
    assertThat(problem.details().getTitle()).isEqualTo("FORBIDDEN");
  }

  private CamundaClient admin() {
    return client("demo", "demo");
  }

  private CamundaClient client(String username, String password) {
    return CLIENTS.computeIfAbsent(
        port + "/" + username + ":" + password,
        k ->
            CamundaClient.newClientBuilder()
                .restAddress(URI.create("http://127.0.0.1:" + port))
                .preferRestOverGrpc(true)
                .credentialsProvider(
                    CredentialsProvider.newBasicAuthCredentialsProviderBuilder()
                        .username(username)
                        .password(password)
                        .build())
                .build());
  }

  private CamundaClient anonymousClient() {
    return CLIENTS.computeIfAbsent(
        port + "/anonymous",
        k ->
            CamundaClient.newClientBuilder()
                .restAddress(URI.create("http://127.0.0.1:" + port))
                .preferRestOverGrpc(true)
                .build());
  }

  private HttpResponse<String> rest(String method, String path, String credentials, String body)
      throws Exception {
    return send(URI.create("http://127.0.0.1:" + port + path), method, credentials, body);
  }

  private HttpResponse<String> management(String method, String path, String credentials)
      throws Exception {
    String body = path.endsWith("/add") ? "{\"offsetMilli\":1000}" : null;
    return send(URI.create("http://127.0.0.1:" + managementPort + path), method, credentials, body);
  }

  private HttpResponse<String> send(URI uri, String method, String credentials, String body)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri);
    if (credentials != null) {
      request.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
    if (body == null) {
      request.method(method, BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json; charset=UTF-8")
          .method(method, BodyPublishers.ofString(body));
    }
    return http.send(request.build(), BodyHandlers.ofString());
  }
}
