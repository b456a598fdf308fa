package io.civicflow.engine.testing;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.civicflow.engine.web.EngineApplication;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The standalone engine (web layer and core, journal on disk) started once per test JVM on free ports,
 * with the official Camunda Java client talking REST to it. Engine behaviour tests use it through
 * {@link EngineExtension}, which purges the engine and resets its clock after each test.
 */
public final class TestEngine {

  private static TestEngine shared;

  private final ConfigurableApplicationContext context;
  private final URI restAddress;
  private final URI managementAddress;
  private final CamundaClient client;
  private final HttpClient http = HttpClient.newHttpClient();

  private TestEngine() {
    int restPort = freePort();
    int managementPort = freePort();
    Path dataDir;
    try {
      dataDir = Files.createTempDirectory("civicflow-engine-test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    SpringApplication application = new SpringApplication(EngineApplication.class);
    application.setDefaultProperties(EngineApplication.defaultProperties());
    context = application.run(
        "--server.port=" + restPort,
        "--management.server.port=" + managementPort,
        "--civicflow.engine.data-dir=" + dataDir,
        "--civicflow.engine.clock.controlled=true",
        "--civicflow.engine.purge.enabled=true");
    restAddress = URI.create("http://127.0.0.1:" + restPort);
    managementAddress = URI.create("http://127.0.0.1:" + managementPort);
    client = CamundaClient.newClientBuilder().restAddress(restAddress).preferRestOverGrpc(true)
        .defaultRequestTimeout(Duration.ofSeconds(10)).build();
  }

  public static synchronized TestEngine shared() {
    if (shared == null) {
      shared = new TestEngine();
    }
    return shared;
  }

  public CamundaClient client() {
    return client;
  }

  public URI restAddress() {
    return restAddress;
  }

  public URI managementAddress() {
    return managementAddress;
  }

  public <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  /** Deploys BPMN fixtures from {@code src/test/resources/bpmn/}. */
  public DeploymentEvent deploy(String... fixtures) {
    var command = client.newDeployResourceCommand();
    io.camunda.client.api.command.DeployResourceCommandStep1.DeployResourceCommandStep2 step = null;
    for (String fixture : fixtures) {
      step = step == null ? command.addResourceBytes(fixture(fixture), fixture) : step.addResourceBytes(fixture(fixture), fixture);
    }
    return step.send().join();
  }

  public ProcessInstanceEvent start(String bpmnProcessId, Map<String, Object> variables) {
    return client.newCreateInstanceCommand().bpmnProcessId(bpmnProcessId).latestVersion().variables(variables).send().join();
  }

  public static byte[] fixture(String name) {
    try (InputStream in = TestEngine.class.getResourceAsStream("/bpmn/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture /bpmn/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Moves the engine clock forward, as CPT's {@code increaseTime} does; due timers fire at once. */
  public void increaseTime(Duration duration) {
    management("POST", "/actuator/clock/add", "{\"offsetMilli\":" + duration.toMillis() + "}");
  }

  public void resetClock() {
    management("DELETE", "/actuator/clock", null);
  }

  public void purge() {
    management("POST", "/actuator/cluster/purge", null);
  }

  private void management(String method, String path, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(managementAddress.resolve(path))
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() >= 300) {
        throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
