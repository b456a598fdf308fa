package io.civicflow.workers.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class MilestonePlanningTest {

  @Test
  void aTwoYearContractFrom1September2016() {
    MilestonePlan plan = MilestonePlanning.plan(LocalDate.of(2016, 9, 1), 2);

    assertThat(plan.milestones())
        .containsExactly(
            new Milestone(1, "MIDTERM", 2, "2017-03-01T09:00:00+08:00", null),
            new Milestone(1, "ANNUAL", 3, "2017-08-01T09:00:00+08:00", "2017-09-01T00:00:00+08:00"),
            new Milestone(2, "MIDTERM", 2, "2018-03-01T09:00:00+08:00", null),
            new Milestone(2, "FINAL", 3, "2018-08-01T09:00:00+08:00", null));
    assertThat(plan.reports()).hasSize(12);
    assertThat(plan.reports().get(0))
        .isEqualTo(
            new MilestonePlan.ReportPeriod(
                1, "2016-09-01", "2016-10-31", "2016-11-01T09:00:00+08:00"));
    assertThat(plan.reports().get(11))
        .isEqualTo(
            new MilestonePlan.ReportPeriod(
                12, "2018-07-01", "2018-08-31", "2018-09-01T09:00:00+08:00"));
  }

  @Test
  void aOneYearContractHasAMidTermThenAFinalEvaluation() {
    MilestonePlan plan = MilestonePlanning.plan(LocalDate.of(2016, 9, 1), 1);

    assertThat(plan.milestones()).extracting(Milestone::kind).containsExactly("MIDTERM", "FINAL");
    assertThat(plan.reports()).hasSize(6);
  }

  @Test
  void moreThanTwoYearsIsRefused() {
    assertThatThrownBy(() -> MilestonePlanning.plan(LocalDate.of(2016, 9, 1), 3))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
