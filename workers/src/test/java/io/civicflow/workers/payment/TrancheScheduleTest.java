package io.civicflow.workers.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TrancheScheduleTest {

  @Test
  void shouldSplitAKunshanUnitYearThirtyFortyThirty() {
    TrancheSchedule schedule =
        TrancheSchedule.of(KunshanDefaults.UNIT_ANNUAL_BUDGET_FEN, 3000, 4000, 3000);

    assertThat(schedule.amountsFen()).containsExactly(24_000_000L, 32_000_000L, 24_000_000L);
    assertThat(schedule.amountFen(2)).isEqualTo(32_000_000L);
    assertThat(schedule.trancheCount()).isEqualTo(3);
  }

  @Test
  void shouldRoundDownEarlyTranchesAndGiveTheRemainderToTheLast() {
    // 100,001 fen at 30/40/30: 30,000.3 -> 30,000; 40,000.4 -> 40,000; the last takes 30,001.
    TrancheSchedule schedule = TrancheSchedule.of(100_001L, 3000, 4000, 3000);

    assertThat(schedule.amountsFen()).containsExactly(30_000L, 40_000L, 30_001L);
  }

  @Test
  void shouldAddUpToTheContractValueExactly() {
    Random random = new Random(20160831L);
    for (int i = 0; i < 2_000; i++) {
      long value = 1 + random.nextInt(1_000_000_000);
      List<Integer> points = randomProportions(random);

      TrancheSchedule schedule = new TrancheSchedule(value, points);

      assertThat(schedule.amountsFen().stream().mapToLong(Long::longValue).sum())
          .as("%d fen at %s", value, points)
          .isEqualTo(value);
      assertThat(schedule.amountsFen()).allSatisfy(amount -> assertThat(amount).isNotNegative());
    }
  }

  private static List<Integer> randomProportions(Random random) {
    int count = 1 + random.nextInt(5);
    List<Integer> points = new ArrayList<>();
    int left = TrancheSchedule.WHOLE_BASIS_POINTS;
    for (int i = 0; i < count - 1 && left > 1; i++) {
      int share = 1 + random.nextInt(left - 1);
      points.add(share);
      left -= share;
    }
    points.add(left);
    return points;
  }

  @Test
  void shouldRejectProportionsThatDoNotAddUpToTheWhole() {
    assertThatThrownBy(() -> TrancheSchedule.of(1_000L, 3000, 4000, 2000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("10000")
        .hasMessageContaining("9000");
  }

  @Test
  void shouldRejectNonPositiveProportionsAndEmptySchedules() {
    assertThatThrownBy(() -> TrancheSchedule.of(1_000L, 10_000, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TrancheSchedule.of(1_000L, 12_000, -2_000))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TrancheSchedule.of(1_000L))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldRejectANonPositiveContractValue() {
    assertThatThrownBy(() -> TrancheSchedule.of(0L, 10_000))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldRejectATrancheNumberOutsideTheSchedule() {
    TrancheSchedule schedule = TrancheSchedule.of(1_000L, 5000, 3000, 2000);

    assertThatThrownBy(() -> schedule.amountFen(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> schedule.amountFen(4)).isInstanceOf(IllegalArgumentException.class);
  }
}
