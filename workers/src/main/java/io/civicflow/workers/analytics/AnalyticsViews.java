package io.civicflow.workers.analytics;

import io.civicflow.workers.contract.ContractEntry;
import io.civicflow.workers.registry.IncubationEntry;
import io.civicflow.workers.registry.ProviderEntry;
import io.civicflow.workers.registry.RatingEntry;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * What the analyst API answers: English keys, Chinese names and grades as they are in the data,
 * money in fen.
 */
public final class AnalyticsViews {

  private AnalyticsViews() {}

  /** Contracts of one district, round year and state. */
  public record ContractGroup(
      String district, int year, String state, long contracts, long contractValueFen) {}

  /**
   * One contract year's payments against its budget (the awarded annual price; each year has its
   * own number).
   */
  public record ContractBudget(
      String contractNo,
      String district,
      int year,
      String providerOrgId,
      String providerName,
      String state,
      long budgetFen,
      long paidFen,
      long remainingFen) {}

  public record BudgetReport(long budgetFen, long paidFen, List<ContractBudget> contracts) {}

  /** Evaluations of one provider in one calendar year (China time) with one grade. */
  public record GradeCount(int year, String providerOrgId, String grade, long evaluations) {}

  /** A contract whose bimonthly operating reports are missing or were filed late. */
  public record ReportArrears(
      String contractNo,
      String district,
      String providerOrgId,
      String providerName,
      int reportsDue,
      int reportsFiled,
      int missing,
      int late) {}

  /** A provider's place in the ranking by current rating. */
  public record RankedProvider(
      int rank,
      String providerOrgId,
      String name,
      BigDecimal rating,
      int evaluations,
      int upheldComplaints,
      int terminations,
      Instant ratedAt) {}

  /** Everything the register holds about one provider. */
  public record ProviderCard(
      String providerOrgId,
      ProviderEntry profile,
      RatingEntry currentRating,
      List<RatingEntry> ratingHistory,
      long evaluations,
      long upheldComplaints,
      long terminations,
      List<ContractEntry> contracts,
      List<IncubationEntry> incubation) {}

  /** Organisations that reached each incubation stage (distinct orgIds). */
  public record IncubationFunnel(
      long applied, long admitted, long graduated, long rejected, long exited) {}

  /** Cases of one district and year. */
  public record CaseVolume(String district, int year, long opened, long closed) {}

  /** Service requests of one district and year, with their SLA breaches. */
  public record RequestVolume(
      String district,
      int year,
      long registered,
      long closed,
      long acceptanceLapses,
      long serviceLapses,
      long slaBreaches) {}

  /**
   * A chart for the console's dashboards (workers/src/main/console/README.md, "the analytics
   * contract"): labels, one or more series of numbers, the unit officials read.
   */
  public record Chart(List<String> labels, List<Series> series, String unit) {}

  public record Series(String name, List<BigDecimal> data) {}
}
