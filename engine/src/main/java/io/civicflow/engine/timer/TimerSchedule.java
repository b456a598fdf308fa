package io.civicflow.engine.timer;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.OptionalLong;

/**
 * When a timer fires, as Zeebe reads a BPMN timer definition:
 *
 * <ul>
 *   <li>{@code timeDate}: an ISO 8601 date-time ({@code 2026-09-01T09:00:00Z}, with an offset or a
 *       zone id; without one, the engine's zone) — fires once then (at once if it is past);
 *   <li>{@code timeDuration}: an ISO 8601 duration ({@code PT15M}, {@code P2M}) — fires once, that
 *       long after the timer was created;
 *   <li>{@code timeCycle}: an ISO 8601 repeating interval {@code R[n]/duration} ({@code R5/PT1H}:
 *       five times, hourly; {@code R/P2M}: every two months, forever), optionally with a start
 *       {@code R[n]/start/duration} (fires at the start and then every interval; a start in the
 *       past fires at the next instant of that series), or a cron expression ({@code 0 0 9 * *
 *       MON-FRI}, forever).
 * </ul>
 *
 * A cycle's next due date is computed from the previous due date, not from when the timer fired, so
 * a clock moved over several intervals fires every one of them, each at its own due date.
 */
public sealed interface TimerSchedule {

  /** Which BPMN timer definition a text came from. */
  enum Kind {
    DATE,
    DURATION,
    CYCLE
  }

  /** Repetitions meaning "forever". */
  int INFINITE = -1;

  /** The first due date for a timer created at {@code now}; empty if it never fires. */
  OptionalLong firstDueDate(long now);

  /** The due date after {@code previousDueDate} (cycles only; empty for one-shot timers). */
  OptionalLong nextDueDate(long previousDueDate);

  /**
   * How many times it fires in total: 1 for date and duration, n or {@link #INFINITE} for cycles.
   */
  int repetitions();

  /**
   * The text this schedule was parsed from (kept with a cycle timer to compute its next due date).
   */
  String text();

  /**
   * @throws IllegalArgumentException naming what is wrong with the text
   */
  static TimerSchedule parse(Kind kind, String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("the timer " + kind.name().toLowerCase() + " is empty");
    }
    String value = text.strip();
    return switch (kind) {
      case DATE -> new At(parseDateTime(value), value);
      case DURATION -> new After(Interval.parse(value), value);
      case CYCLE -> parseCycle(value);
    };
  }

  private static TimerSchedule parseCycle(String value) {
    if (CronExpression.looksLikeCron(value)) {
      return new Cron(CronExpression.parse(value), value);
    }
    String[] parts = value.split("/");
    if (parts.length < 2
        || parts.length > 3
        || !(parts[0].startsWith("R") || parts[0].startsWith("r"))) {
      throw new IllegalArgumentException(
          "'"
              + value
              + "' is neither an ISO 8601 repeating interval (R5/PT10S, R/P1D, R/2026-01-01T00:00:00Z/P2M) nor a cron expression");
    }
    int repetitions;
    if (parts[0].length() == 1) {
      repetitions = INFINITE;
    } else {
      try {
        repetitions = Integer.parseInt(parts[0].substring(1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "'" + parts[0] + "' in '" + value + "' is not a repetition count");
      }
      if (repetitions < 0) {
        throw new IllegalArgumentException("the repetition count in '" + value + "' is negative");
      }
    }
    Long start = parts.length == 3 ? parseDateTime(parts[1]) : null;
    Interval interval = Interval.parse(parts[parts.length - 1]);
    return new Cycle(repetitions, start, interval, value);
  }

  /** An ISO 8601 date-time with offset or zone id; a local one is taken in the engine's zone. */
  static long parseDateTime(String text) {
    try {
      return ZonedDateTime.parse(text).toInstant().toEpochMilli();
    } catch (DateTimeParseException notZoned) {
      try {
        return OffsetDateTime.parse(text).toInstant().toEpochMilli();
      } catch (DateTimeParseException notOffset) {
        try {
          return LocalDateTime.parse(text)
              .atZone(ZoneId.systemDefault())
              .toInstant()
              .toEpochMilli();
        } catch (DateTimeParseException notLocal) {
          try {
            return LocalDate.parse(text)
                .atStartOfDay(ZoneId.systemDefault())
                .toInstant()
                .toEpochMilli();
          } catch (DateTimeParseException notDate) {
            throw new IllegalArgumentException(
                "'" + text + "' is not an ISO 8601 date-time (e.g. 2026-09-01T09:00:00Z)");
          }
        }
      }
    }
  }

  record At(long epochMilli, String text) implements TimerSchedule {
    @Override
    public OptionalLong firstDueDate(long now) {
      return OptionalLong.of(epochMilli);
    }

    @Override
    public OptionalLong nextDueDate(long previousDueDate) {
      return OptionalLong.empty();
    }

    @Override
    public int repetitions() {
      return 1;
    }
  }

  record After(Interval interval, String text) implements TimerSchedule {
    @Override
    public OptionalLong firstDueDate(long now) {
      return OptionalLong.of(interval.addTo(now));
    }

    @Override
    public OptionalLong nextDueDate(long previousDueDate) {
      return OptionalLong.empty();
    }

    @Override
    public int repetitions() {
      return 1;
    }
  }

  record Cycle(int repetitions, Long start, Interval interval, String text)
      implements TimerSchedule {
    @Override
    public OptionalLong firstDueDate(long now) {
      if (repetitions == 0) {
        return OptionalLong.empty();
      }
      if (start == null) {
        return OptionalLong.of(interval.addTo(now));
      }
      if (start >= now) {
        return OptionalLong.of(start);
      }
      // the first instant of the series start, start + I, start + 2I, ... that is not in the past
      long k = Math.max(0, (now - start) / Math.max(1, interval.approximateMillis()) - 1);
      long due = interval.addTimes(start, k);
      while (due < now) {
        k++;
        due = interval.addTimes(start, k);
      }
      return OptionalLong.of(due);
    }

    @Override
    public OptionalLong nextDueDate(long previousDueDate) {
      return OptionalLong.of(interval.addTo(previousDueDate));
    }
  }

  record Cron(CronExpression expression, String text) implements TimerSchedule {
    @Override
    public OptionalLong firstDueDate(long now) {
      return expression.next(now - 1);
    }

    @Override
    public OptionalLong nextDueDate(long previousDueDate) {
      return expression.next(previousDueDate);
    }

    @Override
    public int repetitions() {
      return INFINITE;
    }
  }
}
