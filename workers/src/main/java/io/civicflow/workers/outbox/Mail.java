package io.civicflow.workers.outbox;

/**
 * One plain-text mail to one address.
 *
 * @param idempotencyKey the notification it carries ({@link InboxEntry#notificationId()}), sent as
 *     the {@code Message-ID} so that a mail client folds a duplicate that slipped through
 */
public record Mail(String to, String subject, String text, String idempotencyKey) {}
