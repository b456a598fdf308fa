package io.civicflow.workers.overview;

import static io.civicflow.workers.overview.OverviewText.*;

import io.civicflow.workers.analytics.RegistryAnalytics;
import io.civicflow.workers.contract.ContractEntry;
import io.civicflow.workers.contract.ContractRecords;
import io.civicflow.workers.contract.ContractState;
import io.civicflow.workers.contract.OperatingReport;
import io.civicflow.workers.documents.DocumentFile;
import io.civicflow.workers.outbox.OutboxMessage;
import io.civicflow.workers.overview.OverviewViews.AuditEntry;
import io.civicflow.workers.overview.OverviewViews.AuditTrail;
import io.civicflow.workers.overview.OverviewViews.ContractPage;
import io.civicflow.workers.overview.ProcessHistory.Instance;
import io.civicflow.workers.overview.ProcessHistory.Step;
import io.civicflow.workers.overview.ProcessHistory.Task;
import io.civicflow.workers.payment.PaymentRecord;
import io.civicflow.workers.registry.ComplaintEntry;
import io.civicflow.workers.registry.EvaluationEntry;
import io.civicflow.workers.registry.TerminationEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The audit trails: who did what in one process instance, and everything recorded about a contract
 * (the register's records and the engine's history of its award), in Chinese, oldest first.
 */
final class AuditTrails {

  private final RegistryAnalytics analytics;
  private final ContractRecords contracts;
  private final ProcessHistory history;

  AuditTrails(RegistryAnalytics analytics, ContractRecords contracts, ProcessHistory history) {
    this.analytics = analytics;
    this.contracts = contracts;
    this.history = history;
  }

  /**
   * Who did what in one process instance: every user task completed (by whom, when, the fields of
   * its form), every automatic step, every document it holds.
   *
   * @throws NoSuchElementException if the engine has no such instance
   */
  AuditTrail instanceTrail(long processInstanceKey) {
    Instance instance =
        history
            .instance(processInstanceKey)
            .orElseThrow(() -> new NoSuchElementException("没有流程实例 " + processInstanceKey));
    List<AuditEntry> entries = new ArrayList<>();
    engineEntries(instance, entries, true);
    entries.sort(AUDIT_ORDER);
    return new AuditTrail(instance.processName() + "（流程实例 " + instance.key() + "）", entries);
  }

  /**
   * The contract's audit trail: the register's records and the engine's history of its award.
   *
   * @param seesEvaluation whether the reader organises procurement: if not, the committee members'
   *     score sheets and the evaluation report are left out ({@link EvaluationSecrecy})
   */
  AuditTrail contractTrail(ContractPage page, boolean seesEvaluation) {
    List<AuditEntry> entries = new ArrayList<>();
    for (ContractEntry c : page.years()) {
      entries.add(
          entry(
              c.signedAt(),
              "合同",
              "签订合同 " + c.contractNo(),
              c.providerName(),
              "合同金额 " + yuan(c.contractValueFen()) + "元"));
      if (c.state().isFinal()) {
        entries.add(
            entry(
                c.stateChangedAt(),
                "合同",
                (c.state() == ContractState.TERMINATED ? "终止合同 " : "合同履行完毕 ") + c.contractNo(),
                "民政局",
                ""));
      }
      for (OperatingReport r : contracts.reportsOf(c.contractNo())) {
        entries.add(
            entry(
                r.filedAt(),
                "运营报告",
                "提交运营报告（" + r.periodStart() + "至" + r.periodEnd() + "）",
                c.providerName(),
                "开展活动"
                    + r.activities()
                    + "次，服务"
                    + r.serviceRecipients()
                    + "人次，支出"
                    + yuan(r.expenditureFen())
                    + "元"));
      }
    }
    for (EvaluationEntry e : page.evaluations()) {
      entries.add(
          entry(
              e.recordedAt(),
              "评估",
              evaluationLabel(e) + "（" + e.contractNo() + "）",
              "第三方评估机构",
              "总分 " + e.totalScore() + "，" + (e.passed() ? "合格以上" : "不合格")));
    }
    for (PaymentRecord p : page.payments()) {
      entries.add(
          entry(
              p.paidAt(), "付款", paymentLabel(p) + "（" + p.contractNo() + "）", "财政/财务", p.reason()));
    }
    for (ComplaintEntry c : page.complaints()) {
      entries.add(
          entry(
              c.recordedAt(),
              "投诉",
              "投诉：" + c.content(),
              c.complainant(),
              (c.upheld() ? "成立。" : "不成立。") + c.handling()));
    }
    for (TerminationEntry t : page.terminations()) {
      entries.add(
          entry(
              t.recordedAt(),
              "合同",
              "因评估不合格终止合同 " + t.contractNo(),
              "民政局",
              "未通过的评估：" + t.milestone() + "，等级 " + t.grade()));
    }
    List<String> keys =
        new ArrayList<>(page.years().stream().map(ContractEntry::contractNo).toList());
    keys.add(page.projectNo());
    for (OutboxMessage m : analytics.messagesAbout(keys)) {
      entries.add(
          entry(
              m.postedAt(),
              "公告与通知",
              m.title(),
              recipientName(m.recipientGroup()),
              m.attachments().isEmpty()
                  ? ""
                  : "附件："
                      + m.attachments().stream()
                          .map(DocumentFile::fileName)
                          .collect(Collectors.joining("、"))));
    }
    for (Long key : page.processInstanceKeys()) {
      history.instance(key).ifPresent(i -> engineEntries(i, entries, seesEvaluation));
    }
    entries.sort(AUDIT_ORDER);
    return new AuditTrail(
        "合同 " + page.contractNo() + "（" + page.district() + "，" + page.providerName() + "）",
        entries);
  }

