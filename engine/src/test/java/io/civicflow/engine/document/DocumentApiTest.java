package io.civicflow.engine.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.camunda.client.CamundaClient;
import io.camunda.client.CredentialsProvider;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.DocumentLinkResponse;
import io.camunda.client.api.response.DocumentReferenceBatchResponse;
import io.camunda.client.api.response.DocumentReferenceResponse;
import io.civicflow.engine.api.EngineApi;
import io.civicflow.engine.web.EngineApplication;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The document API through the official Camunda Java client (REST) against the standalone engine
 * with authentication on (built-in users, password {@code demo}) and small limits: 64 KB per file,
 * 160 KB per request.
 */
class DocumentApiTest {

  private static final long MAX_FILE = 64 * 1024;
  private static Path dataDir;
  private static ConfigurableApplicationContext engine;
  private static final List<CamundaClient> CLIENTS = new ArrayList<>();
  private static CamundaClient admin;
  private static CamundaClient official;

  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws IOException {
    dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "documents-");
    startEngine();
  }

  @AfterAll
  static void stop() {
    CLIENTS.forEach(CamundaClient::close);
    engine.close();
  }

  private static void startEngine() {
    SpringApplication application = new SpringApplication(EngineApplication.class);
    application.setDefaultProperties(Map.of("spring.main.banner-mode", "off"));
    engine =
        application.run(
            "--server.port=0",
            "--server.address=127.0.0.1",
            "--management.server.port=0",
            "--civicflow.engine.grpc.port=0",
            "--civicflow.engine.data-dir=" + dataDir,
            "--civicflow.engine.clock.controlled=true",
            "--civicflow.engine.purge.enabled=true",
            "--civicflow.engine.documents.max-file-size=64KB",
            "--civicflow.engine.documents.max-request-size=160KB",
            // below the 20 KB upload of the first test: documents have their own limits, not the
            // API's request limit
            "--civicflow.engine.limits.max-request-size=16KB");
    admin = client("demo");
    official = client("civil1");
  }

  private static CamundaClient client(String user) {
    CamundaClient client =
        CamundaClient.newClientBuilder()
            .restAddress(URI.create("http://127.0.0.1:" + port()))
            .preferRestOverGrpc(true)
            .credentialsProvider(
                CredentialsProvider.newBasicAuthCredentialsProviderBuilder()
                    .username(user)
                    .password("demo")
                    .build())
            .build();
    CLIENTS.add(client);
    return client;
  }

  private static int port() {
    return Integer.parseInt(engine.getEnvironment().getProperty("local.server.port"));
  }

  @Test
  void uploadReadLinkAndDeleteAChineseNamedPdf() throws Exception {
    byte[] pdf = bytes(20_000, 1);

    DocumentReferenceResponse reference =
        official
            .newCreateDocumentCommand()
            .content(pdf)
            .fileName("成交通知书.pdf")
            .contentType("application/pdf")
            .customMetadata("procurement", "CG-2026-001")
            .send()
            .join();

    assertThat(reference.getStoreId()).isEqualTo(DocumentStore.STORE_ID);
    assertThat(reference.getDocumentId()).isNotBlank();
    assertThat(reference.getContentHash()).isEqualTo(sha256(pdf));
    assertThat(reference.getMetadata().getFileName()).isEqualTo("成交通知书.pdf");
    assertThat(reference.getMetadata().getContentType()).isEqualTo("application/pdf");
    assertThat(reference.getMetadata().getSize()).isEqualTo(pdf.length);
    assertThat(reference.getMetadata().getCustomProperties())
        .containsEntry("procurement", "CG-2026-001");

    try (InputStream content = official.newDocumentContentGetRequest(reference).send().join()) {
      assertThat(content.readAllBytes()).isEqualTo(pdf);
    }

    DocumentLinkResponse link =
        official
            .newCreateDocumentLinkCommand(reference)
            .timeToLive(Duration.ofMinutes(10))
            .send()
            .join();
    HttpResponse<byte[]> viaLink = get(link.getUrl());
    assertThat(viaLink.statusCode()).isEqualTo(200);
    assertThat(viaLink.body()).isEqualTo(pdf);
    assertThat(viaLink.headers().firstValue("Content-Type")).hasValue("application/pdf");
    assertThat(viaLink.headers().firstValue("Content-Disposition").orElseThrow())
        .contains("filename*=UTF-8''%E6%88%90%E4%BA%A4%E9%80%9A%E7%9F%A5%E4%B9%A6.pdf");

    // one character of the signature changed (not the last, whose low bits may be padding): the
    // old "AA" suffix was the signature itself about once in a thousand links
    String url = link.getUrl();
    char second = url.charAt(url.length() - 2);
    String tampered =
        url.substring(0, url.length() - 2)
            + (second == 'A' ? 'B' : 'A')
            + url.charAt(url.length() - 1);
    assertThat(get(tampered).statusCode()).isEqualTo(403);

    // the engine clock decides when a link expires
    engine.getBean(EngineApi.class).addClockOffset(Duration.ofMinutes(11).toMillis()).join();
    try {
      HttpResponse<byte[]> expired = get(link.getUrl());
      assertThat(expired.statusCode()).isEqualTo(403);
      assertThat(new String(expired.body(), StandardCharsets.UTF_8)).contains("expired");
    } finally {
      engine.getBean(EngineApi.class).resetClock().join();
    }

    admin.newDeleteDocumentCommand(reference).send().join();
    assertThat(status(() -> official.newDocumentContentGetRequest(reference).send().join()))
        .isEqualTo(404);
    assertThat(get(link.getUrl()).statusCode()).isEqualTo(404);
    assertThat(deletionsOf(reference.getDocumentId(), "audit1"))
        .singleElement()
        .satisfies(deletion -> assertThat(deletion.path("deletedBy").asText()).isEqualTo("demo"));
  }

  @Test
  void onlyAnAuthorizedUserDeletesAndEveryDeletionIsRecordedForTheAuditor() throws Exception {
    byte[] scan = "服务合同（盖章扫描件）".getBytes(StandardCharsets.UTF_8);
    DocumentReferenceResponse reference =
        official
            .newCreateDocumentCommand()
            .content(scan)
            .fileName("服务合同.pdf")
            .contentType("application/pdf")
            .processInstanceKey(2251799813685249L)
            .send()
            .join();

    // the uploader has no DOCUMENT DELETE: a problem, and nothing deleted or recorded
    ProblemException refused =
        catchThrowableOfType(
            ProblemException.class,
            () -> official.newDeleteDocumentCommand(reference).send().join());
    assertThat(refused.code()).isEqualTo(403);
    assertThat(refused.details().getTitle()).isEqualTo("FORBIDDEN");
    assertThat(refused.details().getDetail()).contains("'DELETE' on resource 'DOCUMENT'");
    try (InputStream content = official.newDocumentContentGetRequest(reference).send().join()) {
      assertThat(content.readAllBytes()).isEqualTo(scan);
    }
    assertThat(deletionsOf(reference.getDocumentId(), "audit1")).isEmpty();

    // an administrator deletes it, giving a reason (a query parameter the console sends)
    engine.getBean(EngineApi.class).addClockOffset(Duration.ofDays(3).toMillis()).join();
    try {
      HttpResponse<String> deleted =
          http.send(
              authorized(
                      "demo",
                      "/v2/documents/"
                          + reference.getDocumentId()
                          + "?reason="
                          + java.net.URLEncoder.encode("重复上传，保留另一份", StandardCharsets.UTF_8))
                  .DELETE()
                  .build(),
              BodyHandlers.ofString());
      assertThat(deleted.statusCode()).isEqualTo(204);
    } finally {
      engine.getBean(EngineApi.class).resetClock().join();
    }
    assertThat(status(() -> official.newDocumentContentGetRequest(reference).send().join()))
        .isEqualTo(404);

    // the auditor finds who deleted which document, when and why; other users may not look
    var deletion = deletionsOf(reference.getDocumentId(), "audit1");
    assertThat(deletion).hasSize(1);
    var record = deletion.get(0);
    assertThat(record.path("deletedBy").asText()).isEqualTo("demo");
    assertThat(record.path("reason").asText()).isEqualTo("重复上传，保留另一份");
    assertThat(record.path("uploadedBy").asText()).isEqualTo("civil1");
    assertThat(java.time.Instant.parse(record.path("deletedAt").asText()))
        .isAfter(
            java.time.Instant.parse(record.path("uploadedAt").asText()).plus(Duration.ofDays(2)));
    assertThat(record.path("reference").path("contentHash").asText()).isEqualTo(sha256(scan));
    assertThat(record.path("reference").path("metadata").path("fileName").asText())
        .isEqualTo("服务合同.pdf");
    HttpResponse<String> byInstance =
        http.send(
            authorized("audit1", "/v2/documents/deletions/search")
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"filter\":{\"processInstanceKey\":\"2251799813685249\"}}"))
                .build(),
            BodyHandlers.ofString());
    assertThat(byInstance.body()).contains(reference.getDocumentId());
    HttpResponse<String> notForOfficials =
        http.send(
            authorized("civil1", "/v2/documents/deletions/search")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            BodyHandlers.ofString());
    assertThat(notForOfficials.statusCode()).isEqualTo(403);
    assertThat(notForOfficials.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/problem+json");

    // the record is kept: a purge (tests) and a restart leave it
    engine.getBean(EngineApi.class).purge().join();
    CLIENTS.forEach(CamundaClient::close);
    CLIENTS.clear();
    engine.close();
    startEngine();
    assertThat(deletionsOf(reference.getDocumentId(), "audit1")).hasSize(1);
  }

  @Test
  void aTimeToLiveIsKeptAsMetadataAndNeverPurgesTheDocument() throws Exception {
    byte[] notice = "成交通知书".getBytes(StandardCharsets.UTF_8);
    DocumentReferenceResponse reference =
        official
            .newCreateDocumentCommand()
            .content(notice)
            .fileName("成交通知书.pdf")
            .contentType("application/pdf")
            .timeToLive(Duration.ofDays(30))
            .send()
            .join();
    assertThat(reference.getMetadata().getExpiresAt()).isNotNull();

    // sixteen years later (records are kept at least fifteen), and after a restart, it is served
    EngineApi api = engine.getBean(EngineApi.class);
    api.addClockOffset(Duration.ofDays(16 * 366).toMillis()).join();
    try {
      try (InputStream content = official.newDocumentContentGetRequest(reference).send().join()) {
        assertThat(content.readAllBytes()).isEqualTo(notice);
      }
      CLIENTS.forEach(CamundaClient::close);
      CLIENTS.clear();
      engine.close();
      startEngine();
      try (InputStream content = official.newDocumentContentGetRequest(reference).send().join()) {
        assertThat(content.readAllBytes()).isEqualTo(notice);
      }
    } finally {
      engine.getBean(EngineApi.class).resetClock().join();
    }
    assertThat(deletionsOf(reference.getDocumentId(), "audit1")).isEmpty();
  }

  /** The recorded deletions of {@code documentId}, as {@code user} searches them. */
  private List<com.fasterxml.jackson.databind.JsonNode> deletionsOf(String documentId, String user)
      throws IOException, InterruptedException {
    HttpResponse<String> answer =
        http.send(
            authorized(user, "/v2/documents/deletions/search")
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"filter\":{\"documentId\":\"" + documentId + "\"}}"))
                .build(),
            BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    var items =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.body()).path("items");
    List<com.fasterxml.jackson.databind.JsonNode> found = new ArrayList<>();
    items.forEach(found::add);
    return found;
  }

  private static HttpRequest.Builder authorized(String user, String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
        .header(
            "Authorization",
            "Basic "
                + java.util.Base64.getEncoder()
                    .encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void batchUploadAnswersEveryFileAndReportsTheRefusedOnes() throws Exception {
    byte[] first = bytes(1000, 2);
    byte[] second = bytes(2000, 3);

    DocumentReferenceBatchResponse batch =
        official
            .newCreateDocumentBatchCommand()
            .addDocument()
            .content(first)
            .fileName("response-lot-1.pdf")
            .contentType("application/pdf")
            .customMetadata("note", "供应商提交的响应文件，含团队资质证书与劳动合同。".repeat(20))
            .done()
            .addDocument()
            .content(second)
            .fileName("team.png")
            .contentType("image/png")
            .done()
            .addDocument()
            .content("<script/>")
            .fileName("page.html")
            .contentType("text/html")
            .done()
            .send()
            .join();

    assertThat(batch.getCreatedDocuments()).hasSize(2);
    assertThat(batch.getFailedDocuments()).hasSize(1);
    assertThat(batch.getFailedDocuments().get(0).getFileName()).isEqualTo("page.html");
    assertThat(batch.getFailedDocuments().get(0).getDetail()).contains("text/html");
    assertThat(batch.getCreatedDocuments().get(0).getMetadata().getCustomProperties())
        .containsKey("note");
    DocumentReferenceResponse png = batch.getCreatedDocuments().get(1);
    assertThat(png.getMetadata().getFileName()).isEqualTo("team.png");
    try (InputStream content = official.newDocumentContentGetRequest(png).send().join()) {
      assertThat(content.readAllBytes()).isEqualTo(second);
    }
  }

  /**
   * A browser's batch upload: UTF-8 file names in the parts' headers. (The Java client 8.8.14
   * writes part headers in ASCII, so its batch command turns Chinese names into '?' before they
   * leave the client; its single upload sends the name in the JSON metadata part and keeps it.)
   */
  @Test
  void batchUploadKeepsUtf8FileNamesOfThePartHeaders() throws Exception {
    String boundary = "civicflow-boundary";
    byte[] pdf = bytes(3000, 5);
    var body = new java.io.ByteArrayOutputStream();
    body.write(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"响应文件.pdf\""
                + "\r\nContent-Type: application/pdf\r\n"
                + "X-Document-Metadata: {\"customProperties\":{\"供应商\":\"苏州某社工服务中心\"}}\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.write(pdf);
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + "/v2/documents/batch"))
                .header(
                    "Authorization",
                    "Basic "
                        + java.util.Base64.getEncoder()
                            .encodeToString("civil1:demo".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build(),
            BodyHandlers.ofString(StandardCharsets.UTF_8));

    assertThat(answer.statusCode()).isEqualTo(201);
    var created =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(answer.body())
            .path("createdDocuments")
            .path(0);
    assertThat(created.path("metadata").path("fileName").asText()).isEqualTo("响应文件.pdf");
    assertThat(created.path("metadata").path("customProperties").path("供应商").asText())
        .isEqualTo("苏州某社工服务中心");
    assertThat(created.path("camunda.document.type").asText()).isEqualTo("camunda");
    try (InputStream content =
        official.newDocumentContentGetRequest(created.path("documentId").asText()).send().join()) {
      assertThat(content.readAllBytes()).isEqualTo(pdf);
    }
  }

  @Test
  void limitsAndUnknownIdsAreAnsweredWithProblems() {
    assertThat(
            status(
                () ->
                    official
                        .newCreateDocumentCommand()
                        .content(bytes((int) MAX_FILE + 1, 4))
                        .fileName("too-big.pdf")
                        .contentType("application/pdf")
                        .send()
                        .join()))
        .isEqualTo(413);
    var batch = official.newCreateDocumentBatchCommand();
    for (int i = 0; i < 3; i++) {
      batch
          .addDocument()
          .content(bytes(60 * 1024, i))
          .fileName(i + ".pdf")
          .contentType("application/pdf")
          .done();
    }
    assertThat(status(() -> batch.send().join())).isEqualTo(413);
    assertThat(
            status(
                () ->
                    official
                        .newCreateDocumentCommand()
                        .content("MZ")
                        .fileName("setup.exe")
                        .contentType("application/x-msdownload")
                        .send()
                        .join()))
        .isEqualTo(415);
    assertThat(
            status(
                () ->
                    official
                        .newCreateDocumentCommand()
                        .content("x")
                        .fileName("../../etc/passwd")
                        .contentType("text/plain")
                        .send()
                        .join()))
        .isEqualTo(400);
    assertThat(
            status(
                () ->
                    official
                        .newCreateDocumentCommand()
                        .content("x")
                        .fileName("a.txt")
                        .contentType("text/plain")
                        .documentId("..")
                        .send()
                        .join()))
        .isEqualTo(400);
    assertThat(status(() -> official.newDocumentContentGetRequest("no-such-id").send().join()))
        .isEqualTo(404);
    assertThat(status(() -> official.newDocumentContentGetRequest("..%2F..%2Fx").send().join()))
        .isIn(400, 404);
  }

  @Test
  void aWrongHashAndCorruptStoredBytesAreNeverServed() throws Exception {
    byte[] text = "中标候选人公示".getBytes(StandardCharsets.UTF_8);
    DocumentReferenceResponse reference =
        official
            .newCreateDocumentCommand()
            .content(text)
            .fileName("公示.txt")
            .contentType("text/plain")
            .send()
            .join();

    assertThat(
            status(
                () ->
                    official
                        .newDocumentContentGetRequest(reference.getDocumentId())
                        .contentHash(sha256("other".getBytes(StandardCharsets.UTF_8)))
                        .send()
                        .join()))
        .isEqualTo(404);

    Path stored = dataDir.resolve("documents/content").resolve(reference.getDocumentId());
    byte[] corrupt = Files.readAllBytes(stored);
    corrupt[0] ^= 1;
    Files.write(stored, corrupt);
    ProblemException failure =
        catchThrowableOfType(
            ProblemException.class,
            () -> official.newDocumentContentGetRequest(reference).send().join());
    assertThat(failure.code()).isEqualTo(500);
    assertThat(failure.details().getDetail()).contains("does not match its content hash");
  }

  @Test
  void everyAnsweredUploadSurvivesARestart() throws Exception {
    List<DocumentReferenceResponse> uploaded = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      uploaded.add(
          official
              .newCreateDocumentCommand()
              .content(bytes(5000 + i, 10 + i))
              .fileName("合同-" + i + ".pdf")
              .contentType("application/pdf")
              .send()
              .join());
    }
    DocumentLinkResponse link =
        official.newCreateDocumentLinkCommand(uploaded.get(0)).send().join();
    // a purge resets the engine (tests); documents are not the engine's state and stay
    engine.getBean(EngineApi.class).purge().join();

    CLIENTS.forEach(CamundaClient::close);
    CLIENTS.clear();
    engine.close();
    startEngine();

    for (int i = 0; i < 3; i++) {
      try (InputStream content =
          official.newDocumentContentGetRequest(uploaded.get(i)).send().join()) {
        assertThat(content.readAllBytes()).isEqualTo(bytes(5000 + i, 10 + i));
      }
    }
    // the link key is kept with the documents: a link made before the restart still works
    String url = link.getUrl().replaceFirst(":\\d+/", ":" + port() + "/");
    assertThat(get(url).statusCode()).isEqualTo(200);
  }

  private HttpResponse<byte[]> get(String url) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).GET().build(), BodyHandlers.ofByteArray());
  }

  private static int status(Runnable call) {
    ProblemException problem = catchThrowableOfType(ProblemException.class, call::run);
    assertThat(problem).as("a problem answer").isNotNull();
    return problem.code();
  }

  private static byte[] bytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
