package io.civicflow.workers.analytics;

import io.civicflow.workers.analytics.AnalyticsViews.BudgetReport;
import io.civicflow.workers.analytics.AnalyticsViews.CaseVolume;
import io.civicflow.workers.analytics.AnalyticsViews.Chart;
import io.civicflow.workers.analytics.AnalyticsViews.ContractGroup;
import io.civicflow.workers.analytics.AnalyticsViews.GradeCount;
import io.civicflow.workers.analytics.AnalyticsViews.IncubationFunnel;
import io.civicflow.workers.analytics.AnalyticsViews.ProviderCard;
import io.civicflow.workers.analytics.AnalyticsViews.RankedProvider;
import io.civicflow.workers.analytics.AnalyticsViews.ReportArrears;
import io.civicflow.workers.analytics.AnalyticsViews.RequestVolume;
import io.civicflow.workers.contract.ContractState;
import io.civicflow.workers.registry.elasticsearch.ElasticsearchAccessException;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The analyst API: read-only JSON over the registry (DOMAIN.md §5: "lets analysts compare providers
 * and districts"). Every endpoint is a GET; nothing here writes or deletes. Answered by
 * Elasticsearch, so it is there whenever the registry runs on Elasticsearch (the default).
 */
@RestController
@RequestMapping(path = "/api/analytics", produces = "application/json")
public class AnalyticsController {

  private final ObjectProvider<RegistryAnalytics> analytics;
  private final InstantSource engineTime;

  /**
   * @param engineTime the application's one clock (see {@code CalendarConfiguration})
   */
  public AnalyticsController(
      ObjectProvider<RegistryAnalytics> analytics, InstantSource engineTime) {
    this.analytics = analytics;
    this.engineTime = engineTime;
  }

  /** Contracts by district, round year and state. */
  @GetMapping("/contracts")
  public List<ContractGroup> contracts(
      @RequestParam(required = false) String district,
      @RequestParam(required = false) Integer year,
      @RequestParam(required = false) ContractState state) {
    return analytics().contracts(district, year, state);
  }

  /** Each contract's payments against its budget, with totals. */
  @GetMapping("/payments/budget")
  public BudgetReport paymentsAgainstBudget(
      @RequestParam(required = false) String district,
      @RequestParam(required = false) Integer year) {
    return analytics().paymentsAgainstBudget(district, year);
  }

  /** Evaluation grades by year and provider. */
  @GetMapping("/evaluations/grade-distribution")
  public List<GradeCount> grades(
      @RequestParam(required = false) Integer year,
      @RequestParam(required = false) String providerOrgId) {
    return analytics().gradeDistribution(year, providerOrgId);
  }

  /** Contracts with late or missing operating reports, at {@code asOf} (a day; default today). */
  @GetMapping("/operating-reports/arrears")
  public List<ReportArrears> reportArrears(
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
          LocalDate asOf) {
    Instant at =
        asOf == null
            ? engineTime.instant()
            : asOf.plusDays(1).atStartOfDay(RegistryAnalytics.CHINA).toInstant();
    return analytics().reportArrears(at);
  }

  /** Providers by current dynamic rating, best first. */
  @GetMapping("/providers/ranking")
  public List<RankedProvider> ranking() {
    return analytics().providerRanking();
  }

  /** One provider: profile, current rating and its history, contracts, incubation. */
  @GetMapping("/providers/{orgId}")
  public ProviderCard provider(@PathVariable String orgId) {
    return analytics().provider(orgId);
  }

  /** Incubation funnel: applied → admitted → graduated. */
  @GetMapping("/incubations/funnel")
  public IncubationFunnel funnel(@RequestParam(required = false) Integer year) {
    return analytics().incubationFunnel(year);
  }

  /** Cases opened and closed per district and year. */
  @GetMapping("/cases/volume")
  public List<CaseVolume> cases(@RequestParam(required = false) Integer year) {
    return analytics().caseVolumes(year);
  }

  /** Service requests per district and year with SLA breaches. */
  @GetMapping("/service-requests/volume")
  public List<RequestVolume> requests(@RequestParam(required = false) Integer year) {
    return analytics().requestVolumes(year);
  }

  /** Console chart: annual contract value per district (yuan). */
  @GetMapping("/contracts/by-district")
  public Chart contractsByDistrictChart() {
    return analytics().contractValueByDistrictChart();
  }

  /** Console chart: payments per month (yuan). */
  @GetMapping("/payments/by-month")
  public Chart paymentsByMonthChart() {
    return analytics().paymentsByMonthChart();
  }

  /** Console chart: evaluations per grade. */
  @GetMapping("/evaluations/grades")
  public Chart gradesChart() {
    return analytics().gradesChart();
  }

  /** Console chart: current rating per provider. */
  @GetMapping("/providers/ratings")
  public Chart providerRatingsChart() {
    return analytics().providerRatingsChart();
  }

  @ExceptionHandler(ElasticsearchAccessException.class)
  ResponseEntity<Map<String, String>> unavailable(ElasticsearchAccessException e) {
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .body(Map.of("error", "registry unavailable", "detail", e.getMessage()));
  }

  private RegistryAnalytics analytics() {
    RegistryAnalytics available = analytics.getIfAvailable();
    if (available == null) {
      throw new ResponseStatusException(
          HttpStatus.SERVICE_UNAVAILABLE,
          "The analyst API needs the registry on Elasticsearch"
              + " (civicflow.registry.elasticsearch.enabled=false)");
    }
    return available;
  }
}
