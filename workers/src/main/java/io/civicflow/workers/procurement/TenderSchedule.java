package io.civicflow.workers.procurement;

import java.util.List;

/**
 * The clocks of one tender attempt, ISO-8601 strings with offset (Shanghai).
 *
 * @param tenderAttempt the number of this attempt, 1 for the first announcement
 * @param bids the bids of this attempt: none yet
 */
public record TenderSchedule(
    int tenderAttempt,
    String documentsIssuedAt,
    String announcementUntil,
    String documentsAvailableUntil,
    String bidDeadline,
    List<Bid> bids) {}
