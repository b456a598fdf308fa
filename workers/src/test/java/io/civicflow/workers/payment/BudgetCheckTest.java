package io.civicflow.workers.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BudgetCheckTest {

  @Test
  void shouldFitAContractThatUsesTheUnitBudgetExactly() {
    BudgetCheckResult result = KunshanDefaults.unitServices().check(0L, 80_000_000L);

    assertThat(result.fits()).isTrue();
    assertThat(result.line()).isEqualTo(BudgetLine.UNIT_SERVICES);
    assertThat(result.remainingFen()).isEqualTo(80_000_000L);
    assertThat(result.remainingAfterFen()).isZero();
    assertThat(result.shortfallFen()).isZero();
  }

  @Test
  void shouldRefuseACommitmentOneFenOverTheBudget() {
    BudgetCheckResult result =
        BudgetCheck.unitServices(80_000_000L).check(24_000_000L, 56_000_001L);

    assertThat(result.fits()).isFalse();
    assertThat(result.remainingFen()).isEqualTo(56_000_000L);
    assertThat(result.remainingAfterFen()).isEqualTo(-1L);
    assertThat(result.shortfallFen()).isEqualTo(1L);
  }

  @Test
  void shouldSumCommittedAmounts() {
    // Evaluation pool of 400,000 CNY: two evaluations already contracted.
    BudgetCheckResult result =
        KunshanDefaults.evaluationPool().check(List.of(10_000_000L, 15_000_000L), 15_000_000L);

    assertThat(result.line()).isEqualTo(BudgetLine.EVALUATION_POOL);
    assertThat(result.committedFen()).isEqualTo(25_000_000L);
    assertThat(result.fits()).isTrue();
    assertThat(result.remainingAfterFen()).isZero();
  }

  @Test
  void shouldReportAnOverCommittedLineAsNegativeRemaining() {
    BudgetCheckResult result = BudgetCheck.unitServices(1_000L).check(1_500L, 0L);

    assertThat(result.remainingFen()).isEqualTo(-500L);
    assertThat(result.fits()).isFalse();
    assertThat(result.shortfallFen()).isEqualTo(500L);
  }

  @Test
  void shouldTakeTheBudgetAsData() {
    // Suzhou: 1,000,000 CNY per street per year.
    assertThat(BudgetCheck.unitServices(100_000_000L).check(0L, 90_000_000L).fits()).isTrue();
    assertThat(KunshanDefaults.unitServices().check(0L, 90_000_000L).fits()).isFalse();
  }

  @Test
  void shouldRejectNegativeAmounts() {
    BudgetCheck check = BudgetCheck.unitServices(1_000L);

    assertThatThrownBy(() -> check.check(-1L, 1L)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> check.check(0L, -1L)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> check.check(List.of(5L, -1L), 1L))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BudgetCheck.evaluationPool(-1L))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
