package io.civicflow.workers.procurement;

import io.civicflow.workers.calendar.ProcessTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The bids received in a tender attempt. A bidder may withdraw and resubmit before the deadline, so
 * a second bid of the same bidder replaces its first, in the first one's place; a redelivered
 * message therefore changes nothing.
 */
public final class BidBook {

  private BidBook() {}

  /** A bid refused at receipt, with the time it was received and why (Chinese, for the record). */
  public record RefusedBid(String bidderId, String bidderName, String receivedAt, String reason) {}

  /**
   * Why a bid received at {@code receivedAt} is refused in the attempt whose documents were issued
   * at {@code documentsIssuedAt} with bids due at {@code bidDeadline}; null if it is accepted.
   */
  public static String refusal(
      ZonedDateTime receivedAt, ZonedDateTime documentsIssuedAt, ZonedDateTime bidDeadline) {
    if (bidDeadline != null && !receivedAt.isBefore(bidDeadline)) {
      return "响应文件于"
          + ProcessTime.format(receivedAt)
          + "送达，已过递交截止时间"
          + ProcessTime.format(bidDeadline)
          + "，不予接收";
    }
    if (documentsIssuedAt != null && receivedAt.isBefore(documentsIssuedAt)) {
      return "响应文件于"
          + ProcessTime.format(receivedAt)
          + "送达，早于本次采购文件发出时间"
          + ProcessTime.format(documentsIssuedAt)
          + "，不属于本次采购";
    }
    return null;
  }

  /** {@code bids} with {@code bid} recorded. */
  public static List<Bid> record(List<Bid> bids, Bid bid) {
    List<Bid> result = new ArrayList<>(bids == null ? List.of() : bids);
    for (int i = 0; i < result.size(); i++) {
      if (result.get(i).bidderId().equals(bid.bidderId())) {
        result.set(i, bid);
        return List.copyOf(result);
      }
    }
    result.add(bid);
    return List.copyOf(result);
  }
}
