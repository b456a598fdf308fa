package io.civicflow.workers.procurement;

import static io.civicflow.workers.procurement.AwardPublicationTest.RANKING;
import static org.assertj.core.api.Assertions.assertThat;

import io.civicflow.workers.calendar.Deadlines;
import io.civicflow.workers.calendar.ProcessTime;
import io.civicflow.workers.calendar.WorkingDayCalendar;
import io.civicflow.workers.outbox.InMemoryOutbox;
import org.junit.jupiter.api.Test;

class ContractPublicationTest {

  private final InMemoryOutbox outbox = new InMemoryOutbox();
  private final ContractPublication publication =
      new ContractPublication(new Deadlines(WorkingDayCalendar.fromClasspath()), outbox);

  @Test
  void aContractSignedOn30AugustIsPublishedFiledAndTheWinnersBondRefundedInWorkingDays() {
    ContractPublication.Duties duties =
        publication.publish(
            "KS-2016-ZP-Y1",
            "KSCG-2016-ZP",
            RANKING.get(0),
            RANKING,
            ProcessTime.parse("2016-08-30T10:00:00+08:00"));

    assertThat(duties.contractPublishedBy()).isEqualTo("2016-09-01T17:00:00+08:00");
    assertThat(duties.bondsRefundedBy()).isEqualTo("2016-09-06T17:00:00+08:00");
    // 7 working days: 31 Aug, 1, 2, 5, 6, 7, 8 September
    assertThat(duties.contractFiledBy()).isEqualTo("2016-09-08T17:00:00+08:00");
    assertThat(outbox.find("notice.contract", "KS-2016-ZP-Y1")).hasSize(1);
    assertThat(outbox.find("contract.filing", "KS-2016-ZP-Y1")).hasSize(1);
    // the others' bonds went back from the award notice (AwardPublication)
    assertThat(outbox.find("payment.bond-refund", "KSCG-2016-ZP"))
        .singleElement()
        .satisfies(
            m ->
                assertThat(m.messageId())
                    .isEqualTo("KSCG-2016-ZP:tender:1:bond-refund:" + RANKING.get(0).bidderId()));
  }
}
