package io.civicflow.workers.procurement;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.civicflow.workers.calendar.ProcessTime;
import io.civicflow.workers.payment.Money;
import java.math.BigDecimal;
import java.util.List;
import org.springframework.stereotype.Component;

/** {@code procurement.prepare-round}: the units, money in fen and calendar of a round. */
@Component
public class RoundWorker {

  static final long DEFAULT_ANNUAL_BUDGET_YUAN = 800_000;
  static final long DEFAULT_EVALUATION_POOL_YUAN = 400_000;
  static final long DEFAULT_OPEN_TENDER_THRESHOLD_YUAN = 1_000_000;

  private final RoundPlanning planning;

  public RoundWorker(RoundPlanning planning) {
    this.planning = planning;
  }

  /** The start form's data; amounts in yuan. */
  public record Input(
      int roundYear,
      String roundName,
      String cityCode,
      BigDecimal annualBudgetPerUnitYuan,
      BigDecimal contractValueYuan,
      BigDecimal evaluationPoolYuan,
      BigDecimal openTenderThresholdYuan,
      String trancheSplit,
      List<String> unitCodes,
      String contractStartDate,
      String signDeadline,
      Integer minimumFullTimeMembers,
      Integer minimumProfessionalPercent,
      BigDecimal availableFundsYuan,
      String now) {}

  /** The plan, amounts in fen. */
  public record Output(
      List<RoundUnit> units,
      long annualBudgetPerUnitFen,
      long contractValueFen,
      long evaluationPoolFen,
      long openTenderThresholdFen,
      List<Integer> trancheBasisPoints,
      String contractStartDate,
      int contractYears,
      String needsSurveyDeadline,
      String needsBookDeadline,
      String signDeadline,
      String signReminderDate,
      int minimumFullTimeMembers,
      int minimumProfessionalPercent,
      Long availableFundsFen) {}

  @JobWorker(type = "procurement.prepare-round")
  public Output prepare(@VariablesAsType Input input) {
    long annualBudgetFen = Money.fenOf(input.annualBudgetPerUnitYuan(), DEFAULT_ANNUAL_BUDGET_YUAN);
    long contractValueFen =
        input.contractValueYuan() == null
            ? annualBudgetFen
            : Money.fenOf(input.contractValueYuan());
    RoundPlan plan =
        planning.plan(
            new RoundTerms(
                input.roundYear(),
                input.cityCode(),
                input.unitCodes(),
                input.trancheSplit(),
                RoundPlanning.date(input.contractStartDate()),
                RoundPlanning.signLapsesAt(input.signDeadline())),
            ProcessTime.parse(input.now()));
    StaffingRequirements staffing = StaffingRequirements.KUNSHAN_2016;
    return new Output(
        plan.units(),
        annualBudgetFen,
        contractValueFen,
        Money.fenOf(input.evaluationPoolYuan(), DEFAULT_EVALUATION_POOL_YUAN),
        Money.fenOf(input.openTenderThresholdYuan(), DEFAULT_OPEN_TENDER_THRESHOLD_YUAN),
        plan.trancheBasisPoints(),
        plan.contractStartDate(),
        plan.contractYears(),
        plan.needsSurveyDeadline(),
        plan.needsBookDeadline(),
        plan.signDeadline(),
        plan.signReminderDate(),
        orDefault(input.minimumFullTimeMembers(), staffing.minimumFullTimeMembers()),
        orDefault(input.minimumProfessionalPercent(), staffing.minimumProfessionalPercent()),
        input.availableFundsYuan() == null ? null : Money.fenOf(input.availableFundsYuan()));
  }

  public record FundsInput(
      long contractValueFen,
      long annualBudgetPerUnitFen,
      List<RoundUnit> units,
      long evaluationPoolFen,
      Long availableFundsFen) {}

  /** {@code procurement.check-round-funds}: the round's money before any unit is tendered. */
  @JobWorker(type = "procurement.check-round-funds")
  public RoundFunds.Check checkFunds(@VariablesAsType FundsInput input) {
    return RoundFunds.check(
        input.contractValueFen(),
        input.annualBudgetPerUnitFen(),
        input.units() == null ? 0 : input.units().size(),
        input.evaluationPoolFen(),
        input.availableFundsFen());
  }

  /** The budget-shortfall form's answer; amounts in yuan. */
  public record ResolutionInput(
      RoundFunds.Resolution budgetResolution,
      List<RoundUnit> units,
      long annualBudgetPerUnitFen,
      long contractValueFen,
      Long availableFundsFen,
      BigDecimal additionalFundsYuan,
      List<String> retainedUnitCodes,
      BigDecimal annualBudgetPerUnitYuan) {}

  /**
   * {@code procurement.apply-budget-resolution}: applies the official's answer to a shortfall, so
   * the re-check sees it.
   */
  @JobWorker(type = "procurement.apply-budget-resolution")
  public RoundFunds.Resolved applyResolution(@VariablesAsType ResolutionInput input) {
    return RoundFunds.apply(
        input.budgetResolution(),
        input.units() == null ? List.of() : input.units(),
        input.annualBudgetPerUnitFen(),
        input.contractValueFen(),
        input.availableFundsFen(),
        input.additionalFundsYuan() == null ? null : Money.fenOf(input.additionalFundsYuan()),
        input.retainedUnitCodes(),
        input.budgetResolution() == RoundFunds.Resolution.ADJUST_UNIT_BUDGET
                && input.annualBudgetPerUnitYuan() != null
            ? Money.fenOf(input.annualBudgetPerUnitYuan())
            : null);
  }

  private static int orDefault(Integer value, int fallback) {
    return value == null ? fallback : value;
  }
}
