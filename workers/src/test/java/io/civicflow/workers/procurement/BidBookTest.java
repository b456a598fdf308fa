package io.civicflow.workers.procurement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BidBookTest {

  static Bid bid(String id, long priceFen) {
    return new Bid(id, "机构" + id, true, priceFen, false, List.of());
  }

  @Test
  void bidsAreAppendedAndAResubmissionReplacesTheFirstInPlace() {
    List<Bid> bids = BidBook.record(null, bid("A", 70_000_000L));
    bids = BidBook.record(bids, bid("B", 80_000_000L));
    bids = BidBook.record(bids, bid("A", 69_000_000L));

    assertThat(bids).extracting(Bid::bidderId).containsExactly("A", "B");
    assertThat(bids.get(0).priceFen()).isEqualTo(69_000_000L);
  }
}
