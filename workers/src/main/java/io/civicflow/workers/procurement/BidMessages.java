package io.civicflow.workers.procurement;

import java.time.Duration;
import java.util.Map;

/**
 * Publishes the {@code BidSubmitted} message a unit's bid window waits for.
 *
 * <p><b>Idempotent by message id:</b> publishing an id the engine still holds is a retry and
 * succeeds without publishing again (Zeebe keeps a message id unique while the message lives).
 */
public interface BidMessages {

  /** The message name the unit-procurement model catches. */
  String BID_SUBMITTED = "BidSubmitted";

  /** Publishes {@code variables} as message {@link #BID_SUBMITTED} for {@code projectNo}. */
  void publishBidSubmitted(
      String projectNo, String messageId, Duration timeToLive, Map<String, Object> variables);
}
