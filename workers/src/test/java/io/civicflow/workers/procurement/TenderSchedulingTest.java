package io.civicflow.workers.procurement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.civicflow.workers.calendar.Deadlines;
import io.civicflow.workers.calendar.ProcessTime;
import io.civicflow.workers.calendar.WorkingDayCalendar;
import io.civicflow.workers.outbox.InMemoryOutbox;
import io.civicflow.workers.outbox.OutboxMessage;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class TenderSchedulingTest {

  private final InMemoryOutbox outbox = new InMemoryOutbox();
  private final TenderScheduling scheduling =
      new TenderScheduling(new Deadlines(WorkingDayCalendar.fromClasspath()), outbox);

  @Test
  void aTenDayConsultationFromMonday1August2016() {
    TenderSchedule schedule =
        scheduling.schedule(
            "KSCG-2016-ZP", "张浦镇", "竞争性磋商", 10, 0, ProcessTime.parse("2016-08-01T10:00:00+08:00"));

    assertThat(schedule.tenderAttempt()).isEqualTo(1);
    assertThat(schedule.documentsIssuedAt()).isEqualTo("2016-08-01T10:00:00+08:00");
    assertThat(schedule.announcementUntil()).isEqualTo("2016-08-08T17:00:00+08:00");
    assertThat(schedule.documentsAvailableUntil()).isEqualTo("2016-08-08T17:00:00+08:00");
    assertThat(schedule.bidDeadline()).isEqualTo("2016-08-11T09:00:00+08:00");
    assertThat(schedule.bids()).isEmpty();
    OutboxMessage announcement = outbox.find("notice.announcement", "KSCG-2016-ZP").get(0);
    assertThat(announcement.messageId()).isEqualTo("KSCG-2016-ZP:announcement:1");
    assertThat(announcement.title()).isEqualTo("张浦镇社区社会工作服务项目竞争性磋商公告（第1次）");
  }

  @Test
  void overNationalDayTheDocumentsPeriodDecidesTheDeadline() {
    TenderSchedule schedule =
        scheduling.schedule(
            "KSCG-2016-ZP", "张浦镇", "竞争性磋商", 10, 1, ProcessTime.parse("2016-09-29T10:00:00+08:00"));

    assertThat(schedule.tenderAttempt()).isEqualTo(2);
    assertThat(schedule.documentsAvailableUntil()).isEqualTo("2016-10-11T17:00:00+08:00");
    assertThat(schedule.bidDeadline()).isEqualTo("2016-10-11T17:00:00+08:00");
  }

  @Test
  void aRetriedJobPublishesTheAnnouncementOnce() {
    for (int i = 0; i < 2; i++) {
      scheduling.schedule(
          "KSCG-2016-ZP", "张浦镇", "公开招标", 20, 0, ProcessTime.parse("2016-08-01T10:00:00+08:00"));
    }

    assertThat(outbox.all()).hasSize(1);
  }

  @Test
  void aLateClarificationMovesTheDeadlineAnEarlyOneDoesNot() {
    var deadline = ProcessTime.parse("2016-08-11T09:00:00+08:00");

    assertThat(
            scheduling.deadlineAfterClarification(
                deadline, 5, ProcessTime.parse("2016-08-05T16:00:00+08:00")))
        .isEqualTo(deadline);
    assertThat(
            ProcessTime.format(
                scheduling.deadlineAfterClarification(
                    deadline, 5, ProcessTime.parse("2016-08-08T16:00:00+08:00"))))
        .as("Sunday 14 August moves to Monday")
        .isEqualTo("2016-08-15T09:00:00+08:00");
    assertThat(
            ProcessTime.format(
                scheduling.deadlineAfterClarification(
                    deadline, 5, ProcessTime.parse("2016-08-12T08:00:00+08:00"))))
        .as("Wednesday 17 August")
        .isEqualTo("2016-08-17T09:00:00+08:00");
  }

  @Test
  void confirmationAndObjectionReplyCountWorkingDays() {
    var beforeNationalDay = ProcessTime.parse("2016-09-29T10:00:00+08:00");

    assertThat(ProcessTime.format(scheduling.confirmationDeadline(beforeNationalDay)))
        .isEqualTo("2016-10-11T17:00:00+08:00");
    assertThat(ProcessTime.format(scheduling.objectionReplyDeadline(beforeNationalDay)))
        .isEqualTo("2016-10-13T17:00:00+08:00");
  }

  @Test
  void aBidDeadlineOnASundayMovesToMondayAndTheAnnouncementStatesCeilingAndWeight() {
    TenderSchedule schedule =
        scheduling.schedule(
            "KSCG-2016-DSH",
            "淀山湖镇",
            "公开招标",
            20,
            0,
            TenderScheduling.TenderTerms.of(
                null, 120_000_000L, new BigDecimal("20"), BigDecimal.TEN, new BigDecimal("100")),
            ProcessTime.parse("2016-07-25T10:00:00+08:00"));

    assertThat(schedule.bidDeadline()).isEqualTo("2016-08-15T09:00:00+08:00");
    assertThat(schedule.ceilingPriceFen()).isEqualTo(120_000_000L);
    assertThat(outbox.find("notice.announcement", "KSCG-2016-DSH").get(0).body())
        .contains("最高限价1200000.00元", "价格分权重20%");
  }

  @Test
  void aCeilingAboveTheBudgetOrAWeightOutsideTheMethodsRangeIsRefused() {
    assertThatThrownBy(
            () ->
                TenderScheduling.TenderTerms.of(
                    90_000_000L,
                    80_000_000L,
                    new BigDecimal("20"),
                    BigDecimal.TEN,
                    new BigDecimal("30")))
        .hasMessageContaining("超过采购预算");
    assertThatThrownBy(
            () ->
                TenderScheduling.TenderTerms.of(
                    null, 80_000_000L, new BigDecimal("40"), BigDecimal.TEN, new BigDecimal("30")))
        .hasMessageContaining("价格分权重");
  }

  @Test
  void theSigningReminderNeverFiresBeforeTheNextWorkingMorning() {
    var deadline = ProcessTime.parse("2016-09-01T00:00:00+08:00");
    var planned = ProcessTime.parse("2016-08-24T09:00:00+08:00");

    assertThat(
            ProcessTime.format(
                scheduling.signReminder(
                    planned, deadline, ProcessTime.parse("2016-08-24T17:00:00+08:00"))))
        .isEqualTo("2016-08-25T09:00:00+08:00");
    assertThat(
            ProcessTime.format(
                scheduling.signReminder(
                    planned, deadline, ProcessTime.parse("2016-08-19T10:00:00+08:00"))))
        .isEqualTo("2016-08-24T09:00:00+08:00");
  }
}
