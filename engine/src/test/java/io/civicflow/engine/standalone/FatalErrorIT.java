package io.civicflow.engine.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.civicflow.engine.testing.FreePorts;
import io.civicflow.engine.testing.TestEngine;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An {@code OutOfMemoryError} in the processing thread (issue 19: it killed the thread, and the
 * process stayed up answering health UP while no command was ever answered again) stops the process
 * with a clear log line and exit status 70, so a supervisor restarts it. The error is a real one:
 * the evaluation budget is raised far beyond the heap, and a gateway condition counts to 10⁹.
 */
class FatalErrorIT {

  @TempDir Path dataDir;

  @Test
  void anOutOfMemoryErrorInTheProcessingThreadExitsTheProcessWithStatus70() throws Exception {
    int restPort = FreePorts.next();
    ProcessBuilder command = EngineProcesses.jarCommand();
    command
        .command()
        .addAll(
            List.of(
                "--server.port=" + restPort,
                "--management.server.port=" + FreePorts.next(),
                "--civicflow.engine.grpc.port=" + FreePorts.next(),
                "--civicflow.engine.data-dir=" + dataDir,
                "--civicflow.engine.evaluation.max-items=1000000000000",
                "--civicflow.engine.evaluation.time-limit=10m"));
    Process engine = command.redirectErrorStream(true).start();
    List<String> output = new CopyOnWriteArrayList<>();
    try {
      EngineProcesses.awaitStarted(engine, output::add);
      try (CamundaClient client = EngineProcesses.restClient(restPort)) {
        client
            .newDeployResourceCommand()
            .addResourceBytes(
                TestEngine.fixture("runaway-gateway-condition.bpmn"),
                "runaway-gateway-condition.bpmn")
            .send()
            .join();
        // never answered: the process ends
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("runaway-gateway-condition")
            .latestVersion()
            .variables(Map.of("n", 1_000_000_000L))
            .send();

        assertThat(engine.waitFor(3, TimeUnit.MINUTES)).as("the process exited").isTrue();
      }
      assertThat(engine.exitValue()).isEqualTo(70);
      assertThat(output)
          .anySatisfy(
              line ->
                  assertThat(line)
                      .contains(
                          "FATAL: the engine thread 'civicflow-partition-1' died of"
                              + " java.lang.OutOfMemoryError")
                      .contains("Exiting the process with status 70"));
    } finally {
      engine.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }
}
