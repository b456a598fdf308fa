package io.civicflow.workers.outbox;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link Outbox} held in memory, for tests and the embedded demo. It logs every new message
 * once, at INFO, which is also how the demo "delivers" it. Thread-safe.
 */
public final class InMemoryOutbox implements Outbox {

  private static final Logger LOG = LoggerFactory.getLogger(InMemoryOutbox.class);

  private static final Comparator<OutboxMessage> OLDEST_FIRST =
      Comparator.comparing(OutboxMessage::postedAt).thenComparing(OutboxMessage::messageId);

  private final ConcurrentMap<String, OutboxMessage> byMessageId = new ConcurrentHashMap<>();

  @Override
  public OutboxMessage post(OutboxMessage message) {
    OutboxMessage existing = byMessageId.putIfAbsent(message.messageId(), message);
    if (existing == null) {
      LOG.info(
          "Outbox {} [{}] {} -> {}: {}",
          message.messageId(),
          message.topic(),
          message.businessKey(),
          message.recipientGroup(),
          message.title());
      return message;
    }
    if (!existing.hasSameContentAs(message)) {
      LOG.warn(
          "Outbox {} posted again with different content; keeping the message posted at {}",
          existing.messageId(),
          existing.postedAt());
    }
    return existing;
  }

  @Override
  public List<OutboxMessage> find(String topic, String businessKey) {
    return byMessageId.values().stream()
        .filter(message -> message.topic().equals(topic))
        .filter(message -> message.businessKey().equals(businessKey))
        .sorted(OLDEST_FIRST)
        .toList();
  }

  @Override
  public List<OutboxMessage> all() {
    return byMessageId.values().stream().sorted(OLDEST_FIRST).toList();
  }
}
