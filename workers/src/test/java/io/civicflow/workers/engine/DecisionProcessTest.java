package io.civicflow.workers.engine;

import static io.camunda.process.test.api.CamundaAssert.assertThat;
import static io.camunda.process.test.api.CamundaAssert.assertThatDecision;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.process.test.api.CamundaProcessTestContext;
import io.camunda.process.test.api.assertions.DecisionSelectors;
import io.civicflow.workers.testing.EmbeddedEngineProcessTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * DMN on the embedded engine under Camunda Process Test: the evaluation-grade table (DOMAIN.md §6,
 * Shenzhen 2021 bands) choosing the path after an evaluation, and a decision mocked by the test.
 */
@EmbeddedEngineProcessTest
class DecisionProcessTest {

  @Autowired private CamundaClient client;
  @Autowired private CamundaProcessTestContext processTestContext;

  @ParameterizedTest(name = "score {0} is {1}")
  @CsvSource({
    "95, 优秀, 1, EndEvent_Renewed",
    "85, 良好, 2, EndEvent_Renewed",
    "60, 合格, 3, EndEvent_RenewedWithRectification",
    "59, 不合格, 4, EndEvent_Terminated"
  })
  void theGradeTablePicksThePath(int score, String grade, int rule, String end) {
    client
        .newDeployResourceCommand()
        .addResourceFromClasspath("bpmn/evaluation-grade.dmn")
        .addResourceFromClasspath("bpmn/evaluation-grading.bpmn")
        .send()
        .join();

    ProcessInstanceEvent instance =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("evaluation-grading")
            .latestVersion()
            .variables(Map.of("score", score))
            .send()
            .join();

    assertThat(instance)
        .isCompleted()
        .hasCompletedElements("Task_GradeEvaluation", end)
        .hasVariable("grade", grade);
    assertThatDecision(DecisionSelectors.byId("evaluation-grade", instance.getProcessInstanceKey()))
        .isEvaluated()
        .hasOutput(grade)
        .hasMatchedRules(rule);
  }

  @Test
  void aMockedDecisionAnswersTheBusinessRuleTask() {
    client
        .newDeployResourceCommand()
        .addResourceFromClasspath("bpmn/provider-rating.bpmn")
        .send()
        .join();
    processTestContext.mockDmnDecision(
        "provider-rating-rules", Map.of("rating", "A", "renew", true));

    ProcessInstanceEvent instance =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("provider-rating")
            .latestVersion()
            .send()
            .join();

    assertThat(instance).isCompleted().hasVariable("rating", Map.of("rating", "A", "renew", true));
    assertThatDecision(DecisionSelectors.byId("provider-rating-rules"))
        .isEvaluated()
        .hasOutput(Map.of("rating", "A", "renew", true));
  }
}
