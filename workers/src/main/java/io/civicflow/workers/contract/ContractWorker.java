package io.civicflow.workers.contract;

import io.camunda.client.annotation.JobKey;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.civicflow.workers.calendar.ProcessTime;
import io.civicflow.workers.payment.Money;
import io.civicflow.workers.procurement.RankedBid;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The contract's jobs: {@code contract.prepare}, {@code contract.plan-milestones}, {@code
 * contract.record-report}, {@code contract.terminate} and {@code contract.close}.
 */
@Component
public class ContractWorker {

  private final ContractRecords records;
  private final ContractTermination termination;
  private final ContractClosing closing;

  public ContractWorker(
      ContractRecords records, ContractTermination termination, ContractClosing closing) {
    this.records = records;
    this.termination = termination;
    this.closing = closing;
  }

  public record PrepareInput(
      String cityCode,
      int roundYear,
      String unitCode,
      RankedBid winner,
      long contractValueFen,
      List<Integer> trancheBasisPoints) {}

  @JobWorker(type = "contract.prepare")
  public ContractPreparation.PreparedContract prepare(@VariablesAsType PrepareInput input) {
    return ContractPreparation.prepare(
        input.cityCode(),
        input.roundYear(),
        input.unitCode(),
        input.winner(),
        input.contractValueFen(),
        input.trancheBasisPoints());
  }

  public record PlanInput(String contractStartDate, Integer contractYears) {}

  @JobWorker(type = "contract.plan-milestones")
  public MilestonePlan planMilestones(@VariablesAsType PlanInput input) {
    return MilestonePlanning.plan(
        LocalDate.parse(input.contractStartDate()),
        input.contractYears() == null ? ContractNumbers.CONTRACT_YEARS : input.contractYears());
  }

  /** The {@code operating-report} form's group {@code operatingReport}; money in yuan. */
  public record OperatingReportForm(
      String periodStart,
      String periodEnd,
      Integer activities,
      Integer serviceRecipients,
      Integer cases,
      BigDecimal volunteerHours,
      BigDecimal expenditureYuan,
      Integer fullTimeStaff,
      String summary,
      String problems,
      String nextPlan,
      String attachmentRef) {

    OperatingReport toReport(String reportId, String contractNo, Instant filedAt) {
      return new OperatingReport(
          reportId,
          contractNo,
          periodStart,
          periodEnd,
          orZero(activities),
          orZero(serviceRecipients),
          orZero(cases),
          volunteerHours,
          expenditureYuan == null ? 0 : Money.fenOf(expenditureYuan),
          orZero(fullTimeStaff),
          summary,
          problems,
          nextPlan,
          attachmentRef,
          filedAt);
    }

    private static int orZero(Integer value) {
      return value == null ? 0 : value;
    }
  }

  public record ReportInput(String contractNo, OperatingReportForm operatingReport, String now) {}

  public record ReportsFiled(int reportsFiled) {}

  /** Records the report under {@code <contractNo>:report:<jobKey>}: a retry records it once. */
  @JobWorker(type = "contract.record-report")
  public ReportsFiled recordReport(@VariablesAsType ReportInput input, @JobKey long jobKey) {
    if (input.operatingReport() == null) {
      throw new IllegalArgumentException("The job has no 'operatingReport' from the form");
    }
    records.fileReport(
        input
            .operatingReport()
            .toReport(
                input.contractNo() + ":report:" + jobKey,
                input.contractNo(),
                ProcessTime.parse(input.now()).toInstant()));
    return new ReportsFiled(records.reportsOf(input.contractNo()).size());
  }

  public record TerminateInput(
      String contractNo, String providerOrgId, Milestone milestone, String grade, String now) {}

  public record Outcome(String contractOutcome, long totalPaidFen) {}

  @JobWorker(type = "contract.terminate")
  public Outcome terminate(@VariablesAsType TerminateInput input) {
    Milestone milestone = input.milestone();
    long paid =
        termination.terminate(
            input.contractNo(),
            input.providerOrgId(),
            milestone == null ? "" : "Y" + milestone.year() + "-" + milestone.kind(),
            input.grade() == null ? "不合格" : input.grade(),
            ProcessTime.parse(input.now()));
    return new Outcome("TERMINATED", paid);
  }

  public record CloseInput(String contractNo, long contractValueFen, Integer contractYears) {}

  @JobWorker(type = "contract.close")
  public Outcome close(@VariablesAsType CloseInput input) {
    int years =
        input.contractYears() == null ? ContractNumbers.CONTRACT_YEARS : input.contractYears();
    return new Outcome(
        "COMPLETED", closing.close(input.contractNo(), input.contractValueFen(), years));
  }
}
