package io.civicflow.workers.procurement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.civicflow.workers.calendar.Deadlines;
import io.civicflow.workers.calendar.ProcessTime;
import io.civicflow.workers.calendar.WorkingDayCalendar;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoundPlanningTest {

  private final RoundPlanning planning =
      new RoundPlanning(new Deadlines(WorkingDayCalendar.fromClasspath()));

  private static RoundTerms kunshan2016(List<String> units, String split) {
    return new RoundTerms(
        2016,
        null,
        units,
        split,
        LocalDate.of(2016, 9, 1),
        RoundPlanning.signLapsesAt("2016-08-31"));
  }

  @Test
  void theKunshan2016RoundHasFifteenUnitsAndItsCalendar() {
    RoundPlan plan =
        planning.plan(
            kunshan2016(List.of(), "30/40/30"), ProcessTime.parse("2016-07-01T09:00:00+08:00"));

    assertThat(plan.units()).hasSize(15);
    assertThat(plan.units().get(3))
        .isEqualTo(new RoundUnit("ZP", "张浦镇", UnitKind.TOWN, "KSCG-2016-ZP"));
    assertThat(plan.trancheBasisPoints()).containsExactly(3000, 4000, 3000);
    assertThat(plan.contractStartDate()).isEqualTo("2016-09-01");
    assertThat(plan.contractYears()).isEqualTo(2);
    assertThat(plan.needsSurveyDeadline()).isEqualTo("2016-07-15T17:00:00+08:00");
    assertThat(plan.needsBookDeadline()).isEqualTo("2016-07-29T17:00:00+08:00");
    assertThat(plan.signDeadline()).isEqualTo("2016-09-01T00:00:00+08:00");
    assertThat(plan.signReminderDate()).isEqualTo("2016-08-24T09:00:00+08:00");
  }

  @Test
  void chosenUnitsKeepTheirCodesAndADateTimeDeadlineIsKept() {
    RoundTerms terms =
        new RoundTerms(
            2016,
            "KS",
            List.of("ZZ", "JX"),
            "50/30/20",
            LocalDate.of(2016, 9, 1),
            RoundPlanning.signLapsesAt("2016-08-31T17:00+08:00"));

    RoundPlan plan = planning.plan(terms, ProcessTime.parse("2016-07-01T09:00:00+08:00"));

    assertThat(plan.units())
        .extracting(RoundUnit::projectNo)
        .containsExactly("KSCG-2016-ZZ", "KSCG-2016-JX");
    assertThat(plan.trancheBasisPoints()).containsExactly(5000, 3000, 2000);
    assertThat(plan.signDeadline()).isEqualTo("2016-08-31T17:00:00+08:00");
    assertThat(plan.signReminderDate()).isEqualTo("2016-08-24T09:00:00+08:00");
  }

  @Test
  void anUnknownUnitOrASplitNotAddingUpTo100IsRefused() {
    assertThatThrownBy(() -> RoundPlanning.trancheBasisPoints("30/40/40"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RoundPlanning.trancheBasisPoints("thirty"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                planning.plan(
                    kunshan2016(List.of("XX"), "30/40/30"),
                    ProcessTime.parse("2016-07-01T09:00:00+08:00")))
        .hasMessageContaining("XX");
  }
}
