package io.civicflow.workers.overview;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.civicflow.workers.analytics.AnalyticsViews.ReportArrears;
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
import io.civicflow.workers.overview.OverviewViews.Event;
import io.civicflow.workers.overview.OverviewViews.Person;
import io.civicflow.workers.overview.OverviewViews.ReportLine;
import io.civicflow.workers.overview.OverviewViews.RoundPage;
import io.civicflow.workers.overview.OverviewViews.RoundSummary;
import io.civicflow.workers.overview.OverviewViews.UnitRow;
import io.civicflow.workers.overview.ProcessHistory.Instance;
import io.civicflow.workers.overview.ProcessHistory.Step;
import io.civicflow.workers.overview.ProcessHistory.Task;
import io.civicflow.workers.payment.PaymentRecord;
import io.civicflow.workers.procurement.KunshanUnits;
import io.civicflow.workers.procurement.ProcurementUnit;
import io.civicflow.workers.registry.ComplaintEntry;
import io.civicflow.workers.registry.EvaluationEntry;
import io.civicflow.workers.registry.ProviderRegistry;
import io.civicflow.workers.registry.TerminationEntry;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The round, contract and audit pages: where each unit of a procurement round stands, everything
 * about one award, and who did what. Built from the registry (contracts, reports, evaluations,
 * payments, complaints, terminations, notices: what CivicFlow recorded, also for rounds run before
 * the engine) and the engine's history (the unit's procurement steps, open tasks, completed tasks
 * with their form fields). Read-only.
 */
public final class RoundOverview {

  public static final ZoneId CHINA = RegistryAnalytics.CHINA;

  static final String ROUND_PROCESS = "procurement-round";
  static final String UNIT_PROCESS = "unit-procurement";
  static final String CONTRACT_PROCESS = "service-contract";

  /** The unit-procurement steps a timeline shows, when they ended. */
  private static final Map<String, String> UNIT_MILESTONES =
      linked(
          "Task_ScheduleTender", "发布采购公告",
          "Timer_BidDeadline", "投标截止",
          "Task_RankBids", "评审结束",
          "Task_ConfirmWinner", "确认成交供应商",
          "Task_PublishAward", "成交公告",
          "Task_AnswerObjection", "答复质疑",
          "Task_DecideComplaint", "投诉处理决定",
          "Task_SignContract", "签订服务合同");

  private static final Map<String, String> EVALUATION_KINDS =
      Map.of("MIDTERM", "中期评估", "MID_TERM", "中期评估", "ANNUAL", "年度评估", "FINAL", "终期评估");

  private static final Set<String> DOCUMENT_VARIABLES =
      Set.of(
          "evaluationReportDocument",
          "awardNoticeDocument",
          "contractDraftDocument",
          "acceptanceReportDocument",
          "tenderDocuments",
          "contractSigning");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年M月d日");

  private final RegistryAnalytics analytics;
  private final ContractRecords contracts;
  private final ProviderRegistry registry;
  private final ProcessHistory history;
  private final java.time.InstantSource clock;

