package io.civicflow.workers.analytics;

import static io.civicflow.workers.analytics.AnalyticsSearch.MAX_BUCKETS;
import static io.civicflow.workers.analytics.AnalyticsSearch.all;
import static io.civicflow.workers.analytics.AnalyticsSearch.inYear;
import static io.civicflow.workers.analytics.AnalyticsSearch.term;

import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.CalendarInterval;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.JsonData;
import io.civicflow.workers.analytics.AnalyticsViews.BudgetReport;
import io.civicflow.workers.analytics.AnalyticsViews.CaseVolume;
import io.civicflow.workers.analytics.AnalyticsViews.Chart;
import io.civicflow.workers.analytics.AnalyticsViews.ContractBudget;
import io.civicflow.workers.analytics.AnalyticsViews.ContractGroup;
import io.civicflow.workers.analytics.AnalyticsViews.GradeCount;
import io.civicflow.workers.analytics.AnalyticsViews.IncubationFunnel;
import io.civicflow.workers.analytics.AnalyticsViews.ProviderCard;
import io.civicflow.workers.analytics.AnalyticsViews.RankedProvider;
import io.civicflow.workers.analytics.AnalyticsViews.ReportArrears;
import io.civicflow.workers.analytics.AnalyticsViews.RequestVolume;
import io.civicflow.workers.analytics.AnalyticsViews.Series;
import io.civicflow.workers.contract.ContractEntry;
import io.civicflow.workers.contract.ContractRecords;
import io.civicflow.workers.contract.ContractState;
import io.civicflow.workers.contract.OperatingReport;
import io.civicflow.workers.outbox.OutboxMessage;
import io.civicflow.workers.payment.PaymentRecord;
import io.civicflow.workers.registry.ComplaintEntry;
import io.civicflow.workers.registry.EvaluationEntry;
import io.civicflow.workers.registry.IncubationRecords;
import io.civicflow.workers.registry.ProviderEntry;
import io.civicflow.workers.registry.ProviderRegistry;
import io.civicflow.workers.registry.RatingEntry;
import io.civicflow.workers.registry.elasticsearch.ElasticsearchDocumentStore;
import io.civicflow.workers.registry.elasticsearch.RegistryIndices;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The analysts' questions, answered by Elasticsearch aggregations over the registry's indices.
 * Read-only. Years are calendar years in China time (Asia/Shanghai), except for contracts, which
 * are grouped by their procurement round's year.
 */
public final class RegistryAnalytics {

  /** Where the years of dates are counted. */
  public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  /** Bimonthly reports (Kunshan §6.2). */
  static final int REPORT_EVERY_MONTHS = 2;

  private final ElasticsearchDocumentStore store;
  private final ProviderRegistry registry;
  private final ContractRecords contracts;
  private final IncubationRecords incubations;
  private final AnalyticsSearch search;
  private final StationAnalytics stations;
  private final AnalyticsCharts charts;

  public RegistryAnalytics(
      ElasticsearchDocumentStore store,
      ProviderRegistry registry,
      ContractRecords contracts,
      IncubationRecords incubations) {
    this.store = Objects.requireNonNull(store, "store");
    this.registry = Objects.requireNonNull(registry, "registry");
    this.contracts = Objects.requireNonNull(contracts, "contracts");
    this.incubations = Objects.requireNonNull(incubations, "incubations");
    this.search = new AnalyticsSearch(store);
    this.stations = new StationAnalytics(search);
    this.charts = new AnalyticsCharts(search);
  }

  /** Contracts by district, round year and state; each filter may be null. */
  public List<ContractGroup> contracts(String district, Integer year, ContractState state) {
    Query query =
        all(
            district == null ? null : term("district", district),
            year == null ? null : Query.of(q -> q.term(t -> t.field("roundYear").value(year))),
            state == null ? null : term("state", state.name()));
    Aggregation byState =
        Aggregation.of(
            a ->
                a.terms(t -> t.field("state").size(MAX_BUCKETS))
                    .aggregations("value", v -> v.sum(s -> s.field("contractValueFen"))));
    Aggregation byYear =
        Aggregation.of(
            a ->
                a.terms(t -> t.field("roundYear").size(MAX_BUCKETS))
                    .aggregations("state", byState));
    Map<String, Aggregate> result =
        search.aggregate(
            RegistryIndices.CONTRACTS.alias(),
            query,
            "district",
            Aggregation.of(
                a ->
                    a.terms(t -> t.field("district").size(MAX_BUCKETS))
                        .aggregations("year", byYear)));
    List<ContractGroup> groups = new ArrayList<>();
    for (StringTermsBucket d : result.get("district").sterms().buckets().array()) {
      for (var y : d.aggregations().get("year").lterms().buckets().array()) {
        for (StringTermsBucket s : y.aggregations().get("state").sterms().buckets().array()) {
          groups.add(
              new ContractGroup(
                  d.key().stringValue(),
                  (int) y.key(),
                  s.key().stringValue(),
                  s.docCount(),
                  (long) s.aggregations().get("value").sum().value()));
        }
      }
    }
    groups.sort(
        Comparator.comparing(ContractGroup::district)
            .thenComparing(ContractGroup::year)
            .thenComparing(ContractGroup::state));
    return groups;
  }

