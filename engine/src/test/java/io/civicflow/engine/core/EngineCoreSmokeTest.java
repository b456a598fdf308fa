package io.civicflow.engine.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.civicflow.engine.Engine;
import io.civicflow.engine.EngineConfig;
import io.civicflow.engine.api.Commands.ActivateJobs;
import io.civicflow.engine.api.Commands.CompleteJob;
import io.civicflow.engine.api.Commands.CreateProcessInstance;
import io.civicflow.engine.api.Commands.Deploy;
import io.civicflow.engine.api.Commands.DeployResource;
import io.civicflow.engine.api.Results.ActivatedJob;
import io.civicflow.engine.query.Records.ElementInstanceRecord;
import io.civicflow.engine.query.Records.ProcessInstanceState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Drives the core directly (no HTTP): the shortest path that shows the partition works. */
class EngineCoreSmokeTest {

  @Test
  void shouldRunServiceTaskAndGatewayToTheEnd() throws Exception {
    try (Engine engine = Engine.start(EngineConfig.inMemory())) {
      byte[] bpmn =
          Files.readAllBytes(
              Path.of(getClass().getResource("/bpmn/service-task-with-gateway.bpmn").toURI()));
      var deployment =
          engine.deploy(new Deploy(List.of(new DeployResource("a.bpmn", bpmn)), null)).get();
      assertThat(deployment.resources()).hasSize(1);

      var created =
          engine
              .createProcessInstance(
                  new CreateProcessInstance(
                      "service-task-with-gateway",
                      null,
                      null,
                      Map.of("applicant", "x"),
                      List.of(),
                      List.of(),
                      false,
                      List.of(),
                      0,
                      null))
              .get();

      List<ActivatedJob> jobs =
          engine
              .activateJobs(new ActivateJobs("check", "w", 60_000, 10, List.of(), 2_000, List.of()))
              .get();
      assertThat(jobs).hasSize(1);
      assertThat(jobs.get(0).variables()).containsEntry("applicant", "x");
      assertThat(jobs.get(0).customHeaders()).containsEntry("area", "test");

      engine.completeJob(new CompleteJob(jobs.get(0).jobKey(), Map.of("score", 75))).get();

      assertThat(
              engine
                  .readModel()
                  .processInstance(created.processInstanceKey())
                  .orElseThrow()
                  .state())
          .isEqualTo(ProcessInstanceState.COMPLETED);
      assertThat(engine.readModel().elementInstancesOf(created.processInstanceKey()))
          .extracting(ElementInstanceRecord::elementId)
          .containsExactly(
              "service-task-with-gateway",
              "StartEvent_1",
              "Task_Check",
              "Gateway_Ok",
              "End_Approved");
    }
  }
}
