package io.civicflow.workers.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts working days (工作日) in mainland China.
 *
 * <p>A day is a working day unless it is a Saturday or Sunday or a listed holiday; a weekend day
 * listed as a make-up working day (调休上班) is a working day (DOMAIN.md §6 "Working days"). The
 * holiday data covers whole calendar years; asking about a day in a year without data throws {@link
 * IllegalArgumentException}, because guessing would silently move a legal deadline. A year marked
 * provisional is counted with the dates it has; callers that must not rely on it can ask {@link
 * #isProvisional(int)}.
 *
 * <p>Counting follows the usual reading of "within N working days after X": the day X itself is not
 * counted, so {@code addWorkingDays(x, n)} is the n-th working day after x, which is always a
 * working day when n &ge; 1.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class WorkingDayCalendar {

  private static final Logger LOG = LoggerFactory.getLogger(WorkingDayCalendar.class);

  /** Classpath location of the bundled data. */
  public static final String CLASSPATH_RESOURCE = "/calendar/cn-holidays.json";

  private final Map<Integer, HolidayYear> years;
  private final Map<LocalDate, Boolean> workingOverrides;

  private WorkingDayCalendar(Map<Integer, HolidayYear> years, Map<LocalDate, Boolean> overrides) {
    this.years = Map.copyOf(years);
    this.workingOverrides = Map.copyOf(overrides);
  }

  /** Loads the bundled {@value #CLASSPATH_RESOURCE}. */
  public static WorkingDayCalendar fromClasspath() {
    try (InputStream json = WorkingDayCalendar.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
      if (json == null) {
        throw new IllegalStateException(
            "Holiday data not found on classpath: " + CLASSPATH_RESOURCE);
      }
      return fromJson(json);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + CLASSPATH_RESOURCE, e);
    }
  }

  /**
   * Reads holiday data in the format of {@code cn-holidays.json}. The stream is not closed.
   *
   * @throws IllegalArgumentException if the data is malformed or contradicts itself
   */
  public static WorkingDayCalendar fromJson(InputStream json) {
    return of(HolidayDataReader.read(json));
  }

  /**
   * Builds a calendar from years of data.
   *
   * @throws IllegalArgumentException if a year appears twice, a date is listed twice or both as
   *     holiday and make-up day, a make-up day is not a Saturday or Sunday, or a date lies outside
   *     its object's year and the December before it
   */
  public static WorkingDayCalendar of(Collection<HolidayYear> holidayYears) {
    Map<Integer, HolidayYear> years = new HashMap<>();
    Map<LocalDate, Boolean> overrides = new HashMap<>();
    for (HolidayYear year : holidayYears) {
      if (years.putIfAbsent(year.year(), year) != null) {
        throw new IllegalArgumentException("Holiday data lists the year " + year.year() + " twice");
      }
      for (LocalDate day : year.holidays()) {
        checkInYear(year, day);
        putOnce(overrides, day, false);
      }
      for (LocalDate day : year.makeUpWorkdays()) {
        checkInYear(year, day);
        if (!isWeekend(day)) {
          throw new IllegalArgumentException(
              "Holiday data "
                  + year.year()
                  + ": make-up working day "
                  + day
                  + " is a "
                  + day.getDayOfWeek()
                  + ", not a weekend day");
        }
        putOnce(overrides, day, true);
      }
      if (year.provisional()) {
        LOG.warn("Holiday data for {} is provisional: {}", year.year(), year.note());
      }
    }
    return new WorkingDayCalendar(years, overrides);
  }

  /**
   * Tells whether {@code day} is a working day.
   *
   * @throws IllegalArgumentException if there is no holiday data for the day's year
   */
  public boolean isWorkingDay(LocalDate day) {
    requireCovered(day);
    Boolean override = workingOverrides.get(day);
    return override != null ? override : !isWeekend(day);
  }

  /**
   * Returns the date that is {@code n} working days after {@code start}; {@code start} itself is
   * not counted and {@code n = 0} returns {@code start} unchanged.
   *
   * @throws IllegalArgumentException if {@code n} is negative or the count reaches a year without
   *     holiday data
   */
  public LocalDate addWorkingDays(LocalDate start, int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must not be negative, was " + n);
    }
    LocalDate day = start;
    int remaining = n;
    while (remaining > 0) {
      day = day.plusDays(1);
      if (isWorkingDay(day)) {
        remaining--;
      }
    }
    return day;
  }

  /**
   * Counts the working days in {@code (fromExclusive, toInclusive]}, so that {@code
   * workingDaysBetween(x, addWorkingDays(x, n)) == n}.
   *
   * @throws IllegalArgumentException if {@code toInclusive} is before {@code fromExclusive} or the
   *     range reaches a year without holiday data
   */
  public int workingDaysBetween(LocalDate fromExclusive, LocalDate toInclusive) {
    if (toInclusive.isBefore(fromExclusive)) {
      throw new IllegalArgumentException(
          "toInclusive " + toInclusive + " is before fromExclusive " + fromExclusive);
    }
    int count = 0;
    for (LocalDate day = fromExclusive.plusDays(1);
        !day.isAfter(toInclusive);
        day = day.plusDays(1)) {
      if (isWorkingDay(day)) {
        count++;
      }
    }
    return count;
  }

  /** The years that have holiday data, in ascending order. */
  public SortedSet<Integer> coveredYears() {
    return new TreeSet<>(years.keySet());
  }

  /** The data of each covered year, in ascending order of year. */
  public List<HolidayYear> years() {
    return years.values().stream().sorted(Comparator.comparingInt(HolidayYear::year)).toList();
  }

  /** Tells whether {@code year} has data that is marked provisional; false for uncovered years. */
  public boolean isProvisional(int year) {
    HolidayYear data = years.get(year);
    return data != null && data.provisional();
  }

  private void requireCovered(LocalDate day) {
    if (!years.containsKey(day.getYear())) {
      throw new IllegalArgumentException(
          "No holiday data for "
              + day.getYear()
              + " (asked about "
              + day
              + "); the working-day calendar covers "
              + describeCoverage()
              + ". Add the State Council holiday schedule for "
              + day.getYear()
              + " to calendar/cn-holidays.json.");
    }
  }

  private String describeCoverage() {
    SortedSet<Integer> covered = coveredYears();
    if (covered.isEmpty()) {
      return "no year";
    }
    boolean contiguous = covered.size() == covered.last() - covered.first() + 1;
    return contiguous ? covered.first() + "–" + covered.last() : covered.toString();
  }

  private static void checkInYear(HolidayYear year, LocalDate day) {
    int y = day.getYear();
    boolean previousDecember = y == year.year() - 1 && day.getMonthValue() == 12;
    if (y != year.year() && !previousDecember) {
      throw new IllegalArgumentException(
          "Holiday data " + year.year() + ": " + day + " is outside that year");
    }
  }

  private static void putOnce(Map<LocalDate, Boolean> overrides, LocalDate day, boolean working) {
    if (overrides.putIfAbsent(day, working) != null) {
      throw new IllegalArgumentException("Holiday data lists " + day + " more than once");
    }
  }

  private static boolean isWeekend(LocalDate day) {
    DayOfWeek dow = day.getDayOfWeek();
    return dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY;
  }
}