  /** Each contract's payments against its budget; filters may be null. */
  public BudgetReport paymentsAgainstBudget(String district, Integer year) {
    Query query =
        all(
            district == null ? null : term("district", district),
            year == null ? null : Query.of(q -> q.term(t -> t.field("roundYear").value(year))));
    List<ContractEntry> signed =
        store.searchSorted(
            RegistryIndices.CONTRACTS.alias(), query, List.of("contractNo"), ContractEntry.class);
    Map<String, Aggregate> paid =
        search.aggregate(
            RegistryIndices.PAYMENTS.alias(),
            Query.of(q -> q.matchAll(m -> m)),
            "contract",
            Aggregation.of(
                a ->
                    a.terms(t -> t.field("contractNo").size(MAX_BUCKETS))
                        .aggregations("paid", p -> p.sum(s -> s.field("amountFen")))));
    Map<String, Long> paidByContract = new HashMap<>();
    for (StringTermsBucket bucket : paid.get("contract").sterms().buckets().array()) {
      paidByContract.put(
          bucket.key().stringValue(), (long) bucket.aggregations().get("paid").sum().value());
    }
    List<ContractBudget> rows = new ArrayList<>();
    long budgetTotal = 0;
    long paidTotal = 0;
    for (ContractEntry contract : signed) {
      // one register entry per contract year (一年一签): its budget is the awarded annual price
      long budget = contract.contractValueFen();
      long paidFen = paidByContract.getOrDefault(contract.contractNo(), 0L);
      budgetTotal = Math.addExact(budgetTotal, budget);
      paidTotal = Math.addExact(paidTotal, paidFen);
      rows.add(
          new ContractBudget(
              contract.contractNo(),
              contract.district(),
              contract.roundYear(),
              contract.providerOrgId(),
              contract.providerName(),
              contract.state().name(),
              budget,
              paidFen,
              budget - paidFen));
    }
    return new BudgetReport(budgetTotal, paidTotal, rows);
  }

  /** The register's contract entries of one round year (every year: null), by contract number. */
  public List<ContractEntry> contractEntries(Integer year) {
    Query query =
        all(year == null ? null : Query.of(q -> q.term(t -> t.field("roundYear").value(year))));
    return store.searchSorted(
        RegistryIndices.CONTRACTS.alias(), query, List.of("contractNo"), ContractEntry.class);
  }

  /** Every evaluation in the register, oldest first (one search, for pages over many units). */
  public List<EvaluationEntry> evaluations() {
    return everything(
        RegistryIndices.EVALUATIONS.alias(),
        List.of("recordedAt", "entryId"),
        EvaluationEntry.class);
  }

  /** Every complaint in the register, oldest first. */
  public List<ComplaintEntry> complaints() {
    return everything(
        RegistryIndices.COMPLAINTS.alias(), List.of("recordedAt", "entryId"), ComplaintEntry.class);
  }

  /** Every operating report, by contract in filing order (one search instead of one a contract). */
  public Map<String, List<OperatingReport>> reportsByContract() {
    Map<String, List<OperatingReport>> reports = new HashMap<>();
    for (OperatingReport report :
        everything(
            RegistryIndices.OPERATING_REPORTS.alias(),
            List.of("filedAt", "reportId"),
            OperatingReport.class)) {
      reports.computeIfAbsent(report.contractNo(), k -> new ArrayList<>()).add(report);
    }
    return reports;
  }

  private <T> List<T> everything(String alias, List<String> sort, Class<T> type) {
    return store.searchSorted(alias, Query.of(q -> q.matchAll(m -> m)), sort, type);
  }

  /** Every payment in the ledger, by contract, year and tranche. */
  public List<PaymentRecord> payments() {
    return store.searchSorted(
        RegistryIndices.PAYMENTS.alias(),
        Query.of(q -> q.matchAll(m -> m)),
        List.of("contractNo", "contractYear", "tranche"),
        PaymentRecord.class);
  }

