package io.civicflow.workers.payment;

import java.util.Objects;

/**
 * An instruction to pay one tranche of one contract year.
 *
 * @param paymentId the idempotency key; must equal {@code new PaymentId(contractNo, contractYear,
 *     tranche).value()}, use {@link #of} to derive it
 * @param contractNo the contract paid
 * @param contractYear 1 or 2
 * @param tranche the tranche number within the contract year, starting at 1
 * @param amountFen the amount in fen, positive
 * @param reason why the tranche is released, for the record (e.g. "中期评估合格"); not part of the
 *     payment's identity
 */
public record PaymentInstruction(
    String paymentId,
    String contractNo,
    int contractYear,
    int tranche,
    long amountFen,
    String reason) {

  public PaymentInstruction {
    Objects.requireNonNull(paymentId, "paymentId");
    Objects.requireNonNull(reason, "reason");
    String expected = new PaymentId(contractNo, contractYear, tranche).value();
    if (!expected.equals(paymentId)) {
      throw new IllegalArgumentException(
          "Payment id '"
              + paymentId
              + "' does not match its contract, year and tranche; expected '"
              + expected
              + "'");
    }
    if (amountFen <= 0) {
      throw new IllegalArgumentException(
          "Payment " + paymentId + ": amount must be positive, was " + amountFen + " fen");
    }
  }

  /** An instruction whose payment id is derived from contract, year and tranche. */
  public static PaymentInstruction of(
      String contractNo, int contractYear, int tranche, long amountFen, String reason) {
    String paymentId = new PaymentId(contractNo, contractYear, tranche).value();
    return new PaymentInstruction(paymentId, contractNo, contractYear, tranche, amountFen, reason);
  }
}
