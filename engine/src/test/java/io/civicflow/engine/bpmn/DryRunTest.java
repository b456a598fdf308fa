package io.civicflow.engine.bpmn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.civicflow.engine.testing.EngineExtension;
import io.civicflow.engine.testing.TestEngine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * CivicFlow's dry-runs over raw REST: {@code POST /v2/process-instances/{key}/migration/dry-run}
 * answers what the migration would answer, {@code POST /v2/deployments/dry-run} what the deployment
 * would refuse — and neither changes anything.
 */
@ExtendWith(EngineExtension.class)
class DryRunTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static long deploy(TestEngine engine, BpmnModelInstance model) {
    return engine
        .client()
        .newDeployResourceCommand()
        .addProcessModel(model, "model.bpmn")
        .send()
        .join()
        .getProcesses()
        .get(0)
        .getProcessDefinitionKey();
  }

  private static HttpResponse<String> postJson(TestEngine engine, String path, Object body)
      throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(engine.restAddress() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> postFiles(
      TestEngine engine, String path, Map<String, String> files)
      throws IOException, InterruptedException {
    String boundary = "civicflow-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (var file : files.entrySet()) {
      body.write(
          ("--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\"resources\"; filename=\""
                  + file.getKey()
                  + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
              .getBytes(StandardCharsets.UTF_8));
      body.write(file.getValue().getBytes(StandardCharsets.UTF_8));
      body.write("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(engine.restAddress() + path))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static Map<String, Object> plan(long target, String... sourceTargetPairs) {
    List<Map<String, String>> mappings = new java.util.ArrayList<>();
    for (int i = 0; i < sourceTargetPairs.length; i += 2) {
      mappings.add(
          Map.of(
              "sourceElementId",
              sourceTargetPairs[i],
              "targetElementId",
              sourceTargetPairs[i + 1]));
    }
    return Map.of("targetProcessDefinitionKey", target, "mappingInstructions", mappings);
  }

  private static long definitionOf(TestEngine engine, long processInstanceKey) {
    return engine
        .client()
        .newProcessInstanceGetRequest(processInstanceKey)
        .send()
        .join()
        .getProcessDefinitionKey();
  }

  @Test
  void aMigrationDryRunAnswersTheMigrationsVerdictAndMigratesNothing(TestEngine engine)
      throws Exception {
    String id = unique("dry-migration");
    long v1 =
        deploy(
            engine,
            Bpmn.createExecutableProcess(id)
                .startEvent("start")
                .userTask("review")
                .zeebeUserTask()
                .endEvent("end")
                .done());
    long pi = engine.start(id, Map.of()).getProcessInstanceKey();
    long v2 =
        deploy(
            engine,
            Bpmn.createExecutableProcess(id)
                .startEvent("start")
                .userTask("review")
                .zeebeUserTask()
                .userTask("approve")
                .zeebeUserTask()
                .endEvent("end")
                .done());
    String path = "/v2/process-instances/" + pi + "/migration/dry-run";

    // refused as the migration would be: the active user task has no mapping
    HttpResponse<String> refused = postJson(engine, path, plan(v2, "start", "start"));
    assertThat(refused.statusCode()).isEqualTo(200);
    JsonNode verdict = JSON.readTree(refused.body());
    assertThat(verdict.path("processInstanceKey").asLong()).isEqualTo(pi);
    assertThat(verdict.path("migratable").asBoolean()).isFalse();
    assertThat(verdict.path("rejectionType").asText()).isEqualTo("INVALID_STATE");
    assertThat(verdict.path("detail").asText())
        .contains("no mapping instruction defined for active element with id 'review'");

    // an unknown element is the migration's 400 reason, an unknown target its 404 reason
    JsonNode unknown = JSON.readTree(postJson(engine, path, plan(v2, "review", "nowhere")).body());
    assertThat(unknown.path("rejectionType").asText()).isEqualTo("INVALID_ARGUMENT");
    assertThat(unknown.path("detail").asText())
        .contains("non-existing target element id 'nowhere'");
    JsonNode noTarget = JSON.readTree(postJson(engine, path, plan(1L, "review", "review")).body());
    assertThat(noTarget.path("rejectionType").asText()).isEqualTo("NOT_FOUND");

    // a plan the migration would take: OK, and the instance is still on version 1
    HttpResponse<String> ok = postJson(engine, path, plan(v2, "review", "review"));
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(ok.body()).path("migratable").asBoolean()).isTrue();
    assertThat(JSON.readTree(ok.body()).path("detail").asText(null)).isNull();
    assertThat(definitionOf(engine, pi)).isEqualTo(v1);

    // a malformed request is a problem, as for the migration itself
    HttpResponse<String> malformed =
        postJson(engine, path, Map.of("mappingInstructions", List.of()));
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(malformed.headers().firstValue("Content-Type")).hasValue("application/problem+json");

    // the migration then does what its dry-run said
    engine
        .client()
        .newMigrateProcessInstanceCommand(pi)
        .migrationPlan(v2)
        .addMappingInstruction("review", "review")
        .send()
        .join();
    assertThat(definitionOf(engine, pi)).isEqualTo(v2);
  }

  @Test
  void aDeploymentDryRunNamesTheElementAndReasonAndDeploysNothing(TestEngine engine)
      throws Exception {
    String id = unique("dry-deploy");
    String broken =
        Bpmn.convertToString(
            Bpmn.createExecutableProcess(id)
                .startEvent("start")
                .serviceTask("work") // no job type: Zeebe refuses it
                .endEvent("end")
                .done());

    HttpResponse<String> refused =
        postFiles(engine, "/v2/deployments/dry-run", Map.of("broken.bpmn", broken));

    assertThat(refused.statusCode()).isEqualTo(200);
    JsonNode verdict = JSON.readTree(refused.body());
    assertThat(verdict.path("deployable").asBoolean()).isFalse();
    assertThat(verdict.path("detail").asText())
        .startsWith("Expected to deploy new resources, but encountered the following errors:")
        .contains("'broken.bpmn'", "work");
    JsonNode problem = verdict.path("problems").get(0);
    assertThat(problem.path("resourceName").asText()).isEqualTo("broken.bpmn");
    assertThat(problem.path("elementId").asText()).isEqualTo("work");
    assertThat(problem.path("message").asText()).isNotBlank();
    // word for word what the deployment itself answers
    HttpResponse<String> deployed =
        postFiles(engine, "/v2/deployments", Map.of("broken.bpmn", broken));
    assertThat(deployed.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(deployed.body()).path("detail").asText())
        .isEqualTo(verdict.path("detail").asText());

    // a valid model is deployable, and still not deployed
    String valid =
        Bpmn.convertToString(
            Bpmn.createExecutableProcess(id)
                .startEvent("start")
                .serviceTask("work")
                .zeebeJobType("dry-work")
                .endEvent("end")
                .done());
    HttpResponse<String> ok =
        postFiles(engine, "/v2/deployments/dry-run", Map.of("valid.bpmn", valid));
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(ok.body()).path("deployable").asBoolean()).isTrue();
    assertThat(JSON.readTree(ok.body()).path("problems")).isEmpty();
    assertThat(
            engine
                .client()
                .newProcessDefinitionSearchRequest()
                .filter(f -> f.processDefinitionId(id))
                .send()
                .join()
                .items())
        .isEmpty();

    // no resources: the deployment's own 400 problem
    HttpResponse<String> none = postFiles(engine, "/v2/deployments/dry-run", Map.of());
    assertThat(none.statusCode()).isEqualTo(400);
    assertThat(none.headers().firstValue("Content-Type")).hasValue("application/problem+json");
  }
}
