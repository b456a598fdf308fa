package io.civicflow.engine.core;

import static io.civicflow.engine.core.EngineTestSupport.create;
import static io.civicflow.engine.core.EngineTestSupport.deployFixture;
import static org.assertj.core.api.Assertions.assertThat;

import io.civicflow.engine.Engine;
import io.civicflow.engine.EngineConfig;
import io.civicflow.engine.api.Commands.ActivateJobs;
import io.civicflow.engine.api.Commands.CompleteJob;
import io.civicflow.engine.api.Results.ActivatedJob;
import io.civicflow.engine.query.Records.ProcessInstanceState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Jobs activated for a caller who never received them (a long poll cancelled as its answer was on
 * the way, a stream that went away) go back at once instead of staying locked until their timeout.
 */
class JobYieldTest {

  /** Locks for an hour: without the yield, a job would not come back within any test. */
  private static final ActivateJobs LOCK_FOR_AN_HOUR =
      new ActivateJobs("work", "gone", 3_600_000, 10, List.of(), -1, List.of());

  private static final ActivateJobs WHATEVER_IS_THERE_NOW =
      new ActivateJobs("work", "test", 60_000, 10, List.of(), -1, List.of());

  private Engine engine;

  @BeforeEach
  void start() throws Exception {
    engine = Engine.start(EngineConfig.inMemory());
    engine.deploy(deployFixture("single-service-task.bpmn")).get();
  }

  @AfterEach
  void stop() {
    engine.close();
  }

  @Test
  void shouldMakeAYieldedJobActivatableAtOnce() throws Exception {
    long instance =
        engine
            .createProcessInstance(create("single-service-task", Map.of("applicant", "x")))
            .get()
            .processInstanceKey();
    List<ActivatedJob> undelivered = engine.activateJobs(LOCK_FOR_AN_HOUR).get();
    assertThat(engine.activateJobs(LOCK_FOR_AN_HOUR).get()).isEmpty();

    engine.yieldJobs(undelivered).get();

    List<ActivatedJob> again = engine.activateJobs(WHATEVER_IS_THERE_NOW).get();
    assertThat(again)
        .singleElement()
        .satisfies(
            job -> {
              assertThat(job.jobKey()).isEqualTo(undelivered.get(0).jobKey());
              assertThat(job.processInstanceKey()).isEqualTo(instance);
              assertThat(job.retries()).isEqualTo(undelivered.get(0).retries());
              assertThat(job.variables()).containsEntry("applicant", "x");
            });
  }

  @Test
  void shouldLeaveAJobThatWasCompletedOrActivatedAgainMeanwhile() throws Exception {
    long completedInstance =
        engine
            .createProcessInstance(create("single-service-task", Map.of()))
            .get()
            .processInstanceKey();
    List<ActivatedJob> first = engine.activateJobs(LOCK_FOR_AN_HOUR).get();
    engine.completeJob(new CompleteJob(first.get(0).jobKey(), Map.of())).get();

    engine.createProcessInstance(create("single-service-task", Map.of())).get();
    List<ActivatedJob> stale = engine.activateJobs(LOCK_FOR_AN_HOUR).get();
    engine.yieldJobs(stale).get();
    List<ActivatedJob> current =
        engine
            .activateJobs(
                new ActivateJobs("work", "current", 7_200_000, 10, List.of(), -1, List.of()))
            .get();

    // a second yield of the first activation must neither revive the completed job nor free the job
    // the current worker holds
    engine.yieldJobs(first).get();
    engine.yieldJobs(stale).get();

    assertThat(engine.readModel().processInstance(completedInstance).orElseThrow().state())
        .isEqualTo(ProcessInstanceState.COMPLETED);
    assertThat(current)
        .singleElement()
        .satisfies(job -> assertThat(job.jobKey()).isEqualTo(stale.get(0).jobKey()));
    assertThat(engine.activateJobs(WHATEVER_IS_THERE_NOW).get()).isEmpty();
  }
}
