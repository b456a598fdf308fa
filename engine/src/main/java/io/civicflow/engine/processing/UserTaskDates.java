package io.civicflow.engine.processing;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * User-task dates (due date, follow-up date) in one canonical text form: ISO-8601 in UTC with
 * milliseconds, {@code 2025-07-01T08:00:00.000Z} — the form Camunda's REST API returns dates in, so
 * a CPT {@code hasDueDate("2025-07-01T08:00:00.000Z")} compares equal.
 */
final class UserTaskDates {

  static final DateTimeFormatter CANONICAL =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private UserTaskDates() {}

  /** The canonical form of an ISO-8601 date-time with offset or zone; null if it is not one. */
  static String canonical(String text) {
    if (text == null) {
      return null;
    }
    Instant instant;
    try {
      instant = OffsetDateTime.parse(text.strip()).toInstant();
    } catch (DateTimeException e) {
      try {
        instant = ZonedDateTime.parse(text.strip()).toInstant();
      } catch (DateTimeException again) {
        return null;
      }
    }
    return CANONICAL.format(instant);
  }
}
