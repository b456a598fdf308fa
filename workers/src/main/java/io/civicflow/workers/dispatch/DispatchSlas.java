package io.civicflow.workers.dispatch;

import io.civicflow.workers.calendar.Deadlines;
import io.civicflow.workers.calendar.ProcessTime;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * The dispatch SLAs (research §7.1 P7, marked unverified there, so they are constants of this one
 * class): the centre dispatches within 2 hours when urgent, else 4 hours; the station accepts
 * within 24 hours when urgent, else by the same time on the next working day; the resident is
 * served within 24 hours when urgent, else within 5 working days (17:00).
 */
public final class DispatchSlas {

  static final Duration URGENT_DISPATCH = Duration.ofHours(2);
  static final Duration NORMAL_DISPATCH = Duration.ofHours(4);
  static final Duration URGENT_ACCEPT = Duration.ofHours(24);
  static final Duration URGENT_SERVICE = Duration.ofHours(24);
  static final int NORMAL_SERVICE_WORKING_DAYS = 5;

  private final Deadlines deadlines;

  public DispatchSlas(Deadlines deadlines) {
    this.deadlines = Objects.requireNonNull(deadlines, "deadlines");
  }

  public ZonedDateTime dispatchDeadline(Urgency urgency, ZonedDateTime now) {
    return now.plus(urgency == Urgency.URGENT ? URGENT_DISPATCH : NORMAL_DISPATCH);
  }

  public ZonedDateTime serviceDeadline(Urgency urgency, ZonedDateTime now) {
    return urgency == Urgency.URGENT
        ? now.plus(URGENT_SERVICE)
        : deadlines.workingDaysAfter(now, NORMAL_SERVICE_WORKING_DAYS);
  }

  /** Urgent: 24 hours; normal: the next working day at the time of dispatch. */
  public ZonedDateTime acceptDeadline(Urgency urgency, ZonedDateTime now) {
    if (urgency == Urgency.URGENT) {
      return now.plus(URGENT_ACCEPT);
    }
    ZonedDateTime local = now.withZoneSameInstant(ProcessTime.ZONE);
    LocalDate next = deadlines.calendar().addWorkingDays(local.toLocalDate(), 1);
    return ProcessTime.at(next, local.toLocalTime());
  }
}
