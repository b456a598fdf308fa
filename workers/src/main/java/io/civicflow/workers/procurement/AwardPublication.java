package io.civicflow.workers.procurement;

import io.civicflow.workers.calendar.Deadlines;
import io.civicflow.workers.calendar.ProcessTime;
import io.civicflow.workers.documents.DocumentFile;
import io.civicflow.workers.outbox.Outbox;
import io.civicflow.workers.outbox.OutboxMessage;
import io.civicflow.workers.outbox.RecipientDirectory;
import java.math.BigDecimal;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Publishes the award (DOMAIN.md §6 "Open tender clocks": award notice within 2 working days,
 * notice period 1 working day, the winner told by a 成交通知书 letter, losing bidders told their own
 * score and rank, each letter to the bidder's own people only; "Objections": 质疑 within 7 working
 * days after the notice period). The bid bonds of every bidder not awarded — losing and
 * disqualified alike — are refunded within 5 working days of the award notice (政府采购法实施条例 Art 33;
 * 87号令 Art 38). The notice, every letter and every refund go through the {@link Outbox} under ids
 * made of the project number, the attempt and the bidder, so a retried job publishes each once.
 */
public final class AwardPublication {

  static final int NOTICE_PERIOD_WORKING_DAYS = 1;
  static final int OBJECTION_WORKING_DAYS = 7;
  static final int BOND_REFUND_WORKING_DAYS = 5;

  private final Deadlines deadlines;
  private final Outbox outbox;

  public AwardPublication(Deadlines deadlines, Outbox outbox) {
    this.deadlines = Objects.requireNonNull(deadlines, "deadlines");
    this.outbox = Objects.requireNonNull(outbox, "outbox");
  }

  /**
   * @param winnerId the bidder id the purchaser confirmed (or the first-ranked, deemed chosen)
   * @param previousAttempts how many award notices this project published before
   * @throws IllegalArgumentException if the winner is not in the ranking
   */
  public AwardNotice publish(
      String projectNo,
      String winnerId,
      List<RankedBid> ranking,
      int previousAttempts,
      ZonedDateTime now) {
    return publish(projectNo, winnerId, ranking, List.of(), List.of(), 1, previousAttempts, now);
  }

  /**
   * @param bids every bid received in this attempt, the disqualified included: each bidder but the
   *     winner gets its bid bond back
   * @param refusedToSign bidders awarded before who refused to sign: their bonds are kept under the
   *     tender documents' bond terms, so no refund is posted for them
   */
  public AwardNotice publish(
      String projectNo,
      String winnerId,
      List<RankedBid> ranking,
      List<Bid> bids,
      List<String> refusedToSign,
      int tenderAttempt,
      int previousAttempts,
      ZonedDateTime now) {
    return publish(
        projectNo,
        winnerId,
        ranking,
        bids,
        refusedToSign,
        tenderAttempt,
        previousAttempts,
        now,
        Map.of(),
        notice -> List.of());
  }

