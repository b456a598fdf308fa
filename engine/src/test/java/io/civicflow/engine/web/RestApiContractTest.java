package io.civicflow.engine.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.client.api.response.Topology;
import io.civicflow.engine.api.Commands.ActivateJobs;
import io.civicflow.engine.api.Commands.CreateProcessInstance;
import io.civicflow.engine.api.Commands.Deploy;
import io.civicflow.engine.api.Commands.FailJob;
import io.civicflow.engine.api.Commands.SetVariables;
import io.civicflow.engine.api.Commands.ThrowError;
import io.civicflow.engine.api.Commands.UpdateJob;
import io.civicflow.engine.query.Records.ElementInstanceState;
import io.civicflow.engine.query.Records.ProcessInstanceState;
import io.civicflow.engine.web.support.Fixtures;
import io.civicflow.engine.web.support.StubEngine;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.UseMainMethod;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The HTTP contract of the web layer, driven by the official Camunda Java client (and raw HTTP
 * where the client hides the wire) against {@link EngineApplication} with its real defaults, over a
 * {@link StubEngine} instead of the engine core.
 */
@SpringBootTest(
    classes = EngineApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    useMainMethod = UseMainMethod.ALWAYS,
    // the HTTP contract without credentials; authentication: io.civicflow.engine.web.auth
    properties = {"management.server.port=0", "civicflow.engine.auth.enabled=false"})
@Import(RestApiContractTest.StubEngineConfiguration.class)
class RestApiContractTest {

  private static final String BPMN =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><definitions"
          + " xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"><process id=\"order\""
          + " isExecutable=\"true\"/></definitions>";

  @TestConfiguration(proxyBeanMethods = false)
  static class StubEngineConfiguration {
    @Bean
    StubEngine stubEngine() {
      return new StubEngine();
    }
  }

  @LocalServerPort int port;
  @LocalManagementPort int managementPort;
  @Autowired StubEngine engine;

  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private CamundaClient client;

  @BeforeEach
  void connect() {
    engine.reset();
    client =
        CamundaClient.newClientBuilder()
            .restAddress(URI.create("http://127.0.0.1:" + port))
            .preferRestOverGrpc(true)
            .build();
  }

  @AfterEach
  void disconnect() {
    client.close();
  }

  @Test
  void shouldReportAOneBrokerOnePartitionTopology() throws Exception {
    Topology topology = client.newTopologyRequest().send().join();
    assertThat(topology.getClusterSize()).isEqualTo(1);
    assertThat(topology.getGatewayVersion()).isEqualTo("8.8.14");
    assertThat(topology.getBrokers())
        .singleElement()
        .satisfies(
            broker -> {
              assertThat(broker.getNodeId()).isZero();
              assertThat(broker.getPartitions())
                  .singleElement()
                  .satisfies(
                      p -> {
                        assertThat(p.getPartitionId()).isEqualTo(1);
                        assertThat(p.isLeader()).isTrue();
                        assertThat(p.getHealth().name()).isEqualToIgnoringCase("healthy");
                      });
            });
    JsonNode raw = json.readTree(get("/v2/topology").body());
    assertThat(raw.get("lastCompletedChangeId").isTextual()).isTrue();
    client.newStatusRequest().send().join();
  }

