package io.civicflow.engine.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.camunda.client.CamundaClient;
import io.camunda.client.CredentialsProvider;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.civicflow.engine.testing.FreePorts;
import io.civicflow.engine.testing.TestEngine;
import io.grpc.Status;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standalone engine exactly as operators start it — the distribution's launcher, which makes
 * and uses its class-data sharing archive —, killed with SIGKILL while an instance waits for a job,
 * and started again on the same data directory with the plain jar ({@code java -jar}, the other
 * documented way): the instance continues. Runs after {@code package} (Failsafe), against {@code
 * target/civicflow-engine/} and {@code target/civicflow-engine.jar}.
 */
class StandaloneEngineIT {

  private static final Path LAUNCHER = Path.of("target/civicflow-engine/bin/civicflow-engine");
  private static final Path CDS_ARCHIVE =
      Path.of("target/civicflow-engine/cds/civicflow-engine.jsa");

  @TempDir Path dataDir;

  private int grpcPort;

  @Test
  void anInstanceWaitingForAJobSurvivesAKillAndARestart() throws Exception {
    assertThat(EngineProcesses.JAR).as("built by mvn package").exists();
    assertThat(LAUNCHER).as("built by mvn package").isExecutable();
    int restPort = FreePorts.next();
    int managementPort = FreePorts.next();
    grpcPort = FreePorts.next();
    long processInstanceKey;
    byte[] contract = "采购合同（已签章扫描件）".repeat(500).getBytes(StandardCharsets.UTF_8);
    String documentId;

    Process engine =
        EngineProcesses.start(launcherCommand(), dataDir, restPort, managementPort, grpcPort);
    assertThat(CDS_ARCHIVE).as("made by the launcher's first start").isNotEmptyFile();
    try (CamundaClient client = EngineProcesses.restClient(restPort)) {
      client
          .newDeployResourceCommand()
          .addResourceBytes(
              TestEngine.fixture("single-service-task.bpmn"), "single-service-task.bpmn")
          .send()
          .join();
      processInstanceKey =
          client
              .newCreateInstanceCommand()
              .bpmnProcessId("single-service-task")
              .latestVersion()
              .variables(Map.of("contractNo", "KS-2016-ZP-Y1"))
              .send()
              .join()
              .getProcessInstanceKey();
      // answered just before the kill: the document must be there after it
      documentId =
          client
              .newCreateDocumentCommand()
              .content(contract)
              .fileName("合同.pdf")
              .contentType("application/pdf")
              .send()
              .join()
              .getDocumentId();
    } finally {
      engine.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    // after the restart (the jar itself this time) over the gRPC gateway, with the same Basic
    // credentials
    // in the call metadata
    engine =
        EngineProcesses.start(
            EngineProcesses.jarCommand(), dataDir, restPort, managementPort, grpcPort);
    try (CamundaClient client = grpcClient(restPort, "demo");
        CamundaClient wrongPassword = grpcClient(restPort, "wrong")) {
      assertThat(
              catchThrowableOfType(
                      ClientStatusException.class,
                      () -> wrongPassword.newTopologyRequest().send().join())
                  .getStatusCode())
          .isEqualTo(Status.Code.UNAUTHENTICATED);
      assertThat(client.newTopologyRequest().send().join().getBrokers())
          .singleElement()
          .satisfies(broker -> assertThat(broker.getPort()).isEqualTo(grpcPort));
      assertThat(client.newProcessInstanceGetRequest(processInstanceKey).send().join().getState())
          .isEqualTo(ProcessInstanceState.ACTIVE);
      try (InputStream content = client.newDocumentContentGetRequest(documentId).send().join()) {
        assertThat(content.readAllBytes()).isEqualTo(contract);
      }
      List<ActivatedJob> jobs =
          client
              .newActivateJobsCommand()
              .jobType("work")
              .maxJobsToActivate(1)
              .requestTimeout(Duration.ofSeconds(5))
              .send()
              .join()
              .getJobs();
      assertThat(jobs)
          .singleElement()
          .satisfies(
              job ->
                  assertThat(job.getVariablesAsMap()).containsEntry("contractNo", "KS-2016-ZP-Y1"));
      client.newCompleteCommand(jobs.get(0).getKey()).send().join();
      assertThat(client.newProcessInstanceGetRequest(processInstanceKey).send().join().getState())
          .isEqualTo(ProcessInstanceState.COMPLETED);
    } finally {
      engine.destroy();
      engine.waitFor(30, TimeUnit.SECONDS);
    }
    assertThat(Files.exists(dataDir.resolve("journal.log"))).isTrue();
  }

  /** {@code bin/civicflow-engine}, with this JVM as JAVA_HOME and a small heap. */
  private static ProcessBuilder launcherCommand() {
    ProcessBuilder builder = new ProcessBuilder(LAUNCHER.toString());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().put("JAVA_OPTS", "-Xmx256m");
    return builder;
  }

  private CamundaClient grpcClient(int restPort, String password) {
    return CamundaClient.newClientBuilder()
        .restAddress(URI.create("http://127.0.0.1:" + restPort))
        .grpcAddress(URI.create("http://127.0.0.1:" + grpcPort))
        .preferRestOverGrpc(false)
        .applyEnvironmentVariableOverrides(false)
        .credentialsProvider(
            CredentialsProvider.newBasicAuthCredentialsProviderBuilder()
                .username("demo")
                .password(password)
                .build())
        .build();
  }
}
