package io.civicflow.workers.outbox;

import java.time.Instant;
import java.util.Objects;

/**
 * A publication or notification waiting in the {@link Outbox}.
 *
 * @param messageId the idempotency key, derived by the caller from what the message is about (e.g.
 *     {@code notice.award/KS-2016-ZP}), so that a retried job posts the same id
 * @param topic what kind of message, {@code <area>.<kind>}, e.g. {@code notice.award} or {@code
 *     notify.reminder}
 * @param businessKey the correlation key the message is about: a contractNo, projectNo, orgId, …
 * @param recipientGroup who should receive it, a candidate group id of DOMAIN.md or {@code public}
 * @param title the title an official or resident reads, in Chinese
 * @param body the text, may be empty
 * @param postedAt when the message was posted, stamped by the caller's clock
 */
public record OutboxMessage(
    String messageId,
    String topic,
    String businessKey,
    String recipientGroup,
    String title,
    String body,
    Instant postedAt) {

  /** The recipient group of what is published on the notice board rather than sent to someone. */
  public static final String PUBLIC = "public";

  public OutboxMessage {
    requireText("messageId", messageId);
    requireText("topic", topic);
    requireText("businessKey", businessKey);
    requireText("recipientGroup", recipientGroup);
    requireText("title", title);
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(postedAt, "postedAt");
  }

  /**
   * Tells whether {@code other} says the same as this message, ignoring {@code postedAt} (a retried
   * job stamps a later time).
   */
  public boolean hasSameContentAs(OutboxMessage other) {
    return messageId.equals(other.messageId)
        && topic.equals(other.topic)
        && businessKey.equals(other.businessKey)
        && recipientGroup.equals(other.recipientGroup)
        && title.equals(other.title)
        && body.equals(other.body);
  }

  private static void requireText(String name, String value) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }
}
