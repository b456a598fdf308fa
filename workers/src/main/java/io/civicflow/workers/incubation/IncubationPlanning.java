package io.civicflow.workers.incubation;

import io.civicflow.workers.calendar.Deadlines;
import io.civicflow.workers.calendar.ProcessTime;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * The incubation period and its clocks (DOMAIN.md §6 "Incubation defaults"): 12 months by default,
 * quarterly progress reviews and a month-6 mid-term review, at most one extension and 24 months in
 * total, and on exit the space handed back within 15 working days.
 *
 * <p>The period ends one week after the last quarterly review (move-in + months + 7 days, 09:00),
 * so the last review is done before the graduation review starts. The quarterly reviews are an ISO
 * repeating interval with a start, {@code R4/<move-in + 3 months>T09:00:00+08:00/P3M}: the engine
 * (and Zeebe) fire it at its start and then every interval, so the first review is due three months
 * after move-in and the fourth on the 12-month anniversary.
 */
public final class IncubationPlanning {

  /** Incubation months when the agreement states none. */
  static final int DEFAULT_MONTHS = 12;

  /** At most 24 months in total, extension included. */
  static final int MAX_TOTAL_MONTHS = 24;

  /** Working days to hand the space back after an exit is decided. */
  static final int SPACE_RETURN_WORKING_DAYS = 15;

  private static final int REVIEW_INTERVAL_MONTHS = 3;
  private static final int MID_TERM_MONTH = 6;
  private static final int GRACE_DAYS = 7;
  private static final LocalTime MID_TERM_TIME = LocalTime.of(10, 0);

  private final Deadlines deadlines;

  public IncubationPlanning(Deadlines deadlines) {
    this.deadlines = Objects.requireNonNull(deadlines, "deadlines");
  }

  /**
   * Plans an incubation from the move-in date of the agreement.
   *
   * @param months incubation months, null for the default 12
   * @param registrationDeadline required when the organisation is not registered
   */
  public IncubationPlan plan(
      LocalDate moveInDate, Integer months, boolean registered, LocalDate registrationDeadline) {
    Objects.requireNonNull(moveInDate, "moveInDate");
    int period = months == null ? DEFAULT_MONTHS : months;
    if (period < REVIEW_INTERVAL_MONTHS || period > MAX_TOTAL_MONTHS) {
      throw new IllegalArgumentException(
          "incubationMonths must be between 3 and 24, was " + period);
    }
    if (!registered && registrationDeadline == null) {
      throw new IllegalArgumentException(
          "An unregistered organisation needs a registrationDeadline in its agreement");
    }
    Period schedule = Period.from(moveInDate, period);
    return new IncubationPlan(
        ProcessTime.format(ProcessTime.at(moveInDate, ProcessTime.START_OF_WORKING_DAY)),
        ProcessTime.format(schedule.end()),
        schedule.quarterlyReviewCycle(),
        ProcessTime.format(schedule.midTermReview()),
        ProcessTime.format(
            registered
                ? schedule.end()
                : ProcessTime.at(registrationDeadline, ProcessTime.END_OF_WORKING_DAY)),
        period,
        false);
  }

  /**
   * The one extension: the period continues from where the months ran out (the old end less its
   * week of grace), with its own quarterly reviews and mid-term review, and ends {@code
   * extensionMonths} after the old end. The total stays within 24 months: a longer extension is cut
   * to what is left.
   *
   * @param extensionMonths null for the default 12
   * @param registrationDeadline used while the organisation is still unregistered; may be null
   * @throws IllegalArgumentException after an extension already, or when no month is left
   */
  public IncubationExtension extend(
      ZonedDateTime incubationEnd,
      int monthsIncubated,
      boolean extended,
      Integer extensionMonths,
      boolean registered,
      LocalDate registrationDeadline) {
    Objects.requireNonNull(incubationEnd, "incubationEnd");
    if (extended) {
      throw new IllegalArgumentException("An incubation is extended at most once");
    }
    int requested = extensionMonths == null ? DEFAULT_MONTHS : extensionMonths;
    int granted = Math.min(requested, MAX_TOTAL_MONTHS - monthsIncubated);
    if (granted < 1) {
      throw new IllegalArgumentException(
          "No extension left: " + monthsIncubated + " of 24 months used");
    }
    LocalDate periodStart =
        incubationEnd.withZoneSameInstant(ProcessTime.ZONE).toLocalDate().minusDays(GRACE_DAYS);
    Period schedule = Period.from(periodStart, granted);
    return new IncubationExtension(
        ProcessTime.format(schedule.end()),
        monthsIncubated + granted,
        true,
        schedule.quarterlyReviewCycle(),
        ProcessTime.format(schedule.midTermReview()),
        ProcessTime.format(
            registered || registrationDeadline == null
                ? schedule.end()
                : ProcessTime.at(registrationDeadline, ProcessTime.END_OF_WORKING_DAY)));
  }

  /** The space is handed back by 17:00 on the 15th working day after {@code now}. */
  public String spaceReturnDeadline(ZonedDateTime now) {
    return ProcessTime.format(deadlines.workingDaysAfter(now, SPACE_RETURN_WORKING_DAYS));
  }

  private record Period(LocalDate start, int months) {

    static Period from(LocalDate start, int months) {
      return new Period(start, months);
    }

    ZonedDateTime end() {
      return ProcessTime.at(
          start.plusMonths(months).plusDays(GRACE_DAYS), ProcessTime.START_OF_WORKING_DAY);
    }

    String quarterlyReviewCycle() {
      ZonedDateTime first =
          ProcessTime.at(
              start.plusMonths(REVIEW_INTERVAL_MONTHS), ProcessTime.START_OF_WORKING_DAY);
      return "R"
          + Math.max(1, months / REVIEW_INTERVAL_MONTHS)
          + "/"
          + ProcessTime.format(first)
          + "/P"
          + REVIEW_INTERVAL_MONTHS
          + "M";
    }

    ZonedDateTime midTermReview() {
      return ProcessTime.at(start.plusMonths(MID_TERM_MONTH), MID_TERM_TIME);
    }
  }

  /**
   * What {@code incubation.plan} returns; every date ISO-8601 with offset +08:00.
   *
   * @param registrationCheckDate when registration is checked: the registration deadline (17:00)
   *     for an unregistered organisation, else the end of the period
   */
  public record IncubationPlan(
      String incubationStart,
      String incubationEnd,
      String quarterlyReviewCycle,
      String midTermReviewDate,
      String registrationCheckDate,
      int monthsIncubated,
      boolean extended) {}

  /** What {@code incubation.extend} returns. */
  public record IncubationExtension(
      String incubationEnd,
      int monthsIncubated,
      boolean extended,
      String quarterlyReviewCycle,
      String midTermReviewDate,
      String registrationCheckDate) {}
}
