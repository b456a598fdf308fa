package io.civicflow.engine.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.CredentialsProvider;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.ProcessInstance;
import io.civicflow.engine.Engine;
import io.civicflow.engine.testing.FreePorts;
import io.civicflow.engine.testing.Refusal;
import io.civicflow.engine.web.EngineApplication;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Camunda 8.8's authorizations and multi-tenancy on the standalone engine, through the official
 * Java client over REST and over gRPC: a command without its permission is refused (403 {@code
 * FORBIDDEN}, gRPC {@code PERMISSION_DENIED}) and writes nothing; searches and gets show only what
 * the caller may read, counts included; each tenant's users see only their tenant (in the style of
 * Camunda's CPT {@code MultiTenancyTest}).
 */
class AuthorizationTest {

  /** BCrypt of "demo". */
  private static final String HASH = "$2a$10$crBbk2EsUXT8f5aYSLsxJOqU52kb7/FqxUBwa4L0Wq.lN.78bHbxu";

  private static final String USERS =
      """
      users:
        boss: {password: "%1$s", groups: [admin]}
        clerk: {password: "%1$s", groups: [clerks]}
        reader: {password: "%1$s", groups: [readers]}
        operator: {password: "%1$s"}
        outsider: {password: "%1$s"}
        kunshan: {password: "%1$s", roles: [tenant-operator], tenants: [kunshan]}
        taicang: {password: "%1$s", roles: [tenant-operator], tenants: [taicang]}
      authorizations:
        - ownerType: GROUP
          ownerId: readers
          resourceType: PROCESS_DEFINITION
          resourceId: authz-a
          permissionTypes: [READ_PROCESS_DEFINITION, READ_PROCESS_INSTANCE]
        - ownerType: GROUP
          ownerId: readers
          resourceType: BATCH
          resourceId: "*"
          permissionTypes: [CREATE_BATCH_OPERATION_CANCEL_PROCESS_INSTANCE,
                            CREATE_BATCH_OPERATION_MIGRATE_PROCESS_INSTANCE]
        - ownerType: USER
          ownerId: operator
          resourceType: PROCESS_DEFINITION
          resourceId: authz-a
          permissionTypes: [READ_PROCESS_DEFINITION, READ_PROCESS_INSTANCE, CREATE_PROCESS_INSTANCE,
                            UPDATE_PROCESS_INSTANCE, CANCEL_PROCESS_INSTANCE]
        - ownerType: ROLE
          ownerId: tenant-operator
          resourceType: PROCESS_DEFINITION
          resourceId: "*"
          permissionTypes: [READ_PROCESS_DEFINITION, READ_PROCESS_INSTANCE, CREATE_PROCESS_INSTANCE,
                            UPDATE_PROCESS_INSTANCE, CANCEL_PROCESS_INSTANCE, READ_USER_TASK,
                            UPDATE_USER_TASK]
        - ownerType: ROLE
          ownerId: tenant-operator
          resourceType: RESOURCE
          resourceId: "*"
          permissionTypes: [CREATE]
      """
          .formatted(HASH);

