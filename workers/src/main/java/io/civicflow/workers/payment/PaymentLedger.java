package io.civicflow.workers.payment;

import java.util.List;

/**
 * The record of tranche payments: the port through which workers release money.
 *
 * <p><b>Every call is idempotent by payment id.</b> Jobs are delivered at least once, so the same
 * payment worker may run twice for one tranche; paying an id that is already recorded returns the
 * recorded payment and pays nothing. Re-sending an id with a different contract, year, tranche or
 * amount is not a retry but a bug and throws {@link ConflictingPaymentException}.
 *
 * <p>Payments are never deleted: procurement records are kept at least 15 years (DOMAIN.md §6).
 * Implementations must be safe for concurrent use.
 */
public interface PaymentLedger {

  /**
   * Records the payment, or returns the payment already recorded under its id.
   *
   * @throws ConflictingPaymentException if the id is recorded with a different instruction
   */
  PaymentRecord pay(PaymentInstruction instruction);

  /** The payments of one contract, ordered by contract year and tranche; empty if none. */
  List<PaymentRecord> paymentsOf(String contractNo);

  /** The sum of the payments of one contract in fen; 0 if none. */
  long totalPaid(String contractNo);
}
