package io.civicflow.engine.bpmn;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.response.EvaluateDecisionResponse;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.client.api.search.enums.ElementInstanceState;
import io.camunda.client.api.search.enums.IncidentErrorType;
import io.camunda.client.api.search.response.DecisionInstance;
import io.camunda.client.api.search.response.DecisionInstanceState;
import io.camunda.client.api.search.response.ElementInstance;
import io.camunda.client.api.search.response.Incident;
import io.civicflow.engine.testing.EngineExtension;
import io.civicflow.engine.testing.Refusal;
import io.civicflow.engine.testing.TestEngine;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EngineExtension.class)
class DecisionTest {

  private static List<String> completedElements(CamundaClient client, long processInstanceKey) {
    return client
        .newElementInstanceSearchRequest()
        .filter(f -> f.processInstanceKey(processInstanceKey).state(ElementInstanceState.COMPLETED))
        .send()
        .join()
        .items()
        .stream()
        .map(ElementInstance::getElementId)
        .toList();
  }

  private static Incident incident(CamundaClient client, long processInstanceKey) {
    return client
        .newIncidentSearchRequest()
        .filter(f -> f.processInstanceKey(processInstanceKey))
        .send()
        .join()
        .items()
        .get(0);
  }

  @Test
  void shouldDeployAGraphAndVersionItsDecisions(TestEngine engine) {
    DeploymentEvent first = engine.deploy("evaluation-score.dmn");
    DeploymentEvent again = engine.deploy("evaluation-score.dmn");

    assertThat(first.getDecisionRequirements())
        .singleElement()
        .satisfies(
            drg -> {
              assertThat(drg.getDmnDecisionRequirementsId()).isEqualTo("evaluation-score-drg");
              assertThat(drg.getDmnDecisionRequirementsName())
                  .isEqualTo("Evaluation score and grade");
              assertThat(drg.getVersion()).isEqualTo(1);
            });
    assertThat(first.getDecisions())
        .extracting(d -> d.getDmnDecisionId())
        .containsExactly("evaluation-score", "evaluation-result");
    assertThat(again.getDecisions().get(0).getDecisionKey())
        .isEqualTo(first.getDecisions().get(0).getDecisionKey());

    CamundaClient client = engine.client();
    long key = first.getDecisions().get(1).getDecisionKey();
    assertThat(client.newDecisionDefinitionGetRequest(key).send().join().getDmnDecisionName())
        .isEqualTo("Evaluation result");
    assertThat(client.newDecisionDefinitionGetXmlRequest(key).send().join())
        .contains("evaluation-score-drg");
    assertThat(
            client
                .newDecisionDefinitionSearchRequest()
                .filter(f -> f.decisionDefinitionId("evaluation-score"))
                .send()
                .join()
                .items())
        .singleElement()
        .satisfies(d -> assertThat(d.getVersion()).isEqualTo(1));
    assertThat(client.newDecisionRequirementsSearchRequest().send().join().items()).hasSize(1);
  }

  @Test
  void shouldLetTheDecisionTablePickThePath(TestEngine engine) {
    engine.deploy("evaluation-grade.dmn", "business-rule-task-grade.bpmn");
    CamundaClient client = engine.client();

    ProcessInstanceEvent good = engine.start("business-rule-task-grade", Map.of("score", 85));
    ProcessInstanceEvent failed = engine.start("business-rule-task-grade", Map.of("score", 42));

    assertThat(completedElements(client, good.getProcessInstanceKey()))
        .contains("Task_Grade", "EndEvent_Passed");
    assertThat(completedElements(client, failed.getProcessInstanceKey()))
        .contains("EndEvent_Failed");
    assertThat(
            client
                .newVariableSearchRequest()
                .filter(f -> f.processInstanceKey(good.getProcessInstanceKey()).name("grade"))
                .send()
                .join()
                .items()
                .get(0)
                .getValue())
        .isEqualTo("\"良好\"");

    DecisionInstance found =
        client
            .newDecisionInstanceSearchRequest()
            .filter(
                f ->
                    f.processInstanceKey(good.getProcessInstanceKey())
                        .decisionDefinitionId("evaluation-grade"))
            .send()
            .join()
            .items()
            .get(0);
    DecisionInstance instance =
        client.newDecisionInstanceGetRequest(found.getDecisionInstanceId()).send().join();
    assertThat(instance.getState()).isEqualTo(DecisionInstanceState.EVALUATED);
    assertThat(instance.getResult()).isEqualTo("\"良好\"");
    assertThat(instance.getEvaluatedInputs())
        .singleElement()
        .satisfies(
            input -> {
              assertThat(input.getInputId()).isEqualTo("in_score");
              assertThat(input.getInputValue()).isEqualTo("85");
            });
    assertThat(instance.getMatchedRules())
        .singleElement()
        .satisfies(
            rule -> {
              assertThat(rule.getRuleId()).isEqualTo("r2");
              assertThat(rule.getRuleIndex()).isEqualTo(2);
              assertThat(rule.getEvaluatedOutputs().get(0).getOutputValue()).isEqualTo("\"良好\"");
            });
  }

