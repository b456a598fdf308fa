package io.civicflow.workers.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrancheReleaseTest {

  private static final String CONTRACT = "KS-2016-ZP-Y1";
  private static final long YEAR_FEN = 80_000_000L;
  private static final List<Integer> SPLIT = List.of(3000, 4000, 3000);

  private final InMemoryPaymentLedger ledger =
      new InMemoryPaymentLedger(new SteppingClock(Instant.parse("2016-09-01T01:00:00Z")));
  private final TrancheRelease release = new TrancheRelease(ledger);

  @Test
  void sixTranchesOfTwoYearsAddUpToTheContractValueExactly() {
    long[] expected = {24_000_000L, 32_000_000L, 24_000_000L};
    for (int year = 1; year <= 2; year++) {
      for (int tranche = 1; tranche <= 3; tranche++) {
        TrancheRelease.Released released =
            release.release(CONTRACT, year, tranche, YEAR_FEN, SPLIT, YEAR_FEN);
        assertThat(released.payment().amountFen()).isEqualTo(expected[tranche - 1]);
      }
    }

    assertThat(ledger.totalPaid(CONTRACT)).isEqualTo(2 * YEAR_FEN);
    assertThat(ledger.paymentsOf(CONTRACT)).hasSize(6);
  }

  @Test
  void anUnevenValueLeavesTheRemainderToTheLastTranche() {
    long odd = 80_000_001L;
    long sum = 0;
    for (int tranche = 1; tranche <= 3; tranche++) {
      sum += release.release(CONTRACT, 1, tranche, odd, SPLIT, odd).payment().amountFen();
    }

    assertThat(sum).isEqualTo(odd);
    assertThat(ledger.paymentsOf(CONTRACT).get(2).amountFen()).isEqualTo(24_000_001L);
  }

  @Test
  void aRetriedJobPaysTheSamePaymentIdOnce() {
    TrancheRelease.Released first = release.release(CONTRACT, 1, 2, YEAR_FEN, SPLIT, YEAR_FEN);
    TrancheRelease.Released retry = release.release(CONTRACT, 1, 2, YEAR_FEN, SPLIT, YEAR_FEN);

    assertThat(retry.payment()).isEqualTo(first.payment());
    assertThat(first.payment().paymentId()).isEqualTo("PAY-KS-2016-ZP-Y1-Y1-T2");
    assertThat(ledger.paymentsOf(CONTRACT)).hasSize(1);
    assertThat(retry.totalPaidFen()).isEqualTo(32_000_000L);
  }

  @Test
  void aRetryOfTheYearsLastTrancheStillFitsItsBudget() {
    for (int tranche = 1; tranche <= 3; tranche++) {
      release.release(CONTRACT, 1, tranche, YEAR_FEN, SPLIT, YEAR_FEN);
    }

    assertThat(release.release(CONTRACT, 1, 3, YEAR_FEN, SPLIT, YEAR_FEN).totalPaidFen())
        .isEqualTo(YEAR_FEN);
  }

  @Test
  void aTrancheBeyondTheYearsBudgetIsRefusedAndNothingIsPaid() {
    long budget = 50_000_000L;
    release.release(CONTRACT, 1, 1, YEAR_FEN, SPLIT, budget);

    assertThatThrownBy(() -> release.release(CONTRACT, 1, 2, YEAR_FEN, SPLIT, budget))
        .isInstanceOf(BudgetExceededException.class)
        .hasMessageContaining("short by 6000000 fen");
    assertThat(ledger.paymentsOf(CONTRACT)).hasSize(1);
  }

  @Test
  void eachContractYearHasItsOwnBudget() {
    for (int tranche = 1; tranche <= 3; tranche++) {
      release.release(CONTRACT, 1, tranche, YEAR_FEN, SPLIT, YEAR_FEN);
    }

    assertThat(release.release(CONTRACT, 2, 1, YEAR_FEN, SPLIT, YEAR_FEN).payment().paymentId())
        .isEqualTo("PAY-KS-2016-ZP-Y1-Y2-T1");
  }

  @Test
  void aProposalShowsTheAwardedAmountAndTheShortfallAndPaysNothing() {
    TrancheRelease.Proposal proposal =
        release.propose(CONTRACT, 1, 1, 78_000_000L, SPLIT, 20_000_000L);

    assertThat(proposal.paymentId()).isEqualTo("PAY-KS-2016-ZP-Y1-Y1-T1");
    assertThat(proposal.amountFen()).isEqualTo(23_400_000L);
    assertThat(proposal.check().fits()).isFalse();
    assertThat(proposal.check().shortfallFen()).isEqualTo(3_400_000L);
    assertThat(ledger.paymentsOf(CONTRACT)).isEmpty();
  }
}
