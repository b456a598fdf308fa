package io.civicflow.engine.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.CredentialsProvider;
import io.camunda.client.api.search.response.Variable;
import io.civicflow.engine.testing.FreePorts;
import io.civicflow.engine.testing.TestEngine;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Acknowledged" means durable at every size the API accepts: the standalone engine ({@code java
 * -jar}) answers the largest requests it takes — a creation over REST and a set-variables over
 * gRPC, each just under the 4 MB request limit — and is killed with SIGKILL right after the
 * answers; started again on the same data directory, it has both, byte for byte.
 */
class LargestRequestIT {

  private static final int LIMIT = 4 * 1024 * 1024;

  @TempDir Path dataDir;

  @Test
  void theLargestAcceptedRequestsSurviveASigkillRightAfterTheirAnswers() throws Exception {
    assertThat(EngineProcesses.JAR).as("built by mvn package").exists();
    int restPort = FreePorts.next();
    int managementPort = FreePorts.next();
    int grpcPort = FreePorts.next();
    // the largest variable that fits, with room for the rest of each request
    String overRest = "r".repeat(LIMIT - 1024);
    String overGrpc = "g".repeat(LIMIT - 1024);
    long instance;

    Process engine =
        EngineProcesses.start(
            EngineProcesses.jarCommand(), dataDir, restPort, managementPort, grpcPort);
    try (CamundaClient rest = EngineProcesses.restClient(restPort);
        CamundaClient grpc = grpcClient(restPort, grpcPort)) {
      rest.newDeployResourceCommand()
          .addResourceBytes(
              TestEngine.fixture("single-service-task.bpmn"), "single-service-task.bpmn")
          .send()
          .join();
      instance =
          rest.newCreateInstanceCommand()
              .bpmnProcessId("single-service-task")
              .latestVersion()
              .variables(Map.of("fromRest", overRest))
              .send()
              .join()
              .getProcessInstanceKey();
      grpc.newSetVariablesCommand(instance).variables(Map.of("fromGrpc", overGrpc)).send().join();
    } finally {
      engine.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL right after the answers
    }

    engine =
        EngineProcesses.start(
            EngineProcesses.jarCommand(), dataDir, restPort, managementPort, grpcPort);
    try (CamundaClient rest = EngineProcesses.restClient(restPort)) {
      List<Variable> variables =
          rest.newVariableSearchRequest()
              .filter(f -> f.processInstanceKey(instance))
              .send()
              .join()
              .items();
      assertThat(variables)
          .extracting(Variable::getName)
          .containsExactlyInAnyOrder("fromRest", "fromGrpc");
      for (Variable variable : variables) {
        String expected = variable.getName().equals("fromRest") ? overRest : overGrpc;
        String value =
            Boolean.TRUE.equals(variable.isTruncated())
                ? rest.newVariableGetRequest(variable.getVariableKey()).send().join().getValue()
                : variable.getValue();
        assertThat(value).as(variable.getName()).isEqualTo("\"" + expected + "\"");
      }
    } finally {
      engine.destroy();
      engine.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private static CamundaClient grpcClient(int restPort, int grpcPort) {
    return CamundaClient.newClientBuilder()
        .restAddress(URI.create("http://127.0.0.1:" + restPort))
        .grpcAddress(URI.create("http://127.0.0.1:" + grpcPort))
        .preferRestOverGrpc(false)
        .defaultRequestTimeout(Duration.ofSeconds(30))
        .credentialsProvider(
            CredentialsProvider.newBasicAuthCredentialsProviderBuilder()
                .username("demo")
                .password("demo")
                .build())
        .build();
  }
}
