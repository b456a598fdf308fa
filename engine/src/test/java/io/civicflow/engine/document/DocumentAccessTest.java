package io.civicflow.engine.document;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.CredentialsProvider;
import io.camunda.client.api.response.DocumentReferenceResponse;
import io.civicflow.engine.testing.Refusal;
import io.civicflow.engine.web.EngineApplication;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Who may read a document, through the official Java client over REST: its uploader, whoever may
 * read the process instance it is attached to (its tasks' assignee, candidate users and candidate
 * groups included), a holder of {@code DOCUMENT READ} on {@code *}, and nobody else (403, nothing
 * served) — a provider reads the papers of its own procurement, never another provider's.
 */
class DocumentAccessTest {

  /** BCrypt of "demo". */
  private static final String HASH = "$2a$10$crBbk2EsUXT8f5aYSLsxJOqU52kb7/FqxUBwa4L0Wq.lN.78bHbxu";

  private static final String USERS =
      """
      users:
        boss: {password: "%1$s", groups: [admin]}
        providerA: {password: "%1$s", groups: [provider, provider-A]}
        providerB: {password: "%1$s", groups: [provider, provider-B]}
        expert: {password: "%1$s", groups: [expert-panel]}
        monitor: {password: "%1$s", groups: [monitors]}
        auditor: {password: "%1$s", groups: [audit]}
        outsider: {password: "%1$s", groups: [provider]}
      authorizations:
        - ownerType: GROUP
          ownerId: provider
          resourceType: DOCUMENT
          resourceId: "*"
          permissionTypes: [CREATE]
        - ownerType: GROUP
          ownerId: monitors
          resourceType: PROCESS_DEFINITION
          resourceId: doc-bid
          permissionTypes: [READ_PROCESS_DEFINITION, READ_PROCESS_INSTANCE]
        - ownerType: GROUP
          ownerId: audit
          resourceType: DOCUMENT
          resourceId: "*"
          permissionTypes: [CREATE, READ]
      """
          .formatted(HASH);

