package io.civicflow.engine.bpmn;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.ElementInstanceState;
import io.camunda.client.api.search.enums.ElementInstanceType;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.ElementInstance;
import io.camunda.client.api.search.response.Incident;
import io.civicflow.engine.testing.EngineExtension;
import io.civicflow.engine.testing.TestEngine;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EngineExtension.class)
class MultiInstanceTest {

  @Test
  void shouldRunOneInstancePerItemInParallelAndCollectOutputsInInputOrder(TestEngine engine) {
    CamundaClient client = engine.client();
    engine.deploy("multi-instance-parallel-task.bpmn");
    long pi =
        engine
            .start("multi-instance-parallel-task", Map.of("items", List.of("a", "b", "c")))
            .getProcessInstanceKey();

    ElementInstance body =
        Searches.elements(client, pi, "Task_Review").stream()
            .filter(e -> e.getType() == ElementInstanceType.MULTI_INSTANCE_BODY)
            .findFirst()
            .orElseThrow();
    List<ElementInstance> inner = Searches.children(client, body.getElementInstanceKey());
    assertThat(inner)
        .hasSize(3)
        .allSatisfy(
            e -> {
              assertThat(e.getElementId()).isEqualTo("Task_Review");
              assertThat(e.getType()).isEqualTo(ElementInstanceType.SERVICE_TASK);
              assertThat(e.getState()).isEqualTo(ElementInstanceState.ACTIVE);
            });

    List<ActivatedJob> jobs = Searches.activate(client, "review", 3);
    assertThat(jobs).hasSize(3);
    jobs.sort(Comparator.comparing(j -> (String) j.getVariablesAsMap().get("item")));
    assertThat(jobs.get(0).getVariablesAsMap())
        .containsEntry("loopCounter", 1)
        .containsEntry("item", "a");
    // complete in reverse order: the output collection still follows the input order
    for (int i = 2; i >= 0; i--) {
      Searches.complete(
          client, jobs.get(i), Map.of("result", jobs.get(i).getVariablesAsMap().get("item") + "!"));
    }

    assertThat(Searches.processInstance(client, pi).getState())
        .isEqualTo(ProcessInstanceState.COMPLETED);
    assertThat(Searches.variables(client, pi))
        .containsEntry("results", "[\"a!\",\"b!\",\"c!\"]")
        .doesNotContainKey("result");
    assertThat(Searches.states(client, pi))
        .containsExactly(
            "multi-instance-parallel-task:PROCESS:COMPLETED",
            "StartEvent_1:START_EVENT:COMPLETED",
            "Task_Review:MULTI_INSTANCE_BODY:COMPLETED",
            "Task_Review:SERVICE_TASK:COMPLETED",
            "Task_Review:SERVICE_TASK:COMPLETED",
            "Task_Review:SERVICE_TASK:COMPLETED",
            "EndEvent_Done:END_EVENT:COMPLETED");
  }

  /**
   * Zeebe sets the input element and {@code loopCounter} on the inner instance before its input
   * mappings run, so the mappings can read them (docs: multi-instance, "Variable mappings"). The
   * engine evaluated them in the flow scope only: {@code unit} was not visible, and — worse — an
   * unrelated {@code unit} of an outer scope was read instead.
   */
  @Test
  void shouldLetInputMappingsOfEachInstanceReadItsInputElementAndLoopCounter(TestEngine engine) {
    CamundaClient client = engine.client();
    engine.deploy("multi-instance-input-mapping-from-input-element.bpmn");
    engine.start(
        "multi-instance-input-mapping-from-input-element",
        Map.of(
            "units", List.of(Map.of("code", "ZP"), Map.of("code", "ZS")),
            "unit", Map.of("code", "OUTER")));

    List<ActivatedJob> jobs = Searches.activate(client, "review", 2);
    assertThat(jobs)
        .extracting(
            j ->
                j.getVariablesAsMap().get("unitCode") + "@" + j.getVariablesAsMap().get("position"))
        .containsExactlyInAnyOrder("ZP@10", "ZS@20");
  }

  @Test
  void shouldCompleteAtOnceForAnEmptyCollection(TestEngine engine) {
    CamundaClient client = engine.client();
    engine.deploy("multi-instance-parallel-task.bpmn");
    long pi =
        engine
            .start("multi-instance-parallel-task", Map.of("items", List.of()))
            .getProcessInstanceKey();

    assertThat(Searches.processInstance(client, pi).getState())
        .isEqualTo(ProcessInstanceState.COMPLETED);
    assertThat(Searches.variables(client, pi)).containsEntry("results", "[]");
    assertThat(Searches.states(client, pi))
        .contains("Task_Review:MULTI_INSTANCE_BODY:COMPLETED")
        .doesNotContain("Task_Review:SERVICE_TASK:COMPLETED");
  }

  @Test
  void shouldRaiseAnIncidentForAnInputCollectionThatIsNotAList(TestEngine engine) {
    CamundaClient client = engine.client();
    engine.deploy("multi-instance-parallel-task.bpmn");
    long pi =
        engine
            .start("multi-instance-parallel-task", Map.of("items", "abc"))
            .getProcessInstanceKey();

    Incident incident = Searches.incidents(client, pi).get(0);
    assertThat(incident.getErrorType().name()).isEqualTo("EXTRACT_VALUE_ERROR");
    assertThat(incident.getErrorMessage()).contains("'ARRAY'").contains("'STRING'");

    client.newSetVariablesCommand(pi).variables(Map.of("items", List.of("x"))).send().join();
    client.newResolveIncidentCommand(incident.getIncidentKey()).send().join();
    Searches.complete(client, Searches.activateOne(client, "review"), Map.of("result", 1));

    assertThat(Searches.variables(client, pi)).containsEntry("results", "[1]");
  }

