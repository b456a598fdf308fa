package io.civicflow.workers.overview;

import static io.civicflow.workers.overview.OverviewText.*;

import io.civicflow.workers.analytics.AnalyticsViews.ReportArrears;
import io.civicflow.workers.analytics.RegistryAnalytics;
import io.civicflow.workers.contract.ContractEntry;
import io.civicflow.workers.contract.ContractRecords;
import io.civicflow.workers.contract.ContractState;
import io.civicflow.workers.overview.OverviewViews.AuditTrail;
import io.civicflow.workers.overview.OverviewViews.ContractPage;
import io.civicflow.workers.overview.OverviewViews.Event;
import io.civicflow.workers.overview.OverviewViews.RoundPage;
import io.civicflow.workers.overview.OverviewViews.RoundSummary;
import io.civicflow.workers.overview.OverviewViews.UnitRow;
import io.civicflow.workers.overview.ProcessHistory.Instance;
import io.civicflow.workers.overview.ProcessHistory.Step;
import io.civicflow.workers.overview.ProcessHistory.Task;
import io.civicflow.workers.payment.PaymentRecord;
import io.civicflow.workers.procurement.KunshanUnits;
import io.civicflow.workers.registry.ComplaintEntry;
import io.civicflow.workers.registry.EvaluationEntry;
import io.civicflow.workers.registry.ProviderRegistry;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
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

  public static final ZoneId CHINA = OverviewText.CHINA;

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

  /**
   * The engine searches of a round page run side by side on these (bounded: a page has 15 units,
   * and the engine answers each search on a thread of its own).
   */
  private static final java.util.concurrent.ExecutorService READS =
      java.util.concurrent.Executors.newFixedThreadPool(
          6,
          runnable -> {
            Thread thread = new Thread(runnable, "round-page-reads");
            thread.setDaemon(true);
            return thread;
          });

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
    List<Instance> engineInstances = history.instances(ROUND_PROCESS, null, null);
    Map<Long, Map<String, String>> roundVariables =
        history.variables(
            engineInstances.stream().map(Instance::key).toList(),
            Set.of("roundYear", "roundName", "unitCodes"));
    for (Instance round : engineInstances) {
      Integer year = intVariable(roundVariables.getOrDefault(round.key(), Map.of()), "roundYear");
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
      Map<String, String> variables =
          round == null ? Map.of() : roundVariables.getOrDefault(round.key(), Map.of());
      rounds.add(
          new RoundSummary(
              year,
              roundName(year, variables),
              (int) Math.max(units, unitsOf(variables).size()),
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
    // every unit's instance, its unit code, steps and open tasks: one variable search for all
    // units, then each unit's two searches side by side (not one unit after the other)
    List<Instance> units = history.instances(UNIT_PROCESS, "roundYear", year);
    Map<Long, Map<String, String>> unitVariables =
        history.variables(units.stream().map(Instance::key).toList(), Set.of("unitCode"));
    Map<String, Instance> unitInstances = new HashMap<>();
    for (Instance unit : units) {
      textVariable(unitVariables.getOrDefault(unit.key(), Map.of()), "unitCode")
          .ifPresent(code -> unitInstances.merge(code, unit, (a, b) -> a.key() < b.key() ? a : b));
    }
    Map<Long, CompletableFuture<List<Step>>> unitSteps = new HashMap<>();
    Map<Long, CompletableFuture<List<Task>>> unitOpenTasks = new HashMap<>();
    for (Instance unit : unitInstances.values()) {
      unitSteps.put(
          unit.key(), CompletableFuture.supplyAsync(() -> history.steps(unit.key()), READS));
      unitOpenTasks.put(
          unit.key(), CompletableFuture.supplyAsync(() -> history.openTasks(unit.key()), READS));
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
      List<Step> steps = unit == null ? List.of() : unitSteps.get(unit.key()).join();
      for (Step step : steps) {
        String label = UNIT_MILESTONES.get(step.elementId());
        if (label != null && step.end() != null && "COMPLETED".equals(step.state())) {
          boolean lateSigning =
              step.elementId().equals("Task_SignContract") && step.end().isAfter(signDeadline);
          events.add(new Event(step.end(), step.elementId(), label, lateSigning));
        }
      }
      if (unit != null) {
        for (Task open : unitOpenTasks.get(unit.key()).join()) {
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
      UnitStage stage = stageOf(held, unit, steps, round, roundSteps);
      ContractEntry current = held.isEmpty() ? null : held.get(held.size() - 1);
      String detail = detailOf(stage, held, lastEvaluation, lastPayment, steps);
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

  // ---------------------------------------------------------------- contract and audit

  /**
   * Everything about the award a contract belongs to: both contract years, a replacement after a
   * termination, reports, evaluations, payments, complaints, documents, people.
   *
   * @param seesEvaluation whether the reader organises procurement (the bureau's readers, finance,
   *     audit): only they see the evaluation report and the members' score sheets ({@link
   *     EvaluationSecrecy})
   * @throws NoSuchElementException if the register has no such contract
   */
  public ContractPage contract(String contractNo, boolean seesEvaluation) {
    return new ContractOverview(analytics, contracts, registry, new MemoHistory(history), clock)
        .contract(contractNo, seesEvaluation);
  }

  /**
   * Who did what in one process instance: every user task completed (by whom, when, the fields of
   * its form), every automatic step, every document it holds.
   *
   * @throws NoSuchElementException if the engine has no such instance
   */
  public AuditTrail instanceTrail(long processInstanceKey) {
    return new AuditTrails(analytics, contracts, new MemoHistory(history))
        .instanceTrail(processInstanceKey);
  }

  /**
   * The contract's audit trail: the register's records and the engine's history of its award.
   *
   * @param seesEvaluation as for {@link #contract}
   */
  public AuditTrail contractTrail(String contractNo, boolean seesEvaluation) {
    ProcessHistory memo = new MemoHistory(history);
    ContractPage page =
        new ContractOverview(analytics, contracts, registry, memo, clock)
            .contract(contractNo, seesEvaluation);
    return new AuditTrails(analytics, contracts, memo).contractTrail(page, seesEvaluation);
  }

  /** Fen as yuan with two decimals and thousands separators: 24000000 → 240,000.00. */
  public static String yuan(long fen) {
    return OverviewText.yuan(fen);
  }
}