  public RoundOverview(
      RegistryAnalytics analytics,
      ContractRecords contracts,
      ProviderRegistry registry,
      ProcessHistory history,
      java.time.InstantSource clock) {
    this.analytics = Objects.requireNonNull(analytics, "analytics");
    this.contracts = Objects.requireNonNull(contracts, "contracts");
    this.registry = Objects.requireNonNull(registry, "registry");
    this.history = Objects.requireNonNull(history, "history");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  // ---------------------------------------------------------------- rounds

  /** The rounds the register or the engine knows, newest first. */
  public List<RoundSummary> rounds() {
    Map<Integer, List<ContractEntry>> byYear =
        analytics.contractEntries(null).stream()
            .collect(
                Collectors.groupingBy(this::roundOf, java.util.TreeMap::new, Collectors.toList()));
    Map<Integer, Instance> engineRounds = new HashMap<>();
    for (Instance round : history.instances(ROUND_PROCESS, null, null)) {
      Integer year = intVariable(history.variables(round.key()), "roundYear");
      if (year != null) {
        engineRounds.merge(year, round, (a, b) -> a.key() > b.key() ? a : b);
      }
    }
    Set<Integer> years = new TreeSet<>(Comparator.reverseOrder());
    years.addAll(byYear.keySet());
    years.addAll(engineRounds.keySet());
    List<RoundSummary> rounds = new ArrayList<>();
    for (int year : years) {
      List<ContractEntry> held = byYear.getOrDefault(year, List.of());
      Instance round = engineRounds.get(year);
      boolean inProgress =
          round != null
              ? "ACTIVE".equals(round.state())
              : held.stream().anyMatch(c -> !c.state().isFinal());
      long units = held.stream().map(ContractEntry::unitCode).distinct().count();
      rounds.add(
          new RoundSummary(
              year,
              roundName(year, round == null ? Map.of() : history.variables(round.key())),
              (int)
                  Math.max(
                      units, round == null ? 0 : unitsOf(history.variables(round.key())).size()),
              held.size(),
              inProgress));
    }
    return rounds;
  }

  /**
   * A contract belongs to the round of its project: {@code KSCG-2016-QD-R1} is the 2016 round's.
   */
  private int roundOf(ContractEntry c) {
    String[] parts = c.projectNo().split("-");
    if (parts.length >= 2 && parts[1].matches("\\d{4}")) {
      return Integer.parseInt(parts[1]);
    }
    return c.roundYear();
  }

  /**
   * One round's units and where each stands; {@code mayRead} keeps the rows the caller may see.
   *
   * @throws NoSuchElementException if neither the register nor the engine knows the round
   */
  public RoundPage round(int year, Predicate<UnitRow> mayRead) {
    Instant now = clock.instant();
    List<ContractEntry> all = analytics.contractEntries(null);
    Map<String, List<PaymentRecord>> payments =
        analytics.payments().stream().collect(Collectors.groupingBy(PaymentRecord::contractNo));
    Map<String, ReportArrears> arrears =
        analytics.reportArrears(now).stream()
            .collect(Collectors.toMap(ReportArrears::contractNo, a -> a, (a, b) -> a));
    Instance round =
        history.instances(ROUND_PROCESS, "roundYear", year).stream()
            .max(Comparator.comparing(Instance::key))
            .orElse(null);
    Map<String, String> roundVariables = round == null ? Map.of() : history.variables(round.key());
    List<Step> roundSteps = round == null ? List.of() : history.steps(round.key());
    String city = textVariable(roundVariables, "cityCode").orElse("KS");
    List<String> unitCodes = new ArrayList<>(unitsOf(roundVariables));
    List<ContractEntry> roundContracts = all.stream().filter(c -> roundOf(c) == year).toList();
    if (round == null && roundContracts.isEmpty()) {
      throw new NoSuchElementException("没有 " + year + " 年的采购轮次");
    }
    if (unitCodes.isEmpty()) {
      KunshanUnits.all().forEach(u -> unitCodes.add(u.code()));
    }
    roundContracts.stream()
        .map(ContractEntry::unitCode)
        .filter(code -> !unitCodes.contains(code))
        .forEach(unitCodes::add);
    Map<String, Instance> unitInstances = new HashMap<>();
    for (Instance unit : history.instances(UNIT_PROCESS, "roundYear", year)) {
      textVariable(history.variables(unit.key()), "unitCode")
          .ifPresent(code -> unitInstances.merge(code, unit, (a, b) -> a.key() < b.key() ? a : b));
    }
    Instant signDeadline =
        LocalDate.of(year, 9, 1).atStartOfDay(CHINA).toInstant(); // 31 August, end of day
    Map<String, List<EvaluationEntry>> evaluationsByContract =
        analytics.evaluations().stream()
            .collect(Collectors.groupingBy(EvaluationEntry::contractNo));
    Map<String, List<ComplaintEntry>> complaintsByContract =
        analytics.complaints().stream().collect(Collectors.groupingBy(ComplaintEntry::contractNo));
    List<Event> roundEvents = new ArrayList<>();
    List<String> roundLate = new ArrayList<>();
    if (round != null) {
      for (Task open : history.openTasks(round.key())) {
        if (open.due() != null && open.due().isBefore(now)) {
          roundLate.add(open.name() + "已逾期（应于" + day(open.due()) + "前办理）");
          roundEvents.add(new Event(open.due(), "overdue", open.name() + "逾期", true));
        }
      }
    }
    for (Step step : roundSteps) {
      if ("Task_ApproveNeedsBook".equals(step.elementId()) && step.end() != null) {
        roundEvents.add(new Event(step.end(), "needs-book", "需求书审定", false));
      }
    }
    List<UnitRow> rows = new ArrayList<>();
    long valueTotal = 0;
    long paidTotal = 0;
    for (String code : unitCodes) {
      String projectNo = city + "CG-" + year + "-" + code;
      List<ContractEntry> held =
          all.stream()
              .filter(c -> c.unitCode().equals(code) && belongsTo(c, projectNo))
              .sorted(Comparator.comparing(ContractEntry::signedAt))
              .toList();
      Instance unit = unitInstances.get(code);
      List<Event> events = new ArrayList<>(roundEvents);
      List<String> late = new ArrayList<>(unit == null ? roundLate : List.of());
      List<Step> unitSteps = unit == null ? List.of() : history.steps(unit.key());
      for (Step step : unitSteps) {
        String label = UNIT_MILESTONES.get(step.elementId());
        if (label != null && step.end() != null && "COMPLETED".equals(step.state())) {
          boolean lateSigning =
              step.elementId().equals("Task_SignContract") && step.end().isAfter(signDeadline);
          events.add(new Event(step.end(), step.elementId(), label, lateSigning));
        }
      }
      if (unit != null) {
        for (Task open : history.openTasks(unit.key())) {
          if (open.due() != null && open.due().isBefore(now)) {
            late.add(open.name() + "已逾期（应于" + day(open.due()) + "前办理）");
            events.add(new Event(open.due(), "overdue", open.name() + "逾期", true));
          }
        }
      }
      long value = 0;
      long paid = 0;
      EvaluationEntry lastEvaluation = null;
      PaymentRecord lastPayment = null;
      for (ContractEntry c : held) {
        boolean signedLate =
            c.contractNo().endsWith("-Y1")
                && !c.projectNo().contains("-R")
                && c.signedAt().isAfter(signDeadline);
        if (signedLate) {
          late.add("合同" + c.contractNo() + "签订晚于" + year + "年8月31日");
        }
        events.add(new Event(c.signedAt(), "signed", "签订合同 " + c.contractNo(), signedLate));
        if (c.state() == ContractState.TERMINATED) {
          events.add(new Event(c.stateChangedAt(), "terminated", "合同终止 " + c.contractNo(), false));
        }
        value = Math.addExact(value, c.contractValueFen());
        for (PaymentRecord p : payments.getOrDefault(c.contractNo(), List.of())) {
          paid = Math.addExact(paid, p.amountFen());
          events.add(new Event(p.paidAt(), "payment", paymentLabel(p), false));
          if (lastPayment == null || p.paidAt().isAfter(lastPayment.paidAt())) {
            lastPayment = p;
          }
        }
        for (EvaluationEntry e : evaluationsByContract.getOrDefault(c.contractNo(), List.of())) {
          if (e.providerOrgId().equals(c.providerOrgId())) {
            events.add(
                new Event(
                    e.recordedAt(),
                    e.passed() ? "evaluation" : "failed",
                    evaluationLabel(e),
                    false));
            if (lastEvaluation == null || e.recordedAt().isAfter(lastEvaluation.recordedAt())) {
              lastEvaluation = e;
            }
          }
        }
        for (ComplaintEntry complaint :
            complaintsByContract.getOrDefault(c.contractNo(), List.of())) {
          if (complaint.providerOrgId().equals(c.providerOrgId())) {
            events.add(
                new Event(
                    complaint.recordedAt(),
                    "complaint",
                    "投诉" + (complaint.upheld() ? "（成立）" : "（不成立）"),
                    false));
          }
        }
        ReportArrears owed = arrears.get(c.contractNo());
        if (owed != null && (owed.missing() > 0 || owed.late() > 0)) {
          late.add(
              c.contractNo()
                  + " 运营报告"
                  + (owed.missing() > 0 ? "缺报" + owed.missing() + "期" : "")
                  + (owed.missing() > 0 && owed.late() > 0 ? "、" : "")
                  + (owed.late() > 0 ? "迟报" + owed.late() + "期" : ""));
        }
      }
      events.sort(Comparator.comparing(Event::at));
      UnitStage stage = stageOf(held, unit, unitSteps, round, roundSteps);
      ContractEntry current = held.isEmpty() ? null : held.get(held.size() - 1);
      String detail = detailOf(stage, held, lastEvaluation, lastPayment, unitSteps);
      valueTotal += value;
      paidTotal += paid;
      UnitRow row =
          new UnitRow(
              code,
              districtOf(code, held),
              projectNo,
              stage.name(),
              stage.chinese(),
              detail,
              current == null ? "" : current.providerOrgId(),
              current == null ? "" : current.providerName(),
              current == null ? "" : current.contractNo(),
              unit == null ? null : unit.key(),
              value,
              paid,
              List.copyOf(late),
              List.copyOf(events));
      if (mayRead.test(row)) {
        rows.add(row);
      }
    }
    LocalDate to = LocalDate.of(year + 2, 8, 31);
    for (UnitRow row : rows) {
      for (Event e : row.events()) {
        LocalDate d = e.at().atZone(CHINA).toLocalDate();
        if (d.isAfter(to)) {
          to = d;
        }
      }
    }
    return new RoundPage(
        year,
        roundName(year, roundVariables),
        LocalDate.of(year, 7, 1),
        to,
        now,
        rows.stream().mapToLong(UnitRow::contractValueFen).sum(),
        rows.stream().mapToLong(UnitRow::paidFen).sum(),
        List.copyOf(rows));
  }

  private static boolean belongsTo(ContractEntry c, String projectNo) {
    return c.projectNo().equals(projectNo) || c.projectNo().startsWith(projectNo + "-R");
  }

  private static UnitStage stageOf(
      List<ContractEntry> held,
      Instance unit,
      List<Step> steps,
      Instance round,
      List<Step> roundSteps) {
    if (!held.isEmpty()) {
      ContractEntry last = held.get(held.size() - 1);
      boolean replaced =
          held.stream().anyMatch(c -> c.state() == ContractState.TERMINATED)
              && last.projectNo().contains("-R");
      return switch (last.state()) {
        case TERMINATED -> UnitStage.TERMINATED;
        case COMPLETED -> replaced ? UnitStage.REPROCURED : UnitStage.COMPLETED;
        default -> replaced ? UnitStage.REPROCURED : UnitStage.IN_SERVICE;
      };
    }
    if (unit == null) {
      boolean needsBook =
          round != null
              && "ACTIVE".equals(round.state())
              && roundSteps.stream()
                  .noneMatch(s -> s.elementId().equals("CallActivity_UnitProcurement"));
      return needsBook ? UnitStage.NEEDS_BOOK : UnitStage.NOT_STARTED;
    }
    if (!"ACTIVE".equals(unit.state())) {
      return UnitStage.ENDED;
    }
    if (active(steps, "Task_SignContract") || completed(steps, "Timer_ObjectionWindowClosed")) {
      return UnitStage.SIGNING;
    }
    if (completed(steps, "Task_PublishAward")) {
      return UnitStage.AWARDED;
    }
    if (steps.stream().anyMatch(s -> s.elementId().equals("Task_FormPanel"))) {
      return UnitStage.EVALUATING;
    }
    if (completed(steps, "Task_ScheduleTender")) {
      return UnitStage.TENDERING;
    }
    return UnitStage.PREPARING;
  }

  private static boolean active(List<Step> steps, String elementId) {
    return steps.stream()
        .anyMatch(s -> s.elementId().equals(elementId) && "ACTIVE".equals(s.state()));
  }

  private static boolean completed(List<Step> steps, String elementId) {
    return steps.stream()
        .anyMatch(s -> s.elementId().equals(elementId) && "COMPLETED".equals(s.state()));
  }

  private static String detailOf(
      UnitStage stage,
      List<ContractEntry> held,
      EvaluationEntry evaluation,
      PaymentRecord payment,
      List<Step> steps) {
    List<String> parts = new ArrayList<>();
    if (!held.isEmpty()) {
      ContractEntry last = held.get(held.size() - 1);
      parts.add(last.contractNo());
    } else {
      steps.stream()
          .filter(s -> "ACTIVE".equals(s.state()) && "USER_TASK".equals(s.type()))
          .map(Step::name)
          .distinct()
          .forEach(name -> parts.add("待办：" + name));
    }
    if (evaluation != null) {
      parts.add(evaluationLabel(evaluation));
    }
    if (payment != null) {
      parts.add("已" + paymentLabel(payment));
    }
    return String.join("；", parts);
  }

  // ---------------------------------------------------------------- contract

  /**
   * Everything about the award a contract belongs to: both contract years, a replacement after a
   * termination, reports, evaluations, payments, complaints, documents, people.
   *
   * @throws NoSuchElementException if the register has no such contract
   */
  public ContractPage contract(String contractNo) {
    ContractEntry entry =
        contracts
            .contract(contractNo)
            .orElseThrow(() -> new NoSuchElementException("没有合同 " + contractNo));
    Instant now = clock.instant();
    String base = entry.projectNo().replaceFirst("-R\\d+$", "");
    List<ContractEntry> related =
        analytics.contractEntries(null).stream()
            .filter(c -> c.projectNo().equals(base) || c.projectNo().startsWith(base + "-R"))
            .sorted(Comparator.comparing(ContractEntry::signedAt))
            .toList();
    List<ContractEntry> years =
        related.stream().filter(c -> c.projectNo().equals(entry.projectNo())).toList();
    List<String> replacements =
        related.stream()
            .filter(c -> !c.projectNo().equals(entry.projectNo()))
            .map(ContractEntry::contractNo)
            .toList();
    Set<String> numbers = years.stream().map(ContractEntry::contractNo).collect(Collectors.toSet());
    List<PaymentRecord> payments = new ArrayList<>();
    analytics.payments().stream()
        .filter(p -> numbers.contains(p.contractNo()))
        .forEach(payments::add);
    List<EvaluationEntry> evaluations =
        registry.evaluationsOf(entry.providerOrgId()).stream()
            .filter(e -> numbers.contains(e.contractNo()))
            .sorted(Comparator.comparing(EvaluationEntry::recordedAt))
            .toList();
    List<ComplaintEntry> complaints =
        registry.complaintsAbout(entry.providerOrgId()).stream()
            .filter(c -> numbers.contains(c.contractNo()))
            .sorted(Comparator.comparing(ComplaintEntry::recordedAt))
            .toList();
    List<TerminationEntry> terminations =
        registry.terminationsOf(entry.providerOrgId()).stream()
            .filter(t -> numbers.contains(t.contractNo()))
            .toList();
    Engine engine = engineOf(entry.projectNo());
    List<Task> reviews =
        engine.tasks().stream()
            .filter(t -> t.elementId().equals("Task_ReviewReportBureau") && t.completed() != null)
            .sorted(Comparator.comparing(Task::completed))
            .toList();
    List<ReportLine> reports = new ArrayList<>();
    int reviewed = 0;
    for (ContractEntry year : years) {
      List<OperatingReport> filed = contracts.reportsOf(year.contractNo());
      Instant until =
          year.state().isFinal() && year.stateChangedAt().isBefore(now)
              ? year.stateChangedAt()
              : now;
      ZonedDateTime signed = year.signedAt().atZone(CHINA);
      for (int k = 1; k <= 6; k++) {
        Instant due = signed.plusMonths(2L * k).toInstant();
        if (due.isAfter(until) && k > filed.size()) {
          break;
        }
        OperatingReport report = k <= filed.size() ? filed.get(k - 1) : null;
        Task review = report != null && reviewed < reviews.size() ? reviews.get(reviewed++) : null;
        reports.add(
            new ReportLine(
                year.contractNo(),
                k,
                due,
                report == null ? null : report.filedAt(),
                report == null ? due.isBefore(now) : report.filedAt().isAfter(due),
                review == null ? null : review.completed(),
                review == null ? "" : review.assignee()));
      }
    }
    List<Map<String, Object>> documents = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (ContractEntry year : years) {
      for (DocumentFile file : year.signedContractFiles()) {
        addDocument(documents, seen, reference(file, "签订的合同（" + year.contractNo() + "）"));
      }
    }
    List<String> keys = new ArrayList<>(numbers);
    keys.add(entry.projectNo());
    for (OutboxMessage message : analytics.messagesAbout(keys)) {
      for (DocumentFile file : message.attachments()) {
        addDocument(documents, seen, reference(file, message.title()));
      }
    }
    for (Map<String, String> variables : engine.variables()) {
      variables.forEach(
          (name, json) -> {
            if (DOCUMENT_VARIABLES.contains(name)) {
              documentsIn(parse(json), documents, seen);
            }
          });
    }
    Map<String, Person> people = new LinkedHashMap<>();
    people.put(
        "provider", new Person("承接机构", entry.providerName() + "（" + entry.providerOrgId() + "）"));
    people.put(
        "district",
        new Person("采购方（区镇）", entry.district() + "（district-" + entry.unitCode() + "）"));
    for (Task t : engine.tasks()) {
      if (t.completed() != null && !t.assignee().isBlank()) {
        people.putIfAbsent(t.name() + t.assignee(), new Person(t.name(), t.assignee()));
      }
    }
    ContractEntry last = years.get(years.size() - 1);
    String stageName =
        switch (last.state()) {
          case TERMINATED -> UnitStage.TERMINATED.chinese();
          case COMPLETED -> UnitStage.COMPLETED.chinese();
          default -> UnitStage.IN_SERVICE.chinese();
        };
    return new ContractPage(
        entry.contractNo(),
        entry.projectNo(),
        entry.unitCode(),
        entry.district(),
        entry.roundYear(),
        entry.providerOrgId(),
        entry.providerName(),
        stageName,
        years,
        reports,
        evaluations,
        payments,
        complaints,
        terminations,
        replacements,
        documents,
        List.copyOf(people.values()),
        engine.instances().stream().map(Instance::key).toList(),
        years.stream().mapToLong(ContractEntry::contractValueFen).sum(),
        payments.stream().mapToLong(PaymentRecord::amountFen).sum());
  }

  /** The engine's instances of one project: its unit procurement and everything it called. */
  private record Engine(
      List<Instance> instances, List<Task> tasks, List<Map<String, String>> variables) {}

  private Engine engineOf(String projectNo) {
    List<Instance> instances = new ArrayList<>();
    List<Instance> next = new ArrayList<>(history.instances(UNIT_PROCESS, "projectNo", projectNo));
    while (!next.isEmpty() && instances.size() < 200) {
      Instance i = next.remove(0);
      instances.add(i);
      next.addAll(history.children(i.key()));
    }
    List<Task> tasks = new ArrayList<>();
    List<Map<String, String>> variables = new ArrayList<>();
    for (Instance i : instances) {
      tasks.addAll(history.tasks(i.key()));
      variables.add(history.variables(i.key()));
    }
    return new Engine(instances, tasks, variables);
  }

  // ---------------------------------------------------------------- audit

  /**
   * Who did what in one process instance: every user task completed (by whom, when, the fields of
   * its form), every automatic step, every document it holds.
   *
   * @throws NoSuchElementException if the engine has no such instance
   */
  public AuditTrail instanceTrail(long processInstanceKey) {
    Instance instance =
        history
            .instance(processInstanceKey)
            .orElseThrow(() -> new NoSuchElementException("没有流程实例 " + processInstanceKey));
    List<AuditEntry> entries = new ArrayList<>();
    engineEntries(instance, entries);
    entries.sort(AUDIT_ORDER);
    return new AuditTrail(instance.processName() + "（流程实例 " + instance.key() + "）", entries);
  }

  /** The contract's audit trail: the register's records and the engine's history of its award. */
  public AuditTrail contractTrail(String contractNo) {
    ContractPage page = contract(contractNo);
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
      history.instance(key).ifPresent(i -> engineEntries(i, entries));
    }
    entries.sort(AUDIT_ORDER);
    return new AuditTrail(
        "合同 " + page.contractNo() + "（" + page.district() + "，" + page.providerName() + "）",
        entries);
  }

