package io.civicflow.workers.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MoneyTest {

  @Test
  void yuanBecomeExactFen() {
    assertThat(Money.fenOf(new BigDecimal("800000"))).isEqualTo(80_000_000L);
    assertThat(Money.fenOf(new BigDecimal("800000.10"))).isEqualTo(80_000_010L);
    assertThat(Money.fenOf(new BigDecimal("0.1"))).isEqualTo(10L);
    assertThat(Money.fenOf(null, 400_000)).isEqualTo(40_000_000L);
  }

  @Test
  void fractionsOfAFenAndNegativeAmountsAreRefused() {
    assertThatThrownBy(() -> Money.fenOf(new BigDecimal("0.001")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fractions of a fen");
    assertThatThrownBy(() -> Money.fenOf(new BigDecimal("-1")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
