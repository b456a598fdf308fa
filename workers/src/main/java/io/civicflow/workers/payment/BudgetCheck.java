package io.civicflow.workers.payment;

import java.util.Collection;
import java.util.Objects;

/**
 * Checks a new commitment against an annual budget line before award and before each payment
 * (DOMAIN.md §1: "Budget is checked before award and before each payment").
 *
 * <p>The budget is an input taken from the procurement round's data, never a constant: Kunshan
 * started at 800,000 CNY per unit per year and says it will be adjusted, Suzhou gives 1,000,000 per
 * street per year. {@link KunshanDefaults} names the Kunshan 2016 values.
 *
 * @param line which budget line this is
 * @param annualBudgetFen the annual budget of the line in fen
 */
public record BudgetCheck(BudgetLine line, long annualBudgetFen) {

  public BudgetCheck {
    Objects.requireNonNull(line, "line");
    requireNotNegative("annual budget", annualBudgetFen);
  }

  /** The annual service budget of one procurement unit. */
  public static BudgetCheck unitServices(long annualBudgetFen) {
    return new BudgetCheck(BudgetLine.UNIT_SERVICES, annualBudgetFen);
  }

  /** The annual evaluation, supervision and audit pool shared by all units of a round. */
  public static BudgetCheck evaluationPool(long annualBudgetFen) {
    return new BudgetCheck(BudgetLine.EVALUATION_POOL, annualBudgetFen);
  }

  /**
   * Tells whether {@code requestedFen} fits beside {@code committedFen} already committed this
   * year. A commitment that uses the budget up exactly fits.
   */
  public BudgetCheckResult check(long committedFen, long requestedFen) {
    requireNotNegative("committed amount", committedFen);
    requireNotNegative("requested amount", requestedFen);
    long remaining = annualBudgetFen - committedFen;
    long remainingAfter = remaining - requestedFen;
    boolean fits = remainingAfter >= 0;
    return new BudgetCheckResult(
        line,
        annualBudgetFen,
        committedFen,
        requestedFen,
        fits,
        remaining,
        remainingAfter,
        fits ? 0 : -remainingAfter);
  }

  /** Like {@link #check(long, long)}, with the committed amounts given one by one. */
  public BudgetCheckResult check(Collection<Long> committedAmountsFen, long requestedFen) {
    long committed = 0;
    for (long amount : committedAmountsFen) {
      requireNotNegative("committed amount", amount);
      committed = Math.addExact(committed, amount);
    }
    return check(committed, requestedFen);
  }

  private static void requireNotNegative(String what, long fen) {
    if (fen < 0) {
      throw new IllegalArgumentException(what + " must not be negative, was " + fen + " fen");
    }
  }
}
