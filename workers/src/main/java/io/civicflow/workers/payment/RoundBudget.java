package io.civicflow.workers.payment;

import java.util.Objects;

/**
 * The budget check of a procurement round before any unit is tendered (DOMAIN.md §1: "Budget is
 * checked before award and before each payment"; Kunshan §5.1: 800,000 CNY per unit per year from
 * the welfare-lottery fund, plus 400,000 CNY per year for evaluation, supervision and audit). One
 * contract year of a unit must fit its unit's annual service budget.
 */
public final class RoundBudget {

  /** The answer: whether the round can go ahead, and the check that says so. */
  public record Result(boolean budgetFits, BudgetCheckResult budgetCheck) {}

  /**
   * @param contractValueFen the value of one contract year of one unit
   * @param annualBudgetPerUnitFen the annual service budget of one unit
   * @param unitCount how many units the round procures (each has its own budget line)
   * @param evaluationPoolFen the annual evaluation pool shared by all units; must be positive
   */
  public Result check(
      long contractValueFen, long annualBudgetPerUnitFen, int unitCount, long evaluationPoolFen) {
    if (unitCount < 1) {
      throw new IllegalArgumentException("A round needs at least one unit, has " + unitCount);
    }
    if (evaluationPoolFen <= 0) {
      throw new IllegalArgumentException(
          "The evaluation pool must be positive (Kunshan §5.1), was " + evaluationPoolFen + " fen");
    }
    BudgetCheckResult result =
        BudgetCheck.unitServices(annualBudgetPerUnitFen).check(0, contractValueFen);
    return new Result(Objects.requireNonNull(result).fits(), result);
  }
}