  @Test
  void shouldEvaluateAStandaloneDecisionWithTheDecisionsItRequires(TestEngine engine) {
    engine.deploy("evaluation-score.dmn");

    EvaluateDecisionResponse response =
        engine
            .client()
            .newEvaluateDecisionCommand()
            .decisionId("evaluation-result")
            .variables(Map.of("expertScore", 90, "residentScore", 80))
            .send()
            .join();

    // REST omits it, gRPC sends proto3's empty string
    assertThat(response.getFailureMessage()).isNullOrEmpty();
    assertThat(response.getDecisionOutput()).isEqualTo("{\"renew\":true,\"grade\":\"良好或以上\"}");
    assertThat(response.getEvaluatedDecisions())
        .extracting(d -> d.getDecisionId())
        .containsExactly("evaluation-score", "evaluation-result");
    assertThat(response.getEvaluatedDecisions().get(0).getDecisionOutput()).isEqualTo("86");
    assertThat(
            engine
                .client()
                .newDecisionInstanceSearchRequest()
                .filter(f -> f.decisionInstanceKey(response.getDecisionEvaluationKey()))
                .send()
                .join()
                .items())
        .hasSize(2);
  }

  @Test
  void shouldApplyTheHitPolicies(TestEngine engine) {
    engine.deploy("hit-policies.dmn");
    CamundaClient client = engine.client();

    assertThat(
            client
                .newEvaluateDecisionCommand()
                .decisionId("tranche-total")
                .variables(Map.of("passed", true))
                .send()
                .join()
                .getDecisionOutput())
        .isEqualTo("100");
    assertThat(
            client
                .newEvaluateDecisionCommand()
                .decisionId("checks")
                .variables(Map.of("staff", 4))
                .send()
                .join()
                .getDecisionOutput())
        .isEqualTo("[\"团队人数不足\",\"未达苏州标准\",\"已审查\"]");
    EvaluateDecisionResponse overlap =
        client
            .newEvaluateDecisionCommand()
            .decisionId("overlapping")
            .variables(Map.of("score", 95))
            .send()
            .join();
    assertThat(overlap.getFailureMessage()).isNotBlank();
    assertThat(overlap.getFailedDecisionId()).isEqualTo("overlapping");
  }

  @Test
  void shouldRaiseDecisionEvaluationErrorWhenTheTableFails(TestEngine engine) {
    engine.deploy("hit-policies.dmn", "business-rule-task-overlapping.bpmn");

    ProcessInstanceEvent instance =
        engine.start("business-rule-task-overlapping", Map.of("score", 95));

    Incident incident = incident(engine.client(), instance.getProcessInstanceKey());
    assertThat(incident.getErrorType()).isEqualTo(IncidentErrorType.DECISION_EVALUATION_ERROR);
    assertThat(incident.getErrorMessage())
        .startsWith("Expected to evaluate decision 'overlapping', but");
    assertThat(
            engine
                .client()
                .newDecisionInstanceSearchRequest()
                .filter(f -> f.processInstanceKey(instance.getProcessInstanceKey()))
                .send()
                .join()
                .items())
        .singleElement()
        .satisfies(d -> assertThat(d.getState()).isEqualTo(DecisionInstanceState.FAILED));
  }

  @Test
  void shouldRaiseCalledDecisionErrorForAMissingDecisionAndRetryOnceDeployed(TestEngine engine) {
    engine.deploy("business-rule-task-missing-decision.bpmn");
    ProcessInstanceEvent instance =
        engine.start("business-rule-task-missing-decision", Map.of("score", 95));

    Incident incident = incident(engine.client(), instance.getProcessInstanceKey());
    assertThat(incident.getErrorType()).isEqualTo(IncidentErrorType.CALLED_DECISION_ERROR);
    assertThat(incident.getErrorMessage()).contains("no-such-decision");

    Refusal unknown =
        Refusal.of(
            () ->
                engine
                    .client()
                    .newEvaluateDecisionCommand()
                    .decisionId("no-such-decision")
                    .send()
                    .join());
    assertThat(unknown.code()).isEqualTo(404);
  }

  @Test
  void shouldRunAJobBasedBusinessRuleTask(TestEngine engine) {
    engine.deploy("business-rule-task-job-based.bpmn");
    ProcessInstanceEvent instance = engine.start("business-rule-task-job-based", Map.of());

    var job =
        engine
            .client()
            .newActivateJobsCommand()
            .jobType("rules.check")
            .maxJobsToActivate(1)
            .send()
            .join()
            .getJobs()
            .get(0);
    engine.client().newCompleteCommand(job).send().join();

    assertThat(completedElements(engine.client(), instance.getProcessInstanceKey()))
        .contains("Task_Rules", "EndEvent_1");
  }

  @Test
  void shouldResolveTheCalledDecisionByBindingType(TestEngine engine) {
    engine.deploy("business-rule-task-bindings.bpmn", "tagged-decision-v1.dmn");
    engine.deploy("tagged-decision-v2.dmn");
    engine.deploy("tagged-decision-v1.dmn");

    ProcessInstanceEvent instance = engine.start("business-rule-task-bindings", Map.of());

    Map<String, String> values = new java.util.HashMap<>();
    engine
        .client()
        .newVariableSearchRequest()
        .filter(f -> f.processInstanceKey(instance.getProcessInstanceKey()))
        .send()
        .join()
        .items()
        .forEach(v -> values.put(v.getName(), v.getValue()));
    assertThat(values)
        .containsEntry("latest", "\"v1\"")
        .containsEntry("deployed", "\"v1\"")
        .containsEntry("tagged", "\"v2\"");
    assertThat(
            engine
                .client()
                .newDecisionDefinitionSearchRequest()
                .filter(f -> f.decisionDefinitionId("tagged"))
                .send()
                .join()
                .items())
        .extracting(d -> d.getVersion())
        .containsExactlyInAnyOrder(1, 2, 3);
  }
}
