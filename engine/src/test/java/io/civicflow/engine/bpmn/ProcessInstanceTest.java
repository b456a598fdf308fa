package io.civicflow.engine.bpmn;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.ProcessInstanceResult;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.civicflow.engine.testing.EngineExtension;
import io.civicflow.engine.testing.Refusal;
import io.civicflow.engine.testing.TestEngine;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EngineExtension.class)
class ProcessInstanceTest {

  @Test
  void shouldCreateByIdAndVersionAndByKey(TestEngine engine) {
    long v1 =
        engine.deploy("single-service-task.bpmn").getProcesses().get(0).getProcessDefinitionKey();
    String changed =
        new String(TestEngine.fixture("single-service-task.bpmn"), StandardCharsets.UTF_8)
            .replace("name=\"Work\"", "name=\"Work v2\"");
    engine
        .client()
        .newDeployResourceCommand()
        .addResourceString(changed, StandardCharsets.UTF_8, "v2.bpmn")
        .send()
        .join();

    var latest =
        engine
            .client()
            .newCreateInstanceCommand()
            .bpmnProcessId("single-service-task")
            .latestVersion()
            .send()
            .join();
    var first =
        engine
            .client()
            .newCreateInstanceCommand()
            .bpmnProcessId("single-service-task")
            .version(1)
            .send()
            .join();
    var byKey = engine.client().newCreateInstanceCommand().processDefinitionKey(v1).send().join();

    assertThat(latest.getVersion()).isEqualTo(2);
    assertThat(first.getVersion()).isEqualTo(1);
    assertThat(first.getProcessDefinitionKey()).isEqualTo(v1);
    assertThat(byKey.getProcessDefinitionKey()).isEqualTo(v1);

    Refusal missing =
        Refusal.of(
            () ->
                engine
                    .client()
                    .newCreateInstanceCommand()
                    .bpmnProcessId("no-such-process")
                    .latestVersion()
                    .send()
                    .join());
    assertThat(missing.code()).isEqualTo(404);
  }

  @Test
  void shouldAwaitCompletionAndFetchTheNamedVariables(TestEngine engine) {
    engine.deploy("straight-through.bpmn");
    ProcessInstanceResult result =
        engine
            .client()
            .newCreateInstanceCommand()
            .bpmnProcessId("straight-through")
            .latestVersion()
            .variables(Map.of("a", 2, "b", 3))
            .withResult()
            .fetchVariables("sum")
            .send()
            .join();

    assertThat(result.getVariablesAsMap()).isEqualTo(Map.of("sum", 5));
  }

  @Test
  void shouldAnswer504WhenTheInstanceDoesNotCompleteInTime(TestEngine engine) {
    engine.deploy("single-service-task.bpmn");
    Refusal problem =
        Refusal.of(
            () ->
                engine
                    .client()
                    .newCreateInstanceCommand()
                    .bpmnProcessId("single-service-task")
                    .latestVersion()
                    .withResult()
                    .requestTimeout(Duration.ofMillis(500))
                    .send()
                    .join());

    assertThat(problem.code()).isEqualTo(504);
    assertThat(problem.title()).isEqualTo("DEADLINE_EXCEEDED");
  }

  @Test
  void shouldCancelAnInstanceWithItsJobsAndIncidents(TestEngine engine) {
    engine.deploy("parallel-fork-join.bpmn");
    long pi = engine.start("parallel-fork-join", Map.of()).getProcessInstanceKey();
    engine.client().newFailCommand(engine.activateOne("a").getKey()).retries(0).send().join();

    engine.client().newCancelInstanceCommand(pi).send().join();

    assertThat(engine.state(pi)).isEqualTo(ProcessInstanceState.TERMINATED);
    assertThat(engine.elements(pi))
        .contains("Task_A=TERMINATED", "Task_B=TERMINATED", "parallel-fork-join=TERMINATED");
    assertThat(engine.activateNow("b")).isEmpty();
    assertThat(engine.incidents(pi))
        .allSatisfy(i -> assertThat(i.getState().name()).isEqualTo("RESOLVED"));

    Refusal again = Refusal.of(() -> engine.client().newCancelInstanceCommand(pi).send().join());
    assertThat(again.code()).isEqualTo(404);
  }

  @Test
  void shouldListElementInstancesInTheOrderTheyHappened(TestEngine engine) {
    engine.deploy("service-task-with-gateway.bpmn");
    long pi = engine.start("service-task-with-gateway", Map.of()).getProcessInstanceKey();
    engine
        .client()
        .newCompleteCommand(engine.activateOne("check").getKey())
        .variables(Map.of("score", 99))
        .send()
        .join();

    assertThat(engine.elements(pi))
        .containsExactly(
            "service-task-with-gateway=COMPLETED",
            "StartEvent_1=COMPLETED",
            "Task_Check=COMPLETED",
            "Gateway_Ok=COMPLETED",
            "End_Approved=COMPLETED");
    var processInstance = engine.client().newProcessInstanceGetRequest(pi).send().join();
    assertThat(processInstance.getProcessDefinitionName()).isEqualTo("Service task with gateway");
    assertThat(processInstance.getEndDate()).isNotNull();
  }

  @Test
  void shouldReportAHealthyTopology(TestEngine engine) {
    var topology = engine.client().newTopologyRequest().send().join();
    assertThat(topology.getBrokers())
        .singleElement()
        .satisfies(
            b ->
                assertThat(b.getPartitions())
                    .singleElement()
                    .satisfies(p -> assertThat(p.getHealth().name()).isEqualTo("HEALTHY")));
    assertThat(topology.getGatewayVersion()).isEqualTo("8.8.14");
  }
}
