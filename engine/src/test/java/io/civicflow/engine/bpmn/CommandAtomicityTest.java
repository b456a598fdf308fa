package io.civicflow.engine.bpmn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.Job;
import io.civicflow.engine.Engine;
import io.civicflow.engine.event.EngineEvent.ElementCompleted;
import io.civicflow.engine.testing.EngineExtension;
import io.civicflow.engine.testing.Refusal;
import io.civicflow.engine.testing.TestEngine;
import io.grpc.Status;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A command changes everything it should or nothing: never a part of it. */
@ExtendWith(EngineExtension.class)
class CommandAtomicityTest {

  @Test
  void shouldRejectAJobUpdateWhoseTimeoutCannotApplyWithoutChangingItsRetries(TestEngine engine) {
    engine.deploy("service-task-with-gateway.bpmn");
    long pi = engine.start("service-task-with-gateway", Map.of()).getProcessInstanceKey();
    long jobKey = job(engine, pi).getJobKey();

    // the job is not activated, so its timeout cannot be updated: the retries stay as they were
    Refusal refusal =
        Refusal.of(
            () -> engine.client().newUpdateJobCommand(jobKey).update(5, 60_000L).send().join());

    assertThat(refusal.code()).isEqualTo(409);
    assertThat(refusal.title()).isEqualTo("INVALID_STATE");
    assertThat(refusal.detail()).contains("not active");
    assertThat(job(engine, pi).getRetries()).isEqualTo(3);
    assertThat(engine.activateOne("check").getRetries()).isEqualTo(3);
  }

  @Test
  void shouldAnswerAnInternalErrorAndChangeNothingWhenACommandFailsPartWay(TestEngine engine) {
    engine.deploy("service-task-with-gateway.bpmn");
    long pi =
        engine.start("service-task-with-gateway", Map.of("applicant", "A")).getProcessInstanceKey();
    ActivatedJob job = engine.activateOne("check");
    Engine core = engine.bean(Engine.class);
    core.partition()
        .onEventWritten(
            event -> {
              if (event instanceof ElementCompleted) {
                throw new IllegalStateException("injected failure after the first writes");
              }
            });
    Throwable failure;
    try {
      failure =
          catchThrowable(
              () ->
                  engine
                      .client()
                      .newCompleteCommand(job.getKey())
                      .variables(Map.of("score", 70))
                      .send()
                      .join());
    } finally {
      core.partition().onEventWritten(null);
    }

    assertInternalError(failure);
    assertThat(engine.state(pi)).isEqualTo(ProcessInstanceState.ACTIVE);
    assertThat(engine.variables(pi)).containsOnlyKeys("applicant");
    assertThat(engine.elements(pi))
        .containsExactly(
            "service-task-with-gateway=ACTIVE", "StartEvent_1=COMPLETED", "Task_Check=ACTIVE");
    assertThat(job(engine, pi).getState().name()).isEqualTo("CREATED");

    // the engine goes on, and the job is exactly where it was: still activated, completable once
    engine.client().newCompleteCommand(job.getKey()).variables(Map.of("score", 40)).send().join();
    assertThat(engine.state(pi)).isEqualTo(ProcessInstanceState.COMPLETED);
    assertThat(engine.variables(pi)).containsEntry("score", "40");
    assertThat(engine.elements(pi)).contains("End_Rejected=COMPLETED");
  }

  private static void assertInternalError(Throwable failure) {
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (cause instanceof ProblemException problem) {
      assertThat(problem.code()).isEqualTo(500);
      assertThat(problem.details().getDetail()).contains("changed nothing");
    } else {
      assertThat(cause).isInstanceOf(ClientStatusException.class);
      ClientStatusException status = (ClientStatusException) cause;
      assertThat(status.getStatusCode()).isEqualTo(Status.Code.INTERNAL);
      assertThat(status.getStatus().getDescription()).contains("changed nothing");
    }
  }

  private static Job job(TestEngine engine, long pi) {
    return engine
        .client()
        .newJobSearchRequest()
        .filter(f -> f.processInstanceKey(pi))
        .send()
        .join()
        .items()
        .get(0);
  }
}
