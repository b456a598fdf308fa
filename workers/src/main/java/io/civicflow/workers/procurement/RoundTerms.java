package io.civicflow.workers.procurement;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * What the bureau enters when it starts a round, money already in fen (DOMAIN.md §1: the budget,
 * the tranche proportions and the staffing threshold are data of the round, never constants).
 *
 * @param cityCode the purchasing city, prefix of project and contract numbers ({@code KS} = 昆山)
 * @param unitCodes the units to procure; empty means all 15 Kunshan units
 * @param trancheSplit the contract's proportions in percent, e.g. {@code 30/40/30}
 * @param signLapsesAt the instant signing lapses (Kunshan "before 31 August": 1 September 00:00)
 */
public record RoundTerms(
    int roundYear,
    String cityCode,
    List<String> unitCodes,
    String trancheSplit,
    LocalDate contractStartDate,
    ZonedDateTime signLapsesAt) {

  public RoundTerms {
    cityCode = cityCode == null || cityCode.isBlank() ? "KS" : cityCode;
    unitCodes = unitCodes == null ? List.of() : List.copyOf(unitCodes);
  }

  /** The last day on which contracts may be signed. */
  public LocalDate signLastDay() {
    return signLapsesAt.minusNanos(1).toLocalDate();
  }
}
