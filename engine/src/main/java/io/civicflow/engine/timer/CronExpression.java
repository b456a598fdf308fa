package io.civicflow.engine.timer;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A cron expression in the format Zeebe accepts for a timer cycle (Spring's): six fields — second,
 * minute, hour, day of month, month, day of week — each {@code *}, {@code ?}, a value, a range {@code
 * a-b}, a list {@code a,b}, or a step {@code * /n}, {@code a/n}, {@code a-b/n}; months {@code JAN-DEC}
 * and days {@code SUN-SAT} (0 and 7 are Sunday) by name; and the macros {@code @yearly}, {@code
 * @annually}, {@code @monthly}, {@code @weekly}, {@code @daily}, {@code @midnight}, {@code @hourly}. As
 * in Spring, a day must match both the day-of-month and the day-of-week field. Times are in the
 * engine's time zone (the JVM default).
 *
 * <p>Not supported (rejected when parsed): Quartz's {@code L}, {@code W} and {@code #}.
 */
public final class CronExpression {

  private static final Map<String, String> MACROS =
      Map.of(
          "@yearly", "0 0 0 1 1 *",
          "@annually", "0 0 0 1 1 *",
          "@monthly", "0 0 0 1 * *",
          "@weekly", "0 0 0 * * 0",
          "@daily", "0 0 0 * * *",
          "@midnight", "0 0 0 * * *",
          "@hourly", "0 0 * * * *");
  private static final List<String> MONTHS =
      List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
  private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
  private static final int SEARCH_YEARS = 8;

  private final String text;
  private final BitSet seconds;
  private final BitSet minutes;
  private final BitSet hours;
  private final BitSet daysOfMonth;
  private final BitSet months;
  private final BitSet daysOfWeek; // 0..6, Sunday = 0

  private CronExpression(String text, String[] fields) {
    this.text = text;
    this.seconds = field(fields[0], 0, 59, null, "second");
    this.minutes = field(fields[1], 0, 59, null, "minute");
    this.hours = field(fields[2], 0, 23, null, "hour");
    this.daysOfMonth = field(fields[3], 1, 31, null, "day of month");
    this.months = field(fields[4], 1, 12, MONTHS, "month");
    BitSet dow = field(fields[5], 0, 7, DAYS, "day of week");
    if (dow.get(7)) {
      dow.set(0);
      dow.clear(7);
    }
    this.daysOfWeek = dow;
  }

  /** Whether the text looks like a cron expression rather than an ISO 8601 repeating interval. */
  public static boolean looksLikeCron(String text) {
    String value = text.strip();
    return value.startsWith("@") || value.split("\\s+").length == 6;
  }

  /**
   * @throws IllegalArgumentException if the expression is not valid
   */
  public static CronExpression parse(String text) {
    String value = text == null ? "" : text.strip();
    String expanded = MACROS.getOrDefault(value.toLowerCase(Locale.ROOT), value);
    String[] fields = expanded.split("\\s+");
    if (fields.length != 6) {
      throw new IllegalArgumentException(
          "cron expression '"
              + text
              + "' must have six fields (second minute hour day-of-month month day-of-week)");
    }
    return new CronExpression(value, fields);
  }

  /**
   * The first matching instant strictly after {@code afterEpochMilli}, if any within eight years.
   */
  public OptionalLong next(long afterEpochMilli) {
    ZonedDateTime t =
        ZonedDateTime.ofInstant(Instant.ofEpochMilli(afterEpochMilli), ZoneId.systemDefault())
            .truncatedTo(ChronoUnit.SECONDS)
            .plusSeconds(1);
    ZonedDateTime limit = t.plusYears(SEARCH_YEARS);
    while (t.isBefore(limit)) {
      if (!months.get(t.getMonthValue())) {
        t = t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
      } else if (!daysOfMonth.get(t.getDayOfMonth())
          || !daysOfWeek.get(t.getDayOfWeek().getValue() % 7)) {
        t = t.truncatedTo(ChronoUnit.DAYS).plusDays(1);
      } else if (!hours.get(t.getHour())) {
        t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
      } else if (!minutes.get(t.getMinute())) {
        t = t.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
      } else if (!seconds.get(t.getSecond())) {
        t = t.plusSeconds(1);
      } else {
        return OptionalLong.of(t.toInstant().toEpochMilli());
      }
    }
    return OptionalLong.empty();
  }

  private static BitSet field(String spec, int min, int max, List<String> names, String what) {
    BitSet bits = new BitSet(max + 1);
    for (String part : spec.split(",")) {
      String range = part;
      int step = 1;
      int slash = part.indexOf('/');
      if (slash >= 0) {
        range = part.substring(0, slash);
        step = number(part.substring(slash + 1), 1, max, null, what);
      }
      int from;
      int to;
      if (range.equals("*") || range.equals("?")) {
        from = min;
        to = max;
      } else if (range.contains("-")) {
        String[] ends = range.split("-", 2);
        from = number(ends[0], min, max, names, what);
        to = number(ends[1], min, max, names, what);
      } else {
        from = number(range, min, max, names, what);
        to = slash >= 0 ? max : from;
      }
      if (from > to) {
        throw new IllegalArgumentException(
            "the " + what + " range '" + range + "' ends before it starts");
      }
      for (int i = from; i <= to; i += step) {
        bits.set(i);
      }
    }
    return bits;
  }

  private static int number(String text, int min, int max, List<String> names, String what) {
    String value = text.strip().toUpperCase(Locale.ROOT);
    if (names != null && names.contains(value)) {
      return names.indexOf(value) + (names == MONTHS ? 1 : 0);
    }
    int number;
    try {
      number = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not a valid "
              + what
              + (value.matches(".*[LW#].*")
                  ? " (L, W and # are not supported by this engine)"
                  : ""));
    }
    if (number < min || number > max) {
      throw new IllegalArgumentException(
          "the " + what + " " + number + " is outside " + min + "-" + max);
    }
    return number;
  }

  @Override
  public String toString() {
    return text;
  }
}
