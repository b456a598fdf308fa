package io.civicflow.workers.camunda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.ProblemDetail;
import io.camunda.client.api.command.ClientException;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.civicflow.engine.Engine;
import io.civicflow.workers.testing.EmbeddedEngineProcessTest;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The start-up deployment against the real embedded engine: while the engine holds its processing
 * (as a machine at a load average of 30 does) an attempt gets no answer within its timeout, and the
 * deployment is tried again at once, with a longer timeout, and goes through; a model the engine
 * refuses fails at once with the element and the reason, with no retry. Back-pressure and
 * unavailability are retried after a back-off handed to the scheduler (here recorded and run at
 * once: no test waits for a clock), refusals are not.
 */
@EmbeddedEngineProcessTest
class StartupDeploymentTest {

  @Autowired private CamundaClient client;
  @Autowired private Engine engine;

  private static final StartupDeployment.Retry QUICK =
      new StartupDeployment.Retry(
          4,
          Duration.ofSeconds(1),
          Duration.ofSeconds(4),
          Duration.ofMillis(500),
          Duration.ofSeconds(20));

  private StartupDeployment.Attempt deploying(BpmnModelInstance model, String name) {
    return timeout ->
        client
            .newDeployResourceCommand()
            .addProcessModel(model, name)
            .requestTimeout(timeout)
            .send()
            .join();
  }

  /** Delays that record each back-off and run the attempt at once. */
  private static StartupDeployment.Delays recording(List<Duration> pauses) {
    return delay -> {
      pauses.add(delay);
      return Runnable::run;
    };
  }

  @Test
  void anEngineThatHoldsItsProcessingIsAskedAgainAtOnceUntilItTakesTheDeployment()
      throws Exception {
    String id = "startup-" + UUID.randomUUID().toString().substring(0, 8);
    BpmnModelInstance model = Bpmn.createExecutableProcess(id).startEvent().endEvent().done();
    List<Duration> pauses = new ArrayList<>();
    List<Duration> timeouts = new ArrayList<>();
    AutoCloseable hold = engine.pauseProcessing();
    try {
      StartupDeployment deployment = new StartupDeployment(QUICK, recording(pauses));
      StartupDeployment.Attempt attempt = deploying(model, id + ".bpmn");

      DeploymentEvent deployed =
          deployment.deploy(
              timeout -> {
                timeouts.add(timeout);
                if (timeouts.size() == 2) {
                  // the engine catches up by the time the application asks again
                  try {
                    hold.close();
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                }
                return attempt.deploy(timeout);
              });

      // the first attempt timed out: asked again at once, with twice the timeout, no back-off
      assertThat(timeouts).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
      assertThat(pauses).isEmpty();
      assertThat(deployed.getProcesses())
          .singleElement()
          .satisfies(p -> assertThat(p.getBpmnProcessId()).isEqualTo(id));
    } finally {
      hold.close();
    }
  }

  @Test
  void aTimeoutIsRetriedAtOnceAndAnEngineThatTurnsTheDeploymentAwayIsAskedAfterABackOff() {
    List<Duration> pauses = new ArrayList<>();
    List<Duration> timeouts = new ArrayList<>();
    List<RuntimeException> answers =
        new ArrayList<>(
            List.of(
                new ClientException(
                    "request timed out", new java.util.concurrent.TimeoutException()),
                problem(503, "RESOURCE_EXHAUSTED"),
                new ClientStatusException(Status.DEADLINE_EXCEEDED, null),
                new ClientStatusException(Status.UNAVAILABLE, null)));
    StartupDeployment deployment =
        new StartupDeployment(
            new StartupDeployment.Retry(
                6,
                Duration.ofSeconds(1),
                Duration.ofSeconds(4),
                Duration.ofMillis(500),
                Duration.ofSeconds(20)),
            recording(pauses));

    assertThatThrownBy(
            () ->
                deployment.deploy(
                    timeout -> {
                      timeouts.add(timeout);
                      throw answers.isEmpty()
                          ? problem(400, "INVALID_ARGUMENT")
                          : answers.remove(0);
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("refused");
    // five attempts: a wait only after each of the two that were turned away at once
    assertThat(timeouts).hasSize(5);
    assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
  }

  @Test
  void aModelTheEngineRefusesFailsStartUpAtOnceWithTheElementAndTheReason() {
    String id = "startup-invalid-" + UUID.randomUUID().toString().substring(0, 8);
    BpmnModelInstance invalid =
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .serviceTask("Task_NoJobType")
            .endEvent()
            .done();
    List<Duration> pauses = new ArrayList<>();
    StartupDeployment deployment = new StartupDeployment(QUICK, recording(pauses));

    assertThatThrownBy(() -> deployment.deploy(deploying(invalid, id + ".bpmn")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("refused the deployment")
        .hasMessageContaining("Task_NoJobType");
    assertThat(pauses).as("no retry").isEmpty();
  }

  @Test
  void backPressureAndUnavailabilityAreRetriedRefusalsAreNot() {
    assertThat(StartupDeployment.retriable(problem(503, "RESOURCE_EXHAUSTED")))
        .satisfies(r -> assertThat(r.reason()).contains("503"))
        .satisfies(r -> assertThat(r.timedOut()).isFalse());
    assertThat(StartupDeployment.retriable(problem(504, "DEADLINE_EXCEEDED")).timedOut()).isTrue();
    assertThat(
            StartupDeployment.retriable(new ClientStatusException(Status.RESOURCE_EXHAUSTED, null)))
        .satisfies(r -> assertThat(r.reason()).contains("RESOURCE_EXHAUSTED"))
        .satisfies(r -> assertThat(r.timedOut()).isFalse());
    assertThat(
            StartupDeployment.retriable(new ClientStatusException(Status.UNAVAILABLE, null))
                .timedOut())
        .isFalse();
    assertThat(StartupDeployment.retriable(problem(400, "INVALID_ARGUMENT"))).isNull();
    assertThat(StartupDeployment.retriable(problem(401, "UNAUTHORIZED"))).isNull();
    assertThat(
            StartupDeployment.retriable(new ClientStatusException(Status.INVALID_ARGUMENT, null)))
        .isNull();

    // attempts are bounded: an engine that keeps pushing back fails start-up, naming why
    List<Duration> pauses = new ArrayList<>();
    StartupDeployment deployment = new StartupDeployment(QUICK, recording(pauses));
    assertThatThrownBy(
            () ->
                deployment.deploy(
                    timeout -> {
                      throw problem(503, "RESOURCE_EXHAUSTED");
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("after 4 attempts")
        .hasMessageContaining("503");
    assertThat(pauses)
        .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
  }

  private static ProblemException problem(int status, String title) {
    return new ProblemException(
        status,
        title,
        new ProblemDetail().setStatus(status).setTitle(title).setDetail("the engine said so"));
  }
}
