package io.civicflow.workers.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PaymentInstructionTest {

  @Test
  void shouldDeriveThePaymentId() {
    PaymentInstruction instruction =
        PaymentInstruction.of("KS-2016-ZP-Y1", 1, 2, 32_000_000L, "中期评估合格");

    assertThat(instruction.paymentId()).isEqualTo("PAY-KS-2016-ZP-Y1-Y1-T2");
  }

  @Test
  void shouldRejectAPaymentIdThatDoesNotMatchItsTranche() {
    assertThatThrownBy(
            () ->
                new PaymentInstruction(
                    "PAY-KS-2016-ZP-Y1-Y1-T1", "KS-2016-ZP-Y1", 1, 2, 32_000_000L, "中期评估合格"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PAY-KS-2016-ZP-Y1-Y1-T2");
  }

  @Test
  void shouldRejectANonPositiveAmount() {
    assertThatThrownBy(() -> PaymentInstruction.of("KS-2016-ZP-Y1", 1, 1, 0L, "签约"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PaymentInstruction.of("KS-2016-ZP-Y1", 1, 1, -5L, "签约"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
