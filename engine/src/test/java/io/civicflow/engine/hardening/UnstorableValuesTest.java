package io.civicflow.engine.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.response.Incident;
import io.camunda.client.api.search.response.UserTask;
import io.civicflow.engine.testing.EngineExtension;
import io.civicflow.engine.testing.Refusal;
import io.civicflow.engine.testing.TestEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Values the journal cannot store never enter the engine (issue 19): {@code 1e100000} parses to a
 * {@code BigDecimal} the journal's JSON cannot write, and used to stop the engine or leave half a
 * command behind. Every command kind that carries variables refuses it with {@code
 * INVALID_ARGUMENT} — over REST and over gRPC — and nothing changes; the engine keeps serving. A
 * FEEL result the journal cannot store becomes an incident.
 */
@ExtendWith(EngineExtension.class)
class UnstorableValuesTest {

  private static final String PROCESS = "limits-door";

  private final HttpClient http = HttpClient.newHttpClient();
  private CamundaClient rest;
  private CamundaClient grpc;

  @BeforeEach
  void clients(TestEngine engine) {
    rest = client(engine, true);
    grpc = client(engine, false);
    engine.deploy("limits-door.bpmn", "evaluation-score.dmn");
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
        .defaultRequestTimeout(Duration.ofSeconds(10))
        .build();
  }

  /** A good variable next to one the journal cannot write: nothing of the command may apply. */
  private static Map<String, Object> unstorable() {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("harmless", 1);
    variables.put("z", new BigDecimal("1e100000"));
    return variables;
  }

  private static void assertRefused(ThrowingCallable command) {
    Refusal refusal = Refusal.of(command);
    assertThat(refusal.code()).isEqualTo(400);
    assertThat(refusal.title()).isEqualTo("INVALID_ARGUMENT");
    assertThat(refusal.detail()).contains("variable 'z'").contains("1E+100000");
  }

  /**
   * Over REST as anyone can send it: the Java client cannot, since it reads variables into doubles
   * first (it would send {@code "Infinity"}, a string).
   */
  @Test
  void everyCommandRefusesANumberTheJournalCannotWriteOverRest(TestEngine engine) {
    String variables = "{\"harmless\":1,\"z\":1e100000}";
    assertRefusedOverRest(
        engine,
        "POST",
        "/v2/process-instances",
        "{\"processDefinitionId\":\"" + PROCESS + "\",\"variables\":" + variables + "}");
    assertThat(instances()).isEmpty();

    long instance = start();
    Map<String, String> variablesBefore = engine.variables(instance);
    ActivatedJob job = activateOne(rest, "limits-work");
    UserTask task = userTask(instance);
    String body = "{\"variables\":" + variables;
    assertRefusedOverRest(
        engine, "PUT", "/v2/element-instances/" + instance + "/variables", body + "}");
    assertRefusedOverRest(engine, "POST", "/v2/jobs/" + job.getKey() + "/completion", body + "}");
    assertRefusedOverRest(
        engine, "POST", "/v2/jobs/" + job.getKey() + "/failure", body + ",\"retries\":0}");
    assertRefusedOverRest(
        engine, "POST", "/v2/jobs/" + job.getKey() + "/error", body + ",\"errorCode\":\"any\"}");
    String reply = ",\"name\":\"limits-reply\",\"correlationKey\":\"o-1\"}";
    assertRefusedOverRest(engine, "POST", "/v2/messages/publication", body + reply);
    assertRefusedOverRest(engine, "POST", "/v2/messages/correlation", body + reply);
    assertRefusedOverRest(
        engine, "POST", "/v2/signals/broadcast", body + ",\"signalName\":\"limits-go\"}");
    assertRefusedOverRest(
        engine, "POST", "/v2/user-tasks/" + task.getUserTaskKey() + "/completion", body + "}");
    assertRefusedOverRest(
        engine,
        "POST",
        "/v2/decision-definitions/evaluation",
        body + ",\"decisionDefinitionId\":\"evaluation-score\"}");

    assertNothingChangedAndTheEngineServes(engine, rest, instance, variablesBefore, job, task);
  }

  @Test
  void everyCommandRefusesANumberTheJournalCannotWriteOverGrpc(TestEngine engine) {
    assertRefused(
        () ->
            grpc.newCreateInstanceCommand()
                .bpmnProcessId(PROCESS)
                .latestVersion()
                .variables(unstorable())
                .send()
                .join());
    assertThat(instances()).isEmpty();

    long instance = start();
    Map<String, String> variablesBefore = engine.variables(instance);
    ActivatedJob job = activateOne(grpc, "limits-work");
    UserTask task = userTask(instance);
    assertRefused(
        () -> grpc.newSetVariablesCommand(instance).variables(unstorable()).send().join());
    assertRefused(
        () -> grpc.newCompleteCommand(job.getKey()).variables(unstorable()).send().join());
    assertRefused(
        () -> grpc.newFailCommand(job.getKey()).retries(0).variables(unstorable()).send().join());
    assertRefused(
        () ->
            grpc.newThrowErrorCommand(job.getKey())
                .errorCode("any")
                .variables(unstorable())
                .send()
                .join());
    assertRefused(
        () ->
            grpc.newPublishMessageCommand()
                .messageName("limits-reply")
                .correlationKey("o-1")
                .variables(unstorable())
                .send()
                .join());
    assertRefused(
        () ->
            grpc.newBroadcastSignalCommand()
                .signalName("limits-go")
                .variables(unstorable())
                .send()
                .join());
    assertRefused(
        () ->
            grpc.newEvaluateDecisionCommand()
                .decisionId("evaluation-score")
                .variables(unstorable())
                .send()
                .join());
    // correlation and user tasks are served over REST only, as in Camunda

    assertNothingChangedAndTheEngineServes(engine, grpc, instance, variablesBefore, job, task);
  }

