package io.civicflow.workers.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.civicflow.workers.calendar.ProcessTime;
import io.civicflow.workers.outbox.InMemoryOutbox;
import io.civicflow.workers.outbox.OutboxMessage;
import io.civicflow.workers.payment.InMemoryPaymentLedger;
import io.civicflow.workers.payment.TrancheRelease;
import io.civicflow.workers.procurement.RankedBid;
import io.civicflow.workers.registry.InMemoryProviderRegistry;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContractLifecycleTest {

  private static final String CONTRACT = "KS-2016-ZP-Y1";
  private static final List<Integer> SPLIT = List.of(3000, 4000, 3000);
  private static final RankedBid WINNER =
      new RankedBid(
          1, "ORG-1", "昆山市阳光社工服务社", 80_000_000L, BigDecimal.TEN, BigDecimal.TEN, BigDecimal.TEN);

  private final InMemoryPaymentLedger ledger =
      new InMemoryPaymentLedger(InstantSource.fixed(Instant.parse("2016-09-01T01:00:00Z")));
  private final TrancheRelease release = new TrancheRelease(ledger);
  private final InMemoryOutbox outbox = new InMemoryOutbox();
  private final InMemoryProviderRegistry registry = new InMemoryProviderRegistry();

  @Test
  void theContractNumberAndProviderComeFromTheWinner() {
    ContractPreparation.PreparedContract contract =
        ContractPreparation.prepare(null, 2016, "ZP", WINNER, 80_000_000L, SPLIT);

    assertThat(contract)
        .isEqualTo(new ContractPreparation.PreparedContract(CONTRACT, "ORG-1", "昆山市阳光社工服务社"));
    assertThatThrownBy(
            () ->
                ContractPreparation.prepare(null, 2016, "ZP", WINNER, 80_000_000L, List.of(50, 40)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aContractClosesWhenTwoYearsAreFullyPaid() {
    for (int year = 1; year <= 2; year++) {
      String number = year == 1 ? CONTRACT : ContractNumbers.renewalOf(CONTRACT);
      for (int tranche = 1; tranche <= 3; tranche++) {
        release.release(number, year, tranche, 80_000_000L, SPLIT, 80_000_000L);
      }
    }

    assertThat(new ContractClosing(ledger).close(CONTRACT, 80_000_000L, 2)).isEqualTo(160_000_000L);
  }

  @Test
  void aContractWithATrancheMissingDoesNotClose() {
    release.release(CONTRACT, 1, 1, 80_000_000L, SPLIT, 80_000_000L);

    assertThatThrownBy(() -> new ContractClosing(ledger).close(CONTRACT, 80_000_000L, 2))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("paid 24000000 fen");
  }

  @Test
  void aTerminationNotifiesThreePartiesOnceAndIsRegistered() {
    release.release(CONTRACT, 1, 1, 80_000_000L, SPLIT, 80_000_000L);
    ContractTermination termination = new ContractTermination(outbox, registry, ledger);

    for (int retry = 0; retry < 2; retry++) {
      assertThat(
              termination.terminate(
                  CONTRACT,
                  "ORG-1",
                  "ZP",
                  "Y1-MIDTERM",
                  "不合格",
                  ProcessTime.parse("2017-03-20T10:00:00+08:00")))
          .isEqualTo(24_000_000L);
    }

    // the provider's own people and its district's office, never every provider or district
    assertThat(outbox.find("notify.termination", CONTRACT))
        .extracting(OutboxMessage::recipientGroup)
        .containsExactlyInAnyOrder("org:ORG-1", "district-ZP", "civil-affairs");
    assertThat(outbox.find("notice.termination", CONTRACT)).hasSize(1);
    assertThat(registry.terminationsOf("ORG-1"))
        .singleElement()
        .satisfies(t -> assertThat(t.milestone()).isEqualTo("Y1-MIDTERM"));
  }

  @Test
  void theOperatingReportFormIsRecordedOncePerJobWithExpenditureInFen() {
    InMemoryContractRecords records = new InMemoryContractRecords();
    ContractWorker worker =
        new ContractWorker(
            records,
            new ContractTermination(outbox, registry, ledger),
            new ContractClosing(ledger),
            null,
            null,
            null,
            null);
    ContractWorker.ReportInput input =
        new ContractWorker.ReportInput(
            CONTRACT,
            new ContractWorker.OperatingReportForm(
                "2016-09-01",
                "2016-10-31",
                12,
                340,
                5,
                new BigDecimal("120.5"),
                new BigDecimal("95000.50"),
                6,
                "开展社区需求评估",
                null,
                null,
                null),
            "2016-11-03T10:00:00+08:00");

    worker.recordReport(input, 42L);
    ContractWorker.ReportsFiled filed = worker.recordReport(input, 42L);

    assertThat(filed.reportsFiled()).isEqualTo(1);
    OperatingReport report = records.reportsOf(CONTRACT).get(0);
    assertThat(report.expenditureFen()).isEqualTo(9_500_050L);
    assertThat(report.reportId()).isEqualTo("KS-2016-ZP-Y1:report:42");
    assertThat(worker.recordReport(input, 43L).reportsFiled()).isEqualTo(2);
  }

  @Test
  void terminationWithoutTheFailedMilestoneStillTerminates() {
    ContractWorker worker =
        new ContractWorker(
            new InMemoryContractRecords(),
            new ContractTermination(outbox, registry, ledger),
            new ContractClosing(ledger),
            null,
            null,
            null,
            null);

    ContractWorker.Outcome outcome =
        worker.terminate(
            new ContractWorker.TerminateInput(
                CONTRACT,
                null,
                2,
                "ORG-1",
                "ZP",
                null,
                null,
                null,
                "不合格",
                "2017-03-20T10:00:00+08:00"));

    assertThat(outcome).isEqualTo(new ContractWorker.Outcome("TERMINATED", 0));
    assertThat(registry.terminationsOf("ORG-1").get(0).milestone()).isEmpty();
  }
}
