package io.civicflow.engine.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.civicflow.engine.api.EngineApi;
import io.civicflow.engine.web.support.StubEngine;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An application that embeds the engine (like the workers application): no component scan of the
 * web package, its own controllers and JSON. The engine's REST API arrives through the
 * auto-configuration alone and leaves the application's JSON and error handling as they were.
 */
class EmbeddedEngineTest {

  /** The embedding application: its own controller, no scan of io.civicflow.engine.web. */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  @Import(ApplicationController.class)
  static class EmbeddingApplication {
    @Bean
    StubEngine stubEngine() {
      return new StubEngine();
    }
  }

  @RestController
  static class ApplicationController {
    @GetMapping("/app/tender")
    Map<String, Object> tender() {
      java.util.HashMap<String, Object> body = new java.util.HashMap<>();
      body.put("tenderKey", 2251799813685251L);
      body.put("awardedAt", null);
      return body;
    }
  }

  @Nested
  @SpringBootTest(
      classes = EmbeddingApplication.class,
      webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
  class WhenEmbedded {

    @LocalServerPort int port;
    @Autowired ApplicationContext context;
    @Autowired ObjectMapper applicationMapper;

    @Test
    void shouldServeTheRestApiThroughTheAutoConfigurationAlone() throws Exception {
      // authentication comes with it, on by default, with the built-in users
      assertThat(get(port, "/v2/topology").statusCode()).isEqualTo(401);
      HttpResponse<String> topology = get(port, "/v2/topology", "demo:demo");
      assertThat(topology.statusCode()).isEqualTo(200);
      assertThat(
              new ObjectMapper().readTree(topology.body()).get("lastCompletedChangeId").isTextual())
          .isTrue();
      assertThat(context.getBeansOfType(EngineApi.class)).containsOnlyKeys("stubEngine");
    }

    @Test
    void shouldLeaveTheApplicationsJsonAndErrorsAlone() throws Exception {
      JsonNode tender = new ObjectMapper().readTree(get(port, "/app/tender").body());
      assertThat(tender.get("tenderKey").isIntegralNumber()).isTrue();
      assertThat(tender.has("awardedAt")).isTrue();
      assertThat(context.getBeansOfType(ObjectMapper.class))
          .containsOnlyKeys("jacksonObjectMapper");

      HttpResponse<String> unknown = get(port, "/app/nothing");
      assertThat(unknown.statusCode()).isEqualTo(404);
      assertThat(unknown.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).doesNotContain("problem"));
    }
  }

  @Nested
  @SpringBootTest(
      classes = EmbeddingApplication.class,
      webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
      properties = "civicflow.engine.embedded.enabled=false")
  class WhenDisabled {

    @LocalServerPort int port;

    @Test
    void shouldServeNoEngineApi() throws Exception {
      HttpResponse<String> topology = get(port, "/v2/topology");
      assertThat(topology.statusCode()).isEqualTo(404);
      assertThat(get(port, "/app/tender").statusCode()).isEqualTo(200);
    }
  }

  private static HttpResponse<String> get(int port, String path) throws Exception {
    return get(port, path, null);
  }

  private static HttpResponse<String> get(int port, String path, String credentials)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (credentials != null) {
      request.header(
          "Authorization",
          "Basic " + java.util.Base64.getEncoder().encodeToString(credentials.getBytes()));
    }
    return HttpClient.newHttpClient().send(request.build(), BodyHandlers.ofString());
  }
}
