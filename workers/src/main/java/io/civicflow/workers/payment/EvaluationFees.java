package io.civicflow.workers.payment;

import java.util.List;
import java.util.Objects;

/**
 * Pays the third-party evaluator's engagement for one evaluation from the evaluation, supervision
 * and audit pool (Kunshan §5.1: 每年安排40万元用于所有项目的评估、督导和审计; DOMAIN.md §1).
 *
 * <p>Booked in the {@link PaymentLedger} on the account {@code EVAL-<contractNo>}, contract year =
 * the evaluated year, tranche 1 = mid-term, 2 = annual or final, so a retried job pays once and the
 * ledger shows what each contract's evaluations cost. <b>Decided where the plan is silent:</b> each
 * unit may draw an equal share of the pool per year (pool ÷ units), the agreed fee per evaluation
 * is {@code evaluationFeeFen} or, unset, half that share (two evaluations a year); a fee above the
 * share is refused as an incident, because the fee is contract data an official must correct.
 */
public final class EvaluationFees {

  /** The prefix of the ledger account of a contract's evaluations. */
  public static final String ACCOUNT_PREFIX = "EVAL-";

  private final PaymentLedger ledger;

  public EvaluationFees(PaymentLedger ledger) {
    this.ledger = Objects.requireNonNull(ledger, "ledger");
  }

  /** The ledger account of the evaluations of {@code contractNo}. */
  public static String account(String contractNo) {
    return ACCOUNT_PREFIX + contractNo;
  }

  /**
   * @param kind MIDTERM, ANNUAL or FINAL
   * @param feeFen the agreed fee, or null for half the unit's share of the pool
   * @param poolFen the round's annual evaluation pool
   * @param units how many units share the pool
   */
  public PaymentRecord pay(
      String contractNo, int year, String kind, Long feeFen, long poolFen, int units) {
    long shareFen = poolFen / Math.max(1, units);
    long fee = feeFen == null ? shareFen / 2 : feeFen;
    int tranche = "MIDTERM".equals(kind) ? 1 : 2;
    String account = account(contractNo);
    PaymentInstruction instruction =
        PaymentInstruction.of(
            account, year, tranche, fee, "第" + year + "合同年度" + label(kind) + "评估第三方评估机构费用（评估经费）");
    List<Long> committed =
        ledger.paymentsOf(account).stream()
            .filter(p -> p.contractYear() == year)
            .filter(p -> !p.paymentId().equals(instruction.paymentId()))
            .map(PaymentRecord::amountFen)
            .toList();
    BudgetCheckResult check = BudgetCheck.evaluationPool(shareFen).check(committed, fee);
    if (!check.fits()) {
      throw new BudgetExceededException(instruction.paymentId(), check);
    }
    return ledger.pay(instruction);
  }

  private static String label(String kind) {
    return switch (kind) {
      case "MIDTERM" -> "中期";
      case "ANNUAL" -> "年度";
      case "FINAL" -> "终期";
      default -> kind;
    };
  }
}