  @Test
  void shouldStopASequentialLoopOnItsCompletionCondition(TestEngine engine) {
    CamundaClient client = engine.client();
    engine.deploy("multi-instance-sequential-with-completion-condition.bpmn");
    long pi =
        engine
            .start(
                "multi-instance-sequential-with-completion-condition",
                Map.of("candidates", List.of("ann", "bo", "cy", "di")))
            .getProcessInstanceKey();

    ActivatedJob first = Searches.activateOne(client, "try");
    assertThat(first.getVariablesAsMap()).containsEntry("candidate", "ann");
    assertThat(Searches.activate(client, "try", 1)).isEmpty(); // one at a time
    Searches.complete(client, first, Map.of("answer", "no"));
    ActivatedJob second = Searches.activateOne(client, "try");
    assertThat(second.getVariablesAsMap())
        .containsEntry("candidate", "bo")
        .containsEntry("loopCounter", 2);
    Searches.complete(client, second, Map.of("answer", "yes"));

    assertThat(Searches.processInstance(client, pi).getState())
        .isEqualTo(ProcessInstanceState.COMPLETED);
    assertThat(Searches.variables(client, pi))
        .containsEntry("answers", "[\"no\",\"yes\",null,null]");
    assertThat(
            Searches.states(client, pi).stream().filter(s -> s.startsWith("Task_Try:SERVICE_TASK")))
        .hasSize(2);
  }

  @Test
  void shouldTerminateTheRemainingInstancesWhenAParallelCompletionConditionHolds(
      TestEngine engine) {
    CamundaClient client = engine.client();
    engine.deploy("multi-instance-parallel-with-completion-condition.bpmn");
    long pi =
        engine
            .start(
                "multi-instance-parallel-with-completion-condition",
                Map.of("voters", List.of(1, 2, 3, 4)))
            .getProcessInstanceKey();

    List<ActivatedJob> jobs = Searches.activate(client, "vote", 4);
    Searches.complete(client, jobs.get(0), Map.of());
    assertThat(Searches.processInstance(client, pi).getState())
        .isEqualTo(ProcessInstanceState.ACTIVE);
    Searches.complete(client, jobs.get(1), Map.of());

    assertThat(Searches.processInstance(client, pi).getState())
        .isEqualTo(ProcessInstanceState.COMPLETED);
    assertThat(Searches.states(client, pi))
        .containsOnlyOnce("Task_Vote:MULTI_INSTANCE_BODY:COMPLETED")
        .filteredOn(s -> s.startsWith("Task_Vote:SERVICE_TASK"))
        .containsExactlyInAnyOrder(
            "Task_Vote:SERVICE_TASK:COMPLETED", "Task_Vote:SERVICE_TASK:COMPLETED",
            "Task_Vote:SERVICE_TASK:TERMINATED", "Task_Vote:SERVICE_TASK:TERMINATED");
  }

  @Test
  void shouldTerminateTheBodyAndAllInstancesFromABoundaryEventOnTheBody(TestEngine engine) {
    CamundaClient client = engine.client();
    engine.deploy("multi-instance-parallel-task.bpmn");
    long pi =
        engine
            .start("multi-instance-parallel-task", Map.of("items", List.of("a", "b")))
            .getProcessInstanceKey();

    ActivatedJob job = Searches.activate(client, "review", 2).get(0);
    client.newThrowErrorCommand(job.getKey()).errorCode("ABORT").send().join();

    assertThat(Searches.processInstance(client, pi).getState())
        .isEqualTo(ProcessInstanceState.COMPLETED);
    assertThat(Searches.ids(client, pi, ElementInstanceState.TERMINATED))
        .containsExactly("Task_Review", "Task_Review", "Task_Review");
    assertThat(Searches.ids(client, pi, ElementInstanceState.COMPLETED))
        .contains("Boundary_Abort", "EndEvent_Aborted");
    assertThat(Searches.variables(client, pi)).doesNotContainKey("results");
  }

  @Test
  void shouldRunAnEmbeddedSubProcessPerItem(TestEngine engine) {
    CamundaClient client = engine.client();
    engine.deploy("multi-instance-sub-process.bpmn");
    long pi =
        engine
            .start("multi-instance-sub-process", Map.of("numbers", List.of(1, 2, 3)))
            .getProcessInstanceKey();

    assertThat(Searches.processInstance(client, pi).getState())
        .isEqualTo(ProcessInstanceState.COMPLETED);
    assertThat(Searches.variables(client, pi)).containsEntry("doubled", "[2,4,6]");
    ElementInstance body =
        Searches.elements(client, pi, "SubProcess_PerUnit").stream()
            .filter(e -> e.getType() == ElementInstanceType.MULTI_INSTANCE_BODY)
            .findFirst()
            .orElseThrow();
    List<ElementInstance> subProcesses = Searches.children(client, body.getElementInstanceKey());
    assertThat(subProcesses)
        .hasSize(3)
        .allSatisfy(e -> assertThat(e.getType()).isEqualTo(ElementInstanceType.SUB_PROCESS));
    assertThat(Searches.children(client, subProcesses.get(0).getElementInstanceKey()))
        .extracting(ElementInstance::getElementId)
        .containsExactly("StartEvent_Inner", "Task_Double", "EndEvent_Inner");
  }
}
