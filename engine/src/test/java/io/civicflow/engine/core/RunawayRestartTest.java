package io.civicflow.engine.core;

import static io.civicflow.engine.core.EngineTestSupport.create;
import static io.civicflow.engine.core.EngineTestSupport.deployFixture;
import static org.assertj.core.api.Assertions.assertThat;

import io.civicflow.engine.Engine;
import io.civicflow.engine.EngineConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19: a timer-started instance reaching a runaway expression would stall the engine again
 * after every restart. Each start of the cycle is an incident, before and after a restart, and
 * other commands are answered at once.
 */
class RunawayRestartTest {

  @TempDir Path dataDirectory;

  private EngineConfig config() {
    return new EngineConfig(
        dataDirectory,
        true,
        true,
        Duration.ofSeconds(2),
        InstantSource.fixed(Instant.parse("2026-03-01T08:00:00Z")));
  }

  @Test
  void shouldTurnEachTimerStartedRunawayIntoAnIncidentAcrossARestart() throws Exception {
    try (Engine engine = Engine.start(config())) {
      engine
          .deploy(deployFixture("runaway-timer-started.bpmn", "straight-through.bpmn"))
          .get(10, TimeUnit.SECONDS);
      engine.addClockOffset(Duration.ofHours(1).toMillis()).get(10, TimeUnit.SECONDS);
      assertThat(engine.readModel().incidents()).hasSize(1);
    }

    try (Engine engine = Engine.start(config())) {
      engine.createProcessInstance(create("straight-through", Map.of())).get(1, TimeUnit.SECONDS);
      engine.addClockOffset(Duration.ofHours(1).toMillis()).get(10, TimeUnit.SECONDS);
      assertThat(engine.readModel().incidents())
          .hasSize(2)
          .allSatisfy(
              incident ->
                  assertThat(incident.errorMessage())
                      .contains("civicflow.engine.evaluation.max-items"));
      engine.createProcessInstance(create("straight-through", Map.of())).get(1, TimeUnit.SECONDS);
    }
  }
}
