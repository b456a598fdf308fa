package io.civicflow.engine.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.civicflow.engine.testing.EngineExtension;
import io.civicflow.engine.testing.TestEngine;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Throws generated invalid requests at every endpoint (seeded, so a failure is reproducible): no
 * 5xx, every error is problem+json, the engine stays healthy, and nothing it held changes.
 */
@ExtendWith(EngineExtension.class)
class RestFuzzTest {

  private static final long SEED = 20161031L;
  private static final int ROUNDS = 3;

  private static final List<String[]> ENDPOINTS =
      List.of(
          new String[] {"POST", "/v2/process-instances"},
          new String[] {"POST", "/v2/process-instances/{key}/cancellation"},
          new String[] {"POST", "/v2/jobs/activation"},
          new String[] {"POST", "/v2/jobs/{key}/completion"},
          new String[] {"POST", "/v2/jobs/{key}/failure"},
          new String[] {"POST", "/v2/jobs/{key}/error"},
          new String[] {"PATCH", "/v2/jobs/{key}"},
          new String[] {"POST", "/v2/incidents/{key}/resolution"},
          new String[] {"PUT", "/v2/element-instances/{key}/variables"},
          new String[] {"POST", "/v2/messages/publication"},
          new String[] {"POST", "/v2/messages/correlation"},
          new String[] {"POST", "/v2/signals/broadcast"},
          new String[] {"POST", "/v2/deployments"},
          new String[] {"POST", "/v2/process-definitions/search"},
          new String[] {"POST", "/v2/process-instances/search"},
          new String[] {"POST", "/v2/element-instances/search"},
          new String[] {"POST", "/v2/variables/search"},
          new String[] {"POST", "/v2/jobs/search"},
          new String[] {"POST", "/v2/incidents/search"},
          new String[] {"POST", "/v2/message-subscriptions/search"},
          new String[] {"POST", "/v2/correlated-message-subscriptions/search"},
          new String[] {"GET", "/v2/process-definitions/{key}"},
          new String[] {"GET", "/v2/process-definitions/{key}/xml"},
          new String[] {"GET", "/v2/process-instances/{key}"},
          new String[] {"GET", "/v2/process-instances/{key}/sequence-flows"},
          new String[] {"GET", "/v2/element-instances/{key}"},
          new String[] {"GET", "/v2/variables/{key}"},
          new String[] {"GET", "/v2/incidents/{key}"});

  private static final String[] KEYS = {
    "0", "-1", "abc", "2251799813685249", "99999999999999999999", "1e5", "%20", "null"
  };

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void invalidRequestsNeverBreakTheEngine(TestEngine engine) throws Exception {
    engine.deploy("single-service-task.bpmn");
    long pi = engine.start("single-service-task", Map.of("x", 1)).getProcessInstanceKey();
    String before = snapshot(engine);

    Random random = new Random(SEED);
    List<String> serverErrors = new ArrayList<>();
    int sent = 0;
    for (int round = 0; round < ROUNDS; round++) {
      for (String[] endpoint : ENDPOINTS) {
        for (String body : bodies(random)) {
          String path = endpoint[1].replace("{key}", KEYS[random.nextInt(KEYS.length)]);
          HttpResponse<String> response = send(engine, endpoint[0], path, body, random);
          sent++;
          if (response.statusCode() >= 500) {
            serverErrors.add(
                endpoint[0]
                    + " "
                    + path
                    + " "
                    + abbreviate(body)
                    + " -> "
                    + response.statusCode()
                    + " "
                    + abbreviate(response.body()));
          } else if (response.statusCode() >= 400) {
            assertThat(response.headers().firstValue("Content-Type").orElse(""))
                .as("%s %s %s", endpoint[0], path, abbreviate(body))
                .startsWith("application/problem+json");
          }
        }
      }
    }

    assertThat(serverErrors).as("5xx answers out of %d requests", sent).isEmpty();
    assertThat(engine.client().newTopologyRequest().send().join().getBrokers()).isNotEmpty();
    assertThat(snapshot(engine)).as("state unchanged").isEqualTo(before);
    assertThat(engine.state(pi).name()).isEqualTo("ACTIVE");
  }

