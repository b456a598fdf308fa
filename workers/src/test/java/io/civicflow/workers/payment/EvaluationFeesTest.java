package io.civicflow.workers.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

class EvaluationFeesTest {

  private final InMemoryPaymentLedger ledger =
      new InMemoryPaymentLedger(InstantSource.fixed(Instant.parse("2017-03-20T02:00:00Z")));
  private final EvaluationFees fees = new EvaluationFees(ledger);

  @Test
  void eachEvaluationIsPaidOnceFromTheUnitsShareOfThePool() {
    // 400,000 CNY for 15 units: 26,666.66 CNY a unit a year, half of it per evaluation
    for (int retry = 0; retry < 2; retry++) {
      fees.pay("KS-2016-ZP-Y1", 1, "MIDTERM", null, KunshanDefaults.EVALUATION_POOL_ANNUAL_FEN, 15);
    }
    fees.pay("KS-2016-ZP-Y1", 1, "ANNUAL", null, KunshanDefaults.EVALUATION_POOL_ANNUAL_FEN, 15);

    assertThat(ledger.paymentsOf("EVAL-KS-2016-ZP-Y1"))
        .extracting(PaymentRecord::paymentId)
        .containsExactly("PAY-EVAL-KS-2016-ZP-Y1-Y1-T1", "PAY-EVAL-KS-2016-ZP-Y1-Y1-T2");
    assertThat(ledger.totalPaid("EVAL-KS-2016-ZP-Y1")).isEqualTo(2 * 1_333_333L);
    assertThat(ledger.totalPaid("KS-2016-ZP-Y1")).as("not the provider's contract").isZero();
  }

  @Test
  void aFeeAboveTheUnitsShareIsRefused() {
    assertThatThrownBy(
            () ->
                fees.pay(
                    "KS-2016-ZP-Y1",
                    1,
                    "MIDTERM",
                    3_000_000L,
                    KunshanDefaults.EVALUATION_POOL_ANNUAL_FEN,
                    15))
        .isInstanceOf(BudgetExceededException.class);
    assertThat(ledger.paymentsOf("EVAL-KS-2016-ZP-Y1")).isEmpty();
  }
}