  @Test
  void shouldDeployMultipartResourcesFromTheJavaClient() {
    DeploymentEvent deployment =
        client.newDeployResourceCommand().addResourceStringUtf8(BPMN, "order.bpmn").send().join();
    assertThat(deployment.getProcesses())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.getBpmnProcessId()).isEqualTo("order");
              assertThat(p.getResourceName()).isEqualTo("order.bpmn");
              assertThat(p.getProcessDefinitionKey()).isPositive();
            });
    Deploy command = (Deploy) engine.commands.get(0);
    assertThat(command.tenantId()).isEqualTo("<default>");
    assertThat(
            new String(
                command.resources().get(0).content(), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo(BPMN);
  }

  @Test
  void shouldAnswerARejectedDeploymentWithAProblem() {
    ProblemException problem =
        problem(
            () ->
                client
                    .newDeployResourceCommand()
                    .addResourceStringUtf8("nope", "order.bpmn")
                    .send()
                    .join());
    assertThat(problem.code()).isEqualTo(400);
    assertThat(problem.details().getTitle()).isEqualTo("INVALID_ARGUMENT");
    assertThat(problem.details().getDetail()).contains("order.bpmn");
    assertThat(problem.details().getInstance()).hasToString("/v2/deployments");
  }

  @Test
  void shouldCreateInstancesByIdAndVersionOrByKey() {
    ProcessInstanceEvent created =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("order")
            .latestVersion()
            .variables(Map.of("a", 1))
            .send()
            .join();
    assertThat(created.getProcessInstanceKey()).isPositive();
    assertThat(created.getBpmnProcessId()).isEqualTo("order");
    client.newCreateInstanceCommand().processDefinitionKey(2251799813685249L).send().join();
    client.newCreateInstanceCommand().bpmnProcessId("order").version(3).send().join();

    List<CreateProcessInstance> commands =
        engine.commands.stream().map(CreateProcessInstance.class::cast).toList();
    assertThat(commands.get(0).version()).isNull();
    assertThat(commands.get(0).variables()).containsEntry("a", 1);
    assertThat(commands.get(1).processDefinitionKey()).isEqualTo(2251799813685249L);
    assertThat(commands.get(1).bpmnProcessId()).isNull();
    assertThat(commands.get(2).version()).isEqualTo(3);

    ProblemException notFound =
        problem(
            () ->
                client
                    .newCreateInstanceCommand()
                    .bpmnProcessId("missing")
                    .latestVersion()
                    .send()
                    .join());
    assertThat(notFound.code()).isEqualTo(404);
    assertThat(notFound.details().getTitle()).isEqualTo("NOT_FOUND");
  }

  @Test
  void shouldAnswerDeadlineExceededWhenAnAwaitedInstanceDoesNotComplete() {
    ProblemException timeout =
        problem(
            () ->
                client
                    .newCreateInstanceCommand()
                    .bpmnProcessId("order")
                    .latestVersion()
                    .withResult()
                    .requestTimeout(Duration.ofMillis(200))
                    .send()
                    .join());
    assertThat(timeout.code()).isEqualTo(504);
    assertThat(timeout.details().getTitle()).isEqualTo("DEADLINE_EXCEEDED");
  }

  @Test
  void shouldActivateJobsAndLongPollWhenThereAreNone() {
    engine.activatableJobs.add(StubEngine.job(2251799813685270L, "work", Map.of("x", 1)));
    List<ActivatedJob> jobs =
        client
            .newActivateJobsCommand()
            .jobType("work")
            .maxJobsToActivate(5)
            .fetchVariables("x")
            .requestTimeout(Duration.ofSeconds(5))
            .send()
            .join()
            .getJobs();
    assertThat(jobs)
        .singleElement()
        .satisfies(
            job -> {
              assertThat(job.getKey()).isEqualTo(2251799813685270L);
              assertThat(job.getVariablesAsMap()).containsEntry("x", 1);
              assertThat(job.getCustomHeaders()).containsEntry("h", "v");
              assertThat(job.getDeadline()).isEqualTo(Fixtures.T0 + 60_000);
              assertThat(job.getElementInstanceKey()).isEqualTo(2251799813685260L);
            });
    ActivateJobs command = (ActivateJobs) engine.commands.get(0);
    assertThat(command.fetchVariables()).containsExactly("x");
    assertThat(command.tenantIds()).containsExactly("<default>");

    List<ActivatedJob> none =
        client
            .newActivateJobsCommand()
            .jobType("other")
            .maxJobsToActivate(5)
            .requestTimeout(Duration.ofMillis(300))
            .send()
            .join()
            .getJobs();
    assertThat(none).isEmpty();
  }

  @Test
  void shouldAnswerNoJobsAndCancelTheWaitWhenTheEngineNeverAnswers() throws Exception {
    HttpResponse<String> response =
        post(
            "/v2/jobs/activation",
            "{\"type\":\"stuck\",\"timeout\":1000,\"maxJobsToActivate\":1,\"requestTimeout\":100}");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json.readTree(response.body()).get("jobs").isEmpty()).isTrue();
    assertThat(engine.stuckActivation.isCancelled()).isTrue();
  }

  @Test
  void shouldGiveBackJobsActivatedAfterTheRequestTimedOut() throws Exception {
    HttpResponse<String> response =
        post(
            "/v2/jobs/activation",
            "{\"type\":\"late\",\"timeout\":1000,\"maxJobsToActivate\":1,\"requestTimeout\":100}");
    assertThat(json.readTree(response.body()).get("jobs").isEmpty()).isTrue();

    List<io.civicflow.engine.api.Results.ActivatedJob> late =
        List.of(StubEngine.job(2251799813685271L, "late", Map.of()));
    engine.lateActivation.complete(late);

    // nobody will read these jobs: the engine gets them back instead of holding them until their
    // timeout
    assertThat(engine.commands).last().isEqualTo(late);
  }

  @Test
  void shouldCompleteFailErrorAndUpdateJobs() {
    client.newCompleteCommand(1L).variables(Map.of("r", true)).send().join();
    client
        .newFailCommand(1L)
        .retries(2)
        .errorMessage("err")
        .retryBackoff(Duration.ofSeconds(3))
        .send()
        .join();
    client.newThrowErrorCommand(1L).errorCode("E1").errorMessage("msg").send().join();
    client.newUpdateRetriesCommand(1L).retries(5).send().join();
    client.newUpdateTimeoutCommand(1L).timeout(Duration.ofMinutes(2)).send().join();
    assertThat(engine.commands.get(1)).isEqualTo(new FailJob(1L, 2, "err", 3000L, Map.of()));
    assertThat(engine.commands.get(2)).isEqualTo(new ThrowError(1L, "E1", "msg", Map.of()));
    assertThat(engine.commands.get(3)).isEqualTo(new UpdateJob(1L, 5, null));
    assertThat(engine.commands.get(4)).isEqualTo(new UpdateJob(1L, null, 120_000L));

    ProblemException unknown = problem(() -> client.newCompleteCommand(404L).send().join());
    assertThat(unknown.code()).isEqualTo(404);
    assertThat(unknown.details().getInstance()).hasToString("/v2/jobs/404/completion");
  }

  @Test
  void shouldForwardInstanceMessageAndSignalCommands() {
    client.newSetVariablesCommand(7L).variables(Map.of("s", 1)).local(true).send().join();
    client.newResolveIncidentCommand(8L).send().join();
    client.newCancelInstanceCommand(9L).send().join();
    assertThat(
            client
                .newPublishMessageCommand()
                .messageName("m")
                .correlationKey("c")
                .send()
                .join()
                .getMessageKey())
        .isPositive();
    assertThat(
            client
                .newCorrelateMessageCommand()
                .messageName("m")
                .correlationKey("c")
                .send()
                .join()
                .getProcessInstanceKey())
        .isEqualTo(2251799813685251L);
    assertThat(client.newBroadcastSignalCommand().signalName("s").send().join().getKey())
        .isPositive();
    assertThat(engine.commands.subList(0, 3))
        .containsExactly(new SetVariables(7L, Map.of("s", 1), true), 8L, 9L);
  }

  @Test
  void shouldSearchAndGetThroughTheClient() {
    engine.readModel.processDefinitions.add(Fixtures.definition(2251799813685249L, "order", 1));
    engine.readModel.processInstances.add(
        Fixtures.instance(
            2251799813685251L, "order", ProcessInstanceState.ACTIVE, Fixtures.T0, List.of("t")));
    engine.readModel.elementInstances.add(
        Fixtures.element(
            2251799813685260L,
            2251799813685251L,
            "task",
            ElementInstanceState.ACTIVE,
            Fixtures.T0,
            1));
    engine.readModel.variables.add(
        Fixtures.variable(2251799813685290L, 2251799813685251L, "x", "\"abc\""));

    var instances =
        client
            .newProcessInstanceSearchRequest()
            .filter(f -> f.processInstanceKey(2251799813685251L))
            .send()
            .join();
    assertThat(instances.items())
        .singleElement()
        .satisfies(
            pi -> {
              assertThat(pi.getProcessDefinitionId()).isEqualTo("order");
              assertThat(pi.getState().name()).isEqualTo("ACTIVE");
              assertThat(pi.getStartDate()).hasToString("2023-03-29T20:08:07.171Z");
            });
    assertThat(client.newProcessInstanceGetRequest(2251799813685251L).send().join().getTags())
        .containsExactly("t");
    assertThat(
            client
                .newElementInstanceSearchRequest()
                .filter(f -> f.processInstanceKey(2251799813685251L))
                .send()
                .join()
                .items())
        .singleElement()
        .satisfies(e -> assertThat(e.getElementId()).isEqualTo("task"));
    assertThat(
            client
                .newVariableSearchRequest()
                .filter(f -> f.processInstanceKey(2251799813685251L))
                .send()
                .join()
                .items())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.getValue()).isEqualTo("\"abc\"");
              assertThat(v.isTruncated()).isFalse();
            });
    assertThat(client.newVariableGetRequest(2251799813685290L).send().join().getName())
        .isEqualTo("x");
    assertThat(client.newProcessDefinitionGetXmlRequest(2251799813685249L).send().join())
        .isEqualTo("<definitions/>");
    assertThat(client.newProcessDefinitionSearchRequest().send().join().page().totalItems())
        .isEqualTo(1);

    ProblemException missing = problem(() -> client.newProcessInstanceGetRequest(1L).send().join());
    assertThat(missing.code()).isEqualTo(404);
  }

  @Test
  void shouldAnswerProblemsForUnknownPathsWrongMethodsAndMalformedRequests() throws Exception {
    assertProblem(get("/v2/no-such-thing"), 404, "NOT_FOUND");
    HttpResponse<String> wrongMethod = post("/v2/topology", "{}");
    assertProblem(wrongMethod, 405, "METHOD_NOT_ALLOWED");
    assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("GET");
    assertProblem(get("/v2/process-instances/search"), 400, "INVALID_ARGUMENT");
    assertProblem(post("/v2/process-instances", "{not json"), 400, "INVALID_ARGUMENT");
    assertProblem(post("/v2/process-instances", "{}"), 400, "INVALID_ARGUMENT");
    assertProblem(post("/v2/jobs/abc/completion", "{}"), 400, "INVALID_ARGUMENT");
    assertProblem(post("/v2/jobs/activation", "{\"type\":\"work\"}"), 400, "INVALID_ARGUMENT");
    assertProblem(
        post("/v2/process-instances/search", "{\"filter\":{\"nope\":1}}"), 400, "INVALID_ARGUMENT");
    HttpResponse<String> notFound = get("/v2/no-such-thing");
    assertThat(json.readTree(notFound.body()).get("instance").asText())
        .isEqualTo("/v2/no-such-thing");
  }

  @Test
  void shouldAnswerPayloadTooLargeForAnOversizedDeployment() throws Exception {
    String boundary = "civicflow-test-boundary";
    String head =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"resources\"; filename=\"big.bpmn\"\r\n"
            + "Content-Type: application/octet-stream\r\n\r\n";
    String tail = "\r\n--" + boundary + "--\r\n";
    String body = head + "x".repeat(4 * 1024 * 1024 + 1024) + tail;
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/deployments"))
            .header("Content-Type", "multipart/form-data; charset=ISO-8859-1; boundary=" + boundary)
            .POST(BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> response = http.send(request, BodyHandlers.ofString());
    assertProblem(response, 413, "PAYLOAD_TOO_LARGE");
    assertThat(engine.commands).isEmpty();
  }

  @Test
  void shouldAnswerUnsupportedMediaTypeAsAProblem() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/messages/publication"))
            .header("Content-Type", "text/plain")
            .POST(BodyPublishers.ofString("{\"name\":\"m\"}"))
            .build();
    assertProblem(http.send(request, BodyHandlers.ofString()), 415, "UNSUPPORTED_MEDIA_TYPE");
  }

  @Test
  void shouldMoveAndResetTheClockThroughTheActuator() throws Exception {
    JsonNode clock = json.readTree(management("GET", "/actuator/clock", null).body());
    assertThat(clock.get("epochMilli").asLong()).isEqualTo(Fixtures.T0);
    assertThat(clock.get("instant").asText()).isEqualTo("2023-03-29T20:08:07.171Z");

    HttpResponse<String> added =
        management("POST", "/actuator/clock/add", "{\"offsetMilli\":3600000}");
    assertThat(added.statusCode()).isEqualTo(200);
    assertThat(json.readTree(added.body()).get("epochMilli").asLong())
        .isEqualTo(Fixtures.T0 + 3_600_000);

    assertThat(management("POST", "/actuator/clock/add", "{}").statusCode()).isEqualTo(400);
    HttpResponse<String> pinned =
        management("POST", "/actuator/clock/pin", "{\"epochMilli\":1000}");
    assertThat(json.readTree(pinned.body()).get("epochMilli").asLong()).isEqualTo(1000);

    HttpResponse<String> reset = management("DELETE", "/actuator/clock", null);
    assertThat(reset.statusCode()).isEqualTo(200);
    assertThat(json.readTree(reset.body()).get("epochMilli").asLong()).isEqualTo(Fixtures.T0);

    engine.clockControlled = false;
    assertThat(management("POST", "/actuator/clock/add", "{\"offsetMilli\":1}").statusCode())
        .isEqualTo(403);
  }

  @Test
  void shouldPurgeAndReportTheChangeInTheTopology() throws Exception {
    HttpResponse<String> purged = management("POST", "/actuator/cluster/purge", null);
    assertThat(purged.statusCode()).isEqualTo(202);
    long changeId = json.readTree(purged.body()).get("changeId").asLong();
    String lastCompleted =
        json.readTree(get("/v2/topology").body()).get("lastCompletedChangeId").asText();
    assertThat(Long.parseLong(lastCompleted)).isGreaterThanOrEqualTo(changeId);

    engine.purgeEnabled = false;
    assertThat(management("POST", "/actuator/cluster/purge", null).statusCode()).isEqualTo(403);
  }

  @Test
  void shouldServeHealthOnTheManagementPort() throws Exception {
    HttpResponse<String> health = management("GET", "/actuator/health", null);
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(json.readTree(health.body()).at("/components/engine/status").asText())
        .isEqualTo("UP");
    assertThat(management("GET", "/actuator/health/status", null).statusCode()).isEqualTo(200);
    assertThat(get("/actuator/health").statusCode()).isEqualTo(404);
  }

  @Test
  void shouldSendTheBrowserSecurityHeaders() throws Exception {
    HttpResponse<String> response = get("/v2/topology");
    assertThat(response.headers().firstValue("Content-Security-Policy"))
        .hasValue("default-src 'none'; frame-ancestors 'none'");
    assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
  }

  @Test
  void shouldAnswer503EverywhereOnceTheEngineHasStoppedItself() throws Exception {
    engine.healthy = false;

    assertProblem(get("/v2/topology"), 503, "RESOURCE_EXHAUSTED");
    assertThat(get("/v2/status").statusCode()).isEqualTo(503);
    assertThat(management("GET", "/actuator/health", null).statusCode()).isEqualTo(503);
    assertThat(management("GET", "/actuator/health/liveness", null).statusCode()).isEqualTo(503);
    assertThat(management("GET", "/actuator/health/readiness", null).statusCode()).isEqualTo(503);
    assertThat(management("GET", "/actuator/health/status", null).statusCode()).isEqualTo(503);

    engine.healthy = true;
    assertThat(get("/v2/topology").statusCode()).isEqualTo(200);
    assertThat(management("GET", "/actuator/health/liveness", null).statusCode()).isEqualTo(200);
    assertThat(management("GET", "/actuator/health/readiness", null).statusCode()).isEqualTo(200);
  }

  private void assertProblem(HttpResponse<String> response, int status, String title)
      throws Exception {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    JsonNode body = json.readTree(response.body());
    assertThat(body.get("type").asText()).isEqualTo("about:blank");
    assertThat(body.get("title").asText()).isEqualTo(title);
    assertThat(body.get("status").asInt()).isEqualTo(status);
    assertThat(body.get("detail").asText()).isNotBlank();
    assertThat(body.get("instance").asText()).startsWith("/v2/");
  }

  private static ProblemException problem(ThrowingCallable call) {
    Throwable failure = catchThrowable(call);
    while (failure != null && !(failure instanceof ProblemException)) {
      failure = failure.getCause();
    }
    assertThat(failure).as("a ProblemException").isInstanceOf(ProblemException.class);
    return (ProblemException) failure;
  }

  private HttpResponse<String> get(String path) throws Exception {
    return send(port, "GET", path, null);
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return send(port, "POST", path, body);
  }

  private HttpResponse<String> management(String method, String path, String body)
      throws Exception {
    return send(managementPort, method, path, body);
  }

  private HttpResponse<String> send(int target, String method, String path, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + target + path))
            .header("Accept", "application/json, application/problem+json");
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
