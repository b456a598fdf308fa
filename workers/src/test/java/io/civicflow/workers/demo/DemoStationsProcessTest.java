package io.civicflow.workers.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.process.test.api.CamundaProcessTestContext;
import io.civicflow.workers.analytics.AnalyticsController;
import io.civicflow.workers.analytics.AnalyticsViews.CaseVolume;
import io.civicflow.workers.analytics.AnalyticsViews.RequestVolume;
import io.civicflow.workers.testing.EmbeddedEngineProcessTest;
import io.civicflow.workers.testing.StationProcesses;
import java.time.Instant;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The stations' demo data, run on the demo's calendar (July 2016), reaches the analyst API: case
 * and request volumes per district (沙溪镇, 城厢镇), because every station record carries its district.
 */
@EmbeddedEngineProcessTest
class DemoStationsProcessTest {

  private static final int DEMO_YEAR = 2016;

  @Autowired private CamundaClient client;
  @Autowired private CamundaProcessTestContext processTest;
  @Autowired private AnalyticsController analytics;

  @Test
  void afterTheDemoDataRunsTheAnalystApiShowsCaseAndRequestVolumesPerDistrict() {
    // Monday 4 July 2016, 09:00 Shanghai: after DemoRound moved the clock to the round's start
    processTest.setTime(Instant.parse("2016-07-04T01:00:00Z"));

    new DemoStations(client).run(null);

    List<CaseVolume> cases =
        Awaitility.await()
            .atMost(StationProcesses.ASSERTION_TIMEOUT)
            .until(
                () -> analytics.cases(DEMO_YEAR),
                found ->
                    found.stream()
                        .filter(v -> v.opened() > 0)
                        .map(CaseVolume::district)
                        .toList()
                        .containsAll(List.of("沙溪镇", "城厢镇")));
    assertThat(cases).extracting(CaseVolume::district).doesNotContain("");
    assertThat(cases).allSatisfy(v -> assertThat(v.year()).isEqualTo(DEMO_YEAR));

    List<RequestVolume> requests =
        Awaitility.await()
            .atMost(StationProcesses.ASSERTION_TIMEOUT)
            .until(
                () -> analytics.requests(DEMO_YEAR),
                found ->
                    found.stream()
                        .filter(v -> v.registered() >= 2)
                        .map(RequestVolume::district)
                        .toList()
                        .containsAll(List.of("沙溪镇", "城厢镇")));
    assertThat(requests).extracting(RequestVolume::district).doesNotContain("");
  }
}