  /** What a client can see of the engine's data. */
  private static String snapshot(TestEngine engine) {
    var c = engine.client();
    return "definitions="
        + c.newProcessDefinitionSearchRequest().send().join().page().totalItems()
        + " instances="
        + c.newProcessInstanceSearchRequest().send().join().page().totalItems()
        + " elements="
        + c.newElementInstanceSearchRequest().send().join().page().totalItems()
        + " variables="
        + c.newVariableSearchRequest().send().join().page().totalItems()
        + " incidents="
        + c.newIncidentSearchRequest().send().join().page().totalItems()
        + " jobs="
        + c.newJobSearchRequest().send().join().page().totalItems();
  }

  private static List<String> bodies(Random random) {
    List<String> bodies =
        new ArrayList<>(
            List.of(
                "",
                "{",
                "[]",
                "null",
                "\"text\"",
                "42",
                "{}",
                "{\"variables\":\"str\"}",
                "{\"variables\":[1,2]}",
                "{\"processDefinitionId\":123,\"processDefinitionVersion\":\"x\"}",
                "{\"processDefinitionKey\":\"abc\"}",
                "{\"type\":null,\"maxJobsToActivate\":-5,\"timeout\":\"soon\"}",
                "{\"retries\":\"many\",\"retryBackOff\":-1}",
                "{\"errorCode\":\"\",\"variables\":null}",
                "{\"changeset\":{\"retries\":-3,\"timeout\":\"x\"}}",
                "{\"name\":\"\",\"correlationKey\":{\"a\":1},\"timeToLive\":\"forever\"}",
                "{\"signalName\":[]}",
                "{\"filter\":{\"state\":{\"$gt\":\"x\",\"$in\":\"notalist\"}},\"sort\":[{\"field\":\"nope\"}],\"page\":{\"limit\":-1}}",
                "{\"filter\":{\"processInstanceKey\":{\"$eq\":\"abc\"}},\"page\":{\"after\":\"%%%not-base64\"}}",
                "{\"filter\":\"x\",\"sort\":\"y\",\"page\":7}",
                "{\"variables\":{\"\\u0000\":\"\\ud800\"}}",
                "{\"a\":" + "[".repeat(3000) + "]".repeat(3000) + "}"));
    StringBuilder junk = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      junk.append((char) (32 + random.nextInt(95)));
    }
    bodies.add(junk.toString());
    bodies.add("{\"variables\":{\"n\":" + random.nextLong() + "1234567890123456789}}");
    return bodies;
  }

  private HttpResponse<String> send(
      TestEngine engine, String method, String path, String body, Random random) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(engine.restAddress().resolve(URI.create(path)))
            .timeout(Duration.ofSeconds(10));
    if (path.endsWith("/deployments")) {
      String boundary = "fuzz" + random.nextInt(1000);
      String multipart =
          random.nextBoolean()
              ? "--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\"resources\"; filename=\"f.bpmn\"\r\n\r\n"
                  + body
                  + "\r\n--"
                  + boundary
                  + "--\r\n"
              : body;
      return http.send(
          request
              .header("Content-Type", "multipart/form-data; boundary=" + boundary)
              .method(method, HttpRequest.BodyPublishers.ofString(multipart))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }
    request.header("Content-Type", random.nextInt(5) == 0 ? "text/plain" : "application/json");
    HttpRequest.BodyPublisher publisher =
        "GET".equals(method)
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body);
    return http.send(
        request.method(method, publisher).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String abbreviate(String s) {
    return s.length() > 120 ? s.substring(0, 120) + "…" : s;
  }
}
