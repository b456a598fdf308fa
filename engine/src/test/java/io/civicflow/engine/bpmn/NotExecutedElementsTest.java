package io.civicflow.engine.bpmn;

import static org.assertj.core.api.Assertions.assertThat;

import io.civicflow.engine.testing.EngineExtension;
import io.civicflow.engine.testing.Refusal;
import io.civicflow.engine.testing.TestEngine;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Elements the engine does not execute are refused at deployment with the element id and the reason
 * — never accepted and run as something else (an ad-hoc sub-process or a transaction is a
 * sub-process to the BPMN model).
 */
@ExtendWith(EngineExtension.class)
class NotExecutedElementsTest {

  @ParameterizedTest
  @CsvSource({
    "transaction-sub-process.bpmn, Transaction_Pay, transaction",
    "conditional-catch-event.bpmn, Catch_Condition, conditionalEventDefinition",
    "compensation-event-sub-process.bpmn, EventSub_Undo, must be one of",
    "complex-gateway.bpmn, Gateway_Complex, complexGateway"
  })
  void shouldRefuseAtDeployNamingTheElementAndTheReason(
      String fixture, String elementId, String reason, TestEngine engine) {
    Refusal problem = Refusal.of(() -> engine.deploy(fixture));

    assertThat(problem.code()).isEqualTo(400);
    assertThat(problem.detail()).contains(fixture).contains(elementId).contains(reason);
  }
}
