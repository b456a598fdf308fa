package io.civicflow.workers.payment;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import java.util.List;
import org.springframework.stereotype.Component;

/** {@code payment.check-round-budget} and {@code payment.release-tranche}. */
@Component
public class PaymentWorker {

  private final RoundBudget roundBudget;
  private final TrancheRelease release;

  public PaymentWorker(RoundBudget roundBudget, TrancheRelease release) {
    this.roundBudget = roundBudget;
    this.release = release;
  }

  /** Only the size of {@code units} matters here. */
  public record BudgetInput(
      long contractValueFen,
      long annualBudgetPerUnitFen,
      List<Object> units,
      long evaluationPoolFen) {}

  @JobWorker(type = "payment.check-round-budget")
  public RoundBudget.Result checkRoundBudget(@VariablesAsType BudgetInput input) {
    return roundBudget.check(
        input.contractValueFen(),
        input.annualBudgetPerUnitFen(),
        input.units() == null ? 0 : input.units().size(),
        input.evaluationPoolFen());
  }

  public record TrancheInput(
      String contractNo,
      int contractYear,
      int tranche,
      long contractValueFen,
      List<Integer> trancheBasisPoints,
      long annualBudgetPerUnitFen,
      String now) {}

  /** The payment as the process keeps it. */
  public record LastPayment(String paymentId, int contractYear, int tranche, long amountFen) {}

  public record TrancheOutput(LastPayment lastPayment, long totalPaidFen) {}

  /** Pays the tranche; a retried job finds the payment already recorded and pays nothing. */
  @JobWorker(type = "payment.release-tranche")
  public TrancheOutput releaseTranche(@VariablesAsType TrancheInput input) {
    TrancheRelease.Released released =
        release.release(
            input.contractNo(),
            input.contractYear(),
            input.tranche(),
            input.contractValueFen(),
            input.trancheBasisPoints(),
            input.annualBudgetPerUnitFen());
    PaymentRecord paid = released.payment();
    return new TrancheOutput(
        new LastPayment(paid.paymentId(), paid.contractYear(), paid.tranche(), paid.amountFen()),
        released.totalPaidFen());
  }
}
