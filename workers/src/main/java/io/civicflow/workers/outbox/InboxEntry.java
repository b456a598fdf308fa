package io.civicflow.workers.outbox;

import java.time.Instant;
import java.util.Objects;

/**
 * One notification in one user's inbox, and the record that it was mailed: the idempotency record
 * of delivery. Its id is the message id and the user ({@code <messageId>/<userId>}); the message id
 * is itself derived from what the notice is about and the job that sent it, so a retried job finds
 * the entry it created and mails nothing twice.
 *
 * @param notificationId {@code <messageId>/<userId>}
 * @param link where the console opens what the notification is about; may be empty
 * @param readAt when the user marked it read; null while unread
 * @param mailedAt when the mail was accepted by the SMTP server; null while not mailed
 * @param mailedTo the address it was mailed to; null while not mailed
 */
public record InboxEntry(
    String notificationId,
    String userId,
    String messageId,
    String topic,
    String businessKey,
    String title,
    String body,
    String link,
    Instant postedAt,
    Instant readAt,
    Instant mailedAt,
    String mailedTo) {

  public InboxEntry {
    Objects.requireNonNull(notificationId, "notificationId");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(postedAt, "postedAt");
    body = body == null ? "" : body;
    link = link == null ? "" : link;
  }

  /** The entry of {@code message} for {@code userId}, unread and not mailed. */
  public static InboxEntry of(OutboxMessage message, String userId, String link) {
    return new InboxEntry(
        id(message.messageId(), userId),
        userId,
        message.messageId(),
        message.topic(),
        message.businessKey(),
        message.title(),
        message.body(),
        link,
        message.postedAt(),
        null,
        null,
        null);
  }

  /** The idempotency key of one message to one user. */
  public static String id(String messageId, String userId) {
    return messageId + "/" + userId;
  }

  public boolean read() {
    return readAt != null;
  }

  public boolean mailed() {
    return mailedAt != null;
  }

  public InboxEntry withMailed(String address, Instant at) {
    return new InboxEntry(
        notificationId,
        userId,
        messageId,
        topic,
        businessKey,
        title,
        body,
        link,
        postedAt,
        readAt,
        at,
        address);
  }

  public InboxEntry withRead(Instant at) {
    return new InboxEntry(
        notificationId,
        userId,
        messageId,
        topic,
        businessKey,
        title,
        body,
        link,
        postedAt,
        at,
        mailedAt,
        mailedTo);
  }
}
