package io.civicflow.workers.contract;

import io.civicflow.workers.payment.PaymentLedger;
import java.util.Objects;

/**
 * Closes a contract after its final evaluation (DOMAIN.md §1 step 8, "the payments of a unit add up
 * to its contract value exactly"): everything paid on the contract must equal the value of one
 * contract year times the contract years, to the fen. A difference is a bookkeeping fault an
 * official must resolve, so it is refused with an exception (an incident), never passed over.
 */
public final class ContractClosing {

  private final PaymentLedger ledger;

  public ContractClosing(PaymentLedger ledger) {
    this.ledger = Objects.requireNonNull(ledger, "ledger");
  }

  /**
   * @return the total paid, in fen
   * @throws IllegalStateException if it differs from {@code contractValueFen × contractYears}
   */
  public long close(String contractNo, long contractValueFen, int contractYears) {
    long expected = Math.multiplyExact(contractValueFen, contractYears);
    long paid = ledger.totalPaid(contractNo);
    if (paid != expected) {
      throw new IllegalStateException(
          "Contract "
              + contractNo
              + " cannot close: paid "
              + paid
              + " fen, the contract is worth "
              + expected
              + " fen over "
              + contractYears
              + " years; payments: "
              + ledger.paymentsOf(contractNo));
    }
    return paid;
  }
}
