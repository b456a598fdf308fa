package io.civicflow.engine.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.CredentialsProvider;
import io.camunda.client.api.search.enums.BatchOperationState;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.ProcessInstance;
import io.civicflow.engine.testing.Refusal;
import io.civicflow.engine.web.EngineApplication;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The built-in role {@code modeller} of the default users file (user {@code modeller1}): it reads
 * processes, decisions and instances, deploys new versions and migrates and modifies running
 * instances (one by one or as a migration batch) — and may do nothing on user tasks, documents or
 * instances beyond that: completing a task, uploading or reading a document, cancelling, a batch
 * cancel are refused with 403. A provider may not deploy.
 */
class ModellerRoleTest {

  private static ConfigurableApplicationContext context;
  private static int restPort;
  private static int grpcPort;
  private static final Map<String, CamundaClient> CLIENTS = new ConcurrentHashMap<>();
  private final HttpClient http = HttpClient.newHttpClient();

  /** A review by the civil affairs bureau; {@code second} adds a countersignature after it. */
  private static String process(String id, boolean second) {
    String task =
        """
        <bpmn:userTask id="%s" name="%s">
          <bpmn:extensionElements>
            <zeebe:userTask/>
            <zeebe:assignmentDefinition candidateGroups="civil-affairs"/>
          </bpmn:extensionElements>
        </bpmn:userTask>
        """;
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs"
            targetNamespace="http://civicflow.io/test">
          <bpmn:process id="%s" isExecutable="true">
            <bpmn:startEvent id="start"/>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review"/>
            %s
            <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="%s"/>
            %s
            <bpmn:endEvent id="end"/>
          </bpmn:process>
        </bpmn:definitions>
        """
        .formatted(
            id,
            task.formatted("review", "民政局审核"),
            second ? "countersign" : "end",
            second
                ? task.formatted("countersign", "分管领导会签")
                    + "<bpmn:sequenceFlow id=\"f3\" sourceRef=\"countersign\" targetRef=\"end\"/>"
                : "");
  }

  @BeforeAll
  static void startEngine() throws IOException {
    Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "modeller-");
    SpringApplication application = new SpringApplication(EngineApplication.class);
    application.setDefaultProperties(EngineApplication.defaultProperties());
    // the built-in users file (no civicflow.engine.auth.users-file)
    context =
        application.run(
            "--server.port=0",
            "--server.address=127.0.0.1",
            "--management.server.port=0",
            "--civicflow.engine.grpc.port=0",
            "--civicflow.engine.data-dir=" + dir.resolve("data"));
    restPort = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    grpcPort = context.getBean(io.civicflow.engine.grpc.GrpcGateway.class).port();
  }

  @AfterAll
  static void stopEngine() {
    CLIENTS.values().forEach(CamundaClient::close);
    CLIENTS.clear();
    context.close();
  }

  private static long deploy(String user, String transport, String xml, String id) {
    return client(user, transport)
        .newDeployResourceCommand()
        .addResourceStringUtf8(xml, id + ".bpmn")
        .send()
        .join()
        .getProcesses()
        .get(0)
        .getProcessDefinitionKey();
  }

  private static long start(long processDefinitionKey) {
    return client("admin", "rest")
        .newCreateInstanceCommand()
        .processDefinitionKey(processDefinitionKey)
        .send()
        .join()
        .getProcessInstanceKey();
  }

  private static ProcessInstance instance(long key) {
    return client("admin", "rest").newProcessInstanceGetRequest(key).send().join();
  }

  @ParameterizedTest
  @ValueSource(strings = {"rest", "grpc"})
  void aModellerDeploysANewVersionAndMigratesAndModifiesTheRunningInstances(String transport) {
    String id = "modeller-" + transport + "-" + UUID.randomUUID().toString().substring(0, 8);
    long v1 = deploy("admin", "rest", process(id, false), id);
    long one = start(v1);
    long two = start(v1);
    CamundaClient modeller = client("modeller1", transport);

    // reads the definitions and the running instances
    assertThat(
            client("modeller1", "rest")
                .newProcessInstanceSearchRequest()
                .filter(f -> f.processDefinitionId(id))
                .send()
                .join()
                .items())
        .extracting(ProcessInstance::getProcessInstanceKey)
        .containsExactlyInAnyOrder(one, two);
    assertThat(client("modeller1", "rest").newProcessDefinitionGetXmlRequest(v1).send().join())
        .contains("民政局审核");
    client("modeller1", "rest").newDecisionDefinitionSearchRequest().send().join();

    long v2 = deploy("modeller1", transport, process(id, true), id);
    assertThat(v2).isNotEqualTo(v1);

    modeller
        .newMigrateProcessInstanceCommand(one)
        .migrationPlan(v2)
        .addMappingInstruction("review", "review")
        .send()
        .join();
    assertThat(instance(one).getProcessDefinitionKey()).isEqualTo(v2);

    // 修改: the second instance's token moves from the review to the countersignature
    long review =
        client("admin", "rest")
            .newElementInstanceSearchRequest()
            .filter(f -> f.processInstanceKey(two).elementId("review"))
            .send()
            .join()
            .items()
            .get(0)
            .getElementInstanceKey();
    modeller
        .newMigrateProcessInstanceCommand(two)
        .migrationPlan(v2)
        .addMappingInstruction("review", "review")
        .send()
        .join();
    modeller
        .newModifyProcessInstanceCommand(two)
        .activateElement("countersign")
        .and()
        .terminateElement(review)
        .send()
        .join();
    assertThat(
            client("admin", "rest")
                .newUserTaskSearchRequest()
                .filter(f -> f.processInstanceKey(two).state(UserTaskState.CREATED))
                .send()
                .join()
                .items())
        .extracting(t -> t.getElementId())
        .containsExactly("countersign");

    // no cancellation
    assertForbidden(
        () -> modeller.newCancelInstanceCommand(one).send().join(), "CANCEL_PROCESS_INSTANCE");
    assertThat(instance(one).getState()).isEqualTo(ProcessInstanceState.ACTIVE);
  }

  @Test
  void aModellerMigratesTheInstancesOfAVersionAsABatchButMayNotCancelThemAsOne() {
    String id = "modeller-batch-" + UUID.randomUUID().toString().substring(0, 8);
    long v1 = deploy("admin", "rest", process(id, false), id);
    List<Long> running = List.of(start(v1), start(v1), start(v1));
    long v2 = deploy("modeller1", "rest", process(id, true), id);
    CamundaClient modeller = client("modeller1", "rest");

    String batch =
        modeller
            .newCreateBatchOperationCommand()
            .migrateProcessInstance()
            .targetProcessDefinitionKey(v2)
            .addMappingInstruction("review", "review")
            .filter(f -> f.processDefinitionKey(v1))
            .send()
            .join()
            .getBatchOperationKey();
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> modeller.newBatchOperationGetRequest(batch).send().join().getStatus(),
            state -> state == BatchOperationState.COMPLETED);
    for (long key : running) {
      assertThat(instance(key).getProcessDefinitionKey()).isEqualTo(v2);
    }

    assertForbidden(
        () ->
            modeller
                .newCreateBatchOperationCommand()
                .processInstanceCancel()
                .filter(f -> f.processDefinitionKey(v2))
                .send()
                .join(),
        "CREATE_BATCH_OPERATION_CANCEL_PROCESS_INSTANCE");
  }

  @Test
  void aModellerMayNotCompleteAUserTaskNorTouchDocumentsAndAProviderMayNotDeploy()
      throws Exception {
    String id = "modeller-task-" + UUID.randomUUID().toString().substring(0, 8);
    long instance = start(deploy("admin", "rest", process(id, false), id));
    long task =
        client("civil1", "rest")
            .newUserTaskSearchRequest()
            .filter(f -> f.processInstanceKey(instance))
            .send()
            .join()
            .items()
            .get(0)
            .getUserTaskKey();

    // completing the bureau's review: 403 problem+json, and the task stays open
    HttpResponse<String> completion =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:" + restPort + "/v2/user-tasks/" + task + "/completion"))
                .header("Authorization", basic("modeller1"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(completion.statusCode()).isEqualTo(403);
    assertThat(completion.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(completion.body()).contains("FORBIDDEN", "UPDATE_USER_TASK");
    assertForbidden(
        () -> client("modeller1", "rest").newCompleteUserTaskCommand(task).send().join(),
        "UPDATE_USER_TASK");
    assertThat(
            client("civil1", "rest")
                .newUserTaskSearchRequest()
                .filter(f -> f.processInstanceKey(instance))
                .send()
                .join()
                .items())
        .hasSize(1);

    // documents: no upload, and no reading a paper that is not part of an instance
    assertForbidden(
        () ->
            client("modeller1", "rest")
                .newCreateDocumentCommand()
                .content("草稿".getBytes(StandardCharsets.UTF_8))
                .fileName("草稿.txt")
                .send()
                .join(),
        "DOCUMENT");
    var paper =
        client("admin", "rest")
            .newCreateDocumentCommand()
            .content("评审纪要".getBytes(StandardCharsets.UTF_8))
            .fileName("纪要.txt")
            .send()
            .join();
    assertForbidden(
        () ->
            client("modeller1", "rest")
                .newDocumentContentGetRequest(paper.getDocumentId())
                .send()
                .join(),
        "DOCUMENT");

    // a provider deploys nothing
    assertForbidden(
        () -> deploy("provider1", "rest", process(id + "-p", false), id + "-p"),
        "'CREATE' on resource 'RESOURCE'");
  }

  private static void assertForbidden(ThrowingCallable call, String detail) {
    Refusal refusal = Refusal.of(call);
    assertThat(refusal.code()).isEqualTo(403);
    assertThat(refusal.title()).isEqualTo("FORBIDDEN");
    assertThat(refusal.detail()).contains(detail);
  }

  private static String basic(String username) {
    return "Basic "
        + Base64.getEncoder().encodeToString((username + ":demo").getBytes(StandardCharsets.UTF_8));
  }

  private static CamundaClient client(String username, String transport) {
    return CLIENTS.computeIfAbsent(
        username + "/" + transport,
        k ->
            CamundaClient.newClientBuilder()
                .restAddress(URI.create("http://127.0.0.1:" + restPort))
                .grpcAddress(URI.create("http://127.0.0.1:" + grpcPort))
                .preferRestOverGrpc(!transport.equals("grpc"))
                .applyEnvironmentVariableOverrides(false)
                .defaultRequestTimeout(Duration.ofSeconds(10))
                .credentialsProvider(
                    CredentialsProvider.newBasicAuthCredentialsProviderBuilder()
                        .username(username)
                        .password("demo")
                        .build())
                .build());
  }
}
