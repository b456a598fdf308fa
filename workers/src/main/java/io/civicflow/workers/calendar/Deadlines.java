package io.civicflow.workers.calendar;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * Legal limits counted in working days (DOMAIN.md §6 "Working days"): "within N working days after
 * X" is the N-th working day after the day of X (X itself not counted), and lapses at {@link
 * ProcessTime#END_OF_WORKING_DAY} on that day unless a rule says otherwise. All counting goes
 * through {@link WorkingDayCalendar}, so weekends, statutory holidays and make-up working days (调休)
 * are respected.
 */
public final class Deadlines {

  private final WorkingDayCalendar calendar;

  public Deadlines(WorkingDayCalendar calendar) {
    this.calendar = Objects.requireNonNull(calendar, "calendar");
  }

  /** The working-day calendar the limits are counted with. */
  public WorkingDayCalendar calendar() {
    return calendar;
  }

  /** The end of the {@code n}-th working day after the day of {@code from}, at 17:00 Shanghai. */
  public ZonedDateTime workingDaysAfter(ZonedDateTime from, int n) {
    LocalDate day =
        calendar.addWorkingDays(from.withZoneSameInstant(ProcessTime.ZONE).toLocalDate(), n);
    return ProcessTime.at(day, ProcessTime.END_OF_WORKING_DAY);
  }

  /**
   * The {@code n}-th working day before {@code day} ({@code day} itself not counted): the day a
   * reminder goes out so that {@code n} working days remain.
   *
   * @throws IllegalArgumentException if {@code n} is negative or the count leaves the calendar
   */
  public LocalDate workingDaysBefore(LocalDate day, int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must not be negative, was " + n);
    }
    LocalDate current = day;
    int remaining = n;
    while (remaining > 0) {
      current = current.minusDays(1);
      if (calendar.isWorkingDay(current)) {
        remaining--;
      }
    }
    return current;
  }
}
