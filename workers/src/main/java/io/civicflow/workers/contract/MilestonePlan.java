package io.civicflow.workers.contract;

import java.util.List;

/**
 * The evaluations of a contract and its bimonthly operating reports.
 *
 * @param reports one entry per two-month period of the term, in order
 */
public record MilestonePlan(List<Milestone> milestones, List<ReportPeriod> reports) {

  /**
   * One operating report (Kunshan §6.2: every two months).
   *
   * @param number 1 to 12 over two years
   * @param periodStart the first day of the period
   * @param periodEnd the last day of the period
   * @param dueDate 09:00 on the day after the period ends, ISO-8601 with offset
   */
  public record ReportPeriod(int number, String periodStart, String periodEnd, String dueDate) {}
}
