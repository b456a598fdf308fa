package io.civicflow.engine.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.CredentialsProvider;
import io.camunda.client.api.CamundaFuture;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.ActivateJobsResponse;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.ElementInstance;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.UseMainMethod;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The standalone engine ({@link EngineApplication} with the real engine core and a journal on disk)
 * driven by the official Camunda Java client over REST, the way workers and Camunda Process Test
 * use it — with authentication on, as by default, and the built-in administrator demo/demo.
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
class EngineApplicationTest {

  private static final String PROCESS_ID = "web-review";

  private static final String BPMN =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
          xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs" targetNamespace="http://civicflow.io/test">
        <bpmn:process id="web-review" name="Web review" isExecutable="true">
          <bpmn:startEvent id="StartEvent_1"/>
          <bpmn:sequenceFlow id="f1" sourceRef="StartEvent_1" targetRef="Task_Review"/>
          <bpmn:serviceTask id="Task_Review" name="Review">
            <bpmn:extensionElements>
              <zeebe:taskDefinition type="web.review" retries="3"/>
            </bpmn:extensionElements>
          </bpmn:serviceTask>
          <bpmn:sequenceFlow id="f2" sourceRef="Task_Review" targetRef="Gateway_Ok"/>
          <bpmn:exclusiveGateway id="Gateway_Ok" default="f_no"/>
          <bpmn:sequenceFlow id="f_yes" sourceRef="Gateway_Ok" targetRef="End_Approved">
            <bpmn:conditionExpression>=score &gt;= 60</bpmn:conditionExpression>
          </bpmn:sequenceFlow>
          <bpmn:sequenceFlow id="f_no" sourceRef="Gateway_Ok" targetRef="End_Rejected"/>
          <bpmn:endEvent id="End_Approved"/>
          <bpmn:endEvent id="End_Rejected"/>
        </bpmn:process>
      </bpmn:definitions>
      """;

  @DynamicPropertySource
  static void dataDirectory(DynamicPropertyRegistry registry) throws IOException {
    Path target = Files.createDirectories(Path.of("target"));
    Path dataDir = Files.createTempDirectory(target, "engine-web-test-");
    registry.add("civicflow.engine.data-dir", dataDir::toString);
  }

  @LocalServerPort int port;
  @LocalManagementPort int managementPort;

  private static final String DEMO =
      "Basic " + java.util.Base64.getEncoder().encodeToString("demo:demo".getBytes());

  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private CamundaClient client;

  @BeforeEach
  void connect() {
    client =
        CamundaClient.newClientBuilder()
            .restAddress(URI.create("http://127.0.0.1:" + port))
            .preferRestOverGrpc(true)
            .credentialsProvider(
                CredentialsProvider.newBasicAuthCredentialsProviderBuilder()
                    .username("demo")
                    .password("demo")
                    .build())
            .build();
  }

  @AfterEach
  void disconnect() {
    client.close();
  }

  @Test
  void shouldReportAHealthyTopology() {
    var topology = client.newTopologyRequest().send().join();
    assertThat(topology.getBrokers())
        .singleElement()
        .satisfies(
            broker ->
                assertThat(broker.getPartitions())
                    .singleElement()
                    .satisfies(
                        partition ->
                            assertThat(partition.getHealth().name())
                                .isEqualToIgnoringCase("healthy")));
    assertThat(topology.getGatewayVersion()).isEqualTo("8.8.14");
  }

  @Test
  void shouldRejectAnInvalidBpmnWithAProblem() {
    Throwable failure =
        catchThrowable(
            () ->
                client
                    .newDeployResourceCommand()
                    .addResourceStringUtf8(
                        "<definitions>not a process</definitions>", "broken.bpmn")
                    .send()
                    .join());
    assertThat(failure).isInstanceOf(ProblemException.class);
    ProblemException problem = (ProblemException) failure;
    assertThat(problem.code()).isEqualTo(400);
    assertThat(problem.details().getTitle()).isEqualTo("INVALID_ARGUMENT");
  }

  @Test
  void shouldRunTheSpineThroughTheJavaClient() throws Exception {
    DeploymentEvent deployment =
        client
            .newDeployResourceCommand()
            .addResourceStringUtf8(BPMN, PROCESS_ID + ".bpmn")
            .send()
            .join();
    long definitionKey = deployment.getProcesses().get(0).getProcessDefinitionKey();

    // a long poll that is waiting when the job is created answers with it
    CamundaFuture<ActivateJobsResponse> polling =
        client
            .newActivateJobsCommand()
            .jobType("web.review")
            .maxJobsToActivate(1)
            .requestTimeout(Duration.ofSeconds(10))
            .send();
    ProcessInstanceEvent created =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(PROCESS_ID)
            .latestVersion()
            .variables(Map.of("applicant", "Sunflower Social Work Centre"))
            .send()
            .join();
    List<ActivatedJob> jobs = polling.join().getJobs();
    assertThat(jobs)
        .singleElement()
        .satisfies(
            job -> {
              assertThat(job.getProcessInstanceKey()).isEqualTo(created.getProcessInstanceKey());
              assertThat(job.getVariablesAsMap())
                  .containsEntry("applicant", "Sunflower Social Work Centre");
            });

    client.newCompleteCommand(jobs.get(0).getKey()).variables(Map.of("score", 75)).send().join();

    var instance =
        client.newProcessInstanceGetRequest(created.getProcessInstanceKey()).send().join();
    assertThat(instance.getState()).isEqualTo(ProcessInstanceState.COMPLETED);
    List<ElementInstance> elements =
        client
            .newElementInstanceSearchRequest()
            .filter(f -> f.processInstanceKey(created.getProcessInstanceKey()))
            .sort(s -> s.startDate().asc())
            .send()
            .join()
            .items();
    assertThat(elements)
        .extracting(ElementInstance::getElementId)
        .containsExactly(PROCESS_ID, "StartEvent_1", "Task_Review", "Gateway_Ok", "End_Approved");
    var variables =
        client
            .newVariableSearchRequest()
            .filter(f -> f.processInstanceKey(created.getProcessInstanceKey()).name("score"))
            .send()
            .join()
            .items();
    assertThat(variables).singleElement().satisfies(v -> assertThat(v.getValue()).isEqualTo("75"));
    assertThat(client.newProcessDefinitionGetXmlRequest(definitionKey).send().join())
        .contains("Task_Review");
    assertThat(
            client
                .newProcessInstanceSequenceFlowsRequest(created.getProcessInstanceKey())
                .send()
                .join())
        .extracting(flow -> flow.getElementId())
        .contains("f1", "f2", "f_yes");
  }

  @Test
  void shouldMoveTheClockThroughTheActuator() throws Exception {
    long before =
        json.readTree(management("GET", "/actuator/clock", null).body()).get("epochMilli").asLong();
    HttpResponse<String> added =
        management("POST", "/actuator/clock/add", "{\"offsetMilli\":3600000}");
    assertThat(added.statusCode()).isEqualTo(200);
    JsonNode clock = json.readTree(added.body());
    assertThat(clock.get("epochMilli").asLong()).isGreaterThanOrEqualTo(before + 3_600_000);
    assertThat(clock.get("instant").asText()).endsWith("Z");
    assertThat(management("POST", "/actuator/clock/add", "{}").statusCode()).isEqualTo(400);
    assertThat(management("DELETE", "/actuator/clock", null).statusCode()).isEqualTo(200);
  }

  @Test
  void shouldPurgeEverythingAndReportTheChangeInTheTopology() throws Exception {
    client
        .newDeployResourceCommand()
        .addResourceStringUtf8(BPMN, PROCESS_ID + ".bpmn")
        .send()
        .join();
    HttpResponse<String> purged = management("POST", "/actuator/cluster/purge", null);
    assertThat(purged.statusCode()).isBetween(200, 202);
    long changeId = json.readTree(purged.body()).get("changeId").asLong();

    HttpResponse<String> topology =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/topology"))
                .header("Authorization", DEMO)
                .build(),
            BodyHandlers.ofString());
    JsonNode lastCompleted = json.readTree(topology.body()).get("lastCompletedChangeId");
    assertThat(lastCompleted.isTextual()).isTrue();
    assertThat(Long.parseLong(lastCompleted.asText())).isGreaterThanOrEqualTo(changeId);
    assertThat(client.newProcessDefinitionSearchRequest().send().join().items()).isEmpty();
  }

  private HttpResponse<String> management(String method, String path, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path))
            .header("Authorization", DEMO);
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
