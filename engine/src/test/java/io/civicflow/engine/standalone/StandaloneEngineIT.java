package io.civicflow.engine.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.grpc.Status;
import io.camunda.client.CredentialsProvider;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.civicflow.engine.testing.TestEngine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standalone engine exactly as operators start it — the distribution's launcher, which makes and
 * uses its class-data sharing archive —, killed with SIGKILL while an instance waits for a job, and
 * started again on the same data directory with the plain jar ({@code java -jar}, the other documented
 * way): the instance continues. Runs after {@code package} (Failsafe), against {@code
 * target/civicflow-engine/} and {@code target/civicflow-engine.jar}.
 */
class StandaloneEngineIT {

  private static final Path JAR = Path.of("target/civicflow-engine.jar");
  private static final Path LAUNCHER = Path.of("target/civicflow-engine/bin/civicflow-engine");
  private static final Path CDS_ARCHIVE = Path.of("target/civicflow-engine/cds/civicflow-engine.jsa");

  @TempDir Path dataDir;

  private int grpcPort;

  @Test
  void anInstanceWaitingForAJobSurvivesAKillAndARestart() throws Exception {
    assertThat(JAR).as("built by mvn package").exists();
    assertThat(LAUNCHER).as("built by mvn package").isExecutable();
    int restPort = freePort();
    int managementPort = freePort();
    grpcPort = freePort();
    long processInstanceKey;

    Process engine = start(launcherCommand(), restPort, managementPort);
    assertThat(CDS_ARCHIVE).as("made by the launcher's first start").isNotEmptyFile();
    try (CamundaClient client = client(restPort)) {
      client.newDeployResourceCommand().addResourceBytes(TestEngine.fixture("single-service-task.bpmn"), "single-service-task.bpmn")
          .send().join();
      processInstanceKey = client.newCreateInstanceCommand().bpmnProcessId("single-service-task").latestVersion()
          .variables(Map.of("contractNo", "KS-2016-ZP-Y1")).send().join().getProcessInstanceKey();
    } finally {
      engine.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    // after the restart (the jar itself this time) over the gRPC gateway, with the same Basic credentials
    // in the call metadata
    engine = start(jarCommand(), restPort, managementPort);
    try (CamundaClient client = grpcClient(restPort, "demo");
        CamundaClient wrongPassword = grpcClient(restPort, "wrong")) {
      assertThat(catchThrowableOfType(ClientStatusException.class,
          () -> wrongPassword.newTopologyRequest().send().join()).getStatusCode())
          .isEqualTo(Status.Code.UNAUTHENTICATED);
      assertThat(client.newTopologyRequest().send().join().getBrokers()).singleElement()
          .satisfies(broker -> assertThat(broker.getPort()).isEqualTo(grpcPort));
      assertThat(client.newProcessInstanceGetRequest(processInstanceKey).send().join().getState())
          .isEqualTo(ProcessInstanceState.ACTIVE);
      List<ActivatedJob> jobs = client.newActivateJobsCommand().jobType("work").maxJobsToActivate(1)
          .requestTimeout(Duration.ofSeconds(5)).send().join().getJobs();
      assertThat(jobs).singleElement().satisfies(job ->
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

  private static ProcessBuilder jarCommand() {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return new ProcessBuilder(java.toString(), "-Xmx256m", "-jar", JAR.toString());
  }

  /** Starts the engine with exactly the documented properties and returns once it has started. */
  private Process start(ProcessBuilder command, int restPort, int managementPort) throws IOException {
    command.command().addAll(List.of(
        "--server.port=" + restPort, "--management.server.port=" + managementPort,
        "--civicflow.engine.data-dir=" + dataDir, "--civicflow.engine.grpc.port=" + grpcPort));
    Process process = command.redirectErrorStream(true).start();
    CompletableFuture<Void> started = CompletableFuture.runAsync(() -> awaitStarted(process));
    started.orTimeout(90, TimeUnit.SECONDS).join();
    return process;
  }

  private static void awaitStarted(Process process) {
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line;
      while ((line = out.readLine()) != null) {
        if (line.contains("Started EngineApplication")) {
          // keep draining the output so the child never blocks on a full pipe
          Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "engine-output");
          drain.setDaemon(true);
          drain.start();
          return;
        }
      }
      throw new IllegalStateException("the engine exited before it started");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static CamundaClient client(int restPort) {
    // authentication is on by default: the built-in administrator
    return CamundaClient.newClientBuilder().restAddress(URI.create("http://127.0.0.1:" + restPort))
        .preferRestOverGrpc(true)
        .credentialsProvider(CredentialsProvider.newBasicAuthCredentialsProviderBuilder()
            .username("demo").password("demo").build())
        .build();
  }

  private CamundaClient grpcClient(int restPort, String password) {
    return CamundaClient.newClientBuilder().restAddress(URI.create("http://127.0.0.1:" + restPort))
        .grpcAddress(URI.create("http://127.0.0.1:" + grpcPort))
        .preferRestOverGrpc(false).applyEnvironmentVariableOverrides(false)
        .credentialsProvider(CredentialsProvider.newBasicAuthCredentialsProviderBuilder()
            .username("demo").password(password).build())
        .build();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
