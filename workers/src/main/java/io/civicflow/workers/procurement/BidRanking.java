package io.civicflow.workers.procurement;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Ranks the qualified bids by the comprehensive scoring method (综合评分法; DOMAIN.md §6):
 *
 * <ul>
 *   <li>technical score: the mean of the members' independent scores;
 *   <li>price score: lowest price ÷ bid price × 100 (低价优先法, 87号令 Art 55);
 *   <li>total: technical × (1 − w) + price × w, with the needs book's price weight w clamped to the
 *       method's range (services: ≥ 10 %; 磋商 10–30 %);
 *   <li>ties: the lower price first, then the better technical score (87号令 Art 65; 财库〔2014〕214号 Art
 *       24); bids equal in all three share a rank (并列), listed by bidder id.
 * </ul>
 *
 * <p>Each score is rounded to two decimals (HALF_UP) and the total is computed from the rounded
 * component scores.
 */
public final class BidRanking {

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private BidRanking() {}

  /** The price weight in percent the needs book asks for, clamped to the method's range. */
  public static BigDecimal priceWeightPercent(
      BigDecimal requested, BigDecimal minimum, BigDecimal maximum) {
    if (minimum.compareTo(maximum) > 0) {
      throw new IllegalArgumentException(
          "Price weight range " + minimum + "–" + maximum + " is empty");
    }
    BigDecimal weight = requested == null ? minimum : requested;
    return weight.max(minimum).min(maximum);
  }

  /**
   * @throws IllegalArgumentException if a member has not scored a qualified bid, or a score lies
   *     outside 0–100
   */
  public static List<RankedBid> rank(
      List<Bid> qualifiedBids, List<ScoreSheet> sheets, BigDecimal priceWeightPercent) {
    if (qualifiedBids.isEmpty() || sheets.isEmpty()) {
      throw new IllegalArgumentException("Ranking needs qualified bids and score sheets");
    }
    long lowest = qualifiedBids.stream().mapToLong(Bid::priceFen).min().orElseThrow();
    BigDecimal priceShare = priceWeightPercent.divide(HUNDRED);
    List<RankedBid> unranked = new ArrayList<>();
    for (Bid bid : qualifiedBids) {
      BigDecimal technical = meanTechnicalScore(bid, sheets);
      BigDecimal price =
          BigDecimal.valueOf(lowest)
              .multiply(HUNDRED)
              .divide(BigDecimal.valueOf(bid.priceFen()), 2, RoundingMode.HALF_UP);
      BigDecimal total =
          technical
              .multiply(BigDecimal.ONE.subtract(priceShare))
              .add(price.multiply(priceShare))
              .setScale(2, RoundingMode.HALF_UP);
      unranked.add(
          new RankedBid(
              0, bid.bidderId(), bid.bidderName(), bid.priceFen(), technical, price, total));
    }
    unranked.sort(
        Comparator.comparing(RankedBid::totalScore, Comparator.reverseOrder())
            .thenComparingLong(RankedBid::priceFen)
            .thenComparing(RankedBid::technicalScore, Comparator.reverseOrder())
            .thenComparing(RankedBid::bidderId));
    List<RankedBid> ranking = new ArrayList<>(unranked.size());
    for (int i = 0; i < unranked.size(); i++) {
      RankedBid bid = unranked.get(i);
      int rank = i + 1;
      if (i > 0 && tied(bid, unranked.get(i - 1))) {
        rank = ranking.get(i - 1).rank();
      }
      ranking.add(
          new RankedBid(
              rank,
              bid.bidderId(),
              bid.bidderName(),
              bid.priceFen(),
              bid.technicalScore(),
              bid.priceScore(),
              bid.totalScore()));
    }
    return List.copyOf(ranking);
  }

  private static boolean tied(RankedBid a, RankedBid b) {
    return a.totalScore().compareTo(b.totalScore()) == 0
        && a.priceFen() == b.priceFen()
        && a.technicalScore().compareTo(b.technicalScore()) == 0;
  }

  private static BigDecimal meanTechnicalScore(Bid bid, List<ScoreSheet> sheets) {
    BigDecimal sum = BigDecimal.ZERO;
    for (ScoreSheet sheet : sheets) {
      BigDecimal score =
          sheet.scores().stream()
              .filter(s -> bid.bidderId().equals(s.bidderId()))
              .map(ScoreSheet.Score::technicalScore)
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "评审委员 " + sheet.member() + " 未对 " + bid.bidderName() + " 评分"));
      if (score == null || score.signum() < 0 || score.compareTo(HUNDRED) > 0) {
        throw new IllegalArgumentException(
            "Technical score of "
                + bid.bidderId()
                + " by "
                + sheet.member()
                + " must be 0–100, was "
                + score);
      }
      sum = sum.add(score);
    }
    return sum.divide(BigDecimal.valueOf(sheets.size()), 2, RoundingMode.HALF_UP);
  }
}
