package io.civicflow.engine.bpmn;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.IncidentErrorType;
import io.camunda.client.api.search.enums.JobKind;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.Incident;
import io.civicflow.engine.testing.EngineExtension;
import io.civicflow.engine.testing.Refusal;
import io.civicflow.engine.testing.TestEngine;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Ad-hoc sub-processes implemented by a job worker (Camunda 8.8, {@code zeebe:taskDefinition} on
 * the {@code adHocSubProcess}): the sub-process's job (kind AD_HOC_SUB_PROCESS) is completed with
 * an {@code adHocSubProcess} job result that activates inner elements or fulfils the completion
 * condition; a new job is created each time an inner path ends. The job results go over the API
 * under test (REST or gRPC) through the Java client's {@code withResult(r ->
 * r.forAdHocSubProcess()…)}.
 */
@ExtendWith(EngineExtension.class)
class AdHocJobWorkerTest {

  private static long start(TestEngine engine) {
    engine.deploy("ad-hoc-job-worker.bpmn");
    return engine.start("ad-hoc-job-worker", Map.of("tender", "ZB-2026-7")).getProcessInstanceKey();
  }

  private static void activate(TestEngine engine, ActivatedJob agent, String... elementIds) {
    engine
        .client()
        .newCompleteCommand(agent)
        .withResult(
            r -> {
              var result = r.forAdHocSubProcess();
              for (String id : elementIds) {
                result = result.activateElement(id);
              }
              return result;
            })
        .send()
        .join();
  }

  @Test
  void shouldLetTheJobWorkerActivateElementsUntilItFulfilsTheCompletionCondition(
      TestEngine engine) {
    long pi = start(engine);

    ActivatedJob agent = engine.activateOne("evaluation-agent");
    assertThat(agent.getKind()).isEqualTo(JobKind.AD_HOC_SUB_PROCESS);
    assertThat(agent.getElementId()).isEqualTo("AdHoc_Evaluation");
    assertThat(agent.getRetries()).isEqualTo(1);
    assertThat(agent.getCustomHeaders()).containsEntry("panel", "专家组");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> elements =
        (List<Map<String, Object>>) agent.getVariablesAsMap().get("adHocSubProcessElements");
    assertThat(elements)
        .extracting(e -> e.get("elementId"), e -> e.get("elementName"))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Task_Technical", "技术评审"),
            org.assertj.core.groups.Tuple.tuple("Task_Price", "价格评审"));
    assertThat(elements.get(0))
        .containsEntry("documentation", "评审技术方案")
        .containsEntry("properties", Map.of("weight", "60"));

    engine
        .client()
        .newCompleteCommand(agent)
        .variables(Map.of("round", 1))
        .withResult(
            r ->
                r.forAdHocSubProcess()
                    .activateElement("Task_Technical")
                    .variables(Map.of("lot", "A")))
        .send()
        .join();

    ActivatedJob technical = engine.activateOne("technical-review");
    assertThat(technical.getVariablesAsMap()).containsEntry("lot", "A").containsEntry("round", 1);
    assertThat(engine.activateNow("evaluation-agent")).isEmpty();
    engine.client().newCompleteCommand(technical).variables(Map.of("techScore", 88)).send().join();

    // an inner path ended: the worker decides again
    ActivatedJob again = engine.activateOne("evaluation-agent");
    assertThat(again.getVariablesAsMap()).containsEntry("techScore", 88);
    activate(engine, again, "Task_Price");
    engine.client().newCompleteCommand(engine.activateOne("price-review")).send().join();
    engine
        .client()
        .newCompleteCommand(engine.activateOne("evaluation-agent"))
        .withResult(r -> r.forAdHocSubProcess().completionConditionFulfilled(true))
        .send()
        .join();

