package io.civicflow.engine.timer;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;

/**
 * An ISO 8601 duration as Zeebe reads it: a calendar part ({@code P1Y2M3D}, {@code P2W}) and a time
 * part ({@code T4H5M6S}). Calendar parts are added in the engine's time zone (the JVM default, as
 * FEEL's {@code now()}), so {@code P1M} from 31 January is the last day of February.
 */
public record Interval(Period period, Duration duration) {

  /**
   * @throws IllegalArgumentException if the text is not an ISO 8601 duration, or is negative or
   *     zero
   */
  public static Interval parse(String text) {
    String value = text == null ? "" : text.strip();
    if (!value.startsWith("P") && !value.startsWith("p")) {
      throw new IllegalArgumentException(
          "'" + text + "' is not an ISO 8601 duration (e.g. PT15M, P2M, P1DT12H)");
    }
    int t = Math.max(value.indexOf('T'), value.indexOf('t'));
    String datePart = t < 0 ? value : value.substring(0, t);
    String timePart = t < 0 ? "" : value.substring(t);
    try {
      Period period = datePart.length() > 1 ? Period.parse(datePart) : Period.ZERO;
      Duration duration = timePart.isEmpty() ? Duration.ZERO : Duration.parse("P" + timePart);
      Interval interval = new Interval(period, duration);
      if (period.isNegative() || duration.isNegative() || (period.isZero() && duration.isZero())) {
        throw new IllegalArgumentException("'" + text + "' must be a positive duration");
      }
      return interval;
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not an ISO 8601 duration (e.g. PT15M, P2M, P1DT12H)", e);
    }
  }

  /** Whether adding this interval depends on the calendar (months, years, days). */
  public boolean isCalendarBased() {
    return !period.isZero();
  }

  /** The instant this interval after {@code fromEpochMilli}. */
  public long addTo(long fromEpochMilli) {
    if (!isCalendarBased()) {
      return fromEpochMilli + duration.toMillis();
    }
    ZonedDateTime start =
        ZonedDateTime.ofInstant(Instant.ofEpochMilli(fromEpochMilli), ZoneId.systemDefault());
    return start.plus(period).plus(duration).toInstant().toEpochMilli();
  }

  /**
   * The instant {@code times} intervals after {@code fromEpochMilli} (not chained: no month-end
   * drift).
   */
  long addTimes(long fromEpochMilli, long times) {
    if (!isCalendarBased()) {
      return fromEpochMilli + duration.toMillis() * times;
    }
    ZonedDateTime start =
        ZonedDateTime.ofInstant(Instant.ofEpochMilli(fromEpochMilli), ZoneId.systemDefault());
    Period periods =
        Period.of(
            Math.toIntExact(period.getYears() * times),
            Math.toIntExact(period.getMonths() * times),
            Math.toIntExact(period.getDays() * times));
    return start.plus(periods).plus(duration.multipliedBy(times)).toInstant().toEpochMilli();
  }

  /** A rough length, to estimate how many intervals fit in a span. */
  long approximateMillis() {
    return period.toTotalMonths() * 2_629_746_000L
        + period.getDays() * 86_400_000L
        + duration.toMillis();
  }

  @Override
  public String toString() {
    String date = period.isZero() ? "P" : period.toString();
    return duration.isZero() ? date : date + duration.toString().substring(1);
  }
}
