package io.civicflow.engine.bpmn;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.civicflow.engine.testing.EngineExtension;
import io.civicflow.engine.testing.Refusal;
import io.civicflow.engine.testing.TestEngine;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Intermediate link throw and catch events: a jump to the catch event of the same name. */
@ExtendWith(EngineExtension.class)
class LinkEventTest {

  @Test
  void shouldContinueAtTheCatchEventOfTheSameName(TestEngine engine) {
    engine.deploy("link-events.bpmn");
    long pi = engine.start("link-events", Map.of()).getProcessInstanceKey();

    engine.client().newCompleteCommand(engine.activateOne("link-pay").getKey()).send().join();

    assertThat(engine.state(pi)).isEqualTo(ProcessInstanceState.COMPLETED);
    assertThat(engine.elements(pi))
        .containsSubsequence(
            "Throw_ToPayment=COMPLETED",
            "Catch_Payment=COMPLETED",
            "Task_Pay=COMPLETED",
            "End_Paid=COMPLETED")
        .noneMatch(e -> e.startsWith("Catch_Other") || e.startsWith("End_Other"));
  }

  @Test
  void shouldRejectALinkThrowWithoutACatchEventAtDeploy(TestEngine engine) {
    Refusal problem = Refusal.of(() -> engine.deploy("link-without-catch.bpmn"));

    assertThat(problem.code()).isEqualTo(400);
    assertThat(problem.detail()).contains("nowhere").contains("catch link event");
  }

  @Test
  void shouldRejectTwoLinkCatchEventsOfOneNameAtDeploy(TestEngine engine) {
    Refusal problem = Refusal.of(() -> engine.deploy("link-duplicate-catch.bpmn"));

    assertThat(problem.code()).isEqualTo(400);
    assertThat(problem.detail()).contains("twice").contains("Multiple intermediate catch link");
  }
}
