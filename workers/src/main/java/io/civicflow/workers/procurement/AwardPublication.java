package io.civicflow.workers.procurement;

import io.civicflow.workers.calendar.Deadlines;
import io.civicflow.workers.calendar.ProcessTime;
import io.civicflow.workers.outbox.Outbox;
import io.civicflow.workers.outbox.OutboxMessage;
import java.math.BigDecimal;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;

/**
 * Publishes the award (DOMAIN.md §6 "Open tender clocks": award notice within 2 working days,
 * notice period 1 working day, losing bidders told their own score and rank; "Objections": 质疑
 * within 7 working days after the notice period). The notice and every letter go through the {@link
 * Outbox} under ids made of the project number, the attempt and the bidder, so a retried job
 * publishes each once.
 */
public final class AwardPublication {

  static final int NOTICE_PERIOD_WORKING_DAYS = 1;
  static final int OBJECTION_WORKING_DAYS = 7;

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
              "provider",
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
    return new AwardNotice(
        winner,
        ProcessTime.format(now),
        ProcessTime.format(noticeEnds),
        ProcessTime.format(objectionDeadline),
        attempt);
  }

  static String yuan(long fen) {
    return BigDecimal.valueOf(fen, 2).toPlainString();
  }
}
