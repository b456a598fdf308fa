package io.civicflow.workers.outbox;

import io.civicflow.workers.documents.DocumentFile;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reminders and notices a model sends with {@code notify.send}: the sign-by reminder (DOMAIN.md §6
 * "Contract": signed within 30 days of the award, here by 31 August) and the chase of a missing
 * operating report (DOMAIN.md §1: "A missing report must be chased"). The message id is {@code
 * <topic>:<jobKey>}: the job key stays the same when a job is retried, so a retry posts nothing
 * new, while every new reminder (a new job) is a new message.
 */
public final class Notifications {

  private final Outbox outbox;

  public Notifications(Outbox outbox) {
    this.outbox = Objects.requireNonNull(outbox, "outbox");
  }

  /**
   * @param businessKey the contractNo or projectNo the notice is about
   * @param body may be null
   */
  public OutboxMessage send(
      String topic,
      long jobKey,
      String businessKey,
      String recipientGroup,
      String title,
      String body,
      ZonedDateTime now) {
    return send(topic, jobKey, businessKey, recipientGroup, title, body, now, List.of());
  }

  /**
   * @param attachments the documents a public notice links (the acceptance report)
   */
  public OutboxMessage send(
      String topic,
      long jobKey,
      String businessKey,
      String recipientGroup,
      String title,
      String body,
      ZonedDateTime now,
      List<DocumentFile> attachments) {
    return send(
        topic, jobKey, businessKey, recipientGroup, title, body, now, Map.of(), attachments);
  }

  /**
   * @param fields a public notice's structured content by name (the notice board shows those its
   *     type allows)
   * @param attachments the documents a public notice links (the acceptance report)
   */
  public OutboxMessage send(
      String topic,
      long jobKey,
      String businessKey,
      String recipientGroup,
      String title,
      String body,
      ZonedDateTime now,
      Map<String, String> fields,
      List<DocumentFile> attachments) {
    return outbox.post(
        new OutboxMessage(
            topic + ":" + jobKey,
            topic,
            businessKey,
            recipientGroup,
            title,
            body == null ? "" : body,
            now.toInstant(),
            fields,
            attachments));
  }
}
