package io.civicflow.workers.payment;

import java.time.Instant;
import java.util.Objects;

/**
 * A payment the ledger has recorded.
 *
 * @param paidAt when the ledger recorded the payment, from the ledger's clock
 */
public record PaymentRecord(
    String paymentId,
    String contractNo,
    int contractYear,
    int tranche,
    long amountFen,
    String reason,
    Instant paidAt) {

  public PaymentRecord {
    Objects.requireNonNull(paymentId, "paymentId");
    Objects.requireNonNull(contractNo, "contractNo");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(paidAt, "paidAt");
  }

  /** Records {@code instruction} as paid at {@code paidAt}. */
  public static PaymentRecord of(PaymentInstruction instruction, Instant paidAt) {
    return new PaymentRecord(
        instruction.paymentId(),
        instruction.contractNo(),
        instruction.contractYear(),
        instruction.tranche(),
        instruction.amountFen(),
        instruction.reason(),
        paidAt);
  }

  /**
   * Tells whether {@code instruction} asks for this very payment: same id, contract, year, tranche
   * and amount. The reason is descriptive and not compared.
   */
  public boolean isSamePaymentAs(PaymentInstruction instruction) {
    return paymentId.equals(instruction.paymentId())
        && contractNo.equals(instruction.contractNo())
        && contractYear == instruction.contractYear()
        && tranche == instruction.tranche()
        && amountFen == instruction.amountFen();
  }
}
