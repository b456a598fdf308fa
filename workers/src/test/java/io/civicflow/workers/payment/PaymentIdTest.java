package io.civicflow.workers.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PaymentIdTest {

  @Test
  void shouldFormatContractYearAndTranche() {
    assertThat(new PaymentId("KS-2016-ZP-Y1", 1, 2).value()).isEqualTo("PAY-KS-2016-ZP-Y1-Y1-T2");
    assertThat(new PaymentId("KS-2016-ZP-Y2", 2, 1)).hasToString("PAY-KS-2016-ZP-Y2-Y2-T1");
  }

  @Test
  void shouldBeEqualForTheSameTranche() {
    assertThat(new PaymentId("C-1", 1, 3)).isEqualTo(new PaymentId("C-1", 1, 3));
  }

  @Test
  void shouldRejectAContractYearOtherThanOneOrTwo() {
    assertThatThrownBy(() -> new PaymentId("C-1", 0, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PaymentId("C-1", 3, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldRejectATrancheBelowOne() {
    assertThatThrownBy(() -> new PaymentId("C-1", 1, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldRejectABlankContractNumberOrOneWithWhitespace() {
    assertThatThrownBy(() -> new PaymentId(" ", 1, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PaymentId("KS 2016", 1, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