  /** Publications and notifications about any of {@code businessKeys}, oldest first. */
  public List<OutboxMessage> messagesAbout(java.util.Collection<String> businessKeys) {
    if (businessKeys.isEmpty()) {
      return List.of();
    }
    Query query =
        Query.of(
            q ->
                q.terms(
                    t ->
                        t.field("businessKey")
                            .terms(
                                v ->
                                    v.value(
                                        businessKeys.stream()
                                            .map(
                                                co.elastic.clients.elasticsearch._types.FieldValue
                                                    ::of)
                                            .toList()))));
    return store.searchSorted(
        RegistryIndices.OUTBOX.alias(),
        query,
        List.of("postedAt", "messageId"),
        OutboxMessage.class);
  }

  /** Evaluations by calendar year, provider and grade; filters may be null. */
  public List<GradeCount> gradeDistribution(Integer year, String providerOrgId) {
    Query query =
        all(
            year == null ? null : inYear("recordedAt", year),
            providerOrgId == null ? null : term("providerOrgId", providerOrgId));
    Aggregation byGrade = Aggregation.of(a -> a.terms(t -> t.field("grade").size(MAX_BUCKETS)));
    Aggregation byProvider =
        Aggregation.of(
            a ->
                a.terms(t -> t.field("providerOrgId").size(MAX_BUCKETS))
                    .aggregations("grade", byGrade));
    Map<String, Aggregate> result =
        search.aggregate(
            RegistryIndices.EVALUATIONS.alias(),
            query,
            "year",
            Aggregation.of(
                a ->
                    a.dateHistogram(
                            h ->
                                h.field("recordedAt")
                                    .calendarInterval(CalendarInterval.Year)
                                    .timeZone(CHINA.getId())
                                    .minDocCount(1))
                        .aggregations("provider", byProvider)));
    List<GradeCount> counts = new ArrayList<>();
    for (var y : result.get("year").dateHistogram().buckets().array()) {
      int calendarYear = Instant.ofEpochMilli(y.key()).atZone(CHINA).getYear();
      for (StringTermsBucket p : y.aggregations().get("provider").sterms().buckets().array()) {
        for (StringTermsBucket g : p.aggregations().get("grade").sterms().buckets().array()) {
          counts.add(
              new GradeCount(
                  calendarYear, p.key().stringValue(), g.key().stringValue(), g.docCount()));
        }
      }
    }
    counts.sort(
        Comparator.comparing(GradeCount::year)
            .thenComparing(GradeCount::providerOrgId)
            .thenComparing(GradeCount::grade));
    return counts;
  }

  /**
   * Contracts whose operating reports are missing or late at {@code asOf}. A contract owes its k-th
   * report {@code 2k} months after signing (Kunshan §6.2: every two months), until {@code asOf} or
   * the day it ended; the k-th report filed is late if filed after its due date.
   */
  public List<ReportArrears> reportArrears(Instant asOf) {
    List<ContractEntry> all =
        store.searchSorted(
            RegistryIndices.CONTRACTS.alias(),
            Query.of(q -> q.matchAll(m -> m)),
            List.of("contractNo"),
            ContractEntry.class);
    List<ReportArrears> arrears = new ArrayList<>();
    Map<String, List<OperatingReport>> reports = reportsByContract();
    for (ContractEntry contract : all) {
      Instant until =
          contract.state().isFinal() && contract.stateChangedAt().isBefore(asOf)
              ? contract.stateChangedAt()
              : asOf;
      ZonedDateTime signed = contract.signedAt().atZone(CHINA);
      List<Instant> dues = new ArrayList<>();
      for (int k = 1; ; k++) {
        Instant due = signed.plusMonths((long) REPORT_EVERY_MONTHS * k).toInstant();
        if (due.isAfter(until)) {
          break;
        }
        dues.add(due);
      }
      List<OperatingReport> filed = reports.getOrDefault(contract.contractNo(), List.of());
      int late = 0;
      for (int k = 0; k < Math.min(dues.size(), filed.size()); k++) {
        if (filed.get(k).filedAt().isAfter(dues.get(k))) {
          late++;
        }
      }
      int missing = Math.max(0, dues.size() - filed.size());
      if (missing > 0 || late > 0) {
        arrears.add(
            new ReportArrears(
                contract.contractNo(),
                contract.district(),
                contract.providerOrgId(),
                contract.providerName(),
                dues.size(),
                filed.size(),
                missing,
                late));
      }
    }
    return arrears;
  }