  /** A job and, in parallel, a user task offered to group clerks. */
  private static final String PROCESS =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
          xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs"
          targetNamespace="http://civicflow.io/test">
        <bpmn:process id="%1$s" isExecutable="true">
          <bpmn:startEvent id="start"/>
          <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="fork"/>
          <bpmn:parallelGateway id="fork"/>
          <bpmn:sequenceFlow id="f2" sourceRef="fork" targetRef="work"/>
          <bpmn:sequenceFlow id="f3" sourceRef="fork" targetRef="review"/>
          <bpmn:serviceTask id="work">
            <bpmn:extensionElements><zeebe:taskDefinition type="%1$s-work"/></bpmn:extensionElements>
          </bpmn:serviceTask>
          <bpmn:sequenceFlow id="f4" sourceRef="work" targetRef="end1"/>
          <bpmn:endEvent id="end1"/>
          <bpmn:userTask id="review">
            <bpmn:extensionElements>
              <zeebe:userTask/>
              <zeebe:assignmentDefinition candidateGroups="clerks"/>
            </bpmn:extensionElements>
          </bpmn:userTask>
          <bpmn:sequenceFlow id="f5" sourceRef="review" targetRef="end2"/>
          <bpmn:endEvent id="end2"/>
        </bpmn:process>
      </bpmn:definitions>
      """;

  private static ConfigurableApplicationContext context;
  private static int restPort;
  private static int grpcPort;
  private static final Map<String, CamundaClient> CLIENTS = new ConcurrentHashMap<>();

  @BeforeAll
  static void startEngine() throws IOException {
    Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "authz-");
    Path users = Files.writeString(dir.resolve("users.yaml"), USERS);
    restPort = FreePorts.next();
    grpcPort = FreePorts.next();
    SpringApplication application = new SpringApplication(EngineApplication.class);
    application.setDefaultProperties(EngineApplication.defaultProperties());
    context =
        application.run(
            "--server.port=" + restPort,
            "--management.server.port=" + FreePorts.next(),
            "--civicflow.engine.data-dir=" + dir.resolve("data"),
            "--civicflow.engine.purge.enabled=true",
            "--civicflow.engine.grpc.port=" + grpcPort,
            "--civicflow.engine.auth.users-file=" + users);
  }

  @AfterAll
  static void stopEngine() {
    CLIENTS.values().forEach(CamundaClient::close);
    CLIENTS.clear();
    context.close();
  }

  @BeforeEach
  void purge() {
    engine().purge().join();
  }

  // ------------------------------------------------------------------------------ commands

  @ParameterizedTest
  @ValueSource(strings = {"rest", "grpc"})
  void everyCommandWithoutItsPermissionIsRefusedAndWritesNothing(String transport) {
    deploy("boss", null, "authz-a", "authz-b");
    long instance = start("boss", "authz-b", null);
    CamundaClient outsider = client("outsider", transport);
    CamundaClient reader = client("reader", transport);

    AtomicInteger written = new AtomicInteger();
    engine().partition().onEventWritten(event -> written.incrementAndGet());
    try {
      assertForbidden(
          () ->
              outsider
                  .newDeployResourceCommand()
                  .addResourceStringUtf8(PROCESS.formatted("authz-c"), "authz-c.bpmn")
                  .send()
                  .join(),
          "'CREATE' on resource 'RESOURCE'");
      assertForbidden(
          () ->
              reader
                  .newCreateInstanceCommand()
                  .bpmnProcessId("authz-a")
                  .latestVersion()
                  .send()
                  .join(),
          "'CREATE_PROCESS_INSTANCE' on resource 'PROCESS_DEFINITION'");
      assertForbidden(
          () -> outsider.newCancelInstanceCommand(instance).send().join(),
          "'CANCEL_PROCESS_INSTANCE'");
      assertForbidden(
          () -> outsider.newSetVariablesCommand(instance).variables(Map.of("x", 1)).send().join(),
          "'UPDATE_PROCESS_INSTANCE'");
      assertForbidden(
          () ->
              outsider
                  .newMigrateProcessInstanceCommand(instance)
                  .migrationPlan(1L)
                  .addMappingInstruction("review", "review")
                  .send()
                  .join(),
          "'UPDATE_PROCESS_INSTANCE'");
      assertForbidden(
          () ->
              outsider.newModifyProcessInstanceCommand(instance).terminateElement(1L).send().join(),
          "'MODIFY_PROCESS_INSTANCE'");
      long definition =
          client("boss", "rest")
              .newProcessInstanceGetRequest(instance)
              .send()
              .join()
              .getProcessDefinitionKey();
      assertForbidden(
          () -> outsider.newDeleteResourceCommand(definition).send().join(),
          "'DELETE_PROCESS' on resource 'RESOURCE'");
      assertForbidden(
          () ->
              outsider
                  .newPublishMessageCommand()
                  .messageName("m")
                  .correlationKey("k")
                  .send()
                  .join(),
          "'CREATE' on resource 'MESSAGE'");
      assertForbidden(
          () ->
              outsider
                  .newEvaluateDecisionCommand()
                  .decisionId("any-decision")
                  .variables(Map.of())
                  .send()
                  .join(),
          "'CREATE_DECISION_INSTANCE' on resource 'DECISION_DEFINITION'");
      // a caller activates only the jobs of processes it may update: none here, none locked
      assertThat(activateNow(outsider, "authz-b-work")).isEmpty();
      assertThat(written).hasValue(0);
    } finally {
      engine().partition().onEventWritten(null);
    }

    ActivatedJob job = activateNow(client("boss", transport), "authz-b-work").get(0);
    engine().partition().onEventWritten(event -> written.incrementAndGet());
    try {
      assertForbidden(() -> outsider.newCompleteCommand(job.getKey()).send().join(), "UPDATE");
      assertForbidden(
          () -> outsider.newFailCommand(job.getKey()).retries(0).send().join(), "UPDATE");
      assertForbidden(
          () -> outsider.newThrowErrorCommand(job.getKey()).errorCode("e").send().join(), "UPDATE");
      assertForbidden(
          () -> outsider.newUpdateRetriesCommand(job.getKey()).retries(5).send().join(), "UPDATE");
      assertThat(written).hasValue(0);
    } finally {
      engine().partition().onEventWritten(null);
    }

    client("boss", transport).newFailCommand(job.getKey()).retries(0).send().join();
    long incident =
        client("boss", "rest")
            .newIncidentSearchRequest()
            .filter(f -> f.processInstanceKey(instance))
            .send()
            .join()
            .items()
            .get(0)
            .getIncidentKey();
    engine().partition().onEventWritten(event -> written.incrementAndGet());
    try {
      assertForbidden(
          () -> outsider.newResolveIncidentCommand(incident).send().join(),
          "'UPDATE_PROCESS_INSTANCE'");
      assertThat(written).hasValue(0);
    } finally {
      engine().partition().onEventWritten(null);
    }
    assertThat(state(instance)).isEqualTo(ProcessInstanceState.ACTIVE);
    assertThat(
            client("boss", "rest")
                .newVariableSearchRequest()
                .filter(f -> f.processInstanceKey(instance))
                .send()
                .join()
                .items())
        .extracting(v -> v.getName())
        .containsExactly("subject");
  }

  @Test
  void restOnlyCommandsToo() {
    deploy("boss", null, "authz-b");
    long instance = start("boss", "authz-b", null);
    long task = userTaskOf("boss", instance);
    CamundaClient outsider = client("outsider", "rest");
    AtomicInteger written = new AtomicInteger();
    engine().partition().onEventWritten(event -> written.incrementAndGet());
    try {
      assertForbidden(
          () ->
              outsider
                  .newCorrelateMessageCommand()
                  .messageName("m")
                  .correlationKey("k")
                  .send()
                  .join(),
          "'CREATE' on resource 'MESSAGE'");
      assertForbidden(
          () -> outsider.newAssignUserTaskCommand(task).assignee("outsider").send().join(),
          "'UPDATE_USER_TASK'");
      assertForbidden(
          () -> outsider.newCompleteUserTaskCommand(task).send().join(), "'UPDATE_USER_TASK'");
      assertThat(written).hasValue(0);
    } finally {
      engine().partition().onEventWritten(null);
    }
    assertForbidden(
        () -> outsider.newCreateDocumentCommand().content("a note").send().join(),
        "'CREATE' on resource 'DOCUMENT'");
    // the task's candidate group works on it without any grant (what Tasklist shows), and reads
    // the variables its form needs
    assertThat(client("clerk", "rest").newUserTaskVariableSearchRequest(task).send().join().items())
        .extracting(v -> v.getName())
        .containsExactly("subject");
    assertThat(outsider.newVariableSearchRequest().send().join().items()).isEmpty();
    client("clerk", "rest").newAssignUserTaskCommand(task).assignee("clerk").send().join();
    client("clerk", "rest").newCompleteUserTaskCommand(task).send().join();
  }

  @ParameterizedTest
  @ValueSource(strings = {"rest", "grpc"})
  void aGrantOnOneProcessAllowsItsCommandsThere(String transport) {
    deploy("boss", null, "authz-a", "authz-b");
    CamundaClient operator = client("operator", transport);
    long mine = start("operator", "authz-a", transport);
    assertForbidden(
        () ->
            operator
                .newCreateInstanceCommand()
                .bpmnProcessId("authz-b")
                .latestVersion()
                .send()
                .join(),
        "required resource identifiers are one of '[*, authz-b]'");

    operator.newSetVariablesCommand(mine).variables(Map.of("checked", true)).send().join();
    ActivatedJob job = activateNow(operator, "authz-a-work").get(0);
    operator.newCompleteCommand(job.getKey()).send().join();
    long definition =
        operator.newProcessInstanceGetRequest(mine).send().join().getProcessDefinitionKey();
    operator
        .newMigrateProcessInstanceCommand(mine)
        .migrationPlan(definition)
        .addMappingInstruction("review", "review")
        .send()
        .join();
    operator.newCancelInstanceCommand(mine).send().join();
    assertThat(state(mine)).isEqualTo(ProcessInstanceState.TERMINATED);
  }

  /** CivicFlow's dry-runs over raw REST with Basic credentials: the status of the answer. */
  private static int dryRun(String user, String path, String contentType, String body)
      throws Exception {
    return java.net.http.HttpClient.newHttpClient()
        .send(
            java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + restPort + path))
                .header("Content-Type", contentType)
                .header(
                    "Authorization",
                    "Basic "
                        + java.util.Base64.getEncoder().encodeToString((user + ":demo").getBytes()))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  @Test
  void theDryRunsNeedTheirCommandsPermissions() throws Exception {
    deploy("boss", null, "authz-a");
    long mine = start("operator", "authz-a", "rest");
    long definition =
        client("boss", "rest")
            .newProcessInstanceGetRequest(mine)
            .send()
            .join()
            .getProcessDefinitionKey();
    String migration = "/v2/process-instances/" + mine + "/migration/dry-run";
    String plan =
        "{\"targetProcessDefinitionKey\":"
            + definition
            + ",\"mappingInstructions\":[{\"sourceElementId\":\"review\",\"targetElementId\":\"review\"}]}";
    assertThat(dryRun("outsider", migration, "application/json", plan)).isEqualTo(403);
    assertThat(dryRun("operator", migration, "application/json", plan)).isEqualTo(200);

    String multipart =
        "--b\r\nContent-Disposition: form-data; name=\"resources\"; filename=\"authz-c.bpmn\"\r\n\r\n"
            + PROCESS.formatted("authz-c")
            + "\r\n--b--\r\n";
    String type = "multipart/form-data; boundary=b";
    assertThat(dryRun("outsider", "/v2/deployments/dry-run", type, multipart)).isEqualTo(403);
    assertThat(dryRun("boss", "/v2/deployments/dry-run", type, multipart)).isEqualTo(200);
  }

  // ------------------------------------------------------------------------------ batches

  @Test
  void aBatchItemTheCallerMayNotDoIsFailedWithTheRefusal() {
    deploy("boss", null, "authz-a");
    long instance = start("boss", "authz-a", null);
    CamundaClient reader = client("reader", "rest");

    String key =
        reader
            .newCreateBatchOperationCommand()
            .processInstanceCancel()
            .filter(f -> f.processInstanceKey(instance))
            .send()
            .join()
            .getBatchOperationKey();

    var batch =
        org.awaitility.Awaitility.await()
            .atMost(java.time.Duration.ofSeconds(30))
            .until(
                () -> reader.newBatchOperationGetRequest(key).send().join(),
                b ->
                    b.getStatus() != io.camunda.client.api.search.enums.BatchOperationState.ACTIVE);
    assertThat(batch.getStatus())
        .isEqualTo(io.camunda.client.api.search.enums.BatchOperationState.FAILED);
    var item =
        reader
            .newBatchOperationItemsSearchRequest()
            .filter(f -> f.batchOperationKey(key))
            .send()
            .join()
            .items()
            .get(0);
    assertThat(item.getStatus())
        .isEqualTo(io.camunda.client.api.search.enums.BatchOperationItemState.FAILED);
    assertThat(item.getErrorMessage()).contains("CANCEL_PROCESS_INSTANCE");
    assertThat(state(instance)).isEqualTo(ProcessInstanceState.ACTIVE);
  }

  @Test
  void creatingABatchNeedsBatchCreateOrThePermissionOfItsKindAndWritesNothingWithout() {
    deploy("boss", null, "authz-a");
    long instance = start("boss", "authz-a", null);
    int batchesBefore =
        client("boss", "rest").newBatchOperationSearchRequest().send().join().items().size();

    // operator may cancel the instance itself, but has no BATCH permission at all
    Refusal noBatch =
        Refusal.of(
            () ->
                client("operator", "rest")
                    .newCreateBatchOperationCommand()
                    .processInstanceCancel()
                    .filter(f -> f.processInstanceKey(instance))
                    .send()
                    .join());
    assertThat(noBatch.code()).isEqualTo(403);
    assertThat(noBatch.detail())
        .contains("'CREATE_BATCH_OPERATION_CANCEL_PROCESS_INSTANCE' on resource 'BATCH'");
    // readers may create cancel and migration batches, not modification batches
    Refusal otherKind =
        Refusal.of(
            () ->
                client("reader", "rest")
                    .newCreateBatchOperationCommand()
                    .modifyProcessInstance()
                    .addMoveInstruction("work", "review")
                    .filter(f -> f.processInstanceKey(instance))
                    .send()
                    .join());
    assertThat(otherKind.code()).isEqualTo(403);
    assertThat(otherKind.detail()).contains("'CREATE_BATCH_OPERATION_MODIFY_PROCESS_INSTANCE'");
    assertThat(client("boss", "rest").newBatchOperationSearchRequest().send().join().items())
        .as("nothing written")
        .hasSize(batchesBefore);
    // suspending, resuming, cancelling a batch needs BATCH UPDATE
    String key =
        client("boss", "rest")
            .newCreateBatchOperationCommand()
            .processInstanceCancel()
            .filter(f -> f.processInstanceKey(-1L))
            .send()
            .join()
            .getBatchOperationKey();
    Refusal suspend =
        Refusal.of(
            () -> client("reader", "rest").newCancelBatchOperationCommand(key).send().join());
    assertThat(suspend.code()).isEqualTo(403);
    assertThat(suspend.detail()).contains("'UPDATE' on resource 'BATCH'");
    assertThat(state(instance)).isEqualTo(ProcessInstanceState.ACTIVE);
  }

  @Test
  void aMigrationItemTheCallerMayNotMigrateIsFailedWithTheRefusal() {
    deploy("boss", null, "authz-a", "authz-b");
    long instance = start("boss", "authz-a", null);
    CamundaClient boss = client("boss", "rest");
    long v1 = boss.newProcessInstanceGetRequest(instance).send().join().getProcessDefinitionKey();
    // the target: another process of the same tenant, the same elements
    long v2 =
        boss
            .newProcessDefinitionSearchRequest()
            .filter(f -> f.processDefinitionId("authz-b").tenantId("<default>"))
            .send()
            .join()
            .items()
            .stream()
            .mapToLong(d -> d.getProcessDefinitionKey())
            .max()
            .orElseThrow();
    CamundaClient reader = client("reader", "rest");

    String key =
        reader
            .newCreateBatchOperationCommand()
            .migrateProcessInstance()
            .targetProcessDefinitionKey(v2)
            .addMappingInstruction("work", "work")
            .addMappingInstruction("review", "review")
            .filter(f -> f.processInstanceKey(instance))
            .send()
            .join()
            .getBatchOperationKey();

    var batch =
        org.awaitility.Awaitility.await()
            .atMost(java.time.Duration.ofSeconds(30))
            .until(
                () -> reader.newBatchOperationGetRequest(key).send().join(),
                b ->
                    b.getStatus() != io.camunda.client.api.search.enums.BatchOperationState.ACTIVE);
    assertThat(batch.getStatus())
        .isEqualTo(io.camunda.client.api.search.enums.BatchOperationState.FAILED);
    var item =
        reader
            .newBatchOperationItemsSearchRequest()
            .filter(f -> f.batchOperationKey(key))
            .send()
            .join()
            .items()
            .get(0);
    assertThat(item.getErrorMessage()).contains("UPDATE_PROCESS_INSTANCE");
    assertThat(
            client("boss", "rest")
                .newProcessInstanceGetRequest(instance)
                .send()
                .join()
                .getProcessDefinitionKey())
        .isEqualTo(v1);
  }

  // ------------------------------------------------------------------------------ searches

  @Test
  void searchesAndGetsShowOnlyWhatTheCallerMayReadCountsIncluded() {
    deploy("boss", null, "authz-a", "authz-b");
    long a1 = start("boss", "authz-a", null);
    long a2 = start("boss", "authz-a", null);
    long b1 = start("boss", "authz-b", null);
    start("boss", "authz-b", null);
    start("boss", "authz-b", null);
    ActivatedJob failing = activateNow(client("boss", "rest"), "authz-b-work").get(0);
    client("boss", "rest").newFailCommand(failing.getKey()).retries(0).send().join();
    ActivatedJob failingA = activateNow(client("boss", "rest"), "authz-a-work").get(0);
    client("boss", "rest").newFailCommand(failingA.getKey()).retries(0).send().join();

    CamundaClient reader = client("reader", "rest");
    var instances = reader.newProcessInstanceSearchRequest().send().join();
    assertThat(instances.items())
        .extracting(ProcessInstance::getProcessInstanceKey)
        .containsExactlyInAnyOrder(a1, a2);
    assertThat(instances.page().totalItems()).isEqualTo(2);
    var firstPage = reader.newProcessInstanceSearchRequest().page(p -> p.limit(1)).send().join();
    assertThat(firstPage.items()).hasSize(1);
    assertThat(firstPage.page().totalItems()).isEqualTo(2);

    assertThat(
            reader.newVariableSearchRequest().send().join().items().stream()
                .map(v -> v.getProcessInstanceKey())
                .distinct())
        .containsExactlyInAnyOrder(a1, a2);
    assertThat(reader.newIncidentSearchRequest().send().join().items())
        .extracting(i -> i.getProcessDefinitionId())
        .containsExactly("authz-a");
    assertThat(reader.newJobSearchRequest().send().join().items())
        .extracting(j -> j.getProcessDefinitionId())
        .containsOnly("authz-a");
    assertThat(reader.newElementInstanceSearchRequest().send().join().items())
        .extracting(e -> e.getProcessDefinitionId())
        .containsOnly("authz-a");
    assertThat(reader.newProcessDefinitionSearchRequest().send().join().items())
        .extracting(d -> d.getProcessDefinitionId())
        .containsExactly("authz-a");
    // user tasks: neither READ_USER_TASK nor a candidate; the clerks see all five of theirs
    assertThat(reader.newUserTaskSearchRequest().send().join().page().totalItems()).isZero();
    assertThat(client("clerk", "rest").newUserTaskSearchRequest().send().join().items()).hasSize(5);
    // outsiders see nothing at all
    CamundaClient outsider = client("outsider", "rest");
    assertThat(outsider.newProcessInstanceSearchRequest().send().join().page().totalItems())
        .isZero();
    assertThat(outsider.newVariableSearchRequest().send().join().items()).isEmpty();
    assertThat(outsider.newIncidentSearchRequest().send().join().items()).isEmpty();
    assertThat(outsider.newJobSearchRequest().send().join().items()).isEmpty();

    // a get of one the caller may not read: 403, as Camunda
    Refusal refused = Refusal.of(() -> reader.newProcessInstanceGetRequest(b1).send().join());
    assertThat(refused.code()).isEqualTo(403);
    assertThat(refused.title()).isEqualTo("FORBIDDEN");
    assertThat(refused.detail()).contains("'READ_PROCESS_INSTANCE'", "authz-b");
    assertThat(reader.newProcessInstanceGetRequest(a1).send().join().getProcessInstanceKey())
        .isEqualTo(a1);
  }

  // ------------------------------------------------------------------------------ tenants

  @ParameterizedTest
  @ValueSource(strings = {"rest", "grpc"})
  void eachTenantsUsersSeeAndTouchOnlyTheirTenant(String transport) {
    CamundaClient kunshan = client("kunshan", transport);
    CamundaClient taicang = client("taicang", transport);
    var deployedK =
        kunshan
            .newDeployResourceCommand()
            .addResourceStringUtf8(PROCESS.formatted("authz-t"), "authz-t.bpmn")
            .tenantId("kunshan")
            .send()
            .join();
    var deployedT =
        taicang
            .newDeployResourceCommand()
            .addResourceStringUtf8(PROCESS.formatted("authz-t"), "authz-t.bpmn")
            .tenantId("taicang")
            .send()
            .join();
    // versions count per tenant
    assertThat(deployedK.getProcesses().get(0).getVersion()).isEqualTo(1);
    assertThat(deployedT.getProcesses().get(0).getVersion()).isEqualTo(1);
    long inKunshan = start(kunshan, "authz-t", "kunshan");
    long inTaicang = start(taicang, "authz-t", "taicang");

    assertThat(client("boss", "rest").newProcessInstanceSearchRequest().send().join().items())
        .extracting(ProcessInstance::getTenantId)
        .containsExactlyInAnyOrder("kunshan", "taicang");
    var seenByKunshan = client("kunshan", "rest").newProcessInstanceSearchRequest().send().join();
    assertThat(seenByKunshan.items())
        .extracting(ProcessInstance::getProcessInstanceKey)
        .containsExactly(inKunshan);
    assertThat(seenByKunshan.items().get(0).getTenantId()).isEqualTo("kunshan");
    assertThat(client("taicang", "rest").newUserTaskSearchRequest().send().join().items())
        .extracting(t -> t.getTenantId())
        .containsExactly("taicang");

    // naming the other tenant: 403 / PERMISSION_DENIED
    assertForbidden(
        () ->
            kunshan
                .newCreateInstanceCommand()
                .bpmnProcessId("authz-t")
                .latestVersion()
                .tenantId("taicang")
                .send()
                .join(),
        "tenant is not authorized");
    assertForbidden(
        () ->
            kunshan
                .newActivateJobsCommand()
                .jobType("authz-t-work")
                .maxJobsToActivate(10)
                .tenantId("taicang")
                .send()
                .join(),
        "tenant is not authorized");
    // the other tenant's records are not there: 404 / NOT_FOUND
    Refusal cancel = Refusal.of(() -> kunshan.newCancelInstanceCommand(inTaicang).send().join());
    assertThat(cancel.code()).isEqualTo(404);
    Refusal get =
        Refusal.of(
            () -> client("kunshan", "rest").newProcessInstanceGetRequest(inTaicang).send().join());
    assertThat(get.code()).isEqualTo(404);

    // each activates only its own tenant's job
    List<ActivatedJob> jobs =
        kunshan
            .newActivateJobsCommand()
            .jobType("authz-t-work")
            .maxJobsToActivate(10)
            .tenantId("kunshan")
            .requestTimeout(Duration.ofMillis(-1))
            .send()
            .join()
            .getJobs();
    assertThat(jobs).extracting(ActivatedJob::getProcessInstanceKey).containsExactly(inKunshan);
    assertThat(jobs.get(0).getTenantId()).isEqualTo("kunshan");
    assertThat(state(inTaicang)).isEqualTo(ProcessInstanceState.ACTIVE);
  }

  // ------------------------------------------------------------------------------ helpers

  private static Engine engine() {
    return context.getBean(Engine.class);
  }

  private static void assertForbidden(ThrowingCallable call, String detail) {
    Refusal refusal = Refusal.of(call);
    assertThat(refusal.code()).isEqualTo(403);
    assertThat(refusal.title()).isEqualTo("FORBIDDEN");
    assertThat(refusal.detail()).contains(detail);
  }

  private static void deploy(String user, String tenant, String... processIds) {
    var command = client(user, "rest").newDeployResourceCommand();
    io.camunda.client.api.command.DeployResourceCommandStep1.DeployResourceCommandStep2 step = null;
    for (String id : processIds) {
      step =
          step == null
              ? command.addResourceStringUtf8(PROCESS.formatted(id), id + ".bpmn")
              : step.addResourceStringUtf8(PROCESS.formatted(id), id + ".bpmn");
    }
    (tenant == null ? step : step.tenantId(tenant)).send().join();
  }

  private static long start(String user, String processId, String transport) {
    return start(client(user, transport == null ? "rest" : transport), processId, null);
  }

  private static long start(CamundaClient client, String processId, String tenant) {
    var command =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(processId)
            .latestVersion()
            .variables(Map.of("subject", processId));
    return (tenant == null ? command : command.tenantId(tenant))
        .send()
        .join()
        .getProcessInstanceKey();
  }

  private static List<ActivatedJob> activateNow(CamundaClient client, String type) {
    return client
        .newActivateJobsCommand()
        .jobType(type)
        .maxJobsToActivate(10)
        .timeout(Duration.ofMinutes(5))
        .requestTimeout(Duration.ofMillis(-1))
        .send()
        .join()
        .getJobs();
  }

  private static long userTaskOf(String user, long processInstanceKey) {
    return client(user, "rest")
        .newUserTaskSearchRequest()
        .filter(f -> f.processInstanceKey(processInstanceKey))
        .send()
        .join()
        .items()
        .get(0)
        .getUserTaskKey();
  }

  private static ProcessInstanceState state(long processInstanceKey) {
    return client("boss", "rest")
        .newProcessInstanceGetRequest(processInstanceKey)
        .send()
        .join()
        .getState();
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
