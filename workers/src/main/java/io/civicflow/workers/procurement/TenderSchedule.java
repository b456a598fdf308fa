package io.civicflow.workers.procurement;

import java.math.BigDecimal;
import java.util.List;

/**
 * The clocks of one tender attempt, ISO-8601 strings with offset (Shanghai).
 *
 * @param tenderAttempt the number of this attempt, 1 for the first announcement
 * @param bids the bids of this attempt: none yet
 * @param refusedBids the bids refused at receipt in this attempt: none yet
 * @param ceilingPriceFen the published ceiling price (最高限价) of one contract year, in fen
 * @param priceWeightPercent the published price weight the ranking applies
 */
public record TenderSchedule(
    int tenderAttempt,
    String documentsIssuedAt,
    String announcementUntil,
    String documentsAvailableUntil,
    String bidDeadline,
    List<Bid> bids,
    List<BidBook.RefusedBid> refusedBids,
    Long ceilingPriceFen,
    BigDecimal priceWeightPercent) {}
