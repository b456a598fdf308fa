package io.civicflow.workers.procurement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class KunshanUnitsTest {

  @Test
  void shouldListFifteenUnitsThreeZonesEightTownsFourUrbanAreas() {
    Map<UnitKind, Long> byKind =
        KunshanUnits.all().stream()
            .collect(Collectors.groupingBy(ProcurementUnit::kind, Collectors.counting()));

    assertThat(KunshanUnits.all()).hasSize(15);
    assertThat(byKind)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(UnitKind.ZONE, 3L, UnitKind.TOWN, 8L, UnitKind.URBAN_AREA, 4L));
  }

  @Test
  void shouldGiveEveryUnitADistinctCodeAndName() {
    assertThat(KunshanUnits.all()).extracting(ProcurementUnit::code).doesNotHaveDuplicates();
    assertThat(KunshanUnits.all()).extracting(ProcurementUnit::name).doesNotHaveDuplicates();
  }

  @Test
  void shouldNameTheUnitsOfThePlan() {
    Map<String, String> names =
        KunshanUnits.all().stream()
            .collect(Collectors.toMap(ProcurementUnit::code, ProcurementUnit::name));

    assertThat(names)
        .containsEntry("ZP", "张浦镇")
        .containsEntry("DSH", "淀山湖镇")
        .containsEntry("HQ", "花桥经济开发区")
        .containsEntry("BL", "柏庐城市管理片区");
  }

  @Test
  void shouldFindAUnitByCode() {
    assertThat(KunshanUnits.byCode("JX")).map(ProcurementUnit::name).contains("锦溪镇");
    assertThat(KunshanUnits.byCode("XX")).isEmpty();
  }

  @Test
  void shouldRejectACodeThatIsNotShortUpperCaseAscii() {
    assertThatThrownBy(() -> new ProcurementUnit("zp", "张浦镇", UnitKind.TOWN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ProcurementUnit("张浦", "张浦镇", UnitKind.TOWN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ProcurementUnit("ZHANGPU", "张浦镇", UnitKind.TOWN))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldKeepTheListUnmodifiable() {
    assertThatThrownBy(() -> KunshanUnits.all().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