    assertThat(engine.elements(pi))
        .containsExactly(
            "ad-hoc-job-worker=COMPLETED",
            "StartEvent_1=COMPLETED",
            "AdHoc_Evaluation=COMPLETED",
            "Task_Technical=COMPLETED",
            "Task_Price=COMPLETED",
            "EndEvent_1=COMPLETED");
    assertThat(engine.state(pi)).isEqualTo(ProcessInstanceState.COMPLETED);
  }

  @Test
  void shouldCancelTheRemainingInstancesWhenTheResultSaysSo(TestEngine engine) {
    long pi = start(engine);
    activate(engine, engine.activateOne("evaluation-agent"), "Task_Technical", "Task_Price");
    engine.client().newCompleteCommand(engine.activateOne("technical-review")).send().join();

    engine
        .client()
        .newCompleteCommand(engine.activateOne("evaluation-agent"))
        .withResult(
            r ->
                r.forAdHocSubProcess()
                    .completionConditionFulfilled(true)
                    .cancelRemainingInstances(true))
        .send()
        .join();

    assertThat(engine.elements(pi))
        .contains("Task_Price=TERMINATED", "AdHoc_Evaluation=COMPLETED", "EndEvent_1=COMPLETED");
    assertThat(engine.state(pi)).isEqualTo(ProcessInstanceState.COMPLETED);
  }

  @Test
  void shouldWaitForTheActiveElementsWhenFulfilledWithoutCancelling(TestEngine engine) {
    long pi = start(engine);
    activate(engine, engine.activateOne("evaluation-agent"), "Task_Technical", "Task_Price");
    engine.client().newCompleteCommand(engine.activateOne("technical-review")).send().join();
    engine
        .client()
        .newCompleteCommand(engine.activateOne("evaluation-agent"))
        .withResult(r -> r.forAdHocSubProcess().completionConditionFulfilled(true))
        .send()
        .join();
    assertThat(engine.elements(pi)).contains("AdHoc_Evaluation=ACTIVE", "Task_Price=ACTIVE");

    engine.client().newCompleteCommand(engine.activateOne("price-review")).send().join();

    assertThat(engine.activateNow("evaluation-agent")).isEmpty();
    assertThat(engine.elements(pi)).contains("Task_Price=COMPLETED", "AdHoc_Evaluation=COMPLETED");
    assertThat(engine.state(pi)).isEqualTo(ProcessInstanceState.COMPLETED);
  }

  @Test
  void shouldReplaceAnOpenJobWhenAnotherInnerPathEnds(TestEngine engine) {
    long pi = start(engine);
    activate(engine, engine.activateOne("evaluation-agent"), "Task_Technical", "Task_Price");
    engine.client().newCompleteCommand(engine.activateOne("technical-review")).send().join();
    ActivatedJob stale = engine.activateOne("evaluation-agent");

    engine.client().newCompleteCommand(engine.activateOne("price-review")).send().join();

    Refusal gone = Refusal.of(() -> engine.client().newCompleteCommand(stale).send().join());
    assertThat(gone.code()).isEqualTo(404);
    ActivatedJob fresh = engine.activateOne("evaluation-agent");
    assertThat(fresh.getKey()).isNotEqualTo(stale.getKey());
    assertThat(engine.state(pi)).isEqualTo(ProcessInstanceState.ACTIVE);
  }

  @Test
  void shouldRefuseAResultThatCannotBeApplied(TestEngine engine) {
    long pi = start(engine);
    ActivatedJob agent = engine.activateOne("evaluation-agent");

    Refusal unknown = Refusal.of(() -> activate(engine, agent, "Task_Unknown"));
    Refusal both =
        Refusal.of(
            () ->
                engine
                    .client()
                    .newCompleteCommand(agent)
                    .withResult(
                        r ->
                            r.forAdHocSubProcess()
                                .activateElement("Task_Price")
                                .completionConditionFulfilled(true))
                    .send()
                    .join());
    Refusal userTaskResult =
        Refusal.of(
            () ->
                engine
                    .client()
                    .newCompleteCommand(agent)
                    .withResult(r -> r.forUserTask().deny(true))
                    .send()
                    .join());

    assertThat(unknown.code()).isEqualTo(400);
    assertThat(unknown.detail()).contains("Task_Unknown");
    assertThat(both.code()).isEqualTo(400);
    assertThat(userTaskResult.code()).isEqualTo(400);
    assertThat(engine.elements(pi))
        .containsExactly(
            "ad-hoc-job-worker=ACTIVE", "StartEvent_1=COMPLETED", "AdHoc_Evaluation=ACTIVE");
  }

  @Test
  void shouldOpenAnIncidentWhenTheJobHasNoRetriesLeft(TestEngine engine) {
    long pi = start(engine);
    ActivatedJob agent = engine.activateOne("evaluation-agent");

    engine.client().newFailCommand(agent).retries(0).errorMessage("模型不可用").send().join();

    List<Incident> incidents = engine.incidents(pi);
    assertThat(incidents)
        .extracting(Incident::getErrorType, Incident::getElementId)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                IncidentErrorType.AD_HOC_SUB_PROCESS_NO_RETRIES, "AdHoc_Evaluation"));
    engine.client().newUpdateRetriesCommand(agent.getKey()).retries(1).send().join();
    engine.client().newResolveIncidentCommand(incidents.get(0).getIncidentKey()).send().join();
    activate(engine, engine.activateOne("evaluation-agent"), "Task_Price");
    assertThat(engine.activateOne("price-review").getElementId()).isEqualTo("Task_Price");
  }
}
