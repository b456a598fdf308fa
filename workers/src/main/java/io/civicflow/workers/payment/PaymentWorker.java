package io.civicflow.workers.payment;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.CamundaError;
import io.civicflow.workers.camunda.CompletedTasks;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * {@code payment.check-round-budget}, and the jobs of {@code tranche-payment}: {@code
 * payment.prepare-tranche}, {@code payment.check-approver}, {@code payment.release-tranche}; and
 * {@code payment.pay-evaluation-fee} of {@code third-party-evaluation}.
 */
@Component
public class PaymentWorker {

  /** The element id of the finance officer's approval in {@code tranche-payment}. */
  static final String APPROVAL_TASK = "Task_ApproveTranche";

  private final RoundBudget roundBudget;
  private final TrancheRelease release;
  private final EvaluationFees evaluationFees;
  private final CompletedTasks completedTasks;

  public PaymentWorker(
      RoundBudget roundBudget,
      TrancheRelease release,
      EvaluationFees evaluationFees,
      CompletedTasks completedTasks) {
    this.roundBudget = roundBudget;
    this.release = release;
    this.evaluationFees = evaluationFees;
    this.completedTasks = completedTasks;
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

  /**
   * One tranche of one contract year. {@code contractValueFen} is the awarded annual price; {@code
   * budgetFen} the unit's annual budget line ({@code annualBudgetPerUnitFen} when absent).
   */
  public record TrancheInput(
      String contractNo,
      int contractYear,
      int tranche,
      long contractValueFen,
      List<Integer> trancheBasisPoints,
      Long budgetFen,
      Long annualBudgetPerUnitFen,
      String now) {

    long budget() {
      if (budgetFen != null) {
        return budgetFen;
      }
      if (annualBudgetPerUnitFen != null) {
        return annualBudgetPerUnitFen;
      }
      throw new IllegalArgumentException("The tranche has no 'budgetFen' to check against");
    }
  }

  /** What the finance officer is asked to approve, and whether the budget line can carry it. */
  public record PreparedTranche(
      String paymentId, long trancheAmountFen, long budgetShortfallFen, long budgetRemainingFen) {}

  @JobWorker(type = "payment.prepare-tranche")
  public PreparedTranche prepareTranche(@VariablesAsType TrancheInput input) {
    TrancheRelease.Proposal proposal =
        release.propose(
            input.contractNo(),
            input.contractYear(),
            input.tranche(),
            input.contractValueFen(),
            input.trancheBasisPoints(),
            input.budget());
    return new PreparedTranche(
        proposal.paymentId(),
        proposal.amountFen(),
        proposal.check().shortfallFen(),
        proposal.check().remainingFen());
  }

  public record ApprovalInput(String evaluationConfirmedBy) {}

  public record Approver(String trancheApprovedBy) {}

  /**
   * Separation of duties: the finance officer who approved the tranche (the assignee of the
   * completed approval task) must be known and must not be the official who confirmed the
   * evaluation result that releases it. Otherwise the BPMN error {@code SEPARATION_OF_DUTIES} sends
   * the approval back to finance for another officer.
   */
  @JobWorker(type = "payment.check-approver")
  public Approver checkApprover(ActivatedJob job, @VariablesAsType ApprovalInput input) {
    Optional<String> approver =
        completedTasks.assigneeOf(job.getProcessInstanceKey(), APPROVAL_TASK);
    if (approver.isEmpty()) {
      throw CamundaError.bpmnError(
          "SEPARATION_OF_DUTIES",
          "拨款审批未指定经办人，无法核对职责分离",
          Map.of("approvalRefusedReason", "拨款审批须由具体的财务人员认领后办理"));
    }
    if (approver.get().equals(input.evaluationConfirmedBy())) {
      throw CamundaError.bpmnError(
          "SEPARATION_OF_DUTIES",
          approver.get() + " confirmed the evaluation result and may not approve its payment",
          Map.of("approvalRefusedReason", "确认评估结果的人员（" + approver.get() + "）不得审批该笔拨款，须由其他财务人员审批"));
    }
    return new Approver(approver.get());
  }

  /** The payment as the process keeps it. */
  public record LastPayment(String paymentId, int contractYear, int tranche, long amountFen) {}

  public record TrancheOutput(LastPayment lastPayment, long paidOnContractFen) {}

  /**
   * Pays the approved tranche; a retried job finds the payment already recorded and pays nothing. A
   * tranche that no longer fits the budget line becomes the BPMN error {@code BUDGET_SHORTFALL} (a
   * finance task), not an incident.
   */
  @JobWorker(type = "payment.release-tranche")
  public TrancheOutput releaseTranche(@VariablesAsType TrancheInput input) {
    TrancheRelease.Released released;
    try {
      released =
          release.release(
              input.contractNo(),
              input.contractYear(),
              input.tranche(),
              input.contractValueFen(),
              input.trancheBasisPoints(),
              input.budget());
    } catch (BudgetExceededException e) {
      throw CamundaError.bpmnError(
          "BUDGET_SHORTFALL",
          e.getMessage(),
          Map.of("budgetShortfallFen", e.check().shortfallFen()));
    }
    PaymentRecord paid = released.payment();
    return new TrancheOutput(
        new LastPayment(paid.paymentId(), paid.contractYear(), paid.tranche(), paid.amountFen()),
        released.totalPaidFen());
  }

  /**
   * The evaluator's engagement for one evaluation, from the evaluation pool. {@code units} and
   * {@code evaluationPoolFen} are the round's; {@code evaluationFeeFen} the agreed fee, if set.
   */
  public record EvaluationFeeInput(
      String contractNo,
      EvaluatedMilestone milestone,
      Long evaluationFeeFen,
      Long evaluationPoolFen,
      List<Object> units) {}

  /** The part of {@code milestone} this job reads. */
  public record EvaluatedMilestone(int year, String kind) {}

  public record EvaluationFeeOutput(String evaluationFeePaymentId, long evaluationFeePaidFen) {}

  @JobWorker(type = "payment.pay-evaluation-fee")
  public EvaluationFeeOutput payEvaluationFee(@VariablesAsType EvaluationFeeInput input) {
    if (input.milestone() == null) {
      throw new IllegalArgumentException("The evaluation has no 'milestone' to pay for");
    }
    PaymentRecord paid =
        evaluationFees.pay(
            input.contractNo(),
            input.milestone().year(),
            input.milestone().kind(),
            input.evaluationFeeFen(),
            input.evaluationPoolFen() == null
                ? KunshanDefaults.EVALUATION_POOL_ANNUAL_FEN
                : input.evaluationPoolFen(),
            input.units() == null || input.units().isEmpty() ? 1 : input.units().size());
    return new EvaluationFeeOutput(paid.paymentId(), paid.amountFen());
  }
}
