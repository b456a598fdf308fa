package io.civicflow.engine.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.civicflow.engine.Engine;
import io.civicflow.engine.testing.FreePorts;
import io.civicflow.engine.web.EngineApplication;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Back-pressure: with the processing thread held and the command queue at its limit (2 here), a
 * client command is answered at once with 503 {@code RESOURCE_EXHAUSTED} as problem+json instead of
 * queueing without bound; once the thread is released the queued commands complete and new ones are
 * accepted again.
 */
class BackPressureTest {

  private static ConfigurableApplicationContext context;
  private static URI rest;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws IOException {
    int port = FreePorts.next();
    SpringApplication application = new SpringApplication(EngineApplication.class);
    application.setDefaultProperties(EngineApplication.defaultProperties());
    context =
        application.run(
            "--server.port=" + port,
            "--management.server.port=" + FreePorts.next(),
            "--civicflow.engine.data-dir=" + Files.createTempDirectory("civicflow-back-pressure"),
            "--civicflow.engine.command-queue-limit=2",
            "--civicflow.engine.auth.enabled=false");
    rest = URI.create("http://127.0.0.1:" + port);
  }

  @AfterAll
  static void stop() {
    context.close();
  }

  private static HttpRequest publish(String correlationKey) {
    return HttpRequest.newBuilder(rest.resolve("/v2/messages/publication"))
        .header("Content-Type", "application/json")
        .POST(
            HttpRequest.BodyPublishers.ofString(
                "{\"name\":\"BidSubmitted\",\"correlationKey\":\"" + correlationKey + "\"}"))
        .build();
  }

  @Test
  void shouldAnswer503WhenTheQueueIsFullAndRecoverWhenItDrains() throws Exception {
    Engine engine = context.getBean(Engine.class);
    List<CompletableFuture<HttpResponse<String>>> queued;
    try (AutoCloseable paused = engine.pauseProcessing()) {
      queued =
          List.of(
              HTTP.sendAsync(publish("a"), HttpResponse.BodyHandlers.ofString()),
              HTTP.sendAsync(publish("b"), HttpResponse.BodyHandlers.ofString()));
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(10))
          .until(engine::queuedCommands, n -> n == 2);

      HttpResponse<String> refused = HTTP.send(publish("c"), HttpResponse.BodyHandlers.ofString());
      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(refused.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
      assertThat(refused.body())
          .contains("\"title\":\"RESOURCE_EXHAUSTED\"")
          .contains("\"status\":503")
          .contains("2 commands are waiting");
      assertThat(queued).allSatisfy(f -> assertThat(f).isNotDone());
    }
    for (CompletableFuture<HttpResponse<String>> f : queued) {
      assertThat(f.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }
    assertThat(engine.queuedCommands()).isZero();
    assertThat(HTTP.send(publish("d"), HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(200);
  }
}
