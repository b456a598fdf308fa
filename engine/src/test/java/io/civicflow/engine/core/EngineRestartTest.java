package io.civicflow.engine.core;

import static io.civicflow.engine.core.EngineTestSupport.activate;
import static io.civicflow.engine.core.EngineTestSupport.create;
import static io.civicflow.engine.core.EngineTestSupport.deployFixture;
import static org.assertj.core.api.Assertions.assertThat;

import io.civicflow.engine.Engine;
import io.civicflow.engine.EngineConfig;
import io.civicflow.engine.api.Commands.ActivateJobs;
import io.civicflow.engine.api.Commands.CompleteJob;
import io.civicflow.engine.api.Results.ActivatedJob;
import io.civicflow.engine.query.Records.ProcessInstanceState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Acknowledged work survives a restart on the same data directory. */
class EngineRestartTest {

  @TempDir Path dataDirectory;

  private static final Instant NOW = Instant.parse("2016-08-01T09:00:00Z");

  private EngineConfig config() {
    return new EngineConfig(
        dataDirectory, true, true, Duration.ofSeconds(2), InstantSource.fixed(NOW));
  }

  @Test
  void shouldContinueAnInstanceWaitingForAJobAfterARestart() throws Exception {
    long processInstanceKey;
    long firstKey;
    try (Engine engine = Engine.start(config())) {
      engine.deploy(deployFixture("service-task-with-gateway.bpmn")).get();
      processInstanceKey =
          engine
              .createProcessInstance(create("service-task-with-gateway", Map.of("applicant", "A")))
              .get()
              .processInstanceKey();
      engine.addClockOffset(Duration.ofDays(30).toMillis()).get();
      firstKey = processInstanceKey;
    }

    try (Engine engine = Engine.start(config())) {
      assertThat(engine.readModel().processInstance(processInstanceKey).orElseThrow().state())
          .isEqualTo(ProcessInstanceState.ACTIVE);
      assertThat(engine.clock().epochMilli())
          .as("the moved clock is journaled too")
          .isEqualTo(NOW.plus(Duration.ofDays(30)).toEpochMilli());
      List<ActivatedJob> jobs = engine.activateJobs(activate("check")).get();
      assertThat(jobs)
          .singleElement()
          .satisfies(job -> assertThat(job.variables()).containsEntry("applicant", "A"));
      engine.completeJob(new CompleteJob(jobs.get(0).jobKey(), Map.of("score", 10))).get();
      assertThat(engine.readModel().processInstance(processInstanceKey).orElseThrow().state())
          .isEqualTo(ProcessInstanceState.COMPLETED);

      long nextKey =
          engine
              .createProcessInstance(create("service-task-with-gateway", Map.of()))
              .get()
              .processInstanceKey();
      assertThat(nextKey).as("keys keep increasing across restarts").isGreaterThan(firstKey);
    }
  }

  /** Issue 19: a zero-filled journal tail stopped start-up; it is cut as a torn write. */
  @Test
  void shouldStartWithEverythingAcknowledgedWhenACrashLeftTheJournalZeroFilled() throws Exception {
    long processInstanceKey;
    try (Engine engine = Engine.start(config())) {
      engine.deploy(deployFixture("service-task-with-gateway.bpmn")).get();
      processInstanceKey =
          engine
              .createProcessInstance(create("service-task-with-gateway", Map.of("applicant", "A")))
              .get()
              .processInstanceKey();
    }
    try (java.io.RandomAccessFile journal =
        new java.io.RandomAccessFile(dataDirectory.resolve("journal.log").toFile(), "rw")) {
      journal.setLength(journal.length() + 64 * 1024);
    }

    try (Engine engine = Engine.start(config())) {
      assertThat(engine.readModel().processInstance(processInstanceKey).orElseThrow().state())
          .isEqualTo(ProcessInstanceState.ACTIVE);
      assertThat(engine.activateJobs(activate("check")).get()).hasSize(1);
    }
  }

  private static ActivateJobs activateOne(String type) {
    return new ActivateJobs(type, "test", 60_000, 1, List.of(), 1_000, List.of());
  }

  @Test
  void shouldContinueAParallelMultiInstanceCallActivityAfterARestart() throws Exception {
    long parent;
    try (Engine engine = Engine.start(config())) {
      engine
          .deploy(deployFixture("multi-instance-call-activity.bpmn", "call-activity-child.bpmn"))
          .get();
      parent =
          engine
              .createProcessInstance(
                  create("multi-instance-call-activity", Map.of("items", List.of("x", "y", "z"))))
              .get()
              .processInstanceKey();
      ActivatedJob first = engine.activateJobs(activateOne("child-work")).get().get(0);
      engine
          .completeJob(
              new CompleteJob(
                  first.jobKey(), Map.of("childResult", first.variables().get("item") + "1")))
          .get();
    }

    try (Engine engine = Engine.start(config())) {
      for (int i = 0; i < 2; i++) {
        ActivatedJob job = engine.activateJobs(activateOne("child-work")).get().get(0);
        engine
            .completeJob(
                new CompleteJob(
                    job.jobKey(), Map.of("childResult", job.variables().get("item") + "1")))
            .get();
      }
      assertThat(engine.readModel().processInstance(parent).orElseThrow().state())
          .isEqualTo(ProcessInstanceState.COMPLETED);
      assertThat(engine.readModel().variablesOf(parent))
          .filteredOn(v -> v.name().equals("results") && v.scopeKey() == parent)
          .singleElement()
          .satisfies(v -> assertThat(v.value()).isEqualTo("[\"x1\",\"y1\",\"z1\"]"));
    }
  }
}
