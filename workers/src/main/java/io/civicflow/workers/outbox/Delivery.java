package io.civicflow.workers.outbox;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers an outbox message to the people it names: an entry in each one's inbox and, unless the
 * deployment or the user switched mail off, one mail to the address in the user's record.
 *
 * <p><b>Exactly once per message and person.</b> The inbox entry is created first under {@code
 * <messageId>/<userId>} (the message id is stable across retries of the job that posts it); the
 * mail goes out only while that entry is not marked mailed, and the entry is marked right after the
 * SMTP server accepted it. A retried job therefore finds the mark and sends nothing; a job that
 * failed because the server was down finds no mark and sends it. (Only a crash in the moment
 * between the server's acceptance and the mark could send a mail twice; SMTP offers nothing
 * stronger, and the mail's Message-ID lets a client fold that duplicate.)
 */
public final class Delivery {

  private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);

  private final RecipientDirectory directory;
  private final Inbox inbox;
  private final Mailer mailer;
  private final Settings settings;
  private final InstantSource clock;

  /**
   * @param mailEnabled whether this deployment mails at all ({@code
   *     civicflow.notifications.mail.enabled})
   * @param baseUrl the address of the console, for the link in a mail
   */
  public record Settings(boolean mailEnabled, String baseUrl) {
    public Settings {
      baseUrl = baseUrl == null ? "" : baseUrl.replaceAll("/+$", "");
    }
  }

  public Delivery(
      RecipientDirectory directory,
      Inbox inbox,
      Mailer mailer,
      Settings settings,
      InstantSource clock) {
    this.directory = Objects.requireNonNull(directory, "directory");
    this.inbox = Objects.requireNonNull(inbox, "inbox");
    this.mailer = Objects.requireNonNull(mailer, "mailer");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Delivers {@code message} to everyone its recipient group names; nothing for the public notice
   * board's messages.
   *
   * @return the inbox entries, one per person
   * @throws MailUnavailableException if a mail could not be handed to the SMTP server (the entries
   *     and mails before it stay delivered; a retry delivers the rest)
   */
  public List<InboxEntry> deliver(OutboxMessage message) {
    List<Recipient> recipients = directory.resolve(message.recipientGroup());
    if (recipients.isEmpty() && !message.recipientGroup().equals(OutboxMessage.PUBLIC)) {
      LOG.info("Outbox {}: nobody in {} to notify", message.messageId(), message.recipientGroup());
    }
    return recipients.stream().map(recipient -> deliver(message, recipient)).toList();
  }

  private InboxEntry deliver(OutboxMessage message, Recipient recipient) {
    InboxEntry entry = inbox.add(InboxEntry.of(message, recipient.userId(), link(message)));
    if (entry.mailed()
        || !settings.mailEnabled()
        || recipient.email() == null
        || !inbox.mailEnabled(recipient.userId())) {
      return entry;
    }
    Instant sentAt = clock.instant();
    mailer.send(
        new Mail(
            recipient.email(),
            "【CivicFlow】" + entry.title(),
            text(entry, recipient),
            entry.notificationId(),
            sentAt));
    inbox.markMailed(entry.notificationId(), recipient.email(), sentAt);
    LOG.info("Mailed {} to {}", entry.notificationId(), recipient.email());
    return entry.withMailed(recipient.email(), sentAt);
  }

  /** Where the console shows what the message is about. */
  String link(OutboxMessage message) {
    if (message.topic().startsWith("notice.")) {
      return settings.baseUrl() + "/notices/" + message.messageId();
    }
    return settings.baseUrl() + "/#/inbox";
  }

  static String text(InboxEntry entry, Recipient recipient) {
    StringBuilder text = new StringBuilder();
    text.append(recipient.displayName()).append("，您好：\n\n");
    text.append(entry.title()).append('\n');
    if (!entry.body().isBlank()) {
      text.append(entry.body()).append('\n');
    }
    text.append("\n查看与办理：").append(entry.link()).append('\n');
    text.append("\n此邮件由 CivicFlow 系统自动发送，请勿直接回复。").append("如不希望接收邮件通知，可在控制台“消息”页关闭邮件通知。\n");
    return text.toString();
  }
}
