package io.civicflow.workers.procurement;

import io.civicflow.workers.documents.DocumentReference;
import java.util.List;

/**
 * One bid as the {@code BidSubmitted} message carries it (DOMAIN.md §1 step 2: joint bids are
 * accepted). The team is the one committed to this project, checked at conformity review (87号令 Art
 * 17, DOMAIN.md §6).
 *
 * @param priceFen the bid price for one contract year, in fen
 * @param receivedAt when the bid was handed in (ISO-8601), as the paper-bid form records it; the
 *     e-procurement platform's bids carry none and were received when the process got them
 * @param responseFiles the response file (响应文件) and its attachments as uploaded documents: the
 *     platform's message or the paper-bid form's file picker (the agency's scan); the committee's
 *     scoring tasks show them
 * @param accountUsers the bidder's own user accounts (the platform's or the paper-bid form's): if
 *     it wins, {@code identity.join-group} makes them members of {@code provider-<bidderId>}, the
 *     group its contract's tasks go to; none when its people already are
 */
public record Bid(
    String bidderId,
    String bidderName,
    boolean registeredAsNonProfit,
    long priceFen,
    boolean jointBid,
    List<TeamMember> team,
    String receivedAt,
    List<DocumentReference> responseFiles,
    List<String> accountUsers) {

  public Bid {
    if (bidderId == null || bidderId.isBlank()) {
      throw new IllegalArgumentException("A bid needs a bidderId");
    }
    if (priceFen <= 0) {
      throw new IllegalArgumentException(
          "Bid of " + bidderId + ": price must be positive, was " + priceFen + " fen");
    }
    team = team == null ? List.of() : List.copyOf(team);
    responseFiles = responseFiles == null ? List.of() : List.copyOf(responseFiles);
    accountUsers = accountUsers == null ? List.of() : List.copyOf(accountUsers);
  }

  public Bid(
      String bidderId,
      String bidderName,
      boolean registeredAsNonProfit,
      long priceFen,
      boolean jointBid,
      List<TeamMember> team) {
    this(bidderId, bidderName, registeredAsNonProfit, priceFen, jointBid, team, null, null, null);
  }
}
