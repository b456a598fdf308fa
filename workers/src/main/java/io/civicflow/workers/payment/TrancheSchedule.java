package io.civicflow.workers.payment;

import java.util.ArrayList;
import java.util.List;

/**
 * The amounts of the tranches of one contract year, from the contract value and the proportions
 * stated in the contract (DOMAIN.md §1, §6 "Tranches").
 *
 * <p>Proportions are in basis points (1/100 of a percent), so 30/40/30 is {@code [3000, 4000,
 * 3000]}, and must add up to {@value #WHOLE_BASIS_POINTS}. Rounding: every tranche except the last
 * is rounded down to the fen, and the last tranche takes the remainder, so the amounts always add
 * up to the contract value exactly and any rounding difference (less than one fen per tranche) is
 * paid with the final tranche, after the final evaluation.
 *
 * @param contractValueFen the value of the contract year in fen
 * @param basisPoints the proportion of each tranche, in payment order
 */
public record TrancheSchedule(long contractValueFen, List<Integer> basisPoints) {

  /** 100 % in basis points. */
  public static final int WHOLE_BASIS_POINTS = 10_000;

  public TrancheSchedule {
    if (contractValueFen <= 0) {
      throw new IllegalArgumentException(
          "Contract value must be positive, was " + contractValueFen + " fen");
    }
    basisPoints = List.copyOf(basisPoints);
    if (basisPoints.isEmpty()) {
      throw new IllegalArgumentException("A tranche schedule needs at least one tranche");
    }
    long sum = 0;
    for (int points : basisPoints) {
      if (points <= 0) {
        throw new IllegalArgumentException(
            "Every tranche proportion must be positive, got " + basisPoints);
      }
      sum += points;
    }
    if (sum != WHOLE_BASIS_POINTS) {
      throw new IllegalArgumentException(
          "Tranche proportions must add up to "
              + WHOLE_BASIS_POINTS
              + " basis points, "
              + basisPoints
              + " add up to "
              + sum);
    }
  }

  /** Shorthand for {@code new TrancheSchedule(contractValueFen, List.of(basisPoints))}. */
  public static TrancheSchedule of(long contractValueFen, Integer... basisPoints) {
    return new TrancheSchedule(contractValueFen, List.of(basisPoints));
  }

  /** The number of tranches. */
  public int trancheCount() {
    return basisPoints.size();
  }

  /** The amount of every tranche in fen, in payment order; they add up to the contract value. */
  public List<Long> amountsFen() {
    List<Long> amounts = new ArrayList<>(basisPoints.size());
    long allocated = 0;
    for (int i = 0; i < basisPoints.size() - 1; i++) {
      long amount = Math.multiplyExact(contractValueFen, basisPoints.get(i)) / WHOLE_BASIS_POINTS;
      amounts.add(amount);
      allocated += amount;
    }
    amounts.add(contractValueFen - allocated);
    return List.copyOf(amounts);
  }

  /**
   * The amount of one tranche in fen.
   *
   * @param tranche the tranche number, starting at 1
   */
  public long amountFen(int tranche) {
    if (tranche < 1 || tranche > trancheCount()) {
      throw new IllegalArgumentException(
          "Tranche must be between 1 and " + trancheCount() + ", was " + tranche);
    }
    return amountsFen().get(tranche - 1);
  }
}
