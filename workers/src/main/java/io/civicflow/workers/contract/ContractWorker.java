package io.civicflow.workers.contract;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.camunda.client.annotation.JobKey;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.camunda.client.api.response.ActivatedJob;
import io.civicflow.workers.calendar.ProcessTime;
import io.civicflow.workers.camunda.Reprocurement;
import io.civicflow.workers.documents.DocumentProperties;
import io.civicflow.workers.documents.DocumentReference;
import io.civicflow.workers.documents.Documents;
import io.civicflow.workers.documents.GeneratedDocuments;
import io.civicflow.workers.payment.Money;
import io.civicflow.workers.procurement.RankedBid;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The contract's jobs: {@code contract.prepare}, {@code contract.plan-milestones}, {@code
 * contract.record-report}, {@code contract.register-renewal}, {@code contract.terminate}, {@code
 * contract.start-reprocurement} and {@code contract.close}.
 */
@Component
public class ContractWorker {

  private final ContractRecords records;
  private final ContractTermination termination;
  private final ContractClosing closing;
  private final ContractRenewal renewal;
  private final Reprocurement reprocurement;
  private final GeneratedDocuments papers;
  private final Documents documents;

  public ContractWorker(
      ContractRecords records,
      ContractTermination termination,
      ContractClosing closing,
      ContractRenewal renewal,
      Reprocurement reprocurement,
      GeneratedDocuments papers,
      Documents documents) {
    this.records = records;
    this.termination = termination;
    this.closing = closing;
    this.renewal = renewal;
    this.reprocurement = reprocurement;
    this.papers = papers;
    this.documents = documents;
  }

  public record PrepareInput(
      String cityCode,
      int roundYear,
      String unitCode,
      RankedBid winner,
      long contractValueFen,
      List<Integer> trancheBasisPoints,
      String projectNo,
      String unitName,
      ContractPapers.TenderTerms tenderDocuments,
      String contractStartDate,
      String now) {}

  /**
   * The contract number and its draft from the tender documents and the award, as a PDF in the
   * document store ({@code contractDraftDocument}) for the signing task.
   */
  public record Prepared(
      @JsonUnwrapped ContractPreparation.PreparedContract contract,
      DocumentReference contractDraftDocument) {}

  @JobWorker(type = "contract.prepare")
  public Prepared prepare(ActivatedJob job, @VariablesAsType PrepareInput input) {
    ContractPreparation.PreparedContract contract =
        ContractPreparation.prepare(
            input.cityCode(),
            input.roundYear(),
            input.unitCode(),
            input.winner(),
            input.contractValueFen(),
            input.trancheBasisPoints());
    DocumentReference draft =
        papers.issue(
            ContractPapers.draft(
                contract.contractNo(),
                input.projectNo(),
                input.unitName(),
                input.tenderDocuments(),
                input.winner(),
                input.contractValueFen(),
                input.trancheBasisPoints(),
                input.contractStartDate() == null
                    ? null
                    : LocalDate.parse(input.contractStartDate()),
                ProcessTime.parse(input.now())),
            "合同草案-" + contract.contractNo() + ".pdf",
            new DocumentProperties(
                "contract-draft", contract.contractNo(), job.getProcessInstanceKey()),
            job.getElementInstanceKey());
    return new Prepared(contract, draft);
  }

  public record AcceptanceInput(
      String acceptedContractNo,
      String unitName,
      String providerName,
      RankedBid winner,
      Long contractValueFen,
      String acceptanceResult,
      Integer acceptanceParticipants,
      String acceptanceOpinion,
      String acceptancePublicationRef,
      String now) {}

  public record AcceptanceReport(DocumentReference acceptanceReportDocument) {}

