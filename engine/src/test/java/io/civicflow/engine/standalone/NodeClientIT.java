package io.civicflow.engine.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.IncidentState;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.Incident;
import io.camunda.client.api.search.response.Variable;
import io.civicflow.engine.testing.FreePorts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Camunda client that is not the Java one: Camunda's Node.js SDK ({@code @camunda8/sdk}, whose
 * Zeebe client speaks gRPC through grpc-js) runs {@code src/test/node/zeebe-grpc-client.js} against
 * the standalone engine with authentication on — topology, deployment, a polling worker under
 * create-with-result, activation by hand and a failed job, set variables and cancel, message,
 * signal, a rejected command's status, and job push. This test checks the engine's side through the
 * Java client. The SDK is installed from the npm registry by {@code npm ci} before the integration
 * tests.
 */
class NodeClientIT {

  private static final Path SCRIPT_DIR = Path.of("src/test/node");
  private static final Path BPMN = Path.of("target/test-classes/bpmn/single-service-task.bpmn");

  @TempDir Path dataDir;
  @TempDir Path output;

  @Test
  void camundasNodeSdkRunsTheJobLifeCycleOverTheGrpcGateway() throws Exception {
    assertThat(SCRIPT_DIR.resolve("node_modules/@camunda8/sdk"))
        .as("installed by npm ci (pre-integration-test)")
        .isDirectory();
    int restPort = FreePorts.next();
    int grpcPort = FreePorts.next();
    Process engine =
        EngineProcesses.start(
            EngineProcesses.jarCommand(), dataDir, restPort, FreePorts.next(), grpcPort);
    try (CamundaClient client = EngineProcesses.restClient(restPort)) {
      JsonNode result = runScript(restPort, grpcPort);

      assertThat(result.get("gatewayVersion").asText()).isEqualTo("8.8.14");
      assertThat(result.get("partitions").toString()).isEqualTo("[\"1:LEADER\"]");
      assertThat(result.get("wrongPasswordCode").asInt()).as("UNAUTHENTICATED").isEqualTo(16);
      assertThat(result.get("deployed").asText()).isEqualTo("single-service-task");
      assertThat(result.at("/withResult/variables/handledBy").asText()).isEqualTo("node-poller");
      assertThat(result.at("/withResult/variables/contractNo").asText()).isEqualTo("KS-2016-ZP-Y1");
      assertThat(result.at("/unknownJob/code").asInt()).as("NOT_FOUND").isEqualTo(5);
      assertThat(result.at("/unknownJob/details").asText())
          .startsWith("Command 'CompleteJob' rejected with code 'NOT_FOUND'");
      assertThat(result.get("messageKey").asText()).matches("\\d+");
      assertThat(result.get("signalKey").asText()).matches("\\d+");

      long awaited = result.at("/withResult/processInstanceKey").asLong();
      assertThat(state(client, awaited)).isEqualTo(ProcessInstanceState.COMPLETED);
      assertThat(variables(client, awaited)).containsEntry("handledBy", "\"node-poller\"");

      long failed = result.get("failedInstance").asLong();
      assertThat(state(client, failed)).isEqualTo(ProcessInstanceState.ACTIVE);
      List<Incident> incidents =
          client
              .newIncidentSearchRequest()
              .filter(f -> f.processInstanceKey(failed))
              .send()
              .join()
              .items();
      assertThat(incidents)
          .singleElement()
          .satisfies(
              incident -> {
                assertThat(incident.getState()).isEqualTo(IncidentState.ACTIVE);
                assertThat(incident.getErrorMessage()).isEqualTo("node failed it");
              });

      long cancelled = result.get("cancelledInstance").asLong();
      assertThat(state(client, cancelled)).isEqualTo(ProcessInstanceState.TERMINATED);
      assertThat(variables(client, cancelled)).containsEntry("note", "\"撤回\"");

      long streamed = result.get("streamedInstance").asLong();
      assertThat(state(client, streamed)).isEqualTo(ProcessInstanceState.COMPLETED);
      assertThat(variables(client, streamed)).containsEntry("handledBy", "\"node-stream\"");
    } finally {
      engine.destroy();
      engine.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** Runs the script to its end (at most two minutes) and returns its RESULT line. */
  private JsonNode runScript(int restPort, int grpcPort) throws IOException, InterruptedException {
    Path stdout = output.resolve("node.out");
    Path stderr = output.resolve("node.err");
    ProcessBuilder node =
        new ProcessBuilder("node", "zeebe-grpc-client.js")
            .directory(SCRIPT_DIR.toFile())
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile());
    node.environment()
        .putAll(
            Map.of(
                "ZEEBE_GRPC_ADDRESS", "grpc://127.0.0.1:" + grpcPort,
                "ZEEBE_REST_ADDRESS", "http://127.0.0.1:" + restPort,
                "BPMN_FILE", BPMN.toAbsolutePath().toString()));
    Process script = node.start();
    boolean ended = script.waitFor(2, TimeUnit.MINUTES);
    if (!ended) {
      script.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    String out = Files.readString(stdout, StandardCharsets.UTF_8);
    String err = Files.readString(stderr, StandardCharsets.UTF_8);
    assertThat(ended)
        .as("the script ended within two minutes; it wrote:%n%s%n%s", out, err)
        .isTrue();
    assertThat(script.exitValue())
        .as("the script's exit code; it wrote:%n%s%n%s", out, err)
        .isZero();
    String line =
        out.lines()
            .filter(l -> l.startsWith("RESULT "))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no RESULT line in:\n" + out + "\n" + err));
    return new ObjectMapper().readTree(line.substring("RESULT ".length()));
  }

  private static ProcessInstanceState state(CamundaClient client, long processInstanceKey) {
    return client.newProcessInstanceGetRequest(processInstanceKey).send().join().getState();
  }

  /** The instance's variables as name → JSON value. */
  private static Map<String, String> variables(CamundaClient client, long processInstanceKey) {
    return client
        .newVariableSearchRequest()
        .filter(f -> f.processInstanceKey(processInstanceKey))
        .send()
        .join()
        .items()
        .stream()
        .collect(Collectors.toMap(Variable::getName, Variable::getValue));
  }
}
