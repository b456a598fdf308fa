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

  public record ExitInput(String now) {}

  public record Exit(String spaceReturnDeadline) {}

  @JobWorker(type = "incubation.schedule-exit")
  public Exit scheduleExit(@VariablesAsType ExitInput input) {
    return new Exit(planning.spaceReturnDeadline(ProcessTime.parse(input.now())));
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
