package io.civicflow.workers.evaluation;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.civicflow.workers.calendar.ProcessTime;
import io.civicflow.workers.contract.Milestone;
import java.math.BigDecimal;
import java.time.ZonedDateTime;
import java.util.Map;
import org.springframework.stereotype.Component;

/** {@code evaluation.publish-report}: the report to both sides, and into the provider register. */
@Component
public class EvaluationReportWorker {

  private final EvaluationReporting reporting;

  public EvaluationReportWorker(EvaluationReporting reporting) {
    this.reporting = reporting;
  }

  /** {@code indicatorScores} is fetched for the report's record but not interpreted here. */
  public record Input(
      String contractNo,
      String providerOrgId,
      Milestone milestone,
      BigDecimal totalScore,
      String grade,
      boolean passed,
      Map<String, Object> indicatorScores,
      String now) {}

  public record Output(String reportPublishedAt) {}

  @JobWorker(type = "evaluation.publish-report")
  public Output publish(@VariablesAsType Input input) {
    Milestone milestone = input.milestone();
    if (milestone == null) {
      throw new IllegalArgumentException("The evaluation has no 'milestone' to report on");
    }
    ZonedDateTime now = ProcessTime.parse(input.now());
    reporting.publish(
        input.contractNo(),
        input.providerOrgId(),
        milestone.year(),
        milestone.kind(),
        input.totalScore(),
        input.grade(),
        input.passed(),
        now);
    return new Output(ProcessTime.format(now));
  }
}
