package io.civicflow.workers.outbox;

/**
 * One plain-text mail to one address.
 *
 * @param idempotencyKey the notification it carries ({@link InboxEntry#notificationId()}), sent as
 *     the header {@code X-CivicFlow-Notification}
 * @param date the mail's date: engine time, the time of the event it tells of
 */
public record Mail(
    String to, String subject, String text, String idempotencyKey, java.time.Instant date) {}
