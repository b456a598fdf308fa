package io.civicflow.engine.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.civicflow.engine.testing.EngineExtension;
import io.civicflow.engine.testing.TestEngine;
import io.grpc.Status;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Absurd numbers are refused, not applied (issue 19: {@code /actuator/clock/add} with {@code
 * Long.MAX_VALUE} moved the clock to the year −292 million; a message time to live of −1000 or 9e18
 * was accepted).
 */
@ExtendWith(EngineExtension.class)
class RangeCheckTest {

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void shouldRefuseToMoveOrPinTheClockOutOfItsRange(TestEngine engine) throws Exception {
    long pinned = 1_470_000_000_000L;
    assertThat(send(engine.managementAddress(), "/actuator/clock/pin", epochMilli(pinned)))
        .extracting(HttpResponse::statusCode)
        .isEqualTo(200);

    for (String body :
        new String[] {
          offsetMilli(Long.MAX_VALUE),
          offsetMilli(Long.MIN_VALUE),
          offsetMilli(-pinned - 100_000_000_000_000L),
          offsetMilli(300_000L * 365 * 24 * 3_600_000)
        }) {
      assertRefused(send(engine.managementAddress(), "/actuator/clock/add", body), "clock");
    }
    for (long at : new long[] {Long.MAX_VALUE, Long.MIN_VALUE, 253_402_300_800_000L}) {
      assertRefused(
          send(engine.managementAddress(), "/actuator/clock/pin", epochMilli(at)), "clock");
    }

    assertThat(clock(engine)).as("the clock is unchanged").isEqualTo(pinned);
    // within the range it still moves
    assertThat(send(engine.managementAddress(), "/actuator/clock/add", offsetMilli(1000)))
        .extracting(HttpResponse::statusCode)
        .isEqualTo(200);
    assertThat(clock(engine)).isEqualTo(pinned + 1000);
  }

  @Test
  void shouldRefuseAMessageTimeToLiveOutOfRangeOverRest(TestEngine engine) throws Exception {
    for (String ttl : new String[] {"-1000", "9e18", "9000000000000000000"}) {
      HttpResponse<String> response =
          send(
              engine.restAddress(),
              "/v2/messages/publication",
              "{\"name\":\"m\",\"correlationKey\":\"k\",\"timeToLive\":" + ttl + "}");
      assertRefused(response, "time to live");
    }
    assertThat(
            send(
                    engine.restAddress(),
                    "/v2/messages/publication",
                    "{\"name\":\"m\",\"correlationKey\":\"k\",\"timeToLive\":60000}")
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void shouldRefuseAMessageTimeToLiveOutOfRangeOverGrpc(TestEngine engine) {
    try (CamundaClient grpc =
        CamundaClient.newClientBuilder()
            .restAddress(engine.restAddress())
            .grpcAddress(engine.grpcAddress())
            .preferRestOverGrpc(false)
            .applyEnvironmentVariableOverrides(false)
            .build()) {
      for (Duration ttl :
          new Duration[] {
            Duration.ofMillis(-1000), Duration.ofMillis(9_000_000_000_000_000_000L)
          }) {
        ClientStatusException refused =
            catchThrowableOfType(
                ClientStatusException.class,
                () ->
                    grpc.newPublishMessageCommand()
                        .messageName("m")
                        .correlationKey("k")
                        .timeToLive(ttl)
                        .send()
                        .join());
        assertThat(refused.getStatusCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(refused.getMessage()).contains("time to live");
      }
    }
  }

  private void assertRefused(HttpResponse<String> response, String about) throws Exception {
    assertThat(response.statusCode()).isEqualTo(400);
    if (response.uri().getPath().startsWith("/v2/")) {
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    } // the management endpoints answer with the actuator's JSON, as for their 403
    JsonNode problem = json.readTree(response.body());
    assertThat(problem.get("title").asText()).isEqualTo("INVALID_ARGUMENT");
    assertThat(problem.get("detail").asText()).contains(about);
  }

  private long clock(TestEngine engine) {
    return engine.managementGet("/actuator/clock").get("epochMilli").asLong();
  }

  private static String offsetMilli(long value) {
    return "{\"offsetMilli\":" + value + "}";
  }

  private static String epochMilli(long value) {
    return "{\"epochMilli\":" + value + "}";
  }

  private HttpResponse<String> send(URI base, String path, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
