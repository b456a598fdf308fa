package io.civicflow.engine.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import io.camunda.client.api.command.ProblemException;
import io.civicflow.engine.testing.EngineExtension;
import io.civicflow.engine.testing.TestEngine;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Bad input gets Camunda's status and a problem body, and never resolves anything from outside. */
@ExtendWith(EngineExtension.class)
class BadInputTest {

  private final HttpClient http = HttpClient.newHttpClient();

  private static String bpmnWith(String doctype, String name) {
    return "<?xml version=\"1.0\"?>"
        + doctype
        + "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" id=\"d\" targetNamespace=\"t\">"
        + "<bpmn:process id=\"p\" name=\""
        + name
        + "\" isExecutable=\"true\"><bpmn:startEvent id=\"s\"/></bpmn:process>"
        + "</bpmn:definitions>";
  }

  @Test
  void shouldRejectAnExternalEntityWithoutEverFetchingIt(TestEngine engine) throws IOException {
    AtomicInteger fetched = new AtomicInteger();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          fetched.incrementAndGet();
          byte[] body = "secret".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    try {
      String entityUrl = "http://127.0.0.1:" + server.getAddress().getPort() + "/entity";
      String xml = bpmnWith("<!DOCTYPE d [<!ENTITY xxe SYSTEM \"" + entityUrl + "\">]>", "&xxe;");

      ProblemException problem =
          catchThrowableOfType(
              ProblemException.class,
              () ->
                  engine
                      .client()
                      .newDeployResourceCommand()
                      .addResourceString(xml, StandardCharsets.UTF_8, "xxe.bpmn")
                      .send()
                      .join());

      assertThat(problem.code()).isEqualTo(400);
      assertThat(problem.details().getDetail())
          .contains("xxe.bpmn")
          .containsIgnoringCase("DOCTYPE");
      assertThat(fetched).as("the external entity was never fetched").hasValue(0);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void shouldRejectAnEntityExpansionBomb(TestEngine engine) {
    StringBuilder doctype = new StringBuilder("<!DOCTYPE d [<!ENTITY a0 \"lol\">");
    for (int i = 1; i <= 10; i++) {
      doctype
          .append("<!ENTITY a")
          .append(i)
          .append(" \"")
          .append(("&a" + (i - 1) + ";").repeat(10))
          .append("\">");
    }
    doctype.append("]>");
    ProblemException problem =
        catchThrowableOfType(
            ProblemException.class,
            () ->
                engine
                    .client()
                    .newDeployResourceCommand()
                    .addResourceString(
                        bpmnWith(doctype.toString(), "&a10;"), StandardCharsets.UTF_8, "bomb.bpmn")
                    .send()
                    .join());
    assertThat(problem.code()).isEqualTo(400);
  }

  @Test
  void shouldRejectAFormWithADoctypeOrNoId(TestEngine engine) {
    ProblemException noId =
        catchThrowableOfType(
            ProblemException.class,
            () ->
                engine
                    .client()
                    .newDeployResourceCommand()
                    .addResourceString("{\"components\":[]}", StandardCharsets.UTF_8, "x.form")
                    .send()
                    .join());
    assertThat(noId.code()).isEqualTo(400);
    assertThat(noId.details().getDetail()).contains("x.form").contains("id");

    ProblemException notJson =
        catchThrowableOfType(
            ProblemException.class,
            () ->
                engine
                    .client()
                    .newDeployResourceCommand()
                    .addResourceString("<!DOCTYPE x><x/>", StandardCharsets.UTF_8, "y.form")
                    .send()
                    .join());
    assertThat(notJson.code()).isEqualTo(400);
  }

  @Test
  void shouldAnswerMalformedJsonWith400Problem(TestEngine engine) throws Exception {
    HttpResponse<String> response =
        post(engine, "/v2/process-instances", "{\"processDefinitionId\": ");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
    assertThat(response.body()).contains("\"status\":400");
  }

  @Test
  void shouldAnswerUnknownKeysWith404AndNonNumericKeysWith400(TestEngine engine) throws Exception {
    assertThat(post(engine, "/v2/jobs/2251799813685249/completion", "{}").statusCode())
        .isEqualTo(404);
    assertThat(post(engine, "/v2/jobs/not-a-key/completion", "{}").statusCode()).isEqualTo(400);
    HttpResponse<String> get =
        http.send(
            HttpRequest.newBuilder(
                    engine.restAddress().resolve("/v2/process-instances/2251799813685249"))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(get.statusCode()).isEqualTo(404);
    assertThat(get.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
  }

  @Test
  void shouldAnswerWrongTypesWith400(TestEngine engine) throws Exception {
    assertThat(
            post(
                    engine,
                    "/v2/process-instances",
                    "{\"processDefinitionId\":\"p\",\"variables\":\"not an object\"}")
                .statusCode())
        .isEqualTo(400);
    assertThat(
            post(engine, "/v2/jobs/activation", "{\"type\":\"t\",\"maxJobsToActivate\":\"many\"}")
                .statusCode())
        .isEqualTo(400);
  }

  @Test
  void shouldAnswerAnOversizedDeploymentWith413(TestEngine engine) {
    String huge = bpmnWith("", "x".repeat(5 * 1024 * 1024));
    ProblemException problem =
        catchThrowableOfType(
            ProblemException.class,
            () ->
                engine
                    .client()
                    .newDeployResourceCommand()
                    .addResourceString(huge, StandardCharsets.UTF_8, "huge.bpmn")
                    .send()
                    .join());
    assertThat(problem.code()).isEqualTo(413);
  }

  private HttpResponse<String> post(TestEngine engine, String path, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(engine.restAddress().resolve(URI.create(path)))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
