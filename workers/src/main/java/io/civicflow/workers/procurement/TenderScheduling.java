package io.civicflow.workers.procurement;

import io.civicflow.workers.calendar.Deadlines;
import io.civicflow.workers.calendar.ProcessTime;
import io.civicflow.workers.outbox.Outbox;
import io.civicflow.workers.outbox.OutboxMessage;
import io.civicflow.workers.outbox.Publisher;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The clocks of a tender (DOMAIN.md §6 "Open tender clocks", "Competitive consultation"):
 *
 * <ul>
 *   <li>announcement ≥ 5 working days and documents available ≥ 5 working days from issue;
 *   <li>bids due no earlier than {@code bidPeriodDays} calendar days after the documents are issued
 *       (open tender 20, 磋商 10), at 09:00 of a working day (a Sunday or holiday moves to the next
 *       working day), and never before the documents stop being available;
 *   <li>a clarification that reaches bidders fewer than {@code clarificationDays} days (15; 磋商 5)
 *       before the deadline moves the deadline, again to 09:00 of a working day;
 *   <li>the announcement states the ceiling price (最高限价: the unit budget unless the documents set a
 *       lower one; 87号令 Art 12) and the price weight the ranking will apply (87号令 Art 55: the
 *       published weight, never another);
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
  static final int COMPLAINT_DECISION_WORKING_DAYS = 30;

  private final Deadlines deadlines;
  private final Outbox outbox;
  private final Publisher publisher;

  public TenderScheduling(Deadlines deadlines, Outbox outbox) {
    this(deadlines, outbox, Publisher.KUNSHAN);
  }

  /**
   * @param publisher the purchaser, agency, place and contact the notices state
   */
  public TenderScheduling(Deadlines deadlines, Outbox outbox, Publisher publisher) {
    this.deadlines = Objects.requireNonNull(deadlines, "deadlines");
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.publisher = Objects.requireNonNull(publisher, "publisher");
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
    return schedule(projectNo, unitName, method, bidPeriodDays, previousAttempts, null, now);
  }

  /**
   * @param terms the ceiling price and the published price weight; null publishes neither
   */
  public TenderSchedule schedule(
      String projectNo,
      String unitName,
      String method,
      int bidPeriodDays,
      int previousAttempts,
      TenderTerms terms,
      ZonedDateTime now) {
    if (bidPeriodDays < 1) {
      throw new IllegalArgumentException("bidPeriodDays must be positive, was " + bidPeriodDays);
    }
    int attempt = previousAttempts + 1;
    ZonedDateTime announcementUntil = deadlines.workingDaysAfter(now, ANNOUNCEMENT_WORKING_DAYS);
    ZonedDateTime documentsUntil = deadlines.workingDaysAfter(now, DOCUMENTS_WORKING_DAYS);
    ZonedDateTime periodEnd =
        ProcessTime.at(
            nextWorkingDay(
                now.withZoneSameInstant(ProcessTime.ZONE).toLocalDate().plusDays(bidPeriodDays)),
            ProcessTime.START_OF_WORKING_DAY);
    ZonedDateTime bidDeadline = periodEnd.isBefore(documentsUntil) ? documentsUntil : periodEnd;
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("projectName", ProcurementPapers.projectName(unitName));
    fields.putAll(publisher.facts());
    fields.put("method", method);
    if (terms != null) {
      fields.put("budget", AwardPublication.yuan(terms.budgetFen()) + "元（每合同年度）");
      fields.put("ceilingPrice", AwardPublication.yuan(terms.ceilingPriceFen()) + "元（每合同年度）");
    }
    fields.put("documentsUntil", ProcessTime.format(documentsUntil));
    fields.put("bidDeadline", ProcessTime.format(bidDeadline));
    fields.put("place", publisher.place());
    fields.put("announcementPeriodEnds", ProcessTime.format(announcementUntil));
    outbox.post(
        new OutboxMessage(
            projectNo + ":announcement:" + attempt,
            "notice.announcement",
            projectNo,
            "public",
            announcementTitle(unitName, method, attempt),
            "采购文件发售至"
                + ProcessTime.format(documentsUntil)
                + "，公告期至"
                + ProcessTime.format(announcementUntil)
                + "，响应文件递交截止时间"
                + ProcessTime.format(bidDeadline)
                + "。"
                + (terms == null
                    ? ""
                    : "最高限价"
                        + AwardPublication.yuan(terms.ceilingPriceFen())
                        + "元（报价超过最高限价的投标无效），价格分权重"
                        + terms.priceWeightPercent().stripTrailingZeros().toPlainString()
                        + "%。"
                        + (terms.methodApprovalRef() == null
                            ? ""
                            : "本项目采购方式经财政部门批准变更（" + terms.methodApprovalRef() + "）。"))
                + "逾期送达的响应文件不予接收。接受联合体投标。",
            now.toInstant(),
            fields,
            List.of()));
    return new TenderSchedule(
        attempt,
        ProcessTime.format(now),
        ProcessTime.format(announcementUntil),
        ProcessTime.format(documentsUntil),
        ProcessTime.format(bidDeadline),
        List.of(),
        List.of(),
        terms == null ? null : terms.ceilingPriceFen(),
        terms == null ? null : terms.priceWeightPercent());
  }

  /**
   * The ceiling price and price weight the tender documents publish.
   *
   * @param methodApprovalRef the finance department's approval of a changed method (政府采购法 Art 27;
   *     条例 Art 38 for 单一来源), stated in the announcement; null when the method was not changed
   * @param budgetFen the unit's budget of one contract year, which the announcement states
   */
  public record TenderTerms(
      long ceilingPriceFen,
      BigDecimal priceWeightPercent,
      String methodApprovalRef,
      long budgetFen) {

    public TenderTerms {
      if (ceilingPriceFen <= 0) {
        throw new IllegalArgumentException(
            "The ceiling price must be positive, was " + ceilingPriceFen + " fen");
      }
      Objects.requireNonNull(priceWeightPercent, "priceWeightPercent");
    }

    /**
     * The terms of tender documents: the ceiling is the unit budget unless the documents set a
     * lower one (a ceiling above the budget is refused: 87号令 Art 12); the price weight must lie in
     * the method's range (87号令 Art 55; 磋商 10–30 %), since the published weight is applied as it is.
     */
    public static TenderTerms of(
        Long documentsCeilingFen,
        long budgetFen,
        BigDecimal priceWeightPercent,
        BigDecimal minimumPercent,
        BigDecimal maximumPercent) {
      if (documentsCeilingFen != null && documentsCeilingFen > budgetFen) {
        throw new IllegalArgumentException(
            "最高限价"
                + AwardPublication.yuan(documentsCeilingFen)
                + "元超过采购预算"
                + AwardPublication.yuan(budgetFen)
                + "元");
      }
      if (priceWeightPercent == null
          || (minimumPercent != null && priceWeightPercent.compareTo(minimumPercent) < 0)
          || (maximumPercent != null && priceWeightPercent.compareTo(maximumPercent) > 0)) {
        throw new IllegalArgumentException(
            "价格分权重须在"
                + minimumPercent
                + "%–"
                + maximumPercent
                + "%之间，采购文件为"
                + priceWeightPercent
                + "%");
      }
      return new TenderTerms(
          documentsCeilingFen == null ? budgetFen : documentsCeilingFen,
          priceWeightPercent,
          null,
          budgetFen);
    }

    /** These terms for a method changed with the approval {@code approvalRef}. */
    public TenderTerms approvedAs(String approvalRef) {
      return new TenderTerms(ceilingPriceFen, priceWeightPercent, approvalRef, budgetFen);
    }
  }

  /**
   * When the finance department's decision on a complaint received {@code now} is due: 17:00 on the
   * 30th working day (政府采购法 Art 56; 财政部令第94号 Art 26).
   */
  public ZonedDateTime complaintDecisionDeadline(ZonedDateTime now) {
    return deadlines.workingDaysAfter(now, COMPLAINT_DECISION_WORKING_DAYS);
  }

  /**
   * When the signing reminder goes out, signing having opened {@code now}: the round's planned
   * reminder ({@code planned}, some working days before the deadline), but never before 09:00 of
   * the first working morning after signing opened — a reminder is a warning ahead of the deadline,
   * not the task's opening; if no working morning remains before {@code signDeadline}, at once.
   */
  public ZonedDateTime signReminder(
      ZonedDateTime planned, ZonedDateTime signDeadline, ZonedDateTime now) {
    LocalDate today = now.withZoneSameInstant(ProcessTime.ZONE).toLocalDate();
    ZonedDateTime firstMorning =
        ProcessTime.at(nextWorkingDay(today), ProcessTime.START_OF_WORKING_DAY);
    if (!firstMorning.isAfter(now)) {
      firstMorning =
          ProcessTime.at(nextWorkingDay(today.plusDays(1)), ProcessTime.START_OF_WORKING_DAY);
    }
    ZonedDateTime reminder =
        planned == null || planned.isBefore(firstMorning) ? firstMorning : planned;
    return reminder.isBefore(signDeadline) ? reminder : now;
  }

  /** {@code day} if it is a working day, else the first working day after it. */
  LocalDate nextWorkingDay(LocalDate day) {
    LocalDate current = day;
    while (!deadlines.calendar().isWorkingDay(current)) {
      current = current.plusDays(1);
    }
    return current;
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
    LocalDate day = earliest.withZoneSameInstant(ProcessTime.ZONE).toLocalDate();
    if (ProcessTime.at(day, ProcessTime.START_OF_WORKING_DAY).isBefore(earliest)) {
      day = day.plusDays(1);
    }
    return ProcessTime.at(nextWorkingDay(day), ProcessTime.START_OF_WORKING_DAY);
  }

  private static String announcementTitle(String unitName, String method, int attempt) {
    return unitName + "社区社会工作服务项目" + method + "公告（第" + attempt + "次）";
  }

  /**
   * Publishes the clarification or change of tender {@code attempt} as a 更正公告 (87号令 Art 27: on the
   * media of the original announcement; a change that affects the response files moves the
   * deadline, {@link #deadlineAfterClarification}), under an id made of the project number, the
   * attempt and the clarification's number, so a retried job publishes it once.
   *
   * @param number the clarification's number within this attempt, from 1
   * @param content what the agency clarified or changed, in its words; may be null
   */
  public void publishCorrection(
      String projectNo,
      String unitName,
      String method,
      int attempt,
      int number,
      String content,
      ZonedDateTime bidDeadlineBefore,
      ZonedDateTime bidDeadline,
      ZonedDateTime now) {
    String change =
        bidDeadline.equals(bidDeadlineBefore)
            ? "响应文件递交截止时间不变，仍为" + ProcessTime.format(bidDeadline)
            : "响应文件递交截止时间由"
                + ProcessTime.format(bidDeadlineBefore)
                + "顺延至"
                + ProcessTime.format(bidDeadline);
    String correction =
        (content == null || content.isBlank() ? "采购文件澄清" : content.trim()) + "；" + change;
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("projectName", ProcurementPapers.projectName(unitName));
    fields.putAll(publisher.facts());
    fields.put("method", method);
    fields.put("originalNotice", announcementTitle(unitName, method, attempt));
    fields.put("correction", correction);
    fields.put("bidDeadline", ProcessTime.format(bidDeadline));
    fields.put("place", publisher.place());
    outbox.post(
        new OutboxMessage(
            projectNo + ":correction:" + attempt + ":" + number,
            "notice.correction",
            projectNo,
            "public",
            unitName + "社区社会工作服务项目更正公告（第" + number + "次）",
            "更正事项：" + correction + "。其他内容不变。",
            now.toInstant(),
            fields,
            List.of()));
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
