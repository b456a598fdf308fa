package io.civicflow.workers.procurement;

import java.math.BigDecimal;

/**
 * One line of the evaluation report's ranking. Scores have two decimals; {@code totalScore} is
 * computed from the two published component scores, so anyone can check it.
 *
 * @param rank 1 for the best; bids equal in total score, price and technical score share a rank
 */
public record RankedBid(
    int rank,
    String bidderId,
    String bidderName,
    long priceFen,
    BigDecimal technicalScore,
    BigDecimal priceScore,
    BigDecimal totalScore) {}
