package io.civicflow.engine.bpmn;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.response.Process;
import io.civicflow.engine.testing.EngineExtension;
import io.civicflow.engine.testing.Refusal;
import io.civicflow.engine.testing.TestEngine;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EngineExtension.class)
class DeploymentTest {

  @Test
  void shouldKeepTheVersionForIdenticalContentAndBumpItForChangedContent(TestEngine engine) {
    Process first = engine.deploy("service-task-with-gateway.bpmn").getProcesses().get(0);
    Process again = engine.deploy("service-task-with-gateway.bpmn").getProcesses().get(0);
    String changed =
        new String(TestEngine.fixture("service-task-with-gateway.bpmn"), StandardCharsets.UTF_8)
            .replace("name=\"Check\"", "name=\"Check again\"");
    Process second =
        engine
            .client()
            .newDeployResourceCommand()
            .addResourceString(changed, StandardCharsets.UTF_8, "changed.bpmn")
            .send()
            .join()
            .getProcesses()
            .get(0);

    assertThat(first.getVersion()).isEqualTo(1);
    assertThat(again.getVersion()).isEqualTo(1);
    assertThat(again.getProcessDefinitionKey()).isEqualTo(first.getProcessDefinitionKey());
    assertThat(second.getVersion()).isEqualTo(2);
    assertThat(second.getProcessDefinitionKey()).isNotEqualTo(first.getProcessDefinitionKey());
  }

  @Test
  void shouldRejectAnUnsupportedElementNamingItsIdAndType(TestEngine engine) {
    Refusal problem = Refusal.of(() -> engine.deploy("complex-gateway.bpmn"));

    assertThat(problem.code()).isEqualTo(400);
    assertThat(problem.title()).isEqualTo("INVALID_ARGUMENT");
    assertThat(problem.detail())
        .contains("complex-gateway.bpmn")
        .contains("Gateway_Complex")
        .contains("complexGateway");
  }

  @Test
  void shouldRejectAConditionWithAFeelSyntaxErrorNamingTheFlow(TestEngine engine) {
    Refusal problem = Refusal.of(() -> engine.deploy("condition-with-feel-syntax-error.bpmn"));

    assertThat(problem.code()).isEqualTo(400);
    assertThat(problem.detail()).contains("Flow_Broken").contains("FEEL");
  }

  @Test
  void shouldDeployNothingWhenOneResourceOfADeploymentIsInvalid(TestEngine engine) {
    Refusal.of(() -> engine.deploy("service-task-with-gateway.bpmn", "complex-gateway.bpmn"));

    DeploymentEvent valid = engine.deploy("service-task-with-gateway.bpmn");
    assertThat(valid.getProcesses().get(0).getVersion()).isEqualTo(1);
  }

  @Test
  void shouldRejectAnInvalidDmnNamingTheCause(TestEngine engine) {
    String dmn =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\" id=\"d\" name=\"d\" namespace=\"n\">"
            + "<decision id=\"grade\" name=\"grade\"><documentation>not a DMN element</documentation>"
            + "<literalExpression id=\"e\"><text>1</text></literalExpression></decision></definitions>";

    Refusal problem =
        Refusal.of(
            () ->
                engine
                    .client()
                    .newDeployResourceCommand()
                    .addResourceString(dmn, StandardCharsets.UTF_8, "grade.dmn")
                    .send()
                    .join());

    assertThat(problem.code()).isEqualTo(400);
    assertThat(problem.detail()).contains("grade.dmn").contains("documentation");
  }

  /**
   * Zeebe limits a deployment by its size (4 MB), not by how many resources it has: an application
   * that deploys all its models and forms at start sends them in one request. Tomcat's default
   * (Spring Boot's {@code server.tomcat.max-part-count}, 50 parts) refused such a deployment with
   * "Failed to parse multipart servlet request".
   */
  @Test
  void shouldAcceptADeploymentWithMoreThanFiftyResources(TestEngine engine) {
    var command =
        engine
            .client()
            .newDeployResourceCommand()
            .addResourceBytes(
                TestEngine.fixture("service-task-with-gateway.bpmn"),
                "service-task-with-gateway.bpmn");
    for (int i = 1; i <= 60; i++) {
      String form =
          "{\"id\":\"many-form-"
              + i
              + "\",\"type\":\"default\",\"schemaVersion\":19,\"components\":[]}";
      command = command.addResourceString(form, StandardCharsets.UTF_8, "many-form-" + i + ".form");
    }

    DeploymentEvent deployment = command.send().join();

    assertThat(deployment.getProcesses()).hasSize(1);
    assertThat(deployment.getForm()).hasSize(60);
  }
}
