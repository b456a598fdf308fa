package io.civicflow.engine.core;

import static io.civicflow.engine.core.EngineTestSupport.create;
import static io.civicflow.engine.core.EngineTestSupport.deployFixture;
import static org.assertj.core.api.Assertions.assertThat;

import io.civicflow.engine.Engine;
import io.civicflow.engine.EngineConfig;
import io.civicflow.engine.api.Commands.ActivateJobs;
import io.civicflow.engine.api.Commands.CompleteJob;
import io.civicflow.engine.api.Commands.PublishMessage;
import io.civicflow.engine.api.Results.ActivatedJob;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A termination held by canceling task listeners survives a restart: the task is still CANCELING,
 * the interrupting event sub-process still waits, and completing the listener after the restart
 * goes on where the engine stopped.
 */
class CancelingListenerRestartTest {

  @TempDir Path data;

  private EngineConfig config() {
    return new EngineConfig(
        data,
        true,
        true,
        Duration.ofMillis(200),
        InstantSource.fixed(Instant.parse("2026-03-01T09:00:00Z")));
  }

  @Test
  void shouldGoOnWithAHeldTerminationAfterARestart() throws Exception {
    try (Engine engine = Engine.start(config())) {
      engine.deploy(deployFixture("task-listener-canceling-event-sub-process.bpmn")).get();
      engine
          .createProcessInstance(create("task-listener-canceling-esp", Map.of("caseId", "MZ-9")))
          .get();
      engine.publishMessage(new PublishMessage("withdrawn", "MZ-9", 0, null, Map.of(), null)).get();
    }

    try (Engine engine = Engine.start(config())) {
      assertThat(engine.readModel().userTasks())
          .singleElement()
          .satisfies(t -> assertThat(t.state().name()).isEqualTo("CANCELING"));
      List<ActivatedJob> jobs =
          engine
              .activateJobs(
                  new ActivateJobs("tl-canceling", "test", 60_000, 10, List.of(), -1, List.of()))
              .get();
      assertThat(jobs).hasSize(1);
      engine.completeJob(new CompleteJob(jobs.get(0).jobKey(), Map.of())).get();

      assertThat(engine.readModel().processInstances())
          .singleElement()
          .satisfies(i -> assertThat(i.state().name()).isEqualTo("COMPLETED"));
      assertThat(engine.readModel().userTasks())
          .singleElement()
          .satisfies(t -> assertThat(t.state().name()).isEqualTo("CANCELED"));
    }
  }
}
