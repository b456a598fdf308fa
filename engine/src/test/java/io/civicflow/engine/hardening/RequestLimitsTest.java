package io.civicflow.engine.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.command.ProblemException;
import io.civicflow.engine.testing.EngineExtension;
import io.civicflow.engine.testing.TestEngine;
import io.grpc.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One request limit on both APIs ({@code civicflow.engine.limits.max-request-size}, 4 MB as in
 * Zeebe): over it REST answers {@code 413} problem+json — also for a chunked body, read only up to
 * the limit — and gRPC {@code RESOURCE_EXHAUSTED}; a small request whose variables would be stored
 * larger than the limit is refused the same way. Nothing is created; the engine keeps serving.
 */
@ExtendWith(EngineExtension.class)
class RequestLimitsTest {

  private static final int MB = 1024 * 1024;
  private static final String PROCESS = "single-service-task";

  private final HttpClient http = HttpClient.newHttpClient();
  private CamundaClient rest;
  private CamundaClient grpc;

  @BeforeEach
  void clients(TestEngine engine) {
    rest = client(engine, true);
    grpc = client(engine, false);
    engine.deploy("single-service-task.bpmn");
  }

  @AfterEach
  void close() {
    rest.close();
    grpc.close();
  }

  private static CamundaClient client(TestEngine engine, boolean overRest) {
    return CamundaClient.newClientBuilder()
        .restAddress(engine.restAddress())
        .grpcAddress(engine.grpcAddress())
        .preferRestOverGrpc(overRest)
        .applyEnvironmentVariableOverrides(false)
        // the client's own gRPC limit must not refuse the request before the engine sees it
        .maxMessageSize(32 * MB)
        .defaultRequestTimeout(Duration.ofSeconds(30))
        .build();
  }

  private Throwable create(CamundaClient client, Map<String, Object> variables) {
    Throwable thrown =
        catchThrowable(
            () ->
                client
                    .newCreateInstanceCommand()
                    .bpmnProcessId(PROCESS)
                    .latestVersion()
                    .variables(variables)
                    .send()
                    .join());
    return thrown instanceof CompletionException && thrown.getCause() != null
        ? thrown.getCause()
        : thrown;
  }

  @Test
  void aTenMegabyteVariableIs413OverRestAndResourceExhaustedOverGrpc(TestEngine engine) {
    Map<String, Object> tenMegabytes = Map.of("document", "x".repeat(10 * MB));

    Throwable overRest = create(rest, tenMegabytes);
    assertThat(overRest).isInstanceOf(ProblemException.class);
    ProblemException problem = (ProblemException) overRest;
    assertThat(problem.code()).isEqualTo(413);
    assertThat(problem.details().getTitle()).isEqualTo("PAYLOAD_TOO_LARGE");
    assertThat(problem.details().getDetail()).contains("civicflow.engine.limits.max-request-size");

    Throwable overGrpc = create(grpc, tenMegabytes);
    assertThat(overGrpc).isInstanceOf(ClientStatusException.class);
    assertThat(((ClientStatusException) overGrpc).getStatusCode())
        .isEqualTo(Status.Code.RESOURCE_EXHAUSTED);

    assertNoInstanceAndStillServing(engine);
  }

  @Test
  void aChunkedBodyIsReadOnlyUpToTheLimit(TestEngine engine) throws Exception {
    // no Content-Length: the body is streamed in chunks, 10 MB of a string the parser would keep.
    // The answer is read while the body is still being sent: the server answers 413 and closes as
    // soon as the limit is passed, and a client that only reads after writing everything would
    // see the closed connection instead of the answer.
    java.net.URI address = engine.restAddress();
    try (java.net.Socket socket = new java.net.Socket(address.getHost(), address.getPort())) {
      socket.setSoTimeout(30_000);
      java.util.concurrent.CompletableFuture<Void> sending =
          java.util.concurrent.CompletableFuture.runAsync(() -> sendChunked(socket, address));

      String response = readUntilClosed(socket.getInputStream());

      assertThat(response).startsWith("HTTP/1.1 413");
      assertThat(response).containsIgnoringCase("Content-Type: application/problem+json");
      assertThat(response).contains("\"title\":\"PAYLOAD_TOO_LARGE\"");
      sending.exceptionally(e -> null).join(); // the server may close before all was sent
    }
    assertNoInstanceAndStillServing(engine);
  }

