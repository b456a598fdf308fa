package io.civicflow.engine.bpmn;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.ActivatedJob;
import io.civicflow.engine.testing.EngineExtension;
import io.civicflow.engine.testing.TestEngine;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EngineExtension.class)
class VariableTest {

  @Test
  void shouldMapInputsLocallyEvaluateFeelJobPropertiesAndMapOutputsIntoNestedTargets(
      TestEngine engine) {
    engine.deploy("io-mappings-and-scopes.bpmn");
    long pi =
        engine
            .start(
                "io-mappings-and-scopes",
                Map.of(
                    "area",
                    "payments",
                    "retryCount",
                    5,
                    "contract",
                    Map.of("value", 800000),
                    "bonus",
                    1))
            .getProcessInstanceKey();

    ActivatedJob job = engine.activateOne("mapped.payments");
    assertThat(job.getRetries()).isEqualTo(5);
    assertThat(job.getVariablesAsMap())
        .containsEntry("amount", 800000)
        .containsEntry("doubled", 1600000)
        .containsEntry("report", Map.of("kind", "fixed"));

    engine
        .client()
        .newCompleteCommand(job.getKey())
        .variables(Map.of("result", "paid", "amount", 1))
        .send()
        .join();

    Map<String, String> root = engine.variables(pi);
    assertThat(root).containsEntry("contract", "{\"value\":800000,\"outcome\":\"paid\"}");
    assertThat(root)
        .as("local input targets and unmapped job variables stay in the task")
        .doesNotContainKeys("amount", "doubled", "result");

    engine
        .client()
        .newCompleteCommand(engine.activateOne("plain").getKey())
        .variables(Map.of("bonus", 2, "note", "ok"))
        .send()
        .join();
    assertThat(engine.variables(pi))
        .containsEntry("bonus", "2")
        .containsEntry("note", "\"ok\"")
        .containsEntry("total", "800002");
  }

  @Test
  void shouldSetVariablesLocallyOrByPropagation(TestEngine engine) {
    engine.deploy("single-service-task.bpmn");
    long pi = engine.start("single-service-task", Map.of("x", 1)).getProcessInstanceKey();
    ActivatedJob job = engine.activateOne("work");

    engine
        .client()
        .newSetVariablesCommand(job.getElementInstanceKey())
        .variables(Map.of("local", true))
        .local(true)
        .send()
        .join();
    engine
        .client()
        .newSetVariablesCommand(job.getElementInstanceKey())
        .variables(Map.of("x", 2, "y", 3))
        .local(false)
        .send()
        .join();

    assertThat(engine.variables(pi))
        .containsEntry("x", "2")
        .containsEntry("y", "3")
        .doesNotContainKey("local");
    var local =
        engine
            .client()
            .newVariableSearchRequest()
            .filter(f -> f.scopeKey(job.getElementInstanceKey()))
            .send()
            .join()
            .items();
    assertThat(local)
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.getName()).isEqualTo("local");
              assertThat(v.isTruncated()).isFalse();
            });
  }
}
