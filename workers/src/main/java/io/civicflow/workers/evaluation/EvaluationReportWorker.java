package io.civicflow.workers.evaluation;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.camunda.client.api.response.ActivatedJob;
import io.civicflow.workers.calendar.ProcessTime;
import io.civicflow.workers.camunda.CompletedTasks;
import io.civicflow.workers.contract.Milestone;
import java.math.BigDecimal;
import java.time.ZonedDateTime;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code evaluation.publish-report}: the report to both sides, and into the provider register; it
 * also names who confirmed the result ({@code evaluationConfirmedBy}, the assignee of {@code
 * Task_ConfirmEvaluationResult}), so that the payment it releases is approved by someone else.
 */
@Component
public class EvaluationReportWorker {

  static final String CONFIRMATION_TASK = "Task_ConfirmEvaluationResult";

  private final EvaluationReporting reporting;
  private final CompletedTasks completedTasks;

  public EvaluationReportWorker(EvaluationReporting reporting, CompletedTasks completedTasks) {
    this.reporting = reporting;
    this.completedTasks = completedTasks;
  }

  /** {@code indicatorScores} is fetched for the report's record but not interpreted here. */
  public record Input(
      String contractNo,
      String providerOrgId,
      String unitCode,
      Milestone milestone,
      BigDecimal totalScore,
      String grade,
      boolean passed,
      Map<String, Object> indicatorScores,
      String now) {}

  public record Output(String reportPublishedAt, String evaluationConfirmedBy) {}

  @JobWorker(type = "evaluation.publish-report")
  public Output publish(ActivatedJob job, @VariablesAsType Input input) {
    return new Output(
        report(input),
        completedTasks.assigneeOf(job.getProcessInstanceKey(), CONFIRMATION_TASK).orElse(null));
  }

  /** Sends and records the report; returns when, ISO-8601 with offset. */
  String report(Input input) {
    Milestone milestone = input.milestone();
    if (milestone == null) {
      throw new IllegalArgumentException("The evaluation has no 'milestone' to report on");
    }
    ZonedDateTime now = ProcessTime.parse(input.now());
    reporting.publish(
        input.contractNo(),
        input.providerOrgId(),
        input.unitCode(),
        milestone.year(),
        milestone.kind(),
        input.totalScore(),
        input.grade(),
        input.passed(),
        now);
    return ProcessTime.format(now);
  }
}
