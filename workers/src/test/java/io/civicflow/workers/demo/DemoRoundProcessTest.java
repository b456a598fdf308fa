package io.civicflow.workers.demo;

import static io.camunda.process.test.api.CamundaAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.response.ProcessInstance;
import io.camunda.process.test.api.assertions.ProcessInstanceSelectors;
import io.camunda.process.test.api.assertions.UserTaskSelectors;
import io.civicflow.workers.testing.EmbeddedEngineProcessTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * The demo's first run: the engine clock goes to 1 July 2016 09:00 Shanghai and the Kunshan 2016
 * round starts there, so its needs survey is due in July 2016, not in today's calendar.
 */
@EmbeddedEngineProcessTest
class DemoRoundProcessTest {

  @Autowired private CamundaClient client;

  @Value("${management.server.port}")
  private int managementPort;

  @Test
  void theFirstRunStartsTheKunshan2016RoundOnTheRoundsOwnCalendar() {
    DemoRound demo =
        new DemoRound(
            client,
            "2016-07-01T09:00:00+08:00",
            "http://127.0.0.1:" + managementPort + "/actuator/clock",
            "",
            "");

    demo.run(null);

    List<ProcessInstance> rounds =
        client
            .newProcessInstanceSearchRequest()
            .filter(f -> f.processDefinitionId(DemoRound.PROCESS_ID))
            .send()
            .join()
            .items();
    assertThat(rounds).hasSize(1);
    assertThat(ProcessInstanceSelectors.byKey(rounds.get(0).getProcessInstanceKey()))
        .hasActiveElements("Task_NeedsSurvey")
        .hasVariable("signDeadline", "2016-09-01T00:00:00+08:00");
    // 10 working days from Friday 1 July 2016
    assertThat(UserTaskSelectors.byElementId("Task_NeedsSurvey"))
        .hasDueDate("2016-07-15T09:00:00.000Z");

    // a second start finds the round and starts none
    demo.run(null);
    assertThat(
            client
                .newProcessInstanceSearchRequest()
                .filter(f -> f.processDefinitionId(DemoRound.PROCESS_ID))
                .send()
                .join()
                .items())
        .hasSize(1);
  }
}
