package io.civicflow.engine.bpmn;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.ElementInstanceState;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.civicflow.engine.testing.EngineExtension;
import io.civicflow.engine.testing.TestEngine;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EngineExtension.class)
class InclusiveGatewayTest {

  @Test
  void shouldTakeEveryTrueFlowAndJoinOnlyTheTakenOnes(TestEngine engine) {
    CamundaClient client = engine.client();
    engine.deploy("inclusive-gateway-fork-and-join.bpmn");
    long pi =
        engine
            .start("inclusive-gateway-fork-and-join", Map.of("courses", List.of("pasta", "steak")))
            .getProcessInstanceKey();

    assertThat(Searches.ids(client, pi, ElementInstanceState.ACTIVE))
        .containsExactly("inclusive-gateway-fork-and-join", "Task_Pasta", "Task_Steak");
    Searches.complete(client, Searches.activateOne(client, "pasta"), Map.of());
    assertThat(Searches.ids(client, pi, ElementInstanceState.COMPLETED))
        .doesNotContain("Gateway_Join");

    Searches.complete(client, Searches.activateOne(client, "steak"), Map.of());
    assertThat(Searches.ids(client, pi, ElementInstanceState.COMPLETED))
        .containsOnlyOnce("Gateway_Join");
    assertThat(Searches.ids(client, pi, ElementInstanceState.ACTIVE)).contains("Task_Clear");
  }

  @Test
  void shouldJoinAtOnceWhenNoOtherTokenCanArrive(TestEngine engine) {
    CamundaClient client = engine.client();
    engine.deploy("inclusive-gateway-fork-and-join.bpmn");
    long pi =
        engine
            .start("inclusive-gateway-fork-and-join", Map.of("courses", List.of("steak")))
            .getProcessInstanceKey();

    Searches.complete(client, Searches.activateOne(client, "steak"), Map.of());

    assertThat(Searches.ids(client, pi, ElementInstanceState.ACTIVE)).contains("Task_Clear");
    assertThat(Searches.ids(client, pi, ElementInstanceState.COMPLETED))
        .doesNotContain("Task_Pasta", "Task_Salad");
  }

  @Test
  void shouldTakeTheDefaultFlowWhenNoConditionHolds(TestEngine engine) {
    CamundaClient client = engine.client();
    engine.deploy("inclusive-gateway-fork-and-join.bpmn");
    long pi =
        engine
            .start("inclusive-gateway-fork-and-join", Map.of("courses", List.of()))
            .getProcessInstanceKey();

    Searches.complete(client, Searches.activateOne(client, "salad"), Map.of());
    Searches.complete(client, Searches.activateOne(client, "clear"), Map.of());

    assertThat(Searches.processInstance(client, pi).getState())
        .isEqualTo(ProcessInstanceState.COMPLETED);
    assertThat(Searches.ids(client, pi, ElementInstanceState.COMPLETED))
        .containsSubsequence(
            "Gateway_Fork", "Task_Salad", "Gateway_Join", "Task_Clear", "EndEvent_Done");
  }

  @Test
  void shouldJoinOnceTheOtherPathEndsElsewhere(TestEngine engine) {
    CamundaClient client = engine.client();
    engine.deploy("inclusive-gateway-join-after-path-ends.bpmn");
    long pi =
        engine
            .start("inclusive-gateway-join-after-path-ends", Map.of("skip", true))
            .getProcessInstanceKey();

    Searches.complete(client, Searches.activateOne(client, "a"), Map.of());
    assertThat(Searches.ids(client, pi, ElementInstanceState.COMPLETED))
        .doesNotContain("Gateway_Join"); // Task_B may still arrive

    Searches.complete(client, Searches.activateOne(client, "b"), Map.of());

    assertThat(Searches.processInstance(client, pi).getState())
        .isEqualTo(ProcessInstanceState.COMPLETED);
    assertThat(Searches.ids(client, pi, ElementInstanceState.COMPLETED))
        .containsSubsequence("EndEvent_Skipped", "Gateway_Join", "EndEvent_Joined");
  }

  @Test
  void shouldJoinBothTokensWhenBothArrive(TestEngine engine) {
    CamundaClient client = engine.client();
    engine.deploy("inclusive-gateway-join-after-path-ends.bpmn");
    long pi =
        engine
            .start("inclusive-gateway-join-after-path-ends", Map.of("skip", false))
            .getProcessInstanceKey();

    Searches.complete(client, Searches.activateOne(client, "b"), Map.of());
    assertThat(Searches.ids(client, pi, ElementInstanceState.COMPLETED))
        .doesNotContain("Gateway_Join");
    Searches.complete(client, Searches.activateOne(client, "a"), Map.of());

    assertThat(Searches.processInstance(client, pi).getState())
        .isEqualTo(ProcessInstanceState.COMPLETED);
    assertThat(Searches.ids(client, pi, ElementInstanceState.COMPLETED))
        .containsOnlyOnce("Gateway_Join");
  }
}
