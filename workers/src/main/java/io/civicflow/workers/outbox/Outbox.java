package io.civicflow.workers.outbox;

import java.util.List;

/**
 * Messages to publish or to send, kept until a delivery channel takes them.
 *
 * <p><b>Every call is idempotent by message id.</b> Jobs are delivered at least once, so posting an
 * id that is already stored returns the stored message and posts nothing new; the first message
 * posted under an id is the one that stays. Messages are never deleted: publications about a tender
 * or contract are procurement records, kept at least 15 years (DOMAIN.md §6). Implementations must
 * be safe for concurrent use.
 */
public interface Outbox {

  /** Stores {@code message}, or returns the message already stored under its id. */
  OutboxMessage post(OutboxMessage message);

  /** The messages of one topic about one business key, oldest first; empty if none. */
  List<OutboxMessage> find(String topic, String businessKey);

  /** Every message, oldest first. */
  List<OutboxMessage> all();
}
