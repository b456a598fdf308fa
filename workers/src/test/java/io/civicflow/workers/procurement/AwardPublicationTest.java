package io.civicflow.workers.procurement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.civicflow.workers.calendar.Deadlines;
import io.civicflow.workers.calendar.ProcessTime;
import io.civicflow.workers.calendar.WorkingDayCalendar;
import io.civicflow.workers.outbox.InMemoryOutbox;
import io.civicflow.workers.outbox.OutboxMessage;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class AwardPublicationTest {

  static final List<RankedBid> RANKING =
      List.of(
          new RankedBid(
              1,
              "B",
              "昆山市阳光社工服务社",
              80_000_000L,
              new BigDecimal("89.00"),
              new BigDecimal("87.50"),
              new BigDecimal("88.85")),
          new RankedBid(
              2,
              "A",
              "昆山市益友社工服务中心",
              70_000_000L,
              new BigDecimal("82.00"),
              new BigDecimal("100.00"),
              new BigDecimal("83.80")),
          new RankedBid(
              3,
              "C",
              "苏州市乐仁社工服务社",
              79_000_000L,
              new BigDecimal("70.00"),
              new BigDecimal("88.61"),
              new BigDecimal("71.86")));

  private final InMemoryOutbox outbox = new InMemoryOutbox();
  private final AwardPublication publication =
      new AwardPublication(new Deadlines(WorkingDayCalendar.fromClasspath()), outbox);

  @Test
  void anAwardOnAFridayRunsItsNoticePeriodOverTheWeekend() {
    AwardNotice notice =
        publication.publish(
            "KSCG-2016-ZP", "B", RANKING, 0, ProcessTime.parse("2016-08-19T15:00:00+08:00"));

    assertThat(notice.winner()).isEqualTo(RANKING.get(0));
    assertThat(notice.awardAttempt()).isEqualTo(1);
    assertThat(notice.awardPublishedAt()).isEqualTo("2016-08-19T15:00:00+08:00");
    assertThat(notice.noticePeriodEnds()).isEqualTo("2016-08-22T17:00:00+08:00");
    assertThat(notice.objectionDeadline()).isEqualTo("2016-08-31T17:00:00+08:00");
  }

  @Test
  void losingBiddersAreToldTheirOwnScoreAndRankOnce() {
    for (int retry = 0; retry < 2; retry++) {
      publication.publish(
          "KSCG-2016-ZP", "B", RANKING, 0, ProcessTime.parse("2016-08-19T15:00:00+08:00"));
    }

    assertThat(outbox.find("notice.award", "KSCG-2016-ZP")).hasSize(1);
    List<OutboxMessage> letters = outbox.find("letter.result", "KSCG-2016-ZP");
    assertThat(letters)
        .extracting(OutboxMessage::messageId)
        .containsExactlyInAnyOrder(
            "KSCG-2016-ZP:award:1:letter:A", "KSCG-2016-ZP:award:1:letter:C");
    assertThat(letters)
        .filteredOn(l -> l.messageId().endsWith(":C"))
        .singleElement()
        .satisfies(l -> assertThat(l.body()).contains("71.86").contains("排名第3"));
  }

  @Test
  void aSecondAwardAfterAnUpheldObjectionIsANewNotice() {
    publication.publish(
        "KSCG-2016-ZP", "B", RANKING, 0, ProcessTime.parse("2016-08-19T15:00:00+08:00"));
    AwardNotice second =
        publication.publish(
            "KSCG-2016-ZP", "A", RANKING, 1, ProcessTime.parse("2016-08-26T10:00:00+08:00"));

    assertThat(second.awardAttempt()).isEqualTo(2);
    assertThat(outbox.find("notice.award", "KSCG-2016-ZP")).hasSize(2);
  }

  @Test
  void aWinnerOutsideTheRankingIsRefused() {
    assertThatThrownBy(
            () ->
                publication.publish(
                    "KSCG-2016-ZP",
                    "X",
                    RANKING,
                    0,
                    ProcessTime.parse("2016-08-19T15:00:00+08:00")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void everyBidderButTheWinnerHasItsBondRefundedWithin5WorkingDaysOfTheNotice() {
    Bid disqualified = new Bid("D", "机构D", true, 90_000_000L, false, List.of());
    AwardNotice notice =
        publication.publish(
            "KSCG-2016-ZP",
            "B",
            RANKING,
            List.of(disqualified),
            List.of("A"),
            1,
            1,
            ProcessTime.parse("2016-08-19T15:00:00+08:00"));

    assertThat(notice.bondsRefundedBy()).isEqualTo("2016-08-26T17:00:00+08:00");
    assertThat(notice.awardedPriceFen()).isEqualTo(RANKING.get(0).priceFen());
    // A refused to sign an earlier award: its bond is kept
    assertThat(outbox.find("payment.bond-refund", "KSCG-2016-ZP"))
        .extracting(OutboxMessage::messageId)
        .containsExactlyInAnyOrder(
            "KSCG-2016-ZP:tender:1:bond-refund:C", "KSCG-2016-ZP:tender:1:bond-refund:D");
  }
}