  /**
   * {@code contract.issue-acceptance-report}: the acceptance report as a PDF in the document store,
   * for the published result to link.
   */
  @JobWorker(type = "contract.issue-acceptance-report")
  public AcceptanceReport issueAcceptanceReport(
      ActivatedJob job, @VariablesAsType AcceptanceInput input) {
    String providerName =
        input.providerName() != null
            ? input.providerName()
            : input.winner() == null ? null : input.winner().bidderName();
    return new AcceptanceReport(
        papers.issue(
            ContractPapers.acceptanceReport(
                input.acceptedContractNo(),
                input.unitName(),
                providerName,
                input.contractValueFen() == null ? 0 : input.contractValueFen(),
                "PASSED".equals(input.acceptanceResult()),
                input.acceptanceParticipants(),
                input.acceptanceOpinion(),
                input.acceptancePublicationRef(),
                ProcessTime.parse(input.now())),
            "验收报告-" + input.acceptedContractNo() + ".pdf",
            new DocumentProperties(
                "acceptance-report", input.acceptedContractNo(), job.getProcessInstanceKey()),
            job.getElementInstanceKey()));
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

  public record RenewalInput(
      String contractNo,
      String projectNo,
      String unitCode,
      String unitName,
      Integer roundYear,
      String providerOrgId,
      String providerName,
      long contractValueFen,
      ContractSigningWorker.ContractSigning renewalSigning,
      String now) {}

  /**
   * Registers the signed year-2 contract under its own number at the awarded annual price, with the
   * signed scan attached at its signing ({@code renewalSigning}, read back with its hash like the
   * first contract's), and posts its publication and filing duties (一年一签: the year-2 contract is a
   * contract).
   */
  @JobWorker(type = "contract.register-renewal")
  public ContractRenewal.Renewed registerRenewal(@VariablesAsType RenewalInput input) {
    ZonedDateTime now = ProcessTime.parse(input.now());
    ContractEntry year1 =
        records
            .contract(input.contractNo())
            .orElseGet(
                () ->
                    ContractEntry.signed(
                        input.contractNo(),
                        input.projectNo(),
                        input.unitCode(),
                        input.unitName(),
                        input.roundYear() == null
                            ? ContractNumbers.parse(input.contractNo()).roundYear()
                            : input.roundYear(),
                        input.providerOrgId(),
                        input.providerName(),
                        input.contractValueFen(),
                        now.toInstant()));
    return renewal.register(
        year1,
        input.contractValueFen(),
        now,
        input.renewalSigning() == null
            ? List.of()
            : input.renewalSigning().verifiedFiles(documents));
  }

  /**
   * @param currentContractNo the number of the contract year that is terminated (year 1's or year
   *     2's)
   */
  public record TerminateInput(
      String contractNo,
      String currentContractNo,
      Integer contractYears,
      String providerOrgId,
      String unitCode,
      String providerName,
      String unitName,
      Milestone milestone,
      String grade,
      String now) {}

  public record Outcome(String contractOutcome, long totalPaidFen) {}

  @JobWorker(type = "contract.terminate")
  public Outcome terminate(@VariablesAsType TerminateInput input) {
    Milestone milestone = input.milestone();
    ZonedDateTime now = ProcessTime.parse(input.now());
    String current =
        input.currentContractNo() == null ? input.contractNo() : input.currentContractNo();
    termination.terminate(
        current,
        input.providerOrgId(),
        input.unitCode(),
        input.providerName(),
        input.unitName(),
        milestone == null ? "" : "Y" + milestone.year() + "-" + milestone.kind(),
        input.grade() == null ? "不合格" : input.grade(),
        now);
    records.endContract(current, ContractState.TERMINATED, now.toInstant());
    return new Outcome(
        "TERMINATED", closing.totalPaid(input.contractNo(), years(input.contractYears())));
  }

  /** The bureau's answer on {@code contract-continuity}. */
  public record Continuity(
      String interimArrangement,
      String interimProvider,
      String newContractStartDate,
      String signBy,
      Integer newContractYears,
      String note) {}

  public record ReprocurementInput(String projectNo, Continuity continuity) {}

  public record ReprocurementStarted(String reprocurementProjectNo) {}

  /** Starts the district's new procurement with the round's data and the bureau's dates. */
  @JobWorker(type = "contract.start-reprocurement")
  public ReprocurementStarted startReprocurement(ActivatedJob job) {
    ReprocurementInput input = job.getVariablesAsType(ReprocurementInput.class);
    Continuity continuity = input.continuity();
    if (continuity == null
        || continuity.newContractStartDate() == null
        || continuity.signBy() == null) {
      throw new IllegalArgumentException(
          "The job has no 'continuity' with the new contract's start and signing dates");
    }
    String projectNo =
        reprocurement.start(
            job.getVariablesAsMap(),
            input.projectNo(),
            1,
            LocalDate.parse(continuity.newContractStartDate()),
            LocalDate.parse(continuity.signBy()),
            continuity.newContractYears() == null ? 1 : continuity.newContractYears());
    return new ReprocurementStarted(projectNo);
  }

  public record CloseInput(
      String contractNo, long contractValueFen, Integer contractYears, String now) {}

  @JobWorker(type = "contract.close")
  public Outcome close(@VariablesAsType CloseInput input) {
    int years = years(input.contractYears());
    long paid = closing.close(input.contractNo(), input.contractValueFen(), years);
    if (input.now() != null) {
      for (String number : ContractClosing.yearNumbers(input.contractNo(), years)) {
        records.endContract(
            number, ContractState.COMPLETED, ProcessTime.parse(input.now()).toInstant());
      }
    }
    return new Outcome("COMPLETED", paid);
  }

  private static int years(Integer contractYears) {
    return contractYears == null ? ContractNumbers.CONTRACT_YEARS : contractYears;
  }
}
