package io.civicflow.workers.procurement;

import java.util.List;
import java.util.Set;

/**
 * Whether a round's money is there before any unit is tendered (DOMAIN.md §1: "Budget is checked
 * before award"; Kunshan §5.1: each unit's annual service budget plus the annual evaluation,
 * supervision and audit pool, from the welfare-lottery fund), and what the official's answer to a
 * shortfall changes. The check is the answer's re-check: once the answer is applied, the round goes
 * on, stops (postponed), or shows the shortfall that is still left.
 */
public final class RoundFunds {

  private RoundFunds() {}

  /**
   * The check. All amounts in fen.
   *
   * @param availableFundsFen the year's welfare-lottery funds for the round; null when the start
   *     form gave none (then only each unit's contract value is checked against its budget)
   * @param requiredFundsFen one year of every unit's budget plus the evaluation pool
   * @param shortfallFen what is missing; 0 when the round fits
   */
  public record Check(
      boolean budgetFits,
      long requiredFundsFen,
      Long availableFundsFen,
      long shortfallFen,
      String shortfallReason) {}

  public static Check check(
      long contractValueFen,
      long annualBudgetPerUnitFen,
      int unitCount,
      long evaluationPoolFen,
      Long availableFundsFen) {
    if (unitCount < 1) {
      throw new IllegalArgumentException("A round needs at least one unit, has " + unitCount);
    }
    long required =
        Math.addExact(Math.multiplyExact(annualBudgetPerUnitFen, unitCount), evaluationPoolFen);
    if (contractValueFen > annualBudgetPerUnitFen) {
      long missing = Math.multiplyExact(contractValueFen - annualBudgetPerUnitFen, unitCount);
      return new Check(
          false,
          required,
          availableFundsFen,
          missing,
          "每单元合同金额"
              + AwardPublication.yuan(contractValueFen)
              + "元超过单元年度预算"
              + AwardPublication.yuan(annualBudgetPerUnitFen)
              + "元");
    }
    if (availableFundsFen != null && availableFundsFen < required) {
      return new Check(
          false,
          required,
          availableFundsFen,
          required - availableFundsFen,
          unitCount
              + "个采购单元年度经费与评估经费合计"
              + AwardPublication.yuan(required)
              + "元，可用资金"
              + AwardPublication.yuan(availableFundsFen)
              + "元");
    }
    return new Check(true, required, availableFundsFen, 0, null);
  }

  /** The official's answer on the budget-shortfall form. */
  public enum Resolution {
    /** 追加资金: the available funds grow by the approved amount. */
    ADD_FUNDS,
    /** 减少本轮采购单元: the units not kept move to a later round. */
    REDUCE_UNITS,
    /** 调整每个采购单元的年度服务经费: a new unit budget, the planned contract value no higher. */
    ADJUST_UNIT_BUDGET,
    /** 推迟本轮采购: the round stops here. */
    POSTPONE
  }

  /** The round's money and units after an answer. */
  public record Resolved(
      List<RoundUnit> units,
      long annualBudgetPerUnitFen,
      long contractValueFen,
      Long availableFundsFen,
      boolean roundPostponed) {}

  /**
   * @param additionalFundsFen for {@link Resolution#ADD_FUNDS}
   * @param retainedUnitCodes for {@link Resolution#REDUCE_UNITS}
   * @param newUnitBudgetFen for {@link Resolution#ADJUST_UNIT_BUDGET}
   */
  public static Resolved apply(
      Resolution resolution,
      List<RoundUnit> units,
      long annualBudgetPerUnitFen,
      long contractValueFen,
      Long availableFundsFen,
      Long additionalFundsFen,
      List<String> retainedUnitCodes,
      Long newUnitBudgetFen) {
    if (resolution == null) {
      throw new IllegalArgumentException("The budget-shortfall form gave no budgetResolution");
    }
    return switch (resolution) {
      case ADD_FUNDS -> {
        if (additionalFundsFen == null || additionalFundsFen <= 0) {
          throw new IllegalArgumentException("追加资金须大于0");
        }
        long base = availableFundsFen == null ? 0 : availableFundsFen;
        yield new Resolved(
            units,
            annualBudgetPerUnitFen,
            contractValueFen,
            Math.addExact(base, additionalFundsFen),
            false);
      }
      case REDUCE_UNITS -> {
        Set<String> kept = Set.copyOf(retainedUnitCodes == null ? List.of() : retainedUnitCodes);
        List<RoundUnit> remaining = units.stream().filter(u -> kept.contains(u.code())).toList();
        if (remaining.isEmpty()) {
          throw new IllegalArgumentException("至少保留一个采购单元；不采购请选择推迟本轮采购");
        }
        yield new Resolved(
            remaining, annualBudgetPerUnitFen, contractValueFen, availableFundsFen, false);
      }
      case ADJUST_UNIT_BUDGET -> {
        if (newUnitBudgetFen == null || newUnitBudgetFen <= 0) {
          throw new IllegalArgumentException("调整后的单元年度经费须大于0");
        }
        yield new Resolved(
            units,
            newUnitBudgetFen,
            Math.min(contractValueFen, newUnitBudgetFen),
            availableFundsFen,
            false);
      }
      case POSTPONE ->
          new Resolved(units, annualBudgetPerUnitFen, contractValueFen, availableFundsFen, true);
    };
  }
}
