package io.civicflow.engine.testing;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.Incident;
import io.civicflow.engine.web.EngineApplication;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The standalone engine (web layer, gRPC gateway and core, journal on disk) started once per test
 * JVM on free ports, with the official Camunda Java client talking to it. Engine behaviour tests
 * use it through {@link EngineExtension}, which purges the engine and resets its clock after each
 * test.
 *
 * <p>The client's commands go over REST, or over gRPC when the system property {@value
 * #TRANSPORT_PROPERTY} is {@code grpc} (the engine module's second Surefire run of the behaviour
 * tests); searches and user-task commands, which Camunda serves over REST only, always take REST.
 */
public final class TestEngine {

  /** {@code rest} (default) or {@code grpc}: which API the client prefers for commands. */
  public static final String TRANSPORT_PROPERTY = "civicflow.test.transport";

  private static TestEngine shared;

  private final ConfigurableApplicationContext context;
  private final URI restAddress;
  private final URI managementAddress;
  private final URI grpcAddress;
  private final boolean grpc;
  private final CamundaClient client;
  private final HttpClient http = HttpClient.newHttpClient();

  private TestEngine() {
    int restPort = FreePorts.next();
    int managementPort = FreePorts.next();
    int grpcPort = FreePorts.next();
    Path dataDir;
    try {
      dataDir = Files.createTempDirectory("civicflow-engine-test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    SpringApplication application = new SpringApplication(EngineApplication.class);
    application.setDefaultProperties(EngineApplication.defaultProperties());
    context =
        application.run(
            "--server.port=" + restPort,
            "--management.server.port=" + managementPort,
            "--civicflow.engine.data-dir=" + dataDir,
            "--civicflow.engine.clock.controlled=true",
            "--civicflow.engine.purge.enabled=true",
            "--civicflow.engine.grpc.port=" + grpcPort,
            // behaviour tests are about BPMN, and their raw HTTP calls send no credentials;
            // authentication
            // has its own tests (io.civicflow.engine.web.auth)
            "--civicflow.engine.auth.enabled=false");
    restAddress = URI.create("http://127.0.0.1:" + restPort);
    managementAddress = URI.create("http://127.0.0.1:" + managementPort);
    grpcAddress = URI.create("http://127.0.0.1:" + grpcPort);
    String transport = System.getProperty(TRANSPORT_PROPERTY, "rest");
    if (!transport.equals("rest") && !transport.equals("grpc")) {
      throw new IllegalArgumentException(
          TRANSPORT_PROPERTY + " must be rest or grpc, not " + transport);
    }
    grpc = transport.equals("grpc");
    client =
        CamundaClient.newClientBuilder()
            .restAddress(restAddress)
            .grpcAddress(grpcAddress)
            .preferRestOverGrpc(!grpc)
            .applyEnvironmentVariableOverrides(false)
            .defaultRequestTimeout(Duration.ofSeconds(10))
            .build();
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

  public URI grpcAddress() {
    return grpcAddress;
  }

  /** Whether the client sends its commands over gRPC in this run. */
  public boolean grpc() {
    return grpc;
  }

  public <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  /** Deploys BPMN fixtures from {@code src/test/resources/bpmn/}. */
  public DeploymentEvent deploy(String... fixtures) {
    var command = client.newDeployResourceCommand();
    io.camunda.client.api.command.DeployResourceCommandStep1.DeployResourceCommandStep2 step = null;
    for (String fixture : fixtures) {
      step =
          step == null
              ? command.addResourceBytes(fixture(fixture), fixture)
              : step.addResourceBytes(fixture(fixture), fixture);
    }
    return step.send().join();
  }

  public ProcessInstanceEvent start(String bpmnProcessId, Map<String, Object> variables) {
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId(bpmnProcessId)
        .latestVersion()
        .variables(variables)
        .send()
        .join();
  }

  /** Activates the one job of a type that must be there (waiting briefly for it). */
  public ActivatedJob activateOne(String type) {
    List<ActivatedJob> jobs =
        client
            .newActivateJobsCommand()
            .jobType(type)
            .maxJobsToActivate(10)
            .timeout(Duration.ofMinutes(5))
            .requestTimeout(Duration.ofSeconds(2))
            .send()
            .join()
            .getJobs();
    if (jobs.size() != 1) {
      throw new AssertionError("expected exactly one job of type " + type + ", got " + jobs.size());
    }
    return jobs.get(0);
  }

  /** Activates whatever jobs of a type are there now, without waiting. */
  public List<ActivatedJob> activateNow(String type) {
    return client
        .newActivateJobsCommand()
        .jobType(type)
        .maxJobsToActivate(100)
        .timeout(Duration.ofMinutes(5))
        .requestTimeout(Duration.ofMillis(-1))
        .send()
        .join()
        .getJobs();
  }

  /** The instance's element instances as {@code elementId=STATE}, in the order they started. */
  public List<String> elements(long processInstanceKey) {
    return client
        .newElementInstanceSearchRequest()
        .filter(f -> f.processInstanceKey(processInstanceKey))
        .sort(s -> s.startDate().asc())
        .send()
        .join()
        .items()
        .stream()
        .map(e -> e.getElementId() + "=" + e.getState())
        .toList();
  }

  public List<Incident> incidents(long processInstanceKey) {
    return client
        .newIncidentSearchRequest()
        .filter(f -> f.processInstanceKey(processInstanceKey))
        .send()
        .join()
        .items();
  }

  /** Root-scope variables of an instance as name → JSON text. */
  public Map<String, String> variables(long processInstanceKey) {
    Map<String, String> result = new TreeMap<>();
    client
        .newVariableSearchRequest()
        .filter(f -> f.processInstanceKey(processInstanceKey).scopeKey(processInstanceKey))
        .send()
        .join()
        .items()
        .forEach(v -> result.put(v.getName(), v.getValue()));
    return result;
  }

  public ProcessInstanceState state(long processInstanceKey) {
    return client.newProcessInstanceGetRequest(processInstanceKey).send().join().getState();
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

  /**
   * Moves the engine clock forward, as CPT's {@code increaseTime} does; due timers fire at once.
   */
  public void increaseTime(Duration duration) {
    management("POST", "/actuator/clock/add", "{\"offsetMilli\":" + duration.toMillis() + "}");
  }

  public void resetClock() {
    management("DELETE", "/actuator/clock", null);
  }

  public void purge() {
    management("POST", "/actuator/cluster/purge", null);
  }

  /** A management endpoint's JSON answer, e.g. {@code /actuator/jobstreams}. */
  public com.fasterxml.jackson.databind.JsonNode managementGet(String path) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(managementAddress.resolve(path)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "GET " + path + " answered " + response.statusCode() + ": " + response.body());
      }
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void management(String method, String path, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(managementAddress.resolve(path))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() >= 300) {
        throw new IllegalStateException(
            method + " " + path + " answered " + response.statusCode() + ": " + response.body());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
