package io.civicflow.workers.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RoundBudgetTest {

  private final RoundBudget budget = new RoundBudget();

  @Test
  void aContractYearAtTheUnitBudgetFits() {
    RoundBudget.Result result = budget.check(80_000_000L, 80_000_000L, 15, 40_000_000L);

    assertThat(result.budgetFits()).isTrue();
    assertThat(result.budgetCheck().remainingAfterFen()).isZero();
  }

  @Test
  void aContractAboveTheUnitBudgetDoesNotFit() {
    RoundBudget.Result result = budget.check(100_000_000L, 80_000_000L, 15, 40_000_000L);

    assertThat(result.budgetFits()).isFalse();
    assertThat(result.budgetCheck().shortfallFen()).isEqualTo(20_000_000L);
  }

  @Test
  void aRoundWithoutUnitsOrEvaluationPoolIsRefused() {
    assertThatThrownBy(() -> budget.check(1, 1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> budget.check(1, 1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
