package io.civicflow.workers.procurement;

import static io.civicflow.workers.procurement.BidBookTest.bid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class BidRankingTest {

  private static ScoreSheet sheet(String member, Object... bidderAndScore) {
    List<ScoreSheet.Score> scores = new java.util.ArrayList<>();
    for (int i = 0; i < bidderAndScore.length; i += 2) {
      scores.add(
          new ScoreSheet.Score(
              (String) bidderAndScore[i], new BigDecimal(bidderAndScore[i + 1].toString())));
    }
    return new ScoreSheet(member, scores);
  }

  @Test
  void theTotalWeighsTheMeanTechnicalScoreAgainstTheLowestPriceScore() {
    List<RankedBid> ranking =
        BidRanking.rank(
            List.of(bid("A", 70_000_000L), bid("B", 80_000_000L)),
            List.of(sheet("expert1", "A", 80, "B", 90), sheet("expert2", "A", 84, "B", 88)),
            BigDecimal.TEN);

    assertThat(ranking.get(0))
        .isEqualTo(
            new RankedBid(
                1,
                "B",
                "机构B",
                80_000_000L,
                new BigDecimal("89.00"),
                new BigDecimal("87.50"),
                new BigDecimal("88.85")));
    assertThat(ranking.get(1).rank()).isEqualTo(2);
    assertThat(ranking.get(1).totalScore()).isEqualByComparingTo("83.80");
    assertThat(ranking.get(1).priceScore()).isEqualByComparingTo("100.00");
  }

  @Test
  void anEqualTotalRanksTheLowerPriceFirstAndFullTiesShareARank() {
    List<RankedBid> ranking =
        BidRanking.rank(
            List.of(bid("H", 100_000_000L), bid("M", 80_000_000L), bid("L", 80_000_000L)),
            List.of(sheet("e1", "H", 75, "M", 70, "L", 70), sheet("e2", "H", 75, "M", 70, "L", 70)),
            BigDecimal.valueOf(20));

    assertThat(ranking)
        .extracting(RankedBid::totalScore)
        .allSatisfy(total -> assertThat(total).isEqualByComparingTo("76.00"));
    assertThat(ranking).extracting(RankedBid::bidderId).containsExactly("L", "M", "H");
    assertThat(ranking).extracting(RankedBid::rank).containsExactly(1, 1, 3);
  }

  @Test
  void thePriceWeightIsClampedToTheMethodsRange() {
    BigDecimal min = BigDecimal.TEN;
    BigDecimal max = BigDecimal.valueOf(30);

    assertThat(BidRanking.priceWeightPercent(BigDecimal.valueOf(5), min, max)).isEqualTo(min);
    assertThat(BidRanking.priceWeightPercent(BigDecimal.valueOf(50), min, max)).isEqualTo(max);
    assertThat(BidRanking.priceWeightPercent(null, min, max)).isEqualTo(min);
    assertThat(BidRanking.priceWeightPercent(BigDecimal.valueOf(20), min, max))
        .isEqualByComparingTo("20");
  }

  @Test
  void aMissingOrOutOfRangeScoreIsRefused() {
    List<Bid> bids = List.of(bid("A", 70_000_000L), bid("B", 80_000_000L));

    assertThatThrownBy(() -> BidRanking.rank(bids, List.of(sheet("e1", "A", 80)), BigDecimal.TEN))
        .hasMessageContaining("e1");
    assertThatThrownBy(
            () -> BidRanking.rank(bids, List.of(sheet("e1", "A", 80, "B", 101)), BigDecimal.TEN))
        .hasMessageContaining("0–100");
  }
}