  private long start() {
    return rest.newCreateInstanceCommand()
        .bpmnProcessId(PROCESS)
        .latestVersion()
        .variables(Map.of("orderId", "o-1"))
        .send()
        .join()
        .getProcessInstanceKey();
  }

  private void assertRefusedOverRest(TestEngine engine, String method, String path, String body) {
    HttpResponse<String> response;
    try {
      response =
          http.send(
              HttpRequest.newBuilder(engine.restAddress().resolve(path))
                  .header("Content-Type", "application/json")
                  .method(method, HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    assertThat(response.statusCode())
        .as(method + " " + path + ": " + response.body())
        .isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(response.body())
        .contains("\"title\":\"INVALID_ARGUMENT\"")
        .contains("\"instance\":\"" + path + "\"")
        .contains("variable 'z'")
        .contains("1E+100000");
  }

  private void assertNothingChangedAndTheEngineServes(
      TestEngine engine,
      CamundaClient client,
      long instance,
      Map<String, String> variablesBefore,
      ActivatedJob job,
      UserTask task) {
    assertThat(engine.variables(instance)).isEqualTo(variablesBefore);
    assertThat(engine.elements(instance))
        .contains(
            "Task_Work=ACTIVE", "Task_Review=ACTIVE", "Wait_Reply=ACTIVE", "Wait_Signal=ACTIVE");
    assertThat(engine.incidents(instance)).isEmpty();

    // every wait ends with good values: the job was neither completed nor failed
    client.newCompleteCommand(job.getKey()).variables(Map.of("worked", true)).send().join();
    rest.newCompleteUserTaskCommand(task.getUserTaskKey()).send().join();
    client
        .newPublishMessageCommand()
        .messageName("limits-reply")
        .correlationKey("o-1")
        .variables(Map.of("price", new BigDecimal("12.5")))
        .send()
        .join();
    client.newBroadcastSignalCommand().signalName("limits-go").send().join();
    assertThat(engine.state(instance).name()).isEqualTo("COMPLETED");
    assertThat(engine.variables(instance))
        .containsEntry("worked", "true")
        .containsEntry("price", "12.5");
  }

  @Test
  void aFeelResultTheJournalCannotStoreBecomesAnIncident(TestEngine engine) {
    engine.deploy("limits-unstorable-feel.bpmn");

    long instance =
        engine.start("limits-unstorable-feel", Map.of("exponent", 1000)).getProcessInstanceKey();

    List<Incident> incidents = engine.incidents(instance);
    assertThat(incidents).hasSize(1);
    assertThat(incidents.get(0).getElementId()).isEqualTo("Task_Work");
    assertThat(incidents.get(0).getErrorMessage())
        .contains("10 ** exponent")
        .contains("not a JSON number");
    assertThat(engine.variables(instance)).doesNotContainKey("big");

    // the engine serves on: with a storable exponent the step goes ahead once resolved
    rest.newSetVariablesCommand(instance).variables(Map.of("exponent", 3)).send().join();
    rest.newResolveIncidentCommand(incidents.get(0).getIncidentKey()).send().join();
    assertThat(activateOne(rest, "limits-feel").getVariablesAsMap()).containsEntry("big", 1000);
  }

  @Test
  void aDecisionResultTheJournalCannotStoreIsAFailedEvaluation(TestEngine engine) {
    engine.deploy("limits-power.dmn");

    var failed =
        rest.newEvaluateDecisionCommand()
            .decisionId("limits-power")
            .variables(Map.of("exponent", 1000))
            .send()
            .join();
    assertThat(failed.getFailureMessage()).contains("the decision's value");
    assertThat(failed.getFailedDecisionId()).isEqualTo("limits-power");

    var evaluated =
        rest.newEvaluateDecisionCommand()
            .decisionId("limits-power")
            .variables(Map.of("exponent", 3))
            .send()
            .join();
    assertThat(evaluated.getFailureMessage()).isNullOrEmpty();
    assertThat(evaluated.getDecisionOutput()).isEqualTo("1000");
  }

  private static ActivatedJob activateOne(CamundaClient client, String type) {
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
    assertThat(jobs).hasSize(1);
    return jobs.get(0);
  }

  private List<Long> instances() {
    return rest
        .newProcessInstanceSearchRequest()
        .filter(f -> f.processDefinitionId(PROCESS))
        .send()
        .join()
        .items()
        .stream()
        .map(i -> i.getProcessInstanceKey())
        .toList();
  }

  private UserTask userTask(long instance) {
    List<UserTask> tasks =
        rest.newUserTaskSearchRequest()
            .filter(f -> f.processInstanceKey(instance))
            .send()
            .join()
            .items();
    assertThat(tasks).hasSize(1);
    return tasks.get(0);
  }
}
