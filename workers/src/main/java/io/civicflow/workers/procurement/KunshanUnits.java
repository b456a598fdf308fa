package io.civicflow.workers.procurement;

import static io.civicflow.workers.procurement.UnitKind.TOWN;
import static io.civicflow.workers.procurement.UnitKind.URBAN_AREA;
import static io.civicflow.workers.procurement.UnitKind.ZONE;

import java.util.List;
import java.util.Optional;

/**
 * The 15 procurement units of the Kunshan plan (昆政办发〔2016〕125号 §2.1 实施辖区; DOMAIN.md §1), in the
 * plan's order. The ASCII codes are ours: the pinyin initials of the short name.
 */
public final class KunshanUnits {

  private static final List<ProcurementUnit> ALL =
      List.of(
          new ProcurementUnit("KFQ", "昆山开发区", ZONE),
          new ProcurementUnit("GXQ", "昆山高新区", ZONE),
          new ProcurementUnit("HQ", "花桥经济开发区", ZONE),
          new ProcurementUnit("ZP", "张浦镇", TOWN),
          new ProcurementUnit("ZS", "周市镇", TOWN),
          new ProcurementUnit("LJ", "陆家镇", TOWN),
          new ProcurementUnit("BC", "巴城镇", TOWN),
          new ProcurementUnit("QD", "千灯镇", TOWN),
          new ProcurementUnit("DSH", "淀山湖镇", TOWN),
          new ProcurementUnit("ZZ", "周庄镇", TOWN),
          new ProcurementUnit("JX", "锦溪镇", TOWN),
          new ProcurementUnit("BL", "柏庐城市管理片区", URBAN_AREA),
          new ProcurementUnit("TL", "亭林城市管理片区", URBAN_AREA),
          new ProcurementUnit("QY", "青阳城市管理片区", URBAN_AREA),
          new ProcurementUnit("ZC", "震川城市管理片区", URBAN_AREA));

  private KunshanUnits() {}

  /** All units, in the order of the plan. */
  public static List<ProcurementUnit> all() {
    return ALL;
  }

  /** The unit with {@code code}, if any. */
  public static Optional<ProcurementUnit> byCode(String code) {
    return ALL.stream().filter(unit -> unit.code().equals(code)).findFirst();
  }
}
