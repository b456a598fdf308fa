package io.civicflow.workers.procurement;

import java.util.ArrayList;
import java.util.List;

/**
 * The bids received in a tender attempt. A bidder may withdraw and resubmit before the deadline, so
 * a second bid of the same bidder replaces its first, in the first one's place; a redelivered
 * message therefore changes nothing.
 */
public final class BidBook {

  private BidBook() {}

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
