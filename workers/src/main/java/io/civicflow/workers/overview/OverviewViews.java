package io.civicflow.workers.overview;

import io.civicflow.workers.contract.ContractEntry;
import io.civicflow.workers.payment.PaymentRecord;
import io.civicflow.workers.registry.ComplaintEntry;
import io.civicflow.workers.registry.EvaluationEntry;
import io.civicflow.workers.registry.TerminationEntry;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** What the round, contract and audit pages answer: English keys, Chinese text, money in fen. */
public final class OverviewViews {

  private OverviewViews() {}

  /** A procurement round the registry or the engine knows. */
  public record RoundSummary(
      int roundYear, String roundName, int units, int contracts, boolean inProgress) {}

  /** One round: a row per unit, with the window its timelines span. */
  public record RoundPage(
      int roundYear,
      String roundName,
      LocalDate from,
      LocalDate to,
      Instant asOf,
      long contractValueFen,
      long paidFen,
      List<UnitRow> units) {}

  /**
   * Where one unit stands.
   *
   * @param stage a {@link UnitStage} name
   * @param stageName its Chinese name
   * @param detail what officials want next to it: the latest evaluation and tranche, in Chinese
   * @param contractNo the contract the unit page opens (the latest signed), empty if none
   */
  public record UnitRow(
      String unitCode,
      String district,
      String projectNo,
      String stage,
      String stageName,
      String detail,
      String providerOrgId,
      String providerName,
      String contractNo,
      Long unitInstanceKey,
      long contractValueFen,
      long paidFen,
      List<String> lateReasons,
      List<Event> events) {}

  /** A dated step on a timeline; {@code late} marks a step taken after its deadline. */
  public record Event(Instant at, String kind, String label, boolean late) {}

  /** One award (both contract years, and a replacement after a termination). */
  public record ContractPage(
      String contractNo,
      String projectNo,
      String unitCode,
      String district,
      int roundYear,
      String providerOrgId,
      String providerName,
      String stageName,
      List<ContractEntry> years,
      List<ReportLine> reports,
      List<EvaluationEntry> evaluations,
      List<PaymentRecord> payments,
      List<ComplaintEntry> complaints,
      List<TerminationEntry> terminations,
      List<String> replacements,
      List<Map<String, Object>> documents,
      List<Person> people,
      List<Long> processInstanceKeys,
      long contractValueFen,
      long paidFen) {}

  /** The k-th bimonthly report of one contract year: when due, filed, reviewed. */
  public record ReportLine(
      String contractNo,
      int number,
      Instant due,
      Instant filed,
      boolean late,
      Instant reviewed,
      String reviewedBy) {}

  /** Someone involved, with their part in Chinese. */
  public record Person(String role, String who) {}

  /**
   * One line of an audit trail.
   *
   * @param kind 人工任务, 付款, 评估, 投诉, 文件, 公告与通知, 合同, 运营报告, 流程
   * @param fields the decision fields (label → value) of a completed task
   */
  public record AuditEntry(
      Instant at,
      String kind,
      String what,
      String who,
      String detail,
      Map<String, String> fields,
      Long processInstanceKey) {}

  public record AuditTrail(String subject, List<AuditEntry> entries) {}
}
