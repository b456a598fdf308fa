package io.civicflow.workers.contract;

import io.civicflow.workers.payment.TrancheSchedule;
import io.civicflow.workers.procurement.RankedBid;
import java.util.List;

/**
 * Prepares the year-1 contract of a unit with its winner (DOMAIN.md §1 step 3: one contract per
 * unit, signed one year at a time): the derived contract number ({@link ContractNumbers}, so a
 * retry derives the same) and the provider, after checking that the tranche proportions make a
 * valid payment plan for the contract value.
 */
public final class ContractPreparation {

  /** The contract's identity and its provider. */
  public record PreparedContract(String contractNo, String providerOrgId, String providerName) {}

  private ContractPreparation() {}

  /**
   * @param cityCode the purchasing city; absent means Kunshan ({@code KS})
   */
  public static PreparedContract prepare(
      String cityCode,
      int roundYear,
      String unitCode,
      RankedBid winner,
      long contractValueFen,
      List<Integer> trancheBasisPoints) {
    if (winner == null) {
      throw new IllegalArgumentException("No winner to sign the contract with");
    }
    new TrancheSchedule(contractValueFen, trancheBasisPoints);
    return new PreparedContract(
        ContractNumbers.contractNo(
            cityCode == null || cityCode.isBlank() ? ContractNumbers.KUNSHAN : cityCode,
            roundYear,
            unitCode,
            1),
        winner.bidderId(),
        winner.bidderName());
  }
}
