package io.civicflow.workers.contract;

import io.civicflow.workers.calendar.ProcessTime;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans the evaluations and operating reports of a service contract from its start (DOMAIN.md §1,
 * Kunshan 2016: contract year September–August, mid-term evaluation in March, annual/final in
 * August; §6.2: an operating report every two months).
 *
 * <ul>
 *   <li>per contract year: MIDTERM at start + 6 months (tranche 2), then ANNUAL at start + 11
 *       months (tranche 3, renewal; the next year's contract is due when the next year starts), or
 *       FINAL in the last year (tranche 3, the balance). A one-year contract has MIDTERM then
 *       FINAL. The tranche numbers assume three tranches a year, as all splits of DOMAIN.md §6
 *       have;
 *   <li>evaluations start at 09:00 on the first day of their month;
 *   <li>reports: one per two-month period of the term, 12 over two years, each due at 09:00 on the
 *       day after its period ends (2016-11-01 for September–October 2016, ..., 2018-09-01 for the
 *       last period); the contract closes after the last one.
 * </ul>
 */
public final class MilestonePlanning {

  static final int MIDTERM_MONTHS = 6;
  static final int YEAR_END_EVALUATION_MONTHS = 11;
  static final int REPORT_INTERVAL_MONTHS = 2;

  private MilestonePlanning() {}

  /**
   * @param contractYears 1 or 2 (DOMAIN.md §1: two years, signed one at a time)
   */
  public static MilestonePlan plan(LocalDate contractStart, int contractYears) {
    if (contractYears < 1 || contractYears > ContractNumbers.CONTRACT_YEARS) {
      throw new IllegalArgumentException(
          "Contract years must be 1 or "
              + ContractNumbers.CONTRACT_YEARS
              + ", was "
              + contractYears);
    }
    List<Milestone> milestones = new ArrayList<>();
    for (int year = 1; year <= contractYears; year++) {
      LocalDate yearStart = contractStart.plusYears(year - 1);
      milestones.add(
          new Milestone(year, "MIDTERM", 2, nineOn(yearStart.plusMonths(MIDTERM_MONTHS)), null));
      String yearEnd = nineOn(yearStart.plusMonths(YEAR_END_EVALUATION_MONTHS));
      if (year < contractYears) {
        String nextYear = ProcessTime.format(ProcessTime.startOf(yearStart.plusYears(1)));
        milestones.add(new Milestone(year, "ANNUAL", 3, yearEnd, nextYear));
      } else {
        milestones.add(new Milestone(year, "FINAL", 3, yearEnd, null));
      }
    }
    List<MilestonePlan.ReportPeriod> reports = new ArrayList<>();
    int periods = contractYears * 12 / REPORT_INTERVAL_MONTHS;
    for (int number = 1; number <= periods; number++) {
      LocalDate periodStart =
          contractStart.plusMonths((long) (number - 1) * REPORT_INTERVAL_MONTHS);
      LocalDate nextStart = contractStart.plusMonths((long) number * REPORT_INTERVAL_MONTHS);
      reports.add(
          new MilestonePlan.ReportPeriod(
              number,
              periodStart.toString(),
              nextStart.minusDays(1).toString(),
              nineOn(nextStart)));
    }
    return new MilestonePlan(List.copyOf(milestones), List.copyOf(reports));
  }

  private static String nineOn(LocalDate day) {
    return ProcessTime.format(ProcessTime.at(day, ProcessTime.START_OF_WORKING_DAY));
  }
}
