package io.civicflow.workers.procurement;

/**
 * A procurement unit as the round's process sees it: one element of {@code units}, the collection
 * the unit procurements run over in parallel (DOMAIN.md §1: one contract per unit).
 *
 * @param projectNo the correlation key of the unit's procurement, {@code <city>CG-<year>-<code>},
 *     e.g. {@code KSCG-2016-ZP} (采购 = CG)
 */
public record RoundUnit(String code, String name, UnitKind kind, String projectNo) {

  static RoundUnit of(ProcurementUnit unit, String cityCode, int roundYear) {
    return new RoundUnit(
        unit.code(), unit.name(), unit.kind(), cityCode + "CG-" + roundYear + "-" + unit.code());
  }
}
