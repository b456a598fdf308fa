package io.civicflow.engine.bpmn;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.civicflow.engine.testing.EngineExtension;
import io.civicflow.engine.testing.Refusal;
import io.civicflow.engine.testing.TestEngine;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EngineExtension.class)
class JobLifecycleTest {

  @Test
  void shouldHandAJobToAWaitingLongPollAsSoonAsItIsCreated(TestEngine engine) {
    engine.deploy("single-service-task.bpmn");
    CompletableFuture<List<ActivatedJob>> poll =
        engine
            .client()
            .newActivateJobsCommand()
            .jobType("work")
            .maxJobsToActivate(1)
            .requestTimeout(Duration.ofSeconds(8))
            .send()
            .toCompletableFuture()
            .thenApply(r -> r.getJobs());

    long pi = engine.start("single-service-task", Map.of("a", 1)).getProcessInstanceKey();

    List<ActivatedJob> jobs = poll.orTimeout(5, java.util.concurrent.TimeUnit.SECONDS).join();
    assertThat(jobs)
        .singleElement()
        .satisfies(
            job -> {
              assertThat(job.getProcessInstanceKey()).isEqualTo(pi);
              assertThat(job.getElementId()).isEqualTo("Task_Work");
              assertThat(job.getBpmnProcessId()).isEqualTo("single-service-task");
              assertThat(job.getRetries()).isEqualTo(2);
              assertThat(job.getVariablesAsMap()).containsEntry("a", 1);
            });
  }

  @Test
  void shouldAnswerAnEmptyLongPollWhenItsRequestTimeoutPasses(TestEngine engine) {
    List<ActivatedJob> jobs =
        engine
            .client()
            .newActivateJobsCommand()
            .jobType("nothing")
            .maxJobsToActivate(1)
            .requestTimeout(Duration.ofMillis(300))
            .send()
            .join()
            .getJobs();
    assertThat(jobs).isEmpty();
  }

  @Test
  void shouldOpenAnIncidentAtZeroRetriesAndResumeAfterRetriesAreUpdated(TestEngine engine) {
    engine.deploy("single-service-task.bpmn");
    long pi = engine.start("single-service-task", Map.of()).getProcessInstanceKey();

    ActivatedJob job = engine.activateOne("work");
    engine.client().newFailCommand(job.getKey()).retries(1).errorMessage("第一次失败").send().join();
    job = engine.activateOne("work");
    assertThat(job.getRetries()).isEqualTo(1);
    engine.client().newFailCommand(job.getKey()).retries(0).errorMessage("支付接口不可用").send().join();

    var incident = engine.incidents(pi).get(0);
    assertThat(incident.getErrorType().name()).isEqualTo("JOB_NO_RETRIES");
    assertThat(incident.getErrorMessage()).isEqualTo("支付接口不可用");
    assertThat(incident.getJobKey()).isEqualTo(job.getKey());
    assertThat(engine.activateNow("work")).isEmpty();

    engine.client().newUpdateRetriesCommand(job.getKey()).retries(3).send().join();
    engine.client().newResolveIncidentCommand(incident.getIncidentKey()).send().join();
    ActivatedJob retried = engine.activateOne("work");
    assertThat(retried.getRetries()).isEqualTo(3);
    engine.client().newCompleteCommand(retried.getKey()).send().join();
    assertThat(engine.state(pi)).isEqualTo(ProcessInstanceState.COMPLETED);
  }

  @Test
  void shouldReopenAnIncidentResolvedWithoutNewRetries(TestEngine engine) {
    engine.deploy("single-service-task.bpmn");
    long pi = engine.start("single-service-task", Map.of()).getProcessInstanceKey();
    engine.client().newFailCommand(engine.activateOne("work").getKey()).retries(0).send().join();

    engine
        .client()
        .newResolveIncidentCommand(engine.incidents(pi).get(0).getIncidentKey())
        .send()
        .join();

    assertThat(engine.incidents(pi))
        .extracting(i -> i.getState().name())
        .containsExactlyInAnyOrder("RESOLVED", "ACTIVE");
  }

  @Test
  void shouldWaitForTheRetryBackOffOnTheEngineClock(TestEngine engine) {
    engine.deploy("single-service-task.bpmn");
    engine.start("single-service-task", Map.of());
    engine
        .client()
        .newFailCommand(engine.activateOne("work").getKey())
        .retries(1)
        .retryBackoff(Duration.ofHours(1))
        .send()
        .join();

    assertThat(engine.activateNow("work")).isEmpty();
    engine.increaseTime(Duration.ofMinutes(59));
    assertThat(engine.activateNow("work")).isEmpty();
    engine.increaseTime(Duration.ofMinutes(2));
    assertThat(engine.activateOne("work").getRetries()).isEqualTo(1);
  }

  @Test
  void shouldMakeATimedOutJobActivatableAgainAndHonourAnUpdatedTimeout(TestEngine engine) {
    engine.deploy("single-service-task.bpmn");
    engine.start("single-service-task", Map.of());
    ActivatedJob job =
        engine
            .client()
            .newActivateJobsCommand()
            .jobType("work")
            .maxJobsToActivate(1)
            .timeout(Duration.ofMinutes(10))
            .send()
            .join()
            .getJobs()
            .get(0);

    engine
        .client()
        .newUpdateTimeoutCommand(job.getKey())
        .timeout(Duration.ofHours(2))
        .send()
        .join();
    engine.increaseTime(Duration.ofMinutes(30));
    assertThat(engine.activateNow("work")).as("still locked by the updated timeout").isEmpty();

    engine.increaseTime(Duration.ofHours(2));
    assertThat(engine.activateOne("work").getKey()).isEqualTo(job.getKey());
  }

  @Test
  void shouldAnswerLikeCamundaForUnknownOrFinishedJobs(TestEngine engine) {
    engine.deploy("single-service-task.bpmn");
    engine.start("single-service-task", Map.of());
    ActivatedJob job = engine.activateOne("work");
    engine.client().newCompleteCommand(job.getKey()).send().join();

    Refusal twice =
        Refusal.of(() -> engine.client().newCompleteCommand(job.getKey()).send().join());
    assertThat(twice.code()).isEqualTo(404);
    assertThat(twice.title()).isEqualTo("NOT_FOUND");

    Refusal badRetries =
        Refusal.of(() -> engine.client().newUpdateRetriesCommand(123L).retries(1).send().join());
    assertThat(badRetries.code()).isEqualTo(404);
  }

  @Test
  void shouldRejectFailingAJobThatAlreadyHasAnIncident(TestEngine engine) {
    engine.deploy("single-service-task.bpmn");
    engine.start("single-service-task", Map.of());
    ActivatedJob job = engine.activateOne("work");
    engine.client().newFailCommand(job.getKey()).retries(0).send().join();

    Refusal problem =
        Refusal.of(() -> engine.client().newFailCommand(job.getKey()).retries(0).send().join());
    assertThat(problem.code()).isEqualTo(409);
    assertThat(problem.detail()).contains("FAILED");
  }
}
