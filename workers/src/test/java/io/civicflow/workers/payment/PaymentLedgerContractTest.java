package io.civicflow.workers.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link PaymentLedger} must have. Each implementation gets a subclass that
 * says how to build an empty ledger on a given clock.
 */
public abstract class PaymentLedgerContractTest {

  static final Instant SIGNED = Instant.parse("2016-08-31T02:00:00Z");
  static final String CONTRACT = "KS-2016-ZP-Y1";

  private PaymentLedger ledger;

  /** An empty ledger that stamps payments with {@code clock}. */
  protected abstract PaymentLedger newLedger(InstantSource clock);

  @BeforeEach
  void createLedger() {
    ledger = newLedger(new SteppingClock(SIGNED));
  }

  private static PaymentInstruction tranche(String contractNo, int year, int tranche, long fen) {
    return PaymentInstruction.of(contractNo, year, tranche, fen, "评估合格");
  }

  @Test
  void shouldRecordAPaymentStampedByTheLedgersClock() {
    PaymentRecord paid = ledger.pay(tranche(CONTRACT, 1, 1, 24_000_000L));

    assertThat(paid.paymentId()).isEqualTo("PAY-KS-2016-ZP-Y1-Y1-T1");
    assertThat(paid.amountFen()).isEqualTo(24_000_000L);
    assertThat(paid.paidAt()).isEqualTo(SIGNED);
    assertThat(ledger.paymentsOf(CONTRACT)).containsExactly(paid);
  }

  @Test
  void shouldReturnTheRecordedPaymentWhenTheSameTrancheIsPaidAgain() {
    PaymentRecord first = ledger.pay(tranche(CONTRACT, 1, 1, 24_000_000L));

    PaymentRecord retried = ledger.pay(tranche(CONTRACT, 1, 1, 24_000_000L));

    assertThat(retried).isEqualTo(first);
    assertThat(retried.paidAt()).isEqualTo(SIGNED);
    assertThat(ledger.paymentsOf(CONTRACT)).hasSize(1);
    assertThat(ledger.totalPaid(CONTRACT)).isEqualTo(24_000_000L);
  }

  @Test
  void shouldTreatARetryWithAnotherReasonAsTheSamePayment() {
    PaymentRecord first = ledger.pay(tranche(CONTRACT, 1, 1, 24_000_000L));

    PaymentRecord retried = ledger.pay(PaymentInstruction.of(CONTRACT, 1, 1, 24_000_000L, "签约首付款"));

    assertThat(retried).isEqualTo(first);
  }

  @Test
  void shouldRejectTheSamePaymentIdWithAnotherAmount() {
    ledger.pay(tranche(CONTRACT, 1, 2, 32_000_000L));

    assertThatThrownBy(() -> ledger.pay(tranche(CONTRACT, 1, 2, 32_000_001L)))
        .isInstanceOf(ConflictingPaymentException.class)
        .hasMessageContaining("PAY-KS-2016-ZP-Y1-Y1-T2")
        .hasMessageContaining("32000000")
        .hasMessageContaining("32000001");
    assertThat(ledger.totalPaid(CONTRACT)).isEqualTo(32_000_000L);
  }

  @Test
  void shouldListThePaymentsOfOneContractByYearAndTranche() {
    String otherContract = "KS-2016-LJ-Y1";
    PaymentRecord t2 = ledger.pay(tranche(CONTRACT, 1, 2, 32_000_000L));
    PaymentRecord y2t1 = ledger.pay(tranche(CONTRACT, 2, 1, 24_000_000L));
    PaymentRecord t1 = ledger.pay(tranche(CONTRACT, 1, 1, 24_000_000L));
    ledger.pay(tranche(otherContract, 1, 1, 10_000_000L));

    assertThat(ledger.paymentsOf(CONTRACT)).containsExactly(t1, t2, y2t1);
    assertThat(ledger.totalPaid(CONTRACT)).isEqualTo(80_000_000L);
    assertThat(ledger.totalPaid(otherContract)).isEqualTo(10_000_000L);
  }

  @Test
  void shouldKnowNothingOfAnUnknownContract() {
    assertThat(ledger.paymentsOf("KS-2016-XX-Y1")).isEmpty();
    assertThat(ledger.totalPaid("KS-2016-XX-Y1")).isZero();
  }

  @Test
  void shouldRecordExactlyOnePaymentWhenManyThreadsPayTheSameTranche() throws Exception {
    int threads = 32;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<PaymentRecord>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return ledger.pay(tranche(CONTRACT, 1, 3, 24_000_000L));
                }));
      }
      start.countDown();

      List<PaymentRecord> paid = new ArrayList<>();
      for (Future<PaymentRecord> result : results) {
        paid.add(result.get(10, TimeUnit.SECONDS));
      }

      assertThat(paid).hasSize(threads).containsOnly(paid.get(0));
      assertThat(ledger.paymentsOf(CONTRACT)).containsExactly(paid.get(0));
      assertThat(ledger.totalPaid(CONTRACT)).isEqualTo(24_000_000L);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void shouldRecordEveryTrancheWhenThreadsPayDifferentTranches() throws Exception {
    int tranches = 50;
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<PaymentRecord>> results = new ArrayList<>();
      for (int t = 1; t <= tranches; t++) {
        int tranche = t;
        results.add(pool.submit(() -> ledger.pay(tranche(CONTRACT, 1, tranche, 100L))));
      }
      for (Future<PaymentRecord> result : results) {
        result.get(10, TimeUnit.SECONDS);
      }

      assertThat(ledger.paymentsOf(CONTRACT)).hasSize(tranches);
      assertThat(ledger.totalPaid(CONTRACT)).isEqualTo(100L * tranches);
    } finally {
      pool.shutdownNow();
    }
  }
}
