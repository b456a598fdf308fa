package io.civicflow.engine.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.CamundaFuture;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.client.api.search.response.Incident;
import io.civicflow.engine.testing.EngineExtension;
import io.civicflow.engine.testing.TestEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A runaway FEEL expression (issue 19: {@code count(for i in 1..n return i) > 0} with n = 10⁷ or
 * 10⁸ held every other command for over 30 s, or killed the processing thread) spends its
 * evaluation budget and becomes an incident on its element, with the reason; everyone else is
 * served meanwhile.
 */
@ExtendWith(EngineExtension.class)
class RunawayExpressionTest {

  private static final Duration UNDER_A_SECOND = Duration.ofSeconds(1);

  @Test
  void shouldTurnARunawayConditionIntoAnIncidentWhileAnotherClientIsServed(TestEngine engine)
      throws Exception {
    engine.deploy("runaway-gateway-condition.bpmn", "straight-through.bpmn");
    try (CamundaClient other = otherClient(engine)) {
      List<CamundaFuture<ProcessInstanceEvent>> runaways = new ArrayList<>();
      for (long n : new long[] {10_000_000L, 100_000_000L}) {
        runaways.add(
            engine
                .client()
                .newCreateInstanceCommand()
                .bpmnProcessId("runaway-gateway-condition")
                .latestVersion()
                .variables(Map.of("n", n))
                .send());
      }
      for (int i = 0; i < 5; i++) {
        assertAnsweredUnderASecond(other);
      }

      for (CamundaFuture<ProcessInstanceEvent> runaway : runaways) {
        long pi = runaway.join().getProcessInstanceKey();
        Incident incident = onlyIncident(engine, pi);
        assertThat(incident.getErrorType().name()).isEqualTo("CONDITION_ERROR");
        assertThat(incident.getElementId()).isEqualTo("Gateway_Runaway");
        assertThat(incident.getErrorMessage())
            .contains("count(for i in 1..n return i) > 0")
            .contains("more than 1000000 list items")
            .contains("civicflow.engine.evaluation.max-items");
      }
      assertAnsweredUnderASecond(other);
    }
  }

  @Test
  void shouldTurnARunawayDecisionIntoAnIncident(TestEngine engine) {
    engine.deploy("runaway-decision.dmn", "runaway-business-rule-task.bpmn");
    long pi =
        engine
            .start("runaway-business-rule-task", Map.of("n", 100_000_000L))
            .getProcessInstanceKey();

    Incident incident = onlyIncident(engine, pi);
    assertThat(incident.getErrorType().name()).isEqualTo("DECISION_EVALUATION_ERROR");
    assertThat(incident.getElementId()).isEqualTo("Task_Count");
    assertThat(incident.getErrorMessage())
        .contains("runaway-decision")
        .contains("civicflow.engine.evaluation.max-items");

    // within the budget the same decision evaluates
    long small =
        engine.start("runaway-business-rule-task", Map.of("n", 100)).getProcessInstanceKey();
    assertThat(engine.variables(small)).containsEntry("counted", "100");
  }

  @Test
  void shouldTurnARunawayInATimerStartedInstanceIntoAnIncident(TestEngine engine) throws Exception {
    engine.deploy("runaway-timer-started.bpmn", "straight-through.bpmn");
    engine.increaseTime(Duration.ofHours(1));

    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                !engine
                    .client()
                    .newIncidentSearchRequest()
                    .filter(f -> f.processDefinitionId("runaway-timer-started"))
                    .send()
                    .join()
                    .items()
                    .isEmpty());
    try (CamundaClient other = otherClient(engine)) {
      assertAnsweredUnderASecond(other);
    }
  }

  private static Incident onlyIncident(TestEngine engine, long processInstanceKey) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !engine.incidents(processInstanceKey).isEmpty());
    List<Incident> incidents = engine.incidents(processInstanceKey);
    assertThat(incidents).hasSize(1);
    return incidents.get(0);
  }

  private static void assertAnsweredUnderASecond(CamundaClient client) {
    long started = System.nanoTime();
    client
        .newCreateInstanceCommand()
        .bpmnProcessId("straight-through")
        .latestVersion()
        .send()
        .join();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(UNDER_A_SECOND);
  }

  private static CamundaClient otherClient(TestEngine engine) {
    return CamundaClient.newClientBuilder()
        .restAddress(engine.restAddress())
        .grpcAddress(engine.grpcAddress())
        .preferRestOverGrpc(!engine.grpc())
        .applyEnvironmentVariableOverrides(false)
        .build();
  }
}
