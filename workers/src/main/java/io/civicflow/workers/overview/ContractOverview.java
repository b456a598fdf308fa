package io.civicflow.workers.overview;

import static io.civicflow.workers.overview.OverviewText.*;

import io.civicflow.workers.analytics.RegistryAnalytics;
import io.civicflow.workers.contract.ContractEntry;
import io.civicflow.workers.contract.ContractRecords;
import io.civicflow.workers.contract.OperatingReport;
import io.civicflow.workers.documents.DocumentFile;
import io.civicflow.workers.outbox.OutboxMessage;
import io.civicflow.workers.overview.OverviewViews.ContractPage;
import io.civicflow.workers.overview.OverviewViews.Person;
import io.civicflow.workers.overview.OverviewViews.ReportLine;
import io.civicflow.workers.overview.ProcessHistory.Instance;
import io.civicflow.workers.overview.ProcessHistory.Task;
import io.civicflow.workers.payment.PaymentRecord;
import io.civicflow.workers.registry.ComplaintEntry;
import io.civicflow.workers.registry.EvaluationEntry;
import io.civicflow.workers.registry.ProviderRegistry;
import io.civicflow.workers.registry.TerminationEntry;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The contract page: everything about the award a contract belongs to, from the register and the
 * engine's history of its unit procurement and what that called.
 */
final class ContractOverview {

  private final RegistryAnalytics analytics;
  private final ContractRecords contracts;
  private final ProviderRegistry registry;
  private final ProcessHistory history;
  private final java.time.InstantSource clock;

  ContractOverview(
      RegistryAnalytics analytics,
      ContractRecords contracts,
      ProviderRegistry registry,
      ProcessHistory history,
      java.time.InstantSource clock) {
    this.analytics = analytics;
    this.contracts = contracts;
    this.registry = registry;
    this.history = history;
    this.clock = clock;
  }

  /**
   * Everything about the award a contract belongs to: both contract years, a replacement after a
   * termination, reports, evaluations, payments, complaints, documents, people.
   *
   * @param seesEvaluation whether the reader organises procurement and sees the evaluation report
   *     ({@link EvaluationSecrecy})
   * @throws NoSuchElementException if the register has no such contract
   */
  ContractPage contract(String contractNo, boolean seesEvaluation) {
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
    if (!seesEvaluation) {
      documents.removeIf(EvaluationSecrecy::isEvaluationReport);
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
  record Engine(List<Instance> instances, List<Task> tasks, List<Map<String, String>> variables) {}

  Engine engineOf(String projectNo) {
    List<Instance> instances = new ArrayList<>();
    List<Instance> next =
        new ArrayList<>(history.instances(RoundOverview.UNIT_PROCESS, "projectNo", projectNo));
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
}
