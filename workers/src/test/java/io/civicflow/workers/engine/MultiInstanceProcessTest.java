package io.civicflow.workers.engine;

import static io.camunda.process.test.api.CamundaAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.client.api.search.enums.ElementInstanceType;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.ProcessInstance;
import io.camunda.process.test.api.CamundaProcessTestContext;
import io.civicflow.workers.testing.EmbeddedEngineProcessTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Multi-instance activities on the embedded engine, driven by Camunda Process Test: a procurement
 * round that awards one contract per procurement unit through a parallel multi-instance call
 * activity (the 15 Kunshan units, DOMAIN.md §1), and a sequential screening of ranked bidders that
 * stops at the first qualified one.
 */
@EmbeddedEngineProcessTest
class MultiInstanceProcessTest {

  /** Kunshan's 15 procurement units: 3 zones, 8 towns, 4 urban areas (DOMAIN.md §1). */
  static final List<String> KUNSHAN_UNITS =
      List.of(
          "昆山开发区", "高新区", "花桥", "张浦", "周市", "陆家", "巴城", "千灯", "淀山湖", "周庄", "锦溪", "柏庐", "亭林", "青阳",
          "震川");

  @Autowired private CamundaClient client;
  @Autowired private CamundaProcessTestContext processTest;

  private void deploy(String... fixtures) {
    var command = client.newDeployResourceCommand();
    io.camunda.client.api.command.DeployResourceCommandStep1.DeployResourceCommandStep2 step = null;
    for (String fixture : fixtures) {
      byte[] bytes = fixture(fixture);
      step =
          step == null
              ? command.addResourceBytes(bytes, fixture)
              : step.addResourceBytes(bytes, fixture);
    }
    step.send().join();
  }

  private static byte[] fixture(String name) {
    try (InputStream in = MultiInstanceProcessTest.class.getResourceAsStream("/bpmn/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void aRoundAwardsOneContractPerUnitAndCollectsThemInUnitOrder() {
    deploy("procurement-round-units.bpmn", "procurement-unit-award.bpmn");
    ProcessInstanceEvent round =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("procurement-round-units")
            .latestVersion()
            .variables(Map.of("units", KUNSHAN_UNITS))
            .send()
            .join();
    // every unit's child process waits for its contract; sign them one job at a time, in any order
    for (int i = 0; i < KUNSHAN_UNITS.size(); i++) {
      processTest.completeJob("test.sign-unit-contract", Map.of("signed", true));
    }

    List<Map<String, Object>> expected = new ArrayList<>();
    for (String unit : KUNSHAN_UNITS) {
      Map<String, Object> award = new LinkedHashMap<>();
      award.put("unit", unit);
      award.put("contractNumber", "KS-2016-" + unit);
      award.put("signed", true);
      expected.add(award);
    }
    assertThat(round)
        .isCompleted()
        // ordered by start: the body, then its 15 call activities, so each pair is checked on its
        // own
        .hasCompletedElementsInOrder("StartEvent_RoundOpened", "CallActivity_AwardUnit")
        .hasCompletedElementsInOrder("CallActivity_AwardUnit", "EndEvent_RoundAwarded")
        .hasVariable("unitAwards", expected);

    List<ProcessInstance> unitInstances =
        client
            .newProcessInstanceSearchRequest()
            .filter(f -> f.parentProcessInstanceKey(round.getProcessInstanceKey()))
            .page(p -> p.limit(100))
            .send()
            .join()
            .items();
    assertThat(unitInstances)
        .hasSize(15)
        .allSatisfy(
            unit -> {
              assertThat(unit.getProcessDefinitionId()).isEqualTo("procurement-unit-award");
              assertThat(unit.getState()).isEqualTo(ProcessInstanceState.COMPLETED);
            });
    var callActivities =
        client
            .newElementInstanceSearchRequest()
            .filter(
                f ->
                    f.processInstanceKey(round.getProcessInstanceKey())
                        .elementId("CallActivity_AwardUnit"))
            .page(p -> p.limit(100))
            .send()
            .join()
            .items();
    assertThat(callActivities)
        .filteredOn(e -> e.getType() == ElementInstanceType.MULTI_INSTANCE_BODY)
        .hasSize(1);
    assertThat(callActivities)
        .filteredOn(e -> e.getType() == ElementInstanceType.CALL_ACTIVITY)
        .hasSize(15);
  }

  @Test
  void aSequentialScreeningStopsAtTheFirstQualifiedBidder() {
    deploy("bidder-screening-until-qualified.bpmn");
    ProcessInstanceEvent screening =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("bidder-screening-until-qualified")
            .latestVersion()
            .variables(Map.of("bidders", List.of("昆山市启航社工事务所", "昆山市阳光社工服务社", "昆山市和谐社会工作服务中心")))
            .send()
            .join();
    // sequential: the second bidder's job exists only once the first is screened
    processTest.completeJob("test.screen-bidder", Map.of("qualified", false));
    processTest.completeJob("test.screen-bidder", Map.of("qualified", true));

    List<Boolean> screenings = new ArrayList<>();
    screenings.add(false);
    screenings.add(true);
    screenings.add(null);
    assertThat(screening)
        .isCompleted()
        .hasCompletedElementsInOrder("StartEvent_BidsRanked", "Task_ScreenBidder")
        .hasCompletedElementsInOrder(
            "Task_ScreenBidder", "Gateway_AnyQualified", "EndEvent_BidderSelected")
        .hasNotActivatedElements("EndEvent_NoQualifiedBidder")
        .hasVariable("screenings", screenings);

    var screened =
        client
            .newElementInstanceSearchRequest()
            .filter(
                f ->
                    f.processInstanceKey(screening.getProcessInstanceKey())
                        .elementId("Task_ScreenBidder")
                        .type(ElementInstanceType.SERVICE_TASK))
            .send()
            .join()
            .items();
    assertThat(screened).hasSize(2); // the third bidder was never screened
  }
}
