package io.civicflow.engine.bpmn;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.civicflow.engine.testing.EngineExtension;
import io.civicflow.engine.testing.TestEngine;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EngineExtension.class)
class ErrorEventTest {

  @Test
  void shouldCatchAJobErrorOnTheMatchingBoundaryWithItsVariables(TestEngine engine) {
    engine.deploy("error-boundary-on-service-task.bpmn");
    long pi = engine.start("error-boundary-on-service-task", Map.of()).getProcessInstanceKey();

    engine
        .client()
        .newThrowErrorCommand(engine.activateOne("pay").getKey())
        .errorCode("BUDGET_EXCEEDED")
        .errorMessage("超出年度预算")
        .variables(Map.of("shortfallFen", 1200))
        .send()
        .join();

    assertThat(engine.state(pi)).isEqualTo(ProcessInstanceState.COMPLETED);
    assertThat(engine.elements(pi))
        .containsSubsequence(
            "Task_Pay=TERMINATED", "Boundary_Budget=COMPLETED", "End_NotPaid=COMPLETED");
    assertThat(engine.variables(pi)).containsEntry("shortfallFen", "1200");
  }

  @Test
  void shouldRaiseAnIncidentForAnUncaughtJobErrorAndRetryTheJobWhenResolved(TestEngine engine) {
    engine.deploy("error-boundary-on-service-task.bpmn");
    long pi = engine.start("error-boundary-on-service-task", Map.of()).getProcessInstanceKey();

    engine
        .client()
        .newThrowErrorCommand(engine.activateOne("pay").getKey())
        .errorCode("UNKNOWN_CODE")
        .send()
        .join();

    var incident = engine.incidents(pi).get(0);
    assertThat(incident.getErrorType().name()).isEqualTo("UNHANDLED_ERROR_EVENT");
    assertThat(incident.getErrorMessage()).contains("UNKNOWN_CODE").contains("not caught");

    engine.client().newResolveIncidentCommand(incident.getIncidentKey()).send().join();
    engine.client().newCompleteCommand(engine.activateOne("pay").getKey()).send().join();
    assertThat(engine.elements(pi)).contains("End_Paid=COMPLETED");
  }

  @Test
  void shouldCatchAnErrorEndEventOnTheSubProcessBoundaryAndTerminateWhatRuns(TestEngine engine) {
    engine.deploy("error-end-event-in-sub-process.bpmn");
    long pi = engine.start("error-end-event-in-sub-process", Map.of()).getProcessInstanceKey();

    assertThat(engine.state(pi)).isEqualTo(ProcessInstanceState.COMPLETED);
    assertThat(engine.elements(pi))
        .contains(
            "Task_Waiting=TERMINATED",
            "SubProcess_Evaluation=TERMINATED",
            "Boundary_Failed=COMPLETED",
            "End_Terminated=COMPLETED")
        .noneMatch(e -> e.startsWith("Boundary_Other") || e.startsWith("End_Passed"));
    assertThat(engine.activateNow("waiting"))
        .as("the job of the terminated task is gone")
        .isEmpty();
  }

  @Test
  void shouldRaiseAnIncidentForAnUncaughtErrorEndEvent(TestEngine engine) {
    engine.deploy("uncaught-error-end-event.bpmn");
    long pi = engine.start("uncaught-error-end-event", Map.of()).getProcessInstanceKey();

    assertThat(engine.state(pi)).isEqualTo(ProcessInstanceState.ACTIVE);
    assertThat(engine.incidents(pi))
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.getErrorType().name()).isEqualTo("UNHANDLED_ERROR_EVENT");
              assertThat(i.getElementId()).isEqualTo("End_Error");
            });
  }

  @Test
  void shouldTerminateTheRestOfTheScopeOnATerminateEndEvent(TestEngine engine) {
    engine.deploy("terminate-end-event.bpmn");
    long pi = engine.start("terminate-end-event", Map.of()).getProcessInstanceKey();

    assertThat(engine.state(pi)).isEqualTo(ProcessInstanceState.COMPLETED);
    assertThat(engine.elements(pi))
        .contains(
            "Task_Long=TERMINATED", "End_Terminate=COMPLETED", "terminate-end-event=COMPLETED");
  }
}
