package io.civicflow.workers.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.ProcessInstance;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.civicflow.engine.Engine;
import io.civicflow.engine.history.HistoryStoreFactory;
import io.civicflow.engine.web.EngineApplication;
import io.civicflow.workers.registry.elasticsearch.ElasticsearchTestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Elasticsearch really down: a node of this test's own is killed (SIGKILL) while the engine runs on
 * it, with the engine's REST API and health served as in the application. Instances keep
 * completing; what the heap answers alone (active instances, created user tasks, a running or a
 * just-ended instance by key) is answered; a search or get that needs the store is a 503 problem
 * ({@code UNAVAILABLE}), not a 500; the health says the store refuses writes and cannot be read.
 * Then the node is started again on the same data and the export catches up, each record once.
 */
class ElasticsearchHistoryOutageTest {

  private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchHistoryOutageTest.class);
  private static final String PREFIX = "civicflow-history-outage";
  private static final String JOB = "outage.check";

  private static ElasticsearchTestServer elasticsearch;
  private static ConfigurableApplicationContext application;
  private static CamundaClient client;
  private static Engine engine;
  private static int managementPort;
  private static int port;
  @TempDir static Path directory;

  /** The engine's history in this test's own Elasticsearch. */
  @Configuration(proxyBeanMethods = false)
  static class HistoryInElasticsearch {
    @Bean
    HistoryStoreFactory elasticsearchHistoryStore() {
      return dir -> new ElasticsearchHistoryStore(elasticsearch.client(), PREFIX);
    }
  }

  @BeforeAll
  static void start() throws Exception {
    long started = System.nanoTime();
    elasticsearch = ElasticsearchTestServer.dedicated();
    LOG.info(
        "Dedicated Elasticsearch up in {} ms",
        Duration.ofNanos(System.nanoTime() - started).toMillis());
    Map<String, Object> properties = new LinkedHashMap<>(EngineApplication.defaultProperties());
    // not the application's configuration (application.yaml): the engine alone, as standalone
    properties.put("spring.config.name", "civicflow-history-outage-test");
    properties.put("server.port", "0");
    properties.put("management.server.port", "0");
    properties.put("management.endpoint.health.show-details", "always");
    properties.put("civicflow.engine.auth.enabled", "false");
    properties.put("civicflow.engine.grpc.enabled", "false");
    properties.put("civicflow.engine.clock.controlled", "true");
    properties.put("civicflow.engine.data-dir", directory.resolve("engine").toString());
    properties.put("camunda.client.enabled", "false");
    application =
        new SpringApplicationBuilder(EngineApplication.class, HistoryInElasticsearch.class)
            .properties(properties)
            .run();
    port = Integer.parseInt(application.getEnvironment().getProperty("local.server.port"));
    managementPort =
        Integer.parseInt(application.getEnvironment().getProperty("local.management.port"));
    engine = application.getBean(Engine.class);
    client =
        CamundaClient.newClientBuilder()
            .restAddress(URI.create("http://127.0.0.1:" + port))
            .preferRestOverGrpc(true)
            // the first export creates the history indices: slow on a busy machine
            .defaultRequestTimeout(Duration.ofMinutes(1))
            .build();
  }

  @AfterAll
  static void stop() throws Exception {
    if (client != null) {
      client.close();
    }
    if (application != null) {
      application.close();
    }
    if (elasticsearch != null) {
      elasticsearch.close();
    }
  }

  @Test
  void shouldAnswerFromMemoryAndRefuseHistorySearchesWhileElasticsearchIsDownThenCatchUpOnce()
      throws Exception {
    deploy();
    List<Long> before = List.of(runToEnd(0), runToEnd(1));
    assertThat(count("process-instance", null)).isEqualTo(2);
    long running =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("outage-open")
            .latestVersion()
            .send()
            .join()
            .getProcessInstanceKey();
    long withTask =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("outage-task")
            .latestVersion()
            .send()
            .join()
            .getProcessInstanceKey();

    long killedAt = System.nanoTime();
    elasticsearch.kill();

    List<Long> during = new ArrayList<>();
    for (int i = 2; i < 5; i++) {
      during.add(runToEnd(i));
    }
    assertThat(engine.historyExport().pendingRoots()).isEqualTo(3);

    // answered from memory
    assertThat(
            client
                .newProcessInstanceSearchRequest()
                .filter(f -> f.state(ProcessInstanceState.ACTIVE))
                .send()
                .join()
                .items())
        .extracting(ProcessInstance::getProcessInstanceKey)
        .containsExactlyInAnyOrder(running, withTask);
    assertThat(
            client
                .newUserTaskSearchRequest()
                .filter(f -> f.state(UserTaskState.CREATED))
                .send()
                .join()
                .items())
        .extracting(UserTask::getProcessInstanceKey)
        .containsExactly(withTask);
    assertThat(client.newProcessInstanceGetRequest(running).send().join().getState())
        .isEqualTo(ProcessInstanceState.ACTIVE);
    assertThat(client.newProcessInstanceGetRequest(during.get(0)).send().join().getState())
        .as("ended during the outage: waits in memory")
        .isEqualTo(ProcessInstanceState.COMPLETED);

    // what needs the store: a 503 problem, at once
    Throwable completedBefore =
        catchThrowable(() -> client.newProcessInstanceGetRequest(before.get(0)).send().join());
    assertThat(completedBefore).isInstanceOf(ProblemException.class);
    assertThat(((ProblemException) completedBefore).code()).isEqualTo(503);
    assertThat(((ProblemException) completedBefore).details().getTitle()).isEqualTo("UNAVAILABLE");
    HttpResponse<String> everything =
        post("/v2/process-instances/search", "{\"filter\":{\"state\":\"COMPLETED\"}}");
    assertThat(everything.statusCode()).isEqualTo(503);
    assertThat(everything.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    JsonNode problem = new ObjectMapper().readTree(everything.body());
    assertThat(problem.path("title").asText()).isEqualTo("UNAVAILABLE");
    assertThat(problem.path("status").asInt()).isEqualTo(503);
    assertThat(problem.path("detail").asText()).contains("history store cannot be read");
    assertThat(problem.path("instance").asText()).isEqualTo("/v2/process-instances/search");

    JsonNode history = health().path("components").path("engine").path("details");
    assertThat(health().path("components").path("engine").path("status").asText())
        .as("the engine keeps processing")
        .isEqualTo("UP");
    assertThat(history.path("historyExport").path("pendingRoots").asInt()).isEqualTo(3);
    assertThat(history.path("historyExport").path("storeRefusesWrites").asBoolean()).isTrue();
    assertThat(history.path("historyExport").path("storeReadable").asBoolean()).isFalse();
    LOG.info(
        "Outage part done {} ms after the kill",
        Duration.ofNanos(System.nanoTime() - killedAt).toMillis());

    long restarted = System.nanoTime();
    elasticsearch.start();
    LOG.info(
        "Elasticsearch restarted in {} ms",
        Duration.ofNanos(System.nanoTime() - restarted).toMillis());
    during.add(runToEnd(5));
    engine.addClockOffset(Duration.ofMinutes(1).toMillis()).get(); // past the retry back-off

    assertThat(engine.historyExport().pendingRoots()).isZero();
    List<Long> completed = new ArrayList<>(before);
    completed.addAll(during);
    assertThat(
            client
                .newProcessInstanceSearchRequest()
                .filter(f -> f.state(ProcessInstanceState.COMPLETED))
                .send()
                .join()
                .items())
        .extracting(ProcessInstance::getProcessInstanceKey)
        .containsExactlyInAnyOrderElementsOf(completed);
    assertThat(count("process-instance", null)).isEqualTo(completed.size());
    long elementsEach = count("element-instance", before.get(0));
    assertThat(elementsEach).isPositive();
    for (long key : completed) {
      assertThat(count("process-instance", key)).as("instance %s", key).isEqualTo(1);
      assertThat(count("element-instance", key)).as("instance %s", key).isEqualTo(elementsEach);
      assertThat(count("variable", key)).as("case and score of %s", key).isEqualTo(2);
      assertThat(count("job", key)).as("job of %s", key).isEqualTo(1);
    }
    history = health().path("components").path("engine").path("details").path("historyExport");
    assertThat(history.path("pendingRoots").asInt()).isZero();
    assertThat(history.path("storeRefusesWrites").asBoolean()).isFalse();
    assertThat(history.path("storeReadable").asBoolean()).isTrue();
  }

  private static void deploy() {
    client
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess("outage-job")
                .startEvent()
                .serviceTask("Task_Check", t -> t.zeebeJobType(JOB))
                .endEvent()
                .done(),
            "outage-job.bpmn")
        .addProcessModel(
            Bpmn.createExecutableProcess("outage-open")
                .startEvent()
                .serviceTask("Task_Open", t -> t.zeebeJobType(JOB + ".open"))
                .endEvent()
                .done(),
            "outage-open.bpmn")
        .addProcessModel(
            Bpmn.createExecutableProcess("outage-task")
                .startEvent()
                .userTask("Task_Review", t -> t.zeebeUserTask())
                .endEvent()
                .done(),
            "outage-task.bpmn")
        .send()
        .join();
  }

  /** Creates an instance of {@code outage-job} and completes its job: the instance ends. */
  private static long runToEnd(int i) {
    long key =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("outage-job")
            .latestVersion()
            .variables(Map.of("case", "KS-" + i))
            .send()
            .join()
            .getProcessInstanceKey();
    ActivatedJob job =
        client
            .newActivateJobsCommand()
            .jobType(JOB)
            .maxJobsToActivate(1)
            .send()
            .join()
            .getJobs()
            .get(0);
    client.newCompleteCommand(job.getKey()).variables(Map.of("score", i)).send().join();
    return key;
  }

  /** The documents of a family in Elasticsearch (of one instance, unless null), read directly. */
  private static long count(String family, Long processInstanceKey) throws Exception {
    ElasticsearchClient es = elasticsearch.client();
    return es.count(
            c -> {
              c.index(PREFIX + "-" + family + "-*").ignoreUnavailable(true).allowNoIndices(true);
              if (processInstanceKey != null) {
                c.query(q -> q.term(t -> t.field("processInstanceKey").value(processInstanceKey)));
              }
              return c;
            })
        .count();
  }

  private static HttpResponse<String> post(String path, String body) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode health() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + managementPort + "/actuator/health"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return new ObjectMapper().readTree(response.body());
  }
}
