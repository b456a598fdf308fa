package io.civicflow.workers.incubation;

import io.camunda.client.annotation.JobKey;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.civicflow.workers.calendar.ProcessTime;
import io.civicflow.workers.incubation.IncubationApplications.IncubationApplication;
import io.civicflow.workers.incubation.IncubationPlanning.IncubationExtension;
import io.civicflow.workers.incubation.IncubationPlanning.IncubationPlan;
import java.time.LocalDate;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The {@code incubation.*} jobs of ngo-incubation: register-application, form-committee, plan,
 * record-review, extend and schedule-exit.
 */
@Component
public class IncubationWorker {

  private final IncubationApplications applications;
  private final CommitteeDraw committees;
  private final IncubationPlanning planning;
  private final IncubationReviews reviews;

  public IncubationWorker(
      IncubationApplications applications,
      CommitteeDraw committees,
      IncubationPlanning planning,
      IncubationReviews reviews) {
    this.applications = applications;
    this.committees = committees;
    this.planning = planning;
    this.reviews = reviews;
  }

  public record ApplicationInput(
      String organisationName, String orgId, RegistrationStatus registrationStatus, String now) {}

  @JobWorker(type = "incubation.register-application")
  public IncubationApplication registerApplication(@VariablesAsType ApplicationInput input) {
    return applications.register(
        input.organisationName(),
        input.orgId(),
        input.registrationStatus(),
        ProcessTime.parse(input.now()));
  }

  public record CommitteeInput(String orgId) {}

  public record Committee(List<String> committee) {}

  @JobWorker(type = "incubation.form-committee")
  public Committee formCommittee(@VariablesAsType CommitteeInput input) {
    return new Committee(committees.draw(input.orgId()));
  }

  public record PlanInput(
      String moveInDate,
      Integer incubationMonths,
      boolean registered,
      String registrationDeadline) {}

  @JobWorker(type = "incubation.plan")
  public IncubationPlan plan(@VariablesAsType PlanInput input) {
    return planning.plan(
        day("moveInDate", input.moveInDate()),
        input.incubationMonths(),
        input.registered(),
        day("registrationDeadline", input.registrationDeadline()));
  }

  /** The quarterly-review form's fields. */
  public record ReviewInput(
      String orgId, Integer reviewScore, String progressSummary, String issues, String now) {}

  public record ReviewsDone(long quarterlyReviewsDone) {}

  @JobWorker(type = "incubation.record-review")
  public ReviewsDone recordReview(@VariablesAsType ReviewInput input, @JobKey long jobKey) {
    String notes =
        input.issues() == null || input.issues().isBlank()
            ? input.progressSummary()
            : input.progressSummary() + "\n存在问题：" + input.issues();
    return new ReviewsDone(
        reviews.recordQuarterlyReview(
            input.orgId(),
            jobKey,
            input.reviewScore(),
            notes,
            ProcessTime.parse(input.now()).toInstant()));
  }

  /** The complaint as the message brought it, and the complaint-handling form's fields. */
  public record Complaint(String complainant, String content, String filedAt) {}

  public record ComplaintInput(
      String orgId,
      Complaint incubationComplaint,
      Boolean complaintUpheld,
      String complaintHandling,
      String now) {}

  @JobWorker(type = "incubation.record-complaint")
  public void recordComplaint(@VariablesAsType ComplaintInput input, @JobKey long jobKey) {
    Complaint complaint =
        input.incubationComplaint() == null
            ? new Complaint(null, null, null)
            : input.incubationComplaint();
    reviews.recordComplaint(
        input.orgId(),
        jobKey,
        complaint.complainant(),
        complaint.content(),
        input.complaintHandling(),
        Boolean.TRUE.equals(input.complaintUpheld()),
        ProcessTime.parse(input.now()).toInstant());
  }

  public record ExtendInput(
      String incubationEnd,
      int monthsIncubated,
      boolean extended,
      Integer extensionMonths,
      boolean registered,
      String registrationDeadline) {}

  @JobWorker(type = "incubation.extend")
  public IncubationExtension extend(@VariablesAsType ExtendInput input) {
    return planning.extend(
        ProcessTime.parse(input.incubationEnd()),
        input.monthsIncubated(),
        input.extended(),
        input.extensionMonths(),
        input.registered(),
        day("registrationDeadline", input.registrationDeadline()));
  }

  /**
   * @param exitReason set by an early exit's message; none: the graduation review decided the exit
   */
  public record ExitInput(ExitReason exitReason, String now) {}

  public record Exit(String spaceReturnDeadline, String exitReason, String exitReasonLabel) {}

  @JobWorker(type = "incubation.schedule-exit")
  public Exit scheduleExit(@VariablesAsType ExitInput input) {
    ExitReason reason = input.exitReason() == null ? ExitReason.NOT_GRADUATED : input.exitReason();
    return new Exit(
        planning.spaceReturnDeadline(ProcessTime.parse(input.now())),
        reason.name(),
        reason.label());
  }

  /** A form's date field, {@code yyyy-MM-dd}; null stays null. */
  private static LocalDate day(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(value.length() > 10 ? value.substring(0, 10) : value);
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException(name + " is not a date yyyy-MM-dd: '" + value + "'", e);
    }
  }
}
