package io.civicflow.workers.dispatch;

import io.civicflow.workers.calendar.Deadlines;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns one limit of the decision {@code dispatch-sla} (processes/dispatch-sla.dmn, the one set of
 * service-request SLAs, round data) into a deadline: an ISO-8601 duration is clock time ({@code
 * PT4H}: four hours later), {@code <n>WD} is 17:00 on the n-th working day after (holiday calendar,
 * {@link Deadlines#workingDaysAfter}).
 */
public final class DispatchSlas {

  private static final Pattern WORKING_DAYS = Pattern.compile("(\\d{1,2})WD");

  private final Deadlines deadlines;

  public DispatchSlas(Deadlines deadlines) {
    this.deadlines = Objects.requireNonNull(deadlines, "deadlines");
  }

  /**
   * The deadline {@code limit} sets from {@code from}.
   *
   * @throws IllegalArgumentException naming the limit when it is neither form, or not positive
   */
  public ZonedDateTime deadline(String limit, ZonedDateTime from) {
    Objects.requireNonNull(from, "from");
    if (limit == null || limit.isBlank()) {
      throw new IllegalArgumentException("An SLA limit is missing (decision dispatch-sla)");
    }
    String value = limit.trim();
    Matcher workingDays = WORKING_DAYS.matcher(value);
    if (workingDays.matches()) {
      int n = Integer.parseInt(workingDays.group(1));
      if (n < 1) {
        throw new IllegalArgumentException("SLA limit '" + limit + "' must be at least 1WD");
      }
      return deadlines.workingDaysAfter(from, n);
    }
    Duration duration;
    try {
      duration = Duration.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "SLA limit '" + limit + "' is neither an ISO-8601 duration (PT4H) nor <n>WD", e);
    }
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("SLA limit '" + limit + "' must be positive");
    }
    return from.plus(duration);
  }
}
