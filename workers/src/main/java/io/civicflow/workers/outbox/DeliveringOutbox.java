package io.civicflow.workers.outbox;

import java.util.List;
import java.util.Objects;

/**
 * The {@link Outbox} every worker posts to: it stores the message, then {@link Delivery delivers}
 * it to the people it names, within the same job. Posting again (a retried job) stores nothing new
 * and delivers only what was not delivered yet, so a mail server that was down costs retries, not
 * mails.
 */
public final class DeliveringOutbox implements Outbox {

  private final Outbox store;
  private final Delivery delivery;

  public DeliveringOutbox(Outbox store, Delivery delivery) {
    this.store = Objects.requireNonNull(store, "store");
    this.delivery = Objects.requireNonNull(delivery, "delivery");
  }

  @Override
  public OutboxMessage post(OutboxMessage message) {
    OutboxMessage stored = store.post(message);
    delivery.deliver(stored);
    return stored;
  }

  @Override
  public List<OutboxMessage> find(String topic, String businessKey) {
    return store.find(topic, businessKey);
  }

  @Override
  public List<OutboxMessage> all() {
    return store.all();
  }
}
