package io.civicflow.workers.payment;

/**
 * The answer of a {@link BudgetCheck}. All amounts are in fen. Every value is a record component so
 * that a worker can return the result as process variables unchanged.
 *
 * @param line the budget line checked
 * @param annualBudgetFen the annual budget of the line
 * @param committedFen what was already committed against it
 * @param requestedFen the new commitment asked for
 * @param fits whether the new commitment fits in what remains
 * @param remainingFen the budget left before the new commitment; negative if the line is already
 *     over-committed
 * @param remainingAfterFen the budget left once the new commitment is made; negative when it does
 *     not fit
 * @param shortfallFen how much is missing for the new commitment; 0 when it fits
 */
public record BudgetCheckResult(
    BudgetLine line,
    long annualBudgetFen,
    long committedFen,
    long requestedFen,
    boolean fits,
    long remainingFen,
    long remainingAfterFen,
    long shortfallFen) {}
