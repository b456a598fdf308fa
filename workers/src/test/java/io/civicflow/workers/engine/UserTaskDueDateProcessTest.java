package io.civicflow.workers.engine;

import static io.camunda.process.test.api.CamundaAssert.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.process.test.api.CamundaProcessTestContext;
import io.camunda.process.test.api.assertions.UserTaskSelectors;
import io.civicflow.workers.testing.EmbeddedEngineProcessTest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A user task's due date on the engine clock: moving time past it fires the non-interrupting
 * boundary timer that escalates to the bureau, while the original task stays open.
 */
@EmbeddedEngineProcessTest
class UserTaskDueDateProcessTest {

  @Autowired private CamundaClient client;
  @Autowired private CamundaProcessTestContext processTestContext;

  @BeforeEach
  void deploy() {
    client
        .newDeployResourceCommand()
        .addResourceFromClasspath("bpmn/report-chase.bpmn")
        .send()
        .join();
  }

  @Test
  void passingTheDueDateEscalatesWithoutClosingTheTask() {
    processTestContext.setTime(Instant.parse("2016-11-01T01:00:00Z"));
    ProcessInstanceEvent instance =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("report-chase")
            .latestVersion()
            .variables(java.util.Map.of("reportDueDate", "2016-11-11T09:00:00+08:00"))
            .send()
            .join();

    assertThat(UserTaskSelectors.byElementId("Task_FileReport"))
        .isCreated()
        .hasCandidateGroup("provider")
        .hasDueDate("2016-11-11T01:00:00.000Z");
    processTestContext.increaseTime(Duration.ofDays(9));
    assertThat(instance).hasNotActivatedElements("Task_Escalate");

    processTestContext.increaseTime(Duration.ofDays(2));

    assertThat(instance)
        .hasCompletedElements("Timer_Overdue")
        .hasActiveElements("Task_FileReport", "Task_Escalate");
    assertThat(UserTaskSelectors.byElementId("Task_Escalate"))
        .isCreated()
        .hasCandidateGroup("civil-affairs")
        .hasPriority(90);

    processTestContext.completeUserTask("Task_FileReport");
    processTestContext.completeUserTask("Task_Escalate");
    assertThat(instance).isCompleted().hasCompletedElements("EndEvent_Filed", "EndEvent_Escalated");
  }
}
