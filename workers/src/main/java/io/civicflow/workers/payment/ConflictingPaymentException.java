package io.civicflow.workers.payment;

/**
 * A payment id was sent again with a different contract, year, tranche or amount. A retry repeats
 * the same instruction, so this is a bug in the caller, not a retry: it must surface as an
 * incident, never be mapped to a BPMN error.
 */
public final class ConflictingPaymentException extends IllegalStateException {

  private final PaymentRecord recorded;
  private final PaymentInstruction rejected;

  public ConflictingPaymentException(PaymentRecord recorded, PaymentInstruction rejected) {
    super(
        "Payment "
            + recorded.paymentId()
            + " was already recorded for contract "
            + recorded.contractNo()
            + " year "
            + recorded.contractYear()
            + " tranche "
            + recorded.tranche()
            + " with "
            + recorded.amountFen()
            + " fen; refusing a different instruction for contract "
            + rejected.contractNo()
            + " year "
            + rejected.contractYear()
            + " tranche "
            + rejected.tranche()
            + " with "
            + rejected.amountFen()
            + " fen");
    this.recorded = recorded;
    this.rejected = rejected;
  }

  public PaymentRecord recorded() {
    return recorded;
  }

  public PaymentInstruction rejected() {
    return rejected;
  }
}
