package io.civicflow.workers.procurement;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bid handed in on paper reaches the unit's bid window as the same {@code BidSubmitted} message
 * the e-procurement platform sends (DOMAIN.md §1 step 2), correlated by {@code projectNo}, with the
 * message id {@code paper:<projectNo>:<bidderId>} so a retried job submits it once, and a time to
 * live of 30 days so a bid registered just before the window opens still arrives.
 */
public final class PaperBidSubmission {

  private static final Logger LOG = LoggerFactory.getLogger(PaperBidSubmission.class);

  /** How long the message waits for the bid window. */
  public static final Duration TIME_TO_LIVE = Duration.ofDays(30);

  private final BidMessages messages;

  public PaperBidSubmission(BidMessages messages) {
    this.messages = Objects.requireNonNull(messages, "messages");
  }

  /** Submits {@code bid} to project {@code projectNo}; returns the message id. */
  public String submit(String projectNo, Bid bid) {
    if (projectNo == null || projectNo.isBlank()) {
      throw new IllegalArgumentException("A paper bid needs the projectNo it is for");
    }
    String messageId = "paper:" + projectNo + ":" + bid.bidderId();
    messages.publishBidSubmitted(projectNo, messageId, TIME_TO_LIVE, Map.of("bid", bid));
    LOG.info("Paper bid of {} submitted to {} as {}", bid.bidderId(), projectNo, messageId);
    return messageId;
  }
}