  /** Providers by current rating, best first (ties by orgId). */
  public List<RankedProvider> providerRanking() {
    Map<String, Aggregate> result =
        search.aggregate(
            RegistryIndices.RATINGS.alias(),
            Query.of(q -> q.matchAll(m -> m)),
            "provider",
            Aggregation.of(
                a ->
                    a.terms(t -> t.field("providerOrgId").size(MAX_BUCKETS))
                        .aggregations(
                            "latest",
                            l ->
                                l.topHits(
                                    h ->
                                        h.size(1)
                                            .sort(
                                                s ->
                                                    s.field(
                                                        f ->
                                                            f.field("computedAt")
                                                                .order(SortOrder.Desc)))
                                            .sort(
                                                s ->
                                                    s.field(
                                                        f ->
                                                            f.field("entryId")
                                                                .order(SortOrder.Desc)))))));
    List<RatingEntry> latest = new ArrayList<>();
    for (StringTermsBucket bucket : result.get("provider").sterms().buckets().array()) {
      List<Hit<JsonData>> hits = bucket.aggregations().get("latest").topHits().hits().hits();
      if (!hits.isEmpty() && hits.get(0).source() != null) {
        latest.add(hits.get(0).source().to(RatingEntry.class));
      }
    }
    latest.sort(
        Comparator.comparing(RatingEntry::rating)
            .reversed()
            .thenComparing(RatingEntry::providerOrgId));
    List<RankedProvider> ranking = new ArrayList<>();
    for (RatingEntry rating : latest) {
      String name = registry.provider(rating.providerOrgId()).map(ProviderEntry::name).orElse("");
      ranking.add(
          new RankedProvider(
              ranking.size() + 1,
              rating.providerOrgId(),
              name,
              rating.rating(),
              rating.evaluations(),
              rating.upheldComplaints(),
              rating.terminations(),
              rating.computedAt()));
    }
    return ranking;
  }

  /** Everything about one provider: profile, current rating and history, counts, contracts. */
  public ProviderCard provider(String orgId) {
    List<RatingEntry> history = registry.ratingHistoryOf(orgId);
    List<ContractEntry> held =
        store.searchSorted(
            RegistryIndices.CONTRACTS.alias(),
            term("providerOrgId", orgId),
            List.of("signedAt", "contractNo"),
            ContractEntry.class);
    return new ProviderCard(
        orgId,
        registry.provider(orgId).orElse(null),
        history.isEmpty() ? null : history.get(history.size() - 1),
        history,
        registry.evaluationsOf(orgId).size(),
        registry.complaintsAbout(orgId).stream().filter(c -> c.upheld()).count(),
        registry.terminationsOf(orgId).size(),
        held,
        incubations.historyOf(orgId));
  }

  /** Organisations per incubation stage; {@code year} (of the stage's date) may be null. */
  public IncubationFunnel incubationFunnel(Integer year) {
    return stations.incubationFunnel(year);
  }

  /** Cases opened and closed per district and year. */
  public List<CaseVolume> caseVolumes(Integer year) {
    return stations.caseVolumes(year);
  }

  /** Service requests per district and year with SLA breaches. */
  public List<RequestVolume> requestVolumes(Integer year) {
    return stations.requestVolumes(year);
  }

  /** Chart: annual contract value (yuan) per district. */
  public Chart contractValueByDistrictChart() {
    return charts.contractValueByDistrict();
  }

  /** Chart: payments (yuan) per month of payment, China time. */
  public Chart paymentsByMonthChart() {
    return charts.paymentsByMonth();
  }

  /** Chart: evaluations per grade, all years, in grade order. */
  public Chart gradesChart() {
    Map<String, Long> counts = new HashMap<>();
    for (GradeCount count : gradeDistribution(null, null)) {
      counts.merge(count.grade(), count.evaluations(), Long::sum);
    }
    List<String> labels = new ArrayList<>(List.of("优秀", "良好", "合格", "不合格"));
    counts.keySet().stream().filter(g -> !labels.contains(g)).sorted().forEach(labels::add);
    List<BigDecimal> data =
        labels.stream().map(g -> BigDecimal.valueOf(counts.getOrDefault(g, 0L))).toList();
    return new Chart(labels, List.of(new Series("评估次数", data)), "次");
  }

  /** Chart: current dynamic rating per provider, best first. */
  public Chart providerRatingsChart() {
    List<String> labels = new ArrayList<>();
    List<BigDecimal> data = new ArrayList<>();
    for (RankedProvider provider : providerRanking()) {
      labels.add(provider.name().isEmpty() ? provider.providerOrgId() : provider.name());
      data.add(provider.rating());
    }
    return new Chart(labels, List.of(new Series("动态评级", data)), "分");
  }
}
