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
    assertThat(plan.reportCycle()).isEqualTo("R11/2016-11-01T09:00:00+08:00/P2M");
  }

  @Test
  void aOneYearContractHasAMidTermThenAFinalEvaluation() {
    MilestonePlan plan = MilestonePlanning.plan(LocalDate.of(2016, 9, 1), 1);

    assertThat(plan.milestones()).extracting(Milestone::kind).containsExactly("MIDTERM", "FINAL");
    assertThat(plan.reportCycle()).isEqualTo("R5/2016-11-01T09:00:00+08:00/P2M");
  }

  @Test
  void moreThanTwoYearsIsRefused() {
    assertThatThrownBy(() -> MilestonePlanning.plan(LocalDate.of(2016, 9, 1), 3))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