  private static final Comparator<AuditEntry> AUDIT_ORDER =
      Comparator.comparing(AuditEntry::at, Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparing(AuditEntry::what);

  private void engineEntries(Instance instance, List<AuditEntry> entries) {
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
                t.fields(),
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

  // ---------------------------------------------------------------- helpers

  static String evaluationLabel(EvaluationEntry e) {
    return "第"
        + e.contractYear()
        + "年度"
        + EVALUATION_KINDS.getOrDefault(e.kind(), e.kind())
        + "："
        + e.grade();
  }

  static String paymentLabel(PaymentRecord p) {
    return "拨付第" + p.contractYear() + "年度第" + p.tranche() + "期 " + yuan(p.amountFen()) + "元";
  }

  /** Fen as yuan with two decimals and thousands separators: 24000000 → 240,000.00. */
  public static String yuan(long fen) {
    return String.format(
        "%,.2f", BigDecimal.valueOf(fen).movePointLeft(2).setScale(2, RoundingMode.UNNECESSARY));
  }

  static String day(Instant at) {
    return at == null ? "" : DAY.format(at.atZone(CHINA));
  }

  private static String districtOf(String code, List<ContractEntry> held) {
    if (!held.isEmpty() && !held.get(0).district().isBlank()) {
      return held.get(0).district();
    }
    return KunshanUnits.byCode(code).map(ProcurementUnit::name).orElse(code);
  }

  private static String roundName(int year, Map<String, String> variables) {
    return textVariable(variables, "roundName").orElse(year + "年昆山市社区社会工作服务项目采购");
  }

  private static List<String> unitsOf(Map<String, String> variables) {
    JsonNode codes = parse(variables.get("unitCodes"));
    List<String> units = new ArrayList<>();
    if (codes != null && codes.isArray()) {
      codes.forEach(c -> units.add(c.asText()));
    }
    return units;
  }

  private static Optional<String> textVariable(Map<String, String> variables, String name) {
    JsonNode node = parse(variables.get(name));
    return node == null || node.isNull() || node.asText().isBlank()
        ? Optional.empty()
        : Optional.of(node.asText());
  }

  private static Integer intVariable(Map<String, String> variables, String name) {
    JsonNode node = parse(variables.get(name));
    return node != null && node.canConvertToInt() ? node.asInt() : null;
  }

  private static JsonNode parse(String json) {
    if (json == null) {
      return null;
    }
    try {
      return JSON.readTree(json);
    } catch (java.io.IOException e) {
      return null;
    }
  }

  private static Map<String, Object> reference(DocumentFile file, String purpose) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("fileName", file.fileName());
    metadata.put("contentType", file.contentType());
    metadata.put("purpose", purpose);
    Map<String, Object> reference = new LinkedHashMap<>();
    reference.put("camunda.document.type", "camunda");
    reference.put("documentId", file.documentId());
    reference.put("storeId", file.storeId());
    reference.put("contentHash", file.contentHash());
    reference.put("metadata", metadata);
    return reference;
  }

  private static void addDocument(
      List<Map<String, Object>> documents, Set<String> seen, Map<String, Object> reference) {
    if (seen.add(String.valueOf(reference.get("documentId")))) {
      documents.add(reference);
    }
  }

  @SuppressWarnings("unchecked")
  private static void documentsIn(
      JsonNode node, List<Map<String, Object>> documents, Set<String> seen) {
    if (node == null) {
      return;
    }
    if (node.isObject() && node.hasNonNull("documentId") && node.path("metadata").has("fileName")) {
      addDocument(documents, seen, JSON.convertValue(node, Map.class));
      return;
    }
    if (node.isContainerNode()) {
      node.forEach(child -> documentsIn(child, documents, seen));
    }
  }

  private static Map<String, String> linked(String... pairs) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return map;
  }
}
