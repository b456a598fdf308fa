package io.civicflow.workers.payment;

import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Releases one tranche of one contract year after a passed evaluation (DOMAIN.md §1 steps 5–8,
 * Kunshan §5.2: payments follow the proportions stated in the contract and are released only on a
 * passed evaluation; §6 "Tranches"). The amount comes from {@link TrancheSchedule}, so the tranches
 * of a year add up to its contract value exactly; the year's budget line is checked before paying
 * (DOMAIN.md §1: "Budget is checked ... before each payment").
 *
 * <p>Idempotent: the payment id is derived from contract, year and tranche ({@link PaymentId}), and
 * the budget check leaves that id's own payment out of what is already committed, so a retried job
 * neither pays twice nor fails its own budget check.
 */
public final class TrancheRelease {

  private static final Logger LOG = LoggerFactory.getLogger(TrancheRelease.class);

  /** What was paid, and everything paid on the contract so far (all contract years). */
  public record Released(PaymentRecord payment, long totalPaidFen) {}

  private final PaymentLedger ledger;

  public TrancheRelease(PaymentLedger ledger) {
    this.ledger = Objects.requireNonNull(ledger, "ledger");
  }

  /**
   * Pays tranche {@code tranche} of contract year {@code contractYear}.
   *
   * @param contractValueFen the value of one contract year
   * @param basisPoints the contract's proportions, e.g. {@code [3000, 4000, 3000]}
   * @param annualBudgetFen the unit's annual service budget
   * @throws BudgetExceededException if the tranche does not fit the year's budget
   */
  public Released release(
      String contractNo,
      int contractYear,
      int tranche,
      long contractValueFen,
      List<Integer> basisPoints,
      long annualBudgetFen) {
    Proposal proposal =
        propose(contractNo, contractYear, tranche, contractValueFen, basisPoints, annualBudgetFen);
    if (!proposal.check().fits()) {
      throw new BudgetExceededException(proposal.paymentId(), proposal.check());
    }
    long amount = proposal.amountFen();
    PaymentRecord paid =
        ledger.pay(
            PaymentInstruction.of(
                contractNo, contractYear, tranche, amount, reason(contractYear, tranche)));
    long total = ledger.totalPaid(contractNo);
    LOG.info(
        "Released {} ({} fen); {} paid {} fen in all", paid.paymentId(), amount, contractNo, total);
    return new Released(paid, total);
  }

  /** A tranche as finance is asked to approve it: its id, amount and the budget check. */
  public record Proposal(String paymentId, long amountFen, BudgetCheckResult check) {}

  /**
   * The tranche's amount and whether it fits the year's budget line beside what this contract
   * number already paid that year (its own payment left out, so a retry fits). Pays nothing.
   */
  public Proposal propose(
      String contractNo,
      int contractYear,
      int tranche,
      long contractValueFen,
      List<Integer> basisPoints,
      long annualBudgetFen) {
    long amount = new TrancheSchedule(contractValueFen, basisPoints).amountFen(tranche);
    String paymentId = new PaymentId(contractNo, contractYear, tranche).value();
    List<Long> committed =
        ledger.paymentsOf(contractNo).stream()
            .filter(p -> p.contractYear() == contractYear)
            .filter(p -> !p.paymentId().equals(paymentId))
            .map(PaymentRecord::amountFen)
            .toList();
    return new Proposal(
        paymentId, amount, BudgetCheck.unitServices(annualBudgetFen).check(committed, amount));
  }

  private static String reason(int contractYear, int tranche) {
    return tranche == 1
        ? "第" + contractYear + "合同年度首期款（签约后拨付）"
        : "第" + contractYear + "合同年度第" + tranche + "期款（评估合格后拨付）";
  }
}
