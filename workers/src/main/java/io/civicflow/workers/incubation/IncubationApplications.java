package io.civicflow.workers.incubation;

import io.civicflow.workers.calendar.Deadlines;
import io.civicflow.workers.calendar.ProcessTime;
import io.civicflow.workers.keys.Hashes;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * Registers an incubation application (孵化申请) and sets its screening limit: eligibility is screened
 * within 5 working days (DOMAIN.md §6 "Incubation defaults"), i.e. by 17:00 on the 5th working day
 * after the day of application.
 */
public final class IncubationApplications {

  static final int SCREENING_WORKING_DAYS = 5;

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

  private final Deadlines deadlines;

  public IncubationApplications(Deadlines deadlines) {
    this.deadlines = Objects.requireNonNull(deadlines, "deadlines");
  }

  /**
   * @param orgId the applicant's id if it has one already (a re-application), else null
   */
  public IncubationApplication register(
      String organisationName, String orgId, RegistrationStatus status, ZonedDateTime now) {
    if (organisationName == null || organisationName.isBlank()) {
      throw new IllegalArgumentException("An application needs the organisation's name");
    }
    Objects.requireNonNull(status, "registrationStatus");
    String id = orgId != null && !orgId.isBlank() ? orgId : orgIdFor(organisationName, now);
    return new IncubationApplication(
        id,
        status == RegistrationStatus.REGISTERED,
        ProcessTime.format(now),
        ProcessTime.format(deadlines.workingDaysAfter(now, SCREENING_WORKING_DAYS)));
  }

  /**
   * {@code ORG-<yyyyMMdd>-<6 hex of the SHA-256 of the name>}: the same name on the same day gives
   * the same id, so a retried job does too.
   */
  static String orgIdFor(String organisationName, ZonedDateTime now) {
    return "ORG-"
        + now.withZoneSameInstant(ProcessTime.ZONE).format(DAY)
        + "-"
        + Hashes.sha256Hex(organisationName.strip(), 6);
  }

  /**
   * @param applicationDate when the application was registered, ISO-8601 with offset
   * @param screeningDeadline 17:00 on the 5th working day after it
   */
  public record IncubationApplication(
      String orgId, boolean registered, String applicationDate, String screeningDeadline) {}
}
