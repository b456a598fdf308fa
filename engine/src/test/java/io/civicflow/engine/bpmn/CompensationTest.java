package io.civicflow.engine.bpmn;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.ElementInstance;
import io.civicflow.engine.testing.EngineExtension;
import io.civicflow.engine.testing.Refusal;
import io.civicflow.engine.testing.TestEngine;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Compensation (Camunda 8.8): a compensation throw or end event runs the compensation handlers of
 * the completed activities of its scope, in reverse order of completion, and waits for them.
 */
@ExtendWith(EngineExtension.class)
class CompensationTest {

  @Test
  void shouldRunTheHandlersOfCompletedActivitiesInReverseOrderAndWaitForThem(TestEngine engine) {
    engine.deploy("compensation-throw.bpmn");
    long pi = engine.start("compensation-throw", Map.of()).getProcessInstanceKey();
    complete(engine, "comp-book", Map.of("venue", "礼堂"));
    complete(engine, "comp-pay", Map.of("amount", 1200));

    List<ElementInstance> handlers = instances(engine, pi, "Undo_");
    assertThat(handlers)
        .extracting(ElementInstance::getElementId)
        .as("the handler of the activity completed last starts first")
        .containsExactly("Undo_Pay", "Undo_Book");
    assertThat(engine.elements(pi)).contains("Throw_Compensate=ACTIVE");

    ActivatedJob undoPay = engine.activateOne("comp-undo-pay");
    assertThat(undoPay.getVariablesAsMap()).containsEntry("amount", 1200);
    engine.client().newCompleteCommand(undoPay.getKey()).send().join();
    assertThat(engine.state(pi)).isEqualTo(ProcessInstanceState.ACTIVE);
    assertThat(engine.elements(pi)).contains("Throw_Compensate=ACTIVE", "Undo_Pay=COMPLETED");

    complete(engine, "comp-undo-book", Map.of());
    assertThat(engine.state(pi)).isEqualTo(ProcessInstanceState.COMPLETED);
    assertThat(engine.elements(pi))
        .contains(
            "Undo_Pay=COMPLETED",
            "Undo_Book=COMPLETED",
            "Throw_Compensate=COMPLETED",
            "End_Undone=COMPLETED");
  }

  @Test
  void shouldNotCompensateAnActivityThatHasNotCompleted(TestEngine engine) {
    engine.deploy("compensation-not-completed.bpmn");
    long pi = engine.start("compensation-not-completed", Map.of()).getProcessInstanceKey();
    complete(engine, "open-book", Map.of());

    assertThat(instances(engine, pi, "Undo_"))
        .extracting(ElementInstance::getElementId)
        .containsExactly("Undo_Book");
    complete(engine, "open-undo-book", Map.of());
    assertThat(engine.elements(pi))
        .contains("Throw_Compensate=COMPLETED", "End_Undone=COMPLETED", "Task_Ship=ACTIVE");

    complete(engine, "open-ship", Map.of());
    assertThat(engine.state(pi)).isEqualTo(ProcessInstanceState.COMPLETED);
    assertThat(engine.elements(pi)).noneMatch(e -> e.startsWith("Undo_Ship"));
    assertThat(engine.activateNow("open-undo-ship")).isEmpty();
  }

  @Test
  void shouldCompensateAtAnEndEventBeforeTheProcessCompletes(TestEngine engine) {
    engine.deploy("compensation-end.bpmn");
    long pi = engine.start("compensation-end", Map.of()).getProcessInstanceKey();
    complete(engine, "end-pay", Map.of());

    assertThat(engine.elements(pi)).contains("End_Compensate=ACTIVE", "Undo_Pay=ACTIVE");
    assertThat(engine.state(pi)).isEqualTo(ProcessInstanceState.ACTIVE);

    complete(engine, "end-undo-pay", Map.of());
    assertThat(engine.state(pi)).isEqualTo(ProcessInstanceState.COMPLETED);
    assertThat(engine.elements(pi)).contains("Undo_Pay=COMPLETED", "End_Compensate=COMPLETED");
  }

