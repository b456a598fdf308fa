package io.civicflow.workers.calendar;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The time format between workers and models. Workers never read system time (DOMAIN.md §6, STYLE
 * "One clock, injected"): the engine hands them {@code now} from the input mapping {@code =now()},
 * and every date a worker returns is an ISO-8601 string with offset in {@code Asia/Shanghai}, e.g.
 * {@code 2016-08-15T09:00:00+08:00}, which timer {@code timeDate} and user-task due dates read.
 */
public final class ProcessTime {

  /** The time zone of the procurement rules: all Chinese legal limits count local days. */
  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  /** When a day's work starts: reminders and evaluations are scheduled at this time. */
  public static final LocalTime START_OF_WORKING_DAY = LocalTime.of(9, 0);

  /** When a day's work ends: "within N working days" lapses at this time of the N-th day. */
  public static final LocalTime END_OF_WORKING_DAY = LocalTime.of(17, 0);

  private ProcessTime() {}

  /**
   * Reads the engine's {@code now}: an ISO-8601 date-time with an offset, a zone id suffix ({@code
   * [Asia/Shanghai]}) or both; a local date-time is read as Shanghai time. The result is in {@link
   * #ZONE}.
   *
   * @throws IllegalArgumentException if {@code text} is missing or not a date-time
   */
  public static ZonedDateTime parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException(
          "The job has no 'now': map it with the input mapping =now()");
    }
    try {
      return ZonedDateTime.parse(text).withZoneSameInstant(ZONE);
    } catch (DateTimeException zoned) {
      try {
        return OffsetDateTime.parse(text).atZoneSameInstant(ZONE);
      } catch (DateTimeException offset) {
        try {
          return LocalDateTime.parse(text).atZone(ZONE);
        } catch (DateTimeException local) {
          throw new IllegalArgumentException("Not an ISO-8601 date-time: '" + text + "'", zoned);
        }
      }
    }
  }

  /**
   * Formats {@code time} in Shanghai time with offset, to the second: {@code
   * 2016-08-15T09:00:00+08:00}.
   */
  public static String format(ZonedDateTime time) {
    return time.withZoneSameInstant(ZONE)
        .truncatedTo(ChronoUnit.SECONDS)
        .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }

  /** {@code day} at {@code time} in Shanghai. */
  public static ZonedDateTime at(LocalDate day, LocalTime time) {
    return ZonedDateTime.of(day, time, ZONE);
  }

  /**
   * The start of {@code day} (00:00) in Shanghai: the instant a limit "by the day before" lapses.
   */
  public static ZonedDateTime startOf(LocalDate day) {
    return day.atStartOfDay(ZONE);
  }
}
