package io.civicflow.engine.core;

import static io.civicflow.engine.core.EngineTestSupport.create;
import static io.civicflow.engine.core.EngineTestSupport.deployFixture;
import static org.assertj.core.api.Assertions.assertThat;

import io.civicflow.engine.Engine;
import io.civicflow.engine.EngineConfig;
import io.civicflow.engine.api.Commands.ActivateJobs;
import io.civicflow.engine.api.Results.ActivatedJob;
import io.civicflow.engine.feel.EvaluationLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal's reader takes every record its writer writes: a variable made by FEEL from
 * request-sized pieces can be longer than JSON readers take by default (20 million characters per
 * string); it is journaled, acknowledged, and must come back after a restart.
 */
class LongValueRestartTest {

  @TempDir Path dataDirectory;

  @Test
  void aVariableLongerThanTwentyMillionCharactersSurvivesARestart() throws Exception {
    EngineConfig config =
        new EngineConfig(dataDirectory, true, true, Duration.ofSeconds(2), InstantSource.system())
            // a FEEL budget above the value's length: this test is about what the journal reads
            // back
            .withEvaluationLimits(
                new EvaluationLimits(Duration.ofSeconds(30), 1_000_000, 50_000_000));
    String chunk = "x".repeat(1024 * 1024);
    int copies = 21; // 22 million characters
    try (Engine engine = Engine.start(config)) {
      engine.deploy(deployFixture("limits-long-string.bpmn")).get();
      engine
          .createProcessInstance(
              create("limits-long-string", Map.of("chunk", chunk, "copies", copies)))
          .get();
    }

    try (Engine engine = Engine.start(config)) {
      List<ActivatedJob> jobs =
          engine
              .activateJobs(
                  new ActivateJobs(
                      "limits-after", "test", 60_000, 1, List.of("long"), 1_000, List.of()))
              .get();
      assertThat(jobs).hasSize(1);
      Object value = jobs.get(0).variables().get("long");
      assertThat(value).isInstanceOf(String.class);
      assertThat(((String) value).length()).isEqualTo(copies * chunk.length());
    }
  }
}
