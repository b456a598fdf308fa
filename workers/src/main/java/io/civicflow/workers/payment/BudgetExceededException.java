package io.civicflow.workers.payment;

/**
 * A tranche does not fit the year's budget line. Not a BPMN error: no model path handles it, an
 * official must add funds or correct the contract data, so it surfaces as an incident.
 */
public final class BudgetExceededException extends IllegalStateException {

  private final transient BudgetCheckResult check;

  public BudgetExceededException(String paymentId, BudgetCheckResult check) {
    super(
        "Payment "
            + paymentId
            + " of "
            + check.requestedFen()
            + " fen does not fit the "
            + check.line().label()
            + ": "
            + check.committedFen()
            + " of "
            + check.annualBudgetFen()
            + " fen already paid this contract year, short by "
            + check.shortfallFen()
            + " fen");
    this.check = check;
  }

  public BudgetCheckResult check() {
    return check;
  }
}
