package io.civicflow.workers.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.civicflow.workers.calendar.Deadlines;
import io.civicflow.workers.calendar.ProcessTime;
import io.civicflow.workers.calendar.WorkingDayCalendar;
import io.civicflow.workers.outbox.InMemoryOutbox;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContractRenewalTest {

  private final InMemoryContractRecords records = new InMemoryContractRecords();
  private final InMemoryOutbox outbox = new InMemoryOutbox();
  private final ContractRenewal renewal =
      new ContractRenewal(records, new Deadlines(WorkingDayCalendar.fromClasspath()), outbox);

  private final ContractEntry year1 =
      ContractEntry.signed(
          "KS-2016-ZP-Y1",
          "KSCG-2016-ZP",
          "ZP",
          "张浦镇",
          2016,
          "ORG-1",
          "昆山市阳光社会工作服务社",
          78_000_000L,
          Instant.parse("2016-08-30T02:00:00Z"));

  @Test
  void theYear2ContractHasItsOwnNumberRegisterEntryPublicationAndFilingOnce() {
    for (int retry = 0; retry < 2; retry++) {
      ContractRenewal.Renewed renewed =
          renewal.register(
              year1, 78_000_000L, ProcessTime.parse("2017-08-25T10:00:00+08:00"), List.of());

      assertThat(renewed.year2ContractNo()).isEqualTo("KS-2016-ZP-Y2");
      // 2 working days: 28, 29 August; 7: 28, 29, 30, 31 August, 1, 4, 5 September
      assertThat(renewed.year2PublishedBy()).isEqualTo("2017-08-29T17:00:00+08:00");
      assertThat(renewed.year2FiledBy()).isEqualTo("2017-09-05T17:00:00+08:00");
    }

    assertThat(records.contract("KS-2016-ZP-Y2"))
        .get()
        .satisfies(
            c -> {
              assertThat(c.contractValueFen()).isEqualTo(78_000_000L);
              assertThat(c.district()).isEqualTo("张浦镇");
              assertThat(c.state()).isEqualTo(ContractState.SIGNED);
            });
    assertThat(outbox.find("notice.contract", "KS-2016-ZP-Y2")).hasSize(1);
    assertThat(outbox.find("contract.filing", "KS-2016-ZP-Y2")).hasSize(1);
  }
}
