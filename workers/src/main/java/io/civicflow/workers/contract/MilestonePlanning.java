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
 *   <li>reports: the first due two months after the start, then every two months, as long as the
 *       due date lies inside the term: {@code R11/2016-11-01T09:00:00+08:00/P2M} for two years. The
 *       period of the last two months is not reported separately: the final evaluation covers it.
 *       Zeebe fires a cycle with a start date first at that date, so the first report is due then.
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
    int reports = contractYears * 12 / REPORT_INTERVAL_MONTHS - 1;
    String reportCycle =
        "R" + reports + "/" + nineOn(contractStart.plusMonths(REPORT_INTERVAL_MONTHS)) + "/P2M";
    return new MilestonePlan(List.copyOf(milestones), reportCycle);
  }

  private static String nineOn(LocalDate day) {
    return ProcessTime.format(ProcessTime.at(day, ProcessTime.START_OF_WORKING_DAY));
  }
}
