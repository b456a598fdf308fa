package io.civicflow.engine.core;

import static io.civicflow.engine.core.EngineTestSupport.create;
import static io.civicflow.engine.core.EngineTestSupport.deployFixture;
import static org.assertj.core.api.Assertions.assertThat;

import io.civicflow.engine.Engine;
import io.civicflow.engine.EngineConfig;
import io.civicflow.engine.EngineConfig.SnapshotPolicy;
import io.civicflow.engine.api.Commands.ActivateJobs;
import io.civicflow.engine.api.Commands.CompleteJob;
import io.civicflow.engine.api.Results.ActivatedJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The completed activities an instance may still compensate survive a restart from a snapshot. */
class CompensationRestartTest {

  /** deploy, create, activate, complete */
  private static final long POSITION = 4;

  @TempDir Path data;

  private EngineConfig config() {
    return new EngineConfig(
            data,
            true,
            true,
            Duration.ofMillis(200),
            InstantSource.fixed(Instant.parse("2026-03-01T09:00:00Z")))
        .withSnapshots(SnapshotPolicy.everyRecords(POSITION));
  }

  @Test
  void shouldCompensateAnActivityCompletedBeforeTheSnapshot() throws Exception {
    try (Engine engine = Engine.start(config())) {
      engine.deploy(deployFixture("compensation-throw.bpmn")).get();
      engine.createProcessInstance(create("compensation-throw", Map.of())).get();
      completeOne(engine, "comp-book");
      Path file = data.resolve("snapshots").resolve(String.format("snapshot-%020d.cfs", POSITION));
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> Files.exists(file));
    }

    try (Engine engine = Engine.start(config())) {
      assertThat(engine.recovery().snapshotPosition()).isEqualTo(POSITION);
      assertThat(engine.recovery().replayedRecords()).isZero();
      completeOne(engine, "comp-pay");
      completeOne(engine, "comp-undo-pay");
      completeOne(engine, "comp-undo-book");
      assertThat(engine.readModel().processInstances())
          .singleElement()
          .satisfies(i -> assertThat(i.state().name()).isEqualTo("COMPLETED"));
    }
  }

  private static void completeOne(Engine engine, String type) throws Exception {
    List<ActivatedJob> jobs =
        engine
            .activateJobs(new ActivateJobs(type, "test", 60_000, 10, List.of(), -1, List.of()))
            .get();
    assertThat(jobs).as("jobs of type " + type).hasSize(1);
    engine.completeJob(new CompleteJob(jobs.get(0).jobKey(), Map.of())).get();
  }
}
