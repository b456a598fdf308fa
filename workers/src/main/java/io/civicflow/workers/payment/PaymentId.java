package io.civicflow.workers.payment;

import io.civicflow.workers.contract.ContractNumbers;
import java.util.Objects;

/**
 * The deterministic id of one tranche payment, {@code PAY-<contractNo>-Y<contractYear>-T<tranche>},
 * e.g. {@code PAY-KS-2016-ZP-Y1-Y1-T2} for tranche 2 of contract year 1 of contract {@code
 * KS-2016-ZP-Y1}.
 *
 * <p>The id is the idempotency key of {@link PaymentLedger}: a job that is delivered again derives
 * the same id and so cannot pay twice. There is therefore exactly one payment per tranche.
 *
 * @param contractNo the contract number, without whitespace
 * @param contractYear 1 or 2: the contract runs two years, signed one year at a time (DOMAIN.md §1)
 * @param tranche the tranche number within the contract year, starting at 1
 */
public record PaymentId(String contractNo, int contractYear, int tranche) {

  public PaymentId {
    Objects.requireNonNull(contractNo, "contractNo");
    if (contractNo.isBlank() || contractNo.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException(
          "Contract number must be non-blank without whitespace: '" + contractNo + "'");
    }
    if (contractYear < 1 || contractYear > ContractNumbers.CONTRACT_YEARS) {
      throw new IllegalArgumentException(
          "Contract year must be 1 or " + ContractNumbers.CONTRACT_YEARS + ", was " + contractYear);
    }
    if (tranche < 1) {
      throw new IllegalArgumentException("Tranche must be at least 1, was " + tranche);
    }
  }

  /** The id as text, e.g. {@code PAY-KS-2016-ZP-Y1-Y1-T2}. */
  public String value() {
    return "PAY-" + contractNo + "-Y" + contractYear + "-T" + tranche;
  }

  @Override
  public String toString() {
    return value();
  }
}
