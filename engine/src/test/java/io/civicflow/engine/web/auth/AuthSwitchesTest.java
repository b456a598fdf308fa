package io.civicflow.engine.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.civicflow.engine.web.EngineApplication;
import io.civicflow.engine.web.support.StubEngine;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.UseMainMethod;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The two other shapes: authentication switched off by {@code civicflow.engine.auth.enabled=false},
 * and the management endpoints on the REST API's own port (one filter covers both). Over a {@link
 * StubEngine}.
 */
class AuthSwitchesTest {

  @TestConfiguration(proxyBeanMethods = false)
  static class Stub {
    @Bean
    StubEngine stubEngine() {
      return new StubEngine();
    }
  }

  @Nested
  @SpringBootTest(
      classes = EngineApplication.class,
      webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
      useMainMethod = UseMainMethod.ALWAYS,
      properties = {"management.server.port=0", "civicflow.engine.auth.enabled=false"})
  @Import(Stub.class)
  class SwitchedOff {

    @LocalServerPort int port;
    @LocalManagementPort int managementPort;

    @Test
    void everythingAnswersWithoutCredentialsAndIgnoresWrongOnes() throws Exception {
      assertThat(send(port, "GET", "/v2/topology", null).statusCode()).isEqualTo(200);
      assertThat(send(port, "GET", "/v2/topology", "civil1:wrong").statusCode()).isEqualTo(200);
      assertThat(send(managementPort, "GET", "/actuator/clock", null).statusCode()).isEqualTo(200);
      assertThat(send(managementPort, "POST", "/actuator/clock/add", null).statusCode())
          .isEqualTo(200);
      assertThat(send(port, "GET", "/v2/authentication/me", null).body())
          .contains("\"username\":\"anonymous\"");
    }
  }

  @Nested
  @SpringBootTest(
      classes = EngineApplication.class,
      webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
      properties = {
        "server.address=127.0.0.1",
        "management.endpoints.web.exposure.include=health,clock,cluster"
      })
  @Import(Stub.class)
  class ManagementOnTheSamePort {

    @LocalServerPort int port;

    @Test
    void theManagementEndpointsStillNeedAnAdministrator() throws Exception {
      assertThat(send(port, "GET", "/actuator/health", null).statusCode()).isEqualTo(200);
      assertThat(send(port, "GET", "/actuator/clock", null).statusCode()).isEqualTo(401);
      assertThat(send(port, "POST", "/actuator/clock/add", "civil1:demo").statusCode())
          .isEqualTo(403);
      assertThat(send(port, "POST", "/actuator/cluster/purge", "civil1:demo").statusCode())
          .isEqualTo(403);
      assertThat(send(port, "POST", "/actuator/clock/add", "demo:demo").statusCode())
          .isEqualTo(200);
      assertThat(send(port, "GET", "/v2/topology", null).statusCode()).isEqualTo(401);
      assertThat(send(port, "GET", "/v2/topology", "civil1:demo").statusCode()).isEqualTo(200);
    }
  }

  private static HttpResponse<String> send(int port, String method, String path, String credentials)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (credentials != null) {
      request.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
    if (path.endsWith("/add")) {
      request
          .header("Content-Type", "application/json")
          .method(method, BodyPublishers.ofString("{\"offsetMilli\":1000}"));
    } else {
      request.method(method, BodyPublishers.noBody());
    }
    return HttpClient.newHttpClient().send(request.build(), BodyHandlers.ofString());
  }
}
