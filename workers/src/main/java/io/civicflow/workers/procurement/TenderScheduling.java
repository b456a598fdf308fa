package io.civicflow.workers.procurement;

import io.civicflow.workers.calendar.Deadlines;
import io.civicflow.workers.calendar.ProcessTime;
import io.civicflow.workers.outbox.Outbox;
import io.civicflow.workers.outbox.OutboxMessage;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;

/**
 * The clocks of a tender (DOMAIN.md §6 "Open tender clocks", "Competitive consultation"):
 *
 * <ul>
 *   <li>announcement ≥ 5 working days and documents available ≥ 5 working days from issue;
 *   <li>bids due no earlier than {@code bidPeriodDays} calendar days after the documents are issued
 *       (open tender 20, 磋商 10), at 09:00, and never before the documents stop being available;
 *   <li>a clarification that reaches bidders fewer than {@code clarificationDays} days (15; 磋商 5)
 *       before the deadline moves the deadline;
 *   <li>the purchaser confirms the winner within 5 working days (87号令 Art 68), an objection is
 *       answered within 7 working days (DOMAIN.md §6 "Objections").
 * </ul>
 *
 * <p>The announcement goes through the {@link Outbox} with a message id made of the project number
 * and the attempt, so a retried job publishes it once.
 */
public final class TenderScheduling {

  static final int ANNOUNCEMENT_WORKING_DAYS = 5;
  static final int DOCUMENTS_WORKING_DAYS = 5;
  static final int CONFIRMATION_WORKING_DAYS = 5;
  static final int OBJECTION_REPLY_WORKING_DAYS = 7;

  private final Deadlines deadlines;
  private final Outbox outbox;

  public TenderScheduling(Deadlines deadlines, Outbox outbox) {
    this.deadlines = Objects.requireNonNull(deadlines, "deadlines");
    this.outbox = Objects.requireNonNull(outbox, "outbox");
  }

  /**
   * Issues the documents now and publishes the announcement of attempt {@code previousAttempts +
   * 1}.
   */
  public TenderSchedule schedule(
      String projectNo,
      String unitName,
      String method,
      int bidPeriodDays,
      int previousAttempts,
      ZonedDateTime now) {
    if (bidPeriodDays < 1) {
      throw new IllegalArgumentException("bidPeriodDays must be positive, was " + bidPeriodDays);
    }
    int attempt = previousAttempts + 1;
    ZonedDateTime announcementUntil = deadlines.workingDaysAfter(now, ANNOUNCEMENT_WORKING_DAYS);
    ZonedDateTime documentsUntil = deadlines.workingDaysAfter(now, DOCUMENTS_WORKING_DAYS);
    ZonedDateTime periodEnd =
        ProcessTime.at(now.toLocalDate().plusDays(bidPeriodDays), ProcessTime.START_OF_WORKING_DAY);
    ZonedDateTime bidDeadline = periodEnd.isBefore(documentsUntil) ? documentsUntil : periodEnd;
    outbox.post(
        new OutboxMessage(
            projectNo + ":announcement:" + attempt,
            "notice.announcement",
            projectNo,
            "public",
            unitName + "社区社会工作服务项目" + method + "公告（第" + attempt + "次）",
            "采购文件发售至"
                + ProcessTime.format(documentsUntil)
                + "，公告期至"
                + ProcessTime.format(announcementUntil)
                + "，响应文件递交截止时间"
                + ProcessTime.format(bidDeadline)
                + "。接受联合体投标。",
            now.toInstant()));
    return new TenderSchedule(
        attempt,
        ProcessTime.format(now),
        ProcessTime.format(announcementUntil),
        ProcessTime.format(documentsUntil),
        ProcessTime.format(bidDeadline),
        List.of());
  }

  /**
   * The bid deadline after a clarification issued {@code now}: unchanged if at least {@code
   * clarificationDays} days remain, otherwise moved to 09:00 of the first day that leaves {@code
   * clarificationDays} full days (the rule says "at least"; bids are opened in the morning).
   */
  public ZonedDateTime deadlineAfterClarification(
      ZonedDateTime bidDeadline, int clarificationDays, ZonedDateTime now) {
    ZonedDateTime earliest = now.plusDays(clarificationDays);
    if (!bidDeadline.isBefore(earliest)) {
      return bidDeadline;
    }
    ZonedDateTime moved = ProcessTime.at(earliest.toLocalDate(), ProcessTime.START_OF_WORKING_DAY);
    return moved.isBefore(earliest) ? moved.plusDays(1) : moved;
  }

  /** When the purchaser's confirmation lapses: 17:00 on the 5th working day. */
  public ZonedDateTime confirmationDeadline(ZonedDateTime now) {
    return deadlines.workingDaysAfter(now, CONFIRMATION_WORKING_DAYS);
  }

  /** When the reply to an objection filed {@code now} is due: 17:00 on the 7th working day. */
  public ZonedDateTime objectionReplyDeadline(ZonedDateTime now) {
    return deadlines.workingDaysAfter(now, OBJECTION_REPLY_WORKING_DAYS);
  }
}
