package io.civicflow.workers.procurement;

import java.time.LocalDate;
import java.util.List;

/**
 * What the bureau enters when it starts a round, money already in fen (DOMAIN.md §1: the budget,
 * the tranche proportions and the staffing threshold are data of the round, never constants).
 *
 * @param unitCodes the units to procure; empty means all 15 Kunshan units
 * @param trancheSplit the contract's proportions in percent, e.g. {@code 30/40/30}
 * @param signLastDay the last day on which contracts may be signed (Kunshan: 31 August)
 */
public record RoundTerms(
    int roundYear,
    List<String> unitCodes,
    String trancheSplit,
    LocalDate contractStartDate,
    LocalDate signLastDay) {

  public RoundTerms {
    unitCodes = unitCodes == null ? List.of() : List.copyOf(unitCodes);
  }
}
