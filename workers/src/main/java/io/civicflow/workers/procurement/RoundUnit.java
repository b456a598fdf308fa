package io.civicflow.workers.procurement;

/**
 * A procurement unit as the round's process sees it: one element of {@code units}, the collection
 * the unit procurements run over in parallel (DOMAIN.md §1: one contract per unit).
 *
 * @param projectNo the correlation key of the unit's procurement, {@code KSCG-<year>-<code>}
 */
public record RoundUnit(String code, String name, UnitKind kind, String projectNo) {

  static RoundUnit of(ProcurementUnit unit, int roundYear) {
    return new RoundUnit(
        unit.code(), unit.name(), unit.kind(), "KSCG-" + roundYear + "-" + unit.code());
  }
}
