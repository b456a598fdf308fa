package io.civicflow.workers.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.civicflow.workers.stations.StationDirectory;
import io.civicflow.workers.stations.StationProperties.Station;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every case and service-request record gets the district of its station (or community). */
class StationRecordDistrictsTest {

  private static final Instant NOW = Instant.parse("2025-03-03T01:00:00Z");

  private final StationDirectory stations =
      new StationDirectory(
          Map.of(
              "shaxi",
              new Station("沙溪镇社工站", "沙溪镇", Map.of("worker1", List.of("印溪社区", "岳王社区"))),
              "liuhe",
              new Station("浏河镇社工站", "浏河镇", null)));

  @Test
  void aCaseStepWithoutStationTakesTheDistrictOfTheCaseOpenedAtItsStation() {
    CaseRecords cases = StationRecordDistricts.of(InMemoryRecords.cases(), stations);
    cases.record(
        new CaseEntry(
            "case:C1:OPENED", "C1", "", "", "liuhe", "", CaseStep.OPENED, "", "", NOW, ""));
    cases.record(
        new CaseEntry("case:C1:CLOSED", "C1", "", "", "", "", CaseStep.CLOSED, "", "", NOW, ""));

    assertThat(cases.historyOf("C1"))
        .extracting(CaseEntry::district, CaseEntry::station)
        .containsOnly(org.assertj.core.groups.Tuple.tuple("浏河镇", "liuhe"));
  }

  @Test
  void aRequestIsCountedInTheDistrictOfItsCommunityAndItsLapsesWithIt() {
    ServiceRequestRecords requests =
        StationRecordDistricts.of(InMemoryRecords.serviceRequests(), stations);
    requests.record(
        new ServiceRequestEntry(
            "request:O1:REGISTERED",
            "O1",
            "",
            "岳王社区",
            "DISABLED",
            false,
            ServiceRequestEvent.REGISTERED,
            "",
            "",
            NOW,
            "",
            null));
    requests.record(
        new ServiceRequestEntry(
            "request:O1:ACCEPTANCE_LAPSED:7",
            "O1",
            "",
            "",
            "",
            false,
            ServiceRequestEvent.ACCEPTANCE_LAPSED,
            "",
            "shaxi",
            NOW.plusSeconds(60),
            "",
            null));

    assertThat(requests.historyOf("O1"))
        .extracting(ServiceRequestEntry::district, ServiceRequestEntry::community)
        .containsOnly(org.assertj.core.groups.Tuple.tuple("沙溪镇", "岳王社区"));
  }

  @Test
  void aWorkerCoveringFourCommunitiesIsRefusedAtStart() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                new StationDirectory(
                    Map.of(
                        "shaxi",
                        new Station(
                            "沙溪镇社工站",
                            "沙溪镇",
                            Map.of("worker1", List.of("印溪社区", "岳王社区", "涂松村", "沙南社区"))))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must cover 2 or 3 communities");
  }
}
