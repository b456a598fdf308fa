package io.civicflow.workers.incubation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.civicflow.workers.calendar.Deadlines;
import io.civicflow.workers.calendar.ProcessTime;
import io.civicflow.workers.calendar.WorkingDayCalendar;
import io.civicflow.workers.incubation.IncubationPlanning.IncubationExtension;
import io.civicflow.workers.incubation.IncubationPlanning.IncubationPlan;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The incubation period, its reviews, the one extension and the exit deadline (DOMAIN.md §6). */
class IncubationPlanningTest {

  private final IncubationPlanning planning =
      new IncubationPlanning(new Deadlines(WorkingDayCalendar.fromClasspath()));

  @Test
  void twelveMonthsFromMoveInWithFourQuarterlyReviewsAndAMonthSixMidTerm() {
    IncubationPlan plan = planning.plan(LocalDate.of(2025, 3, 3), null, true, null);

    assertThat(plan.incubationStart()).isEqualTo("2025-03-03T09:00:00+08:00");
    // one week after the fourth quarterly review, so that review is done before graduation
    assertThat(plan.incubationEnd()).isEqualTo("2026-03-10T09:00:00+08:00");
    assertThat(plan.quarterlyReviewCycle()).isEqualTo("R4/2025-06-03T09:00:00+08:00/P3M");
    assertThat(plan.midTermReviewDate()).isEqualTo("2025-09-03T10:00:00+08:00");
    assertThat(plan.registrationCheckDate()).isEqualTo(plan.incubationEnd());
    assertThat(plan.monthsIncubated()).isEqualTo(12);
    assertThat(plan.extended()).isFalse();
  }

  @Test
  void anUnregisteredOrganisationIsCheckedAtItsRegistrationDeadline() {
    IncubationPlan plan =
        planning.plan(LocalDate.of(2025, 3, 3), 6, false, LocalDate.of(2025, 6, 30));

    assertThat(plan.registrationCheckDate()).isEqualTo("2025-06-30T17:00:00+08:00");
    assertThat(plan.quarterlyReviewCycle()).isEqualTo("R2/2025-06-03T09:00:00+08:00/P3M");
    assertThatThrownBy(() -> planning.plan(LocalDate.of(2025, 3, 3), 12, false, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("registrationDeadline");
    assertThatThrownBy(() -> planning.plan(LocalDate.of(2025, 3, 3), 25, true, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theOneExtensionContinuesTheQuarterlyRhythmAndEndsAtTwentyFourMonths() {
    IncubationExtension extension =
        planning.extend(
            ProcessTime.parse("2026-03-10T09:00:00+08:00"), 12, false, null, true, null);

    assertThat(extension.incubationEnd()).isEqualTo("2027-03-10T09:00:00+08:00");
    assertThat(extension.monthsIncubated()).isEqualTo(24);
    assertThat(extension.extended()).isTrue();
    assertThat(extension.quarterlyReviewCycle()).isEqualTo("R4/2026-06-03T09:00:00+08:00/P3M");
    assertThat(extension.midTermReviewDate()).isEqualTo("2026-09-03T10:00:00+08:00");
    assertThat(extension.registrationCheckDate()).isEqualTo(extension.incubationEnd());
  }

  @Test
  void anExtensionIsCutToTwentyFourMonthsInTotalAndGrantedOnce() {
    IncubationExtension extension =
        planning.extend(
            ProcessTime.parse("2026-09-10T09:00:00+08:00"),
            18,
            false,
            12,
            false,
            LocalDate.of(2026, 12, 31));

    assertThat(extension.monthsIncubated()).isEqualTo(24);
    assertThat(extension.incubationEnd()).isEqualTo("2027-03-10T09:00:00+08:00");
    assertThat(extension.quarterlyReviewCycle()).startsWith("R2/");
    assertThat(extension.registrationCheckDate()).isEqualTo("2026-12-31T17:00:00+08:00");
    assertThatThrownBy(
            () ->
                planning.extend(
                    ProcessTime.parse("2027-03-10T09:00:00+08:00"), 24, true, 12, true, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most once");
    assertThatThrownBy(
            () ->
                planning.extend(
                    ProcessTime.parse("2027-03-10T09:00:00+08:00"), 24, false, 12, true, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theSpaceIsHandedBackWithinFifteenWorkingDaysAcrossNationalDay() {
    // Thursday 25 September 2025: 26, 28 (make-up Sunday), 29, 30 Sep; 1–8 Oct holidays; then 9 Oct
    // on
    assertThat(planning.spaceReturnDeadline(ProcessTime.parse("2025-09-25T10:00:00+08:00")))
        .isEqualTo("2025-10-22T17:00:00+08:00");
  }
}
