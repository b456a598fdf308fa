package io.civicflow.engine.bpmn;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.civicflow.engine.testing.EngineExtension;
import io.civicflow.engine.testing.Refusal;
import io.civicflow.engine.testing.TestEngine;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Message intermediate throw and end events run as jobs ({@code zeebe:taskDefinition}). */
@ExtendWith(EngineExtension.class)
class MessageThrowJobTest {

  @Test
  void shouldCreateAJobForAMessageThrowEventAndAMessageEndEvent(TestEngine engine) {
    engine.deploy("message-throw-jobs.bpmn");
    long pi =
        engine.start("message-throw-jobs", Map.of("tenderId", "KS-7")).getProcessInstanceKey();

    ActivatedJob notify = engine.activateOne("notify-provider");
    assertThat(notify.getElementId()).isEqualTo("Throw_NotifyProvider");
    assertThat(notify.getRetries()).isEqualTo(5);
    assertThat(notify.getCustomHeaders()).containsEntry("channel", "短信");
    assertThat(notify.getVariablesAsMap()).containsEntry("tenderId", "KS-7");
    assertThat(engine.activateNow("send-award")).isEmpty();
    engine
        .client()
        .newCompleteCommand(notify.getKey())
        .variables(Map.of("notified", true))
        .send()
        .join();

    ActivatedJob award = engine.activateOne("send-award");
    assertThat(award.getElementId()).isEqualTo("End_Award");
    assertThat(engine.state(pi)).isEqualTo(ProcessInstanceState.ACTIVE);
    engine.client().newCompleteCommand(award.getKey()).send().join();

    assertThat(engine.state(pi)).isEqualTo(ProcessInstanceState.COMPLETED);
    assertThat(engine.variables(pi)).containsEntry("notified", "true");
  }

  @Test
  void shouldRejectAMessageEndEventWithoutAJobTypeAtDeploy(TestEngine engine) {
    Refusal problem = Refusal.of(() -> engine.deploy("message-end-event-without-job.bpmn"));

    assertThat(problem.code()).isEqualTo(400);
    assertThat(problem.detail()).contains("End_NoJob").contains("zeebe:taskDefinition");
  }
}
