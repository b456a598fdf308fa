package io.civicflow.workers.procurement;

/**
 * What the award publication decided, dates as ISO-8601 strings with offset (Shanghai).
 *
 * @param awardAttempt the number of this publication, 1 for the first (an upheld objection leads to
 *     another)
 * @param awardedPriceFen the winner's price of one contract year, in fen: the contract value
 * @param bondsRefundedBy when the bid bonds of the bidders not awarded are refunded (5 working days
 *     after the notice)
 */
public record AwardNotice(
    RankedBid winner,
    String awardPublishedAt,
    String noticePeriodEnds,
    String objectionDeadline,
    int awardAttempt,
    long awardedPriceFen,
    String bondsRefundedBy) {}