  private static final Comparator<AuditEntry> AUDIT_ORDER =
      Comparator.comparing(AuditEntry::at, Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparing(AuditEntry::what);

  private void engineEntries(Instance instance, List<AuditEntry> entries, boolean seesEvaluation) {
    entries.add(
        new AuditEntry(
            instance.start(),
            "流程",
            "启动流程：" + instance.processName(),
            "",
            "",
            Map.of(),
            instance.key()));
    for (Task t : history.tasks(instance.key())) {
      if (t.completed() != null) {
        entries.add(
            new AuditEntry(
                t.completed(),
                "人工任务",
                t.name(),
                t.assignee().isBlank() ? "（未认领）" : t.assignee(),
                "",
                seesEvaluation || !EvaluationSecrecy.isScoreSheet(t.elementId())
                    ? t.fields()
                    : Map.of(),
                instance.key()));
      } else if ("CANCELED".equals(t.state())) {
        entries.add(
            new AuditEntry(
                t.created(),
                "人工任务",
                t.name() + "（已撤销）",
                t.assignee(),
                "",
                Map.of(),
                instance.key()));
      }
    }
    for (Step s : history.steps(instance.key())) {
      if (s.end() != null && "COMPLETED".equals(s.state()) && AUTOMATIC.contains(s.type())) {
        entries.add(new AuditEntry(s.end(), "流程", s.name(), "系统", "", Map.of(), instance.key()));
      }
    }
    List<Map<String, Object>> documents = new ArrayList<>();
    history
        .variables(instance.key())
        .forEach((name, json) -> documentsIn(parse(json), documents, new LinkedHashSet<>()));
    if (!seesEvaluation) {
      documents.removeIf(EvaluationSecrecy::isEvaluationReport);
    }
    for (Map<String, Object> d : documents) {
      @SuppressWarnings("unchecked")
      Map<String, Object> meta = (Map<String, Object>) d.getOrDefault("metadata", Map.of());
      entries.add(
          new AuditEntry(
              instance.start(),
              "文件",
              String.valueOf(meta.get("fileName")),
              uploader(meta),
              "文件编号 " + d.get("documentId"),
              Map.of(),
              instance.key()));
    }
    if (instance.end() != null) {
      entries.add(
          new AuditEntry(
              instance.end(),
              "流程",
              "流程结束：" + instance.processName(),
              "",
              "",
              Map.of(),
              instance.key()));
    }
  }

  private static final Set<String> AUTOMATIC =
      Set.of(
          "SERVICE_TASK",
          "END_EVENT",
          "BOUNDARY_EVENT",
          "INTERMEDIATE_CATCH_EVENT",
          "BUSINESS_RULE_TASK");

  private static String uploader(Map<String, Object> meta) {
    Object custom = meta.get("customProperties");
    if (custom instanceof Map<?, ?> map && map.get("uploadedBy") != null) {
      return String.valueOf(map.get("uploadedBy"));
    }
    return "";
  }

  private static AuditEntry entry(Instant at, String kind, String what, String who, String detail) {
    return new AuditEntry(at, kind, what, who, detail, Map.of(), null);
  }

  private static String recipientName(String group) {
    if (OutboxMessage.PUBLIC.equals(group)) {
      return "公开发布";
    }
    return "发送给 " + group;
  }
}
