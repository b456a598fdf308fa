package io.civicflow.workers.payment;

/**
 * The money figures of the Kunshan 2016 round (DOMAIN.md §1). 昆政办发〔2016〕125号 §5.1 reads:
 *
 * <p>“实施初期每年每个辖区80万元。此外，每年安排40万元用于所有项目的评估、督导和审计。”
 *
 * <p>They are the figures at the start of the programme and the plan says they will be adjusted, so
 * use them to seed a round's data or a demo, never as rules.
 */
public final class KunshanDefaults {

  /** The year of the first Kunshan round. */
  public static final int ROUND_YEAR = 2016;

  /** 800,000 CNY per procurement unit per year. */
  public static final long UNIT_ANNUAL_BUDGET_FEN = 80_000_000L;

  /** 400,000 CNY per year for evaluation, supervision and audit across all units. */
  public static final long EVALUATION_POOL_ANNUAL_FEN = 40_000_000L;

  private KunshanDefaults() {}

  /** A budget check of one unit's year at the Kunshan 2016 figure. */
  public static BudgetCheck unitServices() {
    return BudgetCheck.unitServices(UNIT_ANNUAL_BUDGET_FEN);
  }

  /** A budget check of the evaluation pool at the Kunshan 2016 figure. */
  public static BudgetCheck evaluationPool() {
    return BudgetCheck.evaluationPool(EVALUATION_POOL_ANNUAL_FEN);
  }
}