  private static void sendChunked(java.net.Socket socket, java.net.URI address) {
    try {
      java.io.OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /v2/process-instances HTTP/1.1\r\nHost: "
                  + address.getHost()
                  + ":"
                  + address.getPort()
                  + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked"
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      writeChunk(
          out,
          ("{\"processDefinitionId\":\"" + PROCESS + "\",\"variables\":{\"document\":\"")
              .getBytes(StandardCharsets.UTF_8));
      byte[] chunk = "x".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
      for (int sent = 0; sent < 10 * MB; sent += chunk.length) {
        writeChunk(out, chunk);
      }
      writeChunk(out, "\"}}".getBytes(StandardCharsets.US_ASCII));
      out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What arrived before the server closed or reset the connection. */
  private static String readUntilClosed(java.io.InputStream in) {
    java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        received.write(buffer, 0, n);
      }
    } catch (java.net.SocketException reset) {
      // a reset after the answer: the server did not read the rest of the body
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return received.toString(StandardCharsets.UTF_8);
  }

  private static void writeChunk(java.io.OutputStream out, byte[] data) throws IOException {
    out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(data);
    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void variablesStoredLargerThanTheLimitAreRefusedThoughTheRequestIsSmall(TestEngine engine) {
    // 5,000 numbers of five characters are written out as 1,000 digits each: 5 MB as stored
    List<Object> numbers = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      numbers.add(new BigDecimal("1e999"));
    }
    Throwable overGrpc = create(grpc, Map.of("numbers", numbers));
    assertThat(overGrpc).isInstanceOf(ClientStatusException.class);
    assertThat(((ClientStatusException) overGrpc).getStatusCode())
        .isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(overGrpc.getMessage()).contains("PAYLOAD_TOO_LARGE").contains("as stored");

    String body =
        "{\"processDefinitionId\":\""
            + PROCESS
            + "\",\"variables\":{\"numbers\":["
            + String.join(",", java.util.Collections.nCopies(5_000, "1e999"))
            + "]}}";
    HttpResponse<String> response = post(engine, "/v2/process-instances", body);
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).contains("\"title\":\"PAYLOAD_TOO_LARGE\"").contains("as stored");

    assertNoInstanceAndStillServing(engine);
  }

  @Test
  void aRequestJustUnderTheLimitIsAcceptedOnBothApis(TestEngine engine) {
    Map<String, Object> almostFourMegabytes = Map.of("document", "x".repeat(4 * MB - 4096));

    long overRest =
        rest.newCreateInstanceCommand()
            .bpmnProcessId(PROCESS)
            .latestVersion()
            .variables(almostFourMegabytes)
            .send()
            .join()
            .getProcessInstanceKey();
    long overGrpc =
        grpc.newCreateInstanceCommand()
            .bpmnProcessId(PROCESS)
            .latestVersion()
            .variables(almostFourMegabytes)
            .send()
            .join()
            .getProcessInstanceKey();

    assertThat(overGrpc).isNotEqualTo(overRest);
    assertThat(engine.state(overRest).name()).isEqualTo("ACTIVE");
    assertThat(engine.state(overGrpc).name()).isEqualTo("ACTIVE");
  }

  private void assertNoInstanceAndStillServing(TestEngine engine) {
    assertThat(
            rest.newProcessInstanceSearchRequest()
                .filter(f -> f.processDefinitionId(PROCESS))
                .send()
                .join()
                .items())
        .isEmpty();
    long created = engine.start(PROCESS, Map.of("small", 1)).getProcessInstanceKey();
    assertThat(engine.variables(created)).containsEntry("small", "1");
  }

  private HttpResponse<String> post(TestEngine engine, String path, String body) {
    try {
      return http.send(
          HttpRequest.newBuilder(engine.restAddress().resolve(path))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
