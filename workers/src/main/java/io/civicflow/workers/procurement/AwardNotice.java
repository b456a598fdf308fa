package io.civicflow.workers.procurement;

/**
 * What the award publication decided, dates as ISO-8601 strings with offset (Shanghai).
 *
 * @param awardAttempt the number of this publication, 1 for the first (an upheld objection leads to
 *     another)
 */
public record AwardNotice(
    RankedBid winner,
    String awardPublishedAt,
    String noticePeriodEnds,
    String objectionDeadline,
    int awardAttempt) {}
