package io.civicflow.engine.bpmn;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.civicflow.engine.testing.EngineExtension;
import io.civicflow.engine.testing.TestEngine;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EngineExtension.class)
class GatewayTest {

  @Test
  void shouldTakeTheFirstFlowWhoseConditionHolds(TestEngine engine) {
    engine.deploy("exclusive-gateway-without-default.bpmn");
    long pi =
        engine
            .start("exclusive-gateway-without-default", Map.of("score", 75))
            .getProcessInstanceKey();

    assertThat(engine.state(pi)).isEqualTo(ProcessInstanceState.COMPLETED);
    assertThat(engine.elements(pi))
        .contains("End_Pass=COMPLETED")
        .noneMatch(e -> e.startsWith("End_Fail"));
  }

  @Test
  void shouldTakeTheDefaultFlowWhenNoConditionHolds(TestEngine engine) {
    engine.deploy("service-task-with-gateway.bpmn");
    long pi = engine.start("service-task-with-gateway", Map.of()).getProcessInstanceKey();
    engine
        .client()
        .newCompleteCommand(engine.activateOne("check").getKey())
        .variables(Map.of("score", 10))
        .send()
        .join();

    assertThat(engine.elements(pi)).endsWith("Gateway_Ok=COMPLETED", "End_Rejected=COMPLETED");
  }

  @Test
  void shouldRaiseAnIncidentWhenNothingMatchesAndRetryWhenResolved(TestEngine engine) {
    engine.deploy("exclusive-gateway-without-default.bpmn");
    long pi = engine.start("exclusive-gateway-without-default", Map.of()).getProcessInstanceKey();

    var incident = engine.incidents(pi).get(0);
    assertThat(incident.getErrorType().name()).isEqualTo("CONDITION_ERROR");
    assertThat(incident.getElementId()).isEqualTo("Gateway_Grade");
    assertThat(incident.getErrorMessage()).contains("score");
    assertThat(engine.client().newProcessInstanceGetRequest(pi).send().join().getHasIncident())
        .isTrue();

    engine.client().newSetVariablesCommand(pi).variables(Map.of("score", 30)).send().join();
    engine.client().newResolveIncidentCommand(incident.getIncidentKey()).send().join();

    assertThat(engine.state(pi)).isEqualTo(ProcessInstanceState.COMPLETED);
    assertThat(engine.elements(pi)).contains("End_Fail=COMPLETED");
    assertThat(engine.incidents(pi))
        .singleElement()
        .satisfies(i -> assertThat(i.getState().name()).isEqualTo("RESOLVED"));
  }

  @Test
  void shouldForkAndJoinParallelPaths(TestEngine engine) {
    engine.deploy("parallel-fork-join.bpmn");
    long pi = engine.start("parallel-fork-join", Map.of()).getProcessInstanceKey();

    engine.client().newCompleteCommand(engine.activateOne("a").getKey()).send().join();
    assertThat(engine.activateNow("after")).as("the join waits for both paths").isEmpty();
    assertThat(engine.elements(pi)).doesNotContain("Gateway_Join=COMPLETED");

    engine.client().newCompleteCommand(engine.activateOne("b").getKey()).send().join();
    engine.client().newCompleteCommand(engine.activateOne("after").getKey()).send().join();

    assertThat(engine.state(pi)).isEqualTo(ProcessInstanceState.COMPLETED);
    assertThat(engine.elements(pi))
        .filteredOn(e -> e.startsWith("Gateway_Join"))
        .containsExactly("Gateway_Join=COMPLETED");
    assertThat(engine.client().newProcessInstanceSequenceFlowsRequest(pi).send().join())
        .extracting(f -> f.getElementId())
        .contains("f4", "f5", "f6");
  }
}
