package io.civicflow.workers.engine;

import static io.camunda.process.test.api.CamundaAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.client.api.search.response.Form;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.process.test.api.CamundaProcessTestContext;
import io.camunda.process.test.api.assertions.UserTaskSelectors;
import io.civicflow.workers.testing.EmbeddedEngineProcessTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Camunda user tasks on the embedded engine as Camunda Process Test sees them: the task's
 * assignment, schedule and priority, its linked form, and completing it from the test.
 */
@EmbeddedEngineProcessTest
class UserTaskProcessTest {

  @Autowired private CamundaClient client;
  @Autowired private CamundaProcessTestContext processTestContext;

  @BeforeEach
  void deploy() {
    client
        .newDeployResourceCommand()
        .addResourceFromClasspath("bpmn/report-review.bpmn")
        .addResourceFromClasspath("bpmn/report-review.form")
        .send()
        .join();
  }

  private ProcessInstanceEvent fileReport() {
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId("report-review")
        .latestVersion()
        .variables(Map.of("reviewer", "zhang.wei", "reviewDueDate", "2025-09-01T08:00:00+08:00"))
        .send()
        .join();
  }

  @Test
  void theReviewTaskCarriesAssigneeCandidatesDueDateAndPriority() {
    ProcessInstanceEvent instance = fileReport();

    assertThat(UserTaskSelectors.byElementId("Task_ReviewReport"))
        .isCreated()
        .hasName("Review the operating report")
        .hasAssignee("zhang.wei")
        .hasCandidateGroup("district-office")
        .hasCandidateGroups(java.util.List.of("district-office", "civil-affairs-bureau"))
        .hasDueDate("2025-09-01T00:00:00.000Z")
        .hasPriority(70)
        .hasProcessInstanceKey(instance.getProcessInstanceKey());
  }

  @Test
  void completingTheTaskWithVariablesTakesTheAcceptedPath() {
    ProcessInstanceEvent instance = fileReport();

    processTestContext.completeUserTask(
        "Task_ReviewReport", Map.of("accepted", true, "remarks", "按时报送"));

    assertThat(UserTaskSelectors.byElementId("Task_ReviewReport")).isCompleted();
    assertThat(instance)
        .isCompleted()
        .hasCompletedElementsInOrder(
            "StartEvent_ReportFiled", "Task_ReviewReport", "Gateway_Accepted", "EndEvent_Accepted")
        .hasNotActivatedElements("EndEvent_Rejected")
        .hasVariable("accepted", true)
        .hasVariable("remarks", "按时报送");
  }

  @Test
  void theTaskServesTheFormDeployedWithTheProcess() {
    ProcessInstanceEvent instance = fileReport();
    assertThat(instance).hasActiveElements("Task_ReviewReport");

    UserTask task =
        client
            .newUserTaskSearchRequest()
            .filter(f -> f.processInstanceKey(instance.getProcessInstanceKey()))
            .send()
            .join()
            .items()
            .get(0);
    Form form = client.newUserTaskGetFormRequest(task.getUserTaskKey()).send().join();

    assertThat(form.getFormId()).isEqualTo("report-review");
    assertThat(form.getFormKey()).isEqualTo(task.getFormKey());
    assertThat(form.getSchema().toString()).contains("审查意见");
  }
}