  /** A bid offered to one provider's group and scored by one expert, in parallel. */
  private static final String PROCESS =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
          xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs"
          targetNamespace="http://civicflow.io/test">
        <bpmn:process id="doc-bid" isExecutable="true">
          <bpmn:startEvent id="start"/>
          <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="fork"/>
          <bpmn:parallelGateway id="fork"/>
          <bpmn:sequenceFlow id="f2" sourceRef="fork" targetRef="bid"/>
          <bpmn:sequenceFlow id="f3" sourceRef="fork" targetRef="score"/>
          <bpmn:userTask id="bid">
            <bpmn:extensionElements>
              <zeebe:userTask/>
              <zeebe:assignmentDefinition candidateGroups="=provider"/>
            </bpmn:extensionElements>
          </bpmn:userTask>
          <bpmn:sequenceFlow id="f4" sourceRef="bid" targetRef="end1"/>
          <bpmn:endEvent id="end1"/>
          <bpmn:userTask id="score">
            <bpmn:extensionElements>
              <zeebe:userTask/>
              <zeebe:assignmentDefinition assignee="=expert"/>
            </bpmn:extensionElements>
          </bpmn:userTask>
          <bpmn:sequenceFlow id="f5" sourceRef="score" targetRef="end2"/>
          <bpmn:endEvent id="end2"/>
        </bpmn:process>
      </bpmn:definitions>
      """;

  private static ConfigurableApplicationContext context;
  private static final Map<String, CamundaClient> CLIENTS = new ConcurrentHashMap<>();
  private static long bidOfA;
  private static long bidOfB;

  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void startEngine() throws IOException {
    Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "docaccess-");
    Path users = Files.writeString(dir.resolve("users.yaml"), USERS);
    SpringApplication application = new SpringApplication(EngineApplication.class);
    application.setDefaultProperties(EngineApplication.defaultProperties());
    context =
        application.run(
            "--server.port=0",
            "--server.address=127.0.0.1",
            "--management.server.port=0",
            "--civicflow.engine.grpc.port=0",
            "--civicflow.engine.data-dir=" + dir.resolve("data"),
            "--civicflow.engine.auth.users-file=" + users);
    client("boss")
        .newDeployResourceCommand()
        .addResourceStringUtf8(PROCESS, "doc-bid.bpmn")
        .send()
        .join();
    bidOfA = start("provider-A", "nobody");
    bidOfB = start("provider-B", "expert");
  }

  @AfterAll
  static void stopEngine() {
    CLIENTS.values().forEach(CamundaClient::close);
    CLIENTS.clear();
    context.close();
  }

  @Test
  void aProviderReadsThePapersOfItsOwnInstanceButNotThoseOfAnotherProvider() throws Exception {
    DocumentReferenceResponse tenderOfA = upload("boss", "A 的磋商文件", bidOfA);
    DocumentReferenceResponse tenderOfB = upload("boss", "B 的磋商文件", bidOfB);

    assertThat(content("providerA", tenderOfA)).isEqualTo("A 的磋商文件");
    assertThat(content("providerB", tenderOfB)).isEqualTo("B 的磋商文件");
    assertRefused(() -> content("providerA", tenderOfB));
    assertRefused(() -> client("providerA").newCreateDocumentLinkCommand(tenderOfB).send().join());
    assertThat(client("providerB").newCreateDocumentLinkCommand(tenderOfB).send().join().getUrl())
        .contains("/v2/document-links/");
  }

  @Test
  void whoeverMayReadTheInstanceReadsItsPapers() throws Exception {
    DocumentReferenceResponse responseOfB = upload("providerB", "B 的响应文件", bidOfB);

    // the expert scores B's bid (assignee of a task of the instance)
    assertThat(content("expert", responseOfB)).isEqualTo("B 的响应文件");
    // READ_PROCESS_INSTANCE on the process, and DOCUMENT READ on every document
    assertThat(content("monitor", responseOfB)).isEqualTo("B 的响应文件");
    assertThat(content("auditor", responseOfB)).isEqualTo("B 的响应文件");
    assertThat(content("boss", responseOfB)).isEqualTo("B 的响应文件");
    assertRefused(() -> content("providerA", responseOfB));
  }

  @Test
  void aDocumentHandedOnInAVariableIsReadByWhoeverReadsThatVariable() throws Exception {
    // a paper bid's scan, uploaded from a start form (no instance yet), reaches B's scoring
    DocumentReferenceResponse scan = upload("providerA", "纸质投标扫描件", null);
    assertRefused(() -> content("expert", scan));
    client("boss")
        .newSetVariablesCommand(bidOfB)
        .variables(Map.of("bidResponseFiles", List.of(scan)))
        .send()
        .join();

    assertThat(content("expert", scan)).isEqualTo("纸质投标扫描件");
    assertRefused(() -> content("providerA", upload("boss", "另一份", null)));
    assertRefused(() -> content("outsider", scan));
  }

  @Test
  void theUploaderReadsItsOwnDocumentWithoutAnInstance() throws Exception {
    DocumentReferenceResponse draft = upload("providerA", "A 的草稿", null);

    assertThat(content("providerA", draft)).isEqualTo("A 的草稿");
    assertRefused(() -> content("providerB", draft));
    assertRefused(() -> content("expert", draft));
  }

  @Test
  void anUnrelatedUserGetsAProblemAndNoContent() throws Exception {
    DocumentReferenceResponse responseOfA = upload("providerA", "A 的响应文件", bidOfA);
    // the outsider is a provider too: the provider group's grant does not open others' papers
    assertRefused(() -> content("outsider", responseOfA));

    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:"
                            + port()
                            + "/v2/documents/"
                            + responseOfA.getDocumentId()))
                .header(
                    "Authorization",
                    "Basic "
                        + Base64.getEncoder()
                            .encodeToString("outsider:demo".getBytes(StandardCharsets.UTF_8)))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(403);
    assertThat(answer.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/problem+json");
    assertThat(answer.body())
        .contains("\"title\":\"FORBIDDEN\"")
        .contains("'READ' on resource 'DOCUMENT'")
        .doesNotContain("A 的响应文件");
  }

  private static long start(String providerGroup, String expert) {
    return client("boss")
        .newCreateInstanceCommand()
        .bpmnProcessId("doc-bid")
        .latestVersion()
        .variables(Map.of("provider", List.of(providerGroup), "expert", expert))
        .send()
        .join()
        .getProcessInstanceKey();
  }

  private static DocumentReferenceResponse upload(String user, String text, Long instance) {
    var command =
        client(user)
            .newCreateDocumentCommand()
            .content(text)
            .fileName("paper.txt")
            .contentType("text/plain");
    if (instance != null) {
      command = command.processInstanceKey(instance);
    }
    return command.send().join();
  }

  private static String content(String user, DocumentReferenceResponse reference)
      throws IOException {
    try (InputStream in = client(user).newDocumentContentGetRequest(reference).send().join()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    Refusal refusal = Refusal.of(call);
    assertThat(refusal.code()).isEqualTo(403);
    assertThat(refusal.title()).isEqualTo("FORBIDDEN");
    assertThat(refusal.detail()).contains("'READ' on resource 'DOCUMENT'");
  }

  private static int port() {
    return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
  }

  private static CamundaClient client(String user) {
    return CLIENTS.computeIfAbsent(
        user,
        k ->
            CamundaClient.newClientBuilder()
                .restAddress(URI.create("http://127.0.0.1:" + port()))
                .preferRestOverGrpc(true)
                .applyEnvironmentVariableOverrides(false)
                .credentialsProvider(
                    CredentialsProvider.newBasicAuthCredentialsProviderBuilder()
                        .username(user)
                        .password("demo")
                        .build())
                .build());
  }
}