  /**
   * @param facts the notice's structured fields the law requires beyond what the award decides
   *     (project name, purchaser, agency, method, budget, ceiling, committee): see {@code
   *     notices.PublicNotice}; the winner, the price and the dates are added here
   * @param attachments the documents the public notice links, made from the award (the 成交通知书 PDF);
   *     called once per publication, before anything is posted
   */
  public AwardNotice publish(
      String projectNo,
      String winnerId,
      List<RankedBid> ranking,
      List<Bid> bids,
      List<String> refusedToSign,
      int tenderAttempt,
      int previousAttempts,
      ZonedDateTime now,
      Map<String, String> facts,
      Function<AwardNotice, List<DocumentFile>> attachments) {
    RankedBid winner =
        ranking.stream()
            .filter(bid -> bid.bidderId().equals(winnerId))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "Winner " + winnerId + " is not in the ranking of " + projectNo));
    int attempt = previousAttempts + 1;
    ZonedDateTime noticeEnds = deadlines.workingDaysAfter(now, NOTICE_PERIOD_WORKING_DAYS);
    ZonedDateTime objectionDeadline =
        deadlines.workingDaysAfter(noticeEnds, OBJECTION_WORKING_DAYS);
    String prefix = projectNo + ":award:" + attempt;
    String refundBy = ProcessTime.format(deadlines.workingDaysAfter(now, BOND_REFUND_WORKING_DAYS));
    AwardNotice notice =
        new AwardNotice(
            winner,
            ProcessTime.format(now),
            ProcessTime.format(noticeEnds),
            ProcessTime.format(objectionDeadline),
            attempt,
            winner.priceFen(),
            refundBy);
    Map<String, String> fields = new LinkedHashMap<>(facts);
    fields.put("winner", winner.bidderName());
    fields.put("awardedPrice", yuan(winner.priceFen()) + "元");
    fields.put("noticePeriodEnds", ProcessTime.format(noticeEnds));
    outbox.post(
        new OutboxMessage(
            prefix,
            "notice.award",
            projectNo,
            "public",
            projectNo + " 成交结果公告：" + winner.bidderName(),
            "成交供应商："
                + winner.bidderName()
                + "，成交金额"
                + yuan(winner.priceFen())
                + "元，综合得分"
                + winner.totalScore()
                + "。公告期至"
                + ProcessTime.format(noticeEnds)
                + "，质疑截止"
                + ProcessTime.format(objectionDeadline)
                + "。",
            now.toInstant(),
            fields,
            attachments.apply(notice)));
    outbox.post(
        new OutboxMessage(
            prefix + ":letter:" + winnerId,
            "letter.award",
            projectNo,
            RecipientDirectory.organisation(winnerId),
            "致" + winner.bidderName() + "：" + projectNo + " 成交通知",
            "贵单位为本项目成交供应商，成交金额"
                + yuan(winner.priceFen())
                + "元。成交结果公告期至"
                + ProcessTime.format(noticeEnds)
                + "；请在成交通知书发出之日起30日内、且不迟于签约截止日与采购人签订合同。",
            now.toInstant()));
    for (RankedBid bid : ranking) {
      if (bid.bidderId().equals(winnerId)) {
        continue;
      }
      outbox.post(
          new OutboxMessage(
              prefix + ":letter:" + bid.bidderId(),
              "letter.result",
              projectNo,
              RecipientDirectory.organisation(bid.bidderId()),
              "致" + bid.bidderName() + "：" + projectNo + " 评审结果告知",
              "贵单位综合得分"
                  + bid.totalScore()
                  + "（技术"
                  + bid.technicalScore()
                  + "，价格"
                  + bid.priceScore()
                  + "），排名第"
                  + bid.rank()
                  + "。如有异议，可于"
                  + ProcessTime.format(objectionDeadline)
                  + "前提出质疑。",
              now.toInstant()));
    }
    Map<String, String> notAwarded = new LinkedHashMap<>();
    for (RankedBid bid : ranking) {
      notAwarded.put(bid.bidderId(), bid.bidderName());
    }
    for (Bid bid : bids == null ? List.<Bid>of() : bids) {
      notAwarded.putIfAbsent(bid.bidderId(), bid.bidderName());
    }
    notAwarded.remove(winnerId);
    if (refusedToSign != null) {
      refusedToSign.forEach(notAwarded::remove);
    }
    notAwarded.forEach(
        (bidderId, bidderName) ->
            outbox.post(
                new OutboxMessage(
                    projectNo + ":tender:" + tenderAttempt + ":bond-refund:" + bidderId,
                    "payment.bond-refund",
                    projectNo,
                    "procurement-agency",
                    "退还" + bidderName + "投标保证金（" + projectNo + "）",
                    "未成交，须于" + refundBy + "前退还（成交通知书发出之日起5个工作日内）",
                    now.toInstant())));
    return notice;
  }

  static String yuan(long fen) {
    return BigDecimal.valueOf(fen, 2).toPlainString();
  }
}