  @Test
  void shouldCompensateOnlyTheActivityTheEventRefersTo(TestEngine engine) {
    engine.deploy("compensation-activity-ref.bpmn");
    long pi = engine.start("compensation-activity-ref", Map.of()).getProcessInstanceKey();
    complete(engine, "ref-book", Map.of());
    complete(engine, "ref-pay", Map.of());

    assertThat(instances(engine, pi, "Undo_"))
        .extracting(ElementInstance::getElementId)
        .containsExactly("Undo_Book");
    complete(engine, "ref-undo-book", Map.of());

    assertThat(engine.state(pi)).isEqualTo(ProcessInstanceState.COMPLETED);
    assertThat(engine.activateNow("ref-undo-pay")).isEmpty();
  }

  @Test
  void shouldCompensateTheActivitiesOfACompletedSubProcess(TestEngine engine) {
    engine.deploy("compensation-sub-process.bpmn");
    long pi =
        engine.start("compensation-sub-process", Map.of("venue", "礼堂")).getProcessInstanceKey();
    complete(engine, "sub-book", Map.of());

    assertThat(engine.elements(pi)).contains("Sub_Booking=COMPLETED", "Undo_Book=ACTIVE");
    ActivatedJob undoBook = engine.activateOne("sub-undo-book");
    assertThat(undoBook.getVariablesAsMap()).containsEntry("venue", "礼堂");
    engine.client().newCompleteCommand(undoBook.getKey()).send().join();

    assertThat(engine.state(pi)).isEqualTo(ProcessInstanceState.COMPLETED);
    assertThat(engine.elements(pi)).contains("Throw_Compensate=COMPLETED", "End_Undone=COMPLETED");
  }

  @Test
  void shouldRejectACompensationBoundaryEventWithoutAHandlerAtDeploy(TestEngine engine) {
    Refusal problem = Refusal.of(() -> engine.deploy("compensation-without-handler.bpmn"));

    assertThat(problem.code()).isEqualTo(400);
    assertThat(problem.detail())
        .contains("Compensate_Task_Pay")
        .contains("must have a compensation association");
  }

  @Test
  void shouldShowTheCompensationBoundaryEventsOfTheCompensatedActivitiesAsCompleted(
      TestEngine engine) {
    engine.deploy("compensation-throw.bpmn");
    long pi = engine.start("compensation-throw", Map.of()).getProcessInstanceKey();
    complete(engine, "comp-book", Map.of());
    assertThat(instances(engine, pi, "Compensate_")).as("not before compensation").isEmpty();
    complete(engine, "comp-pay", Map.of());

    List<ElementInstance> created = instances(engine, pi, "");
    assertThat(created)
        .filteredOn(e -> e.getElementId().startsWith("Compensate_"))
        .extracting(
            ElementInstance::getElementId, ElementInstance::getType, ElementInstance::getState)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "Compensate_Task_Pay",
                io.camunda.client.api.search.enums.ElementInstanceType.BOUNDARY_EVENT,
                io.camunda.client.api.search.enums.ElementInstanceState.COMPLETED),
            org.assertj.core.groups.Tuple.tuple(
                "Compensate_Task_Book",
                io.camunda.client.api.search.enums.ElementInstanceType.BOUNDARY_EVENT,
                io.camunda.client.api.search.enums.ElementInstanceState.COMPLETED));
    // each boundary event instance comes just before its handler's
    List<String> order = created.stream().map(ElementInstance::getElementId).toList();
    assertThat(order.indexOf("Undo_Pay")).isEqualTo(order.indexOf("Compensate_Task_Pay") + 1);
    assertThat(order.indexOf("Undo_Book")).isEqualTo(order.indexOf("Compensate_Task_Book") + 1);

    complete(engine, "comp-undo-pay", Map.of());
    complete(engine, "comp-undo-book", Map.of());
    assertThat(engine.state(pi)).isEqualTo(ProcessInstanceState.COMPLETED);
  }

  private static void complete(TestEngine engine, String type, Map<String, Object> variables) {
    engine
        .client()
        .newCompleteCommand(engine.activateOne(type).getKey())
        .variables(variables)
        .send()
        .join();
  }

  /**
   * The element instances whose element id starts with a prefix, in the order they were created.
   */
  private static List<ElementInstance> instances(TestEngine engine, long pi, String prefix) {
    return engine
        .client()
        .newElementInstanceSearchRequest()
        .filter(f -> f.processInstanceKey(pi))
        .send()
        .join()
        .items()
        .stream()
        .filter(e -> e.getElementId().startsWith(prefix))
        .sorted(java.util.Comparator.comparingLong(ElementInstance::getElementInstanceKey))
        .toList();
  }
}
