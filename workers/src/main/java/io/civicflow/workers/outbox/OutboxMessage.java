package io.civicflow.workers.outbox;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.civicflow.workers.documents.DocumentFile;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * @param fields a publication's structured content by name (e.g. {@code winner}, {@code
 *     committee}), in the order written; empty for a notification. The notice board shows only the
 *     names its allow-list knows ({@code notices.PublicNotice})
 * @param attachments documents a publication links (the award notice PDF): the notice board serves
 *     exactly these, by position, to anyone
 */
public record OutboxMessage(
    String messageId,
    String topic,
    String businessKey,
    String recipientGroup,
    String title,
    String body,
    Instant postedAt,
    Map<String, String> fields,
    List<DocumentFile> attachments) {

  /** The recipient group of what is published on the notice board rather than sent to someone. */
  public static final String PUBLIC = "public";

  /** A message without structured fields or attachments: every notification. */
  public OutboxMessage(
      String messageId,
      String topic,
      String businessKey,
      String recipientGroup,
      String title,
      String body,
      Instant postedAt) {
    this(messageId, topic, businessKey, recipientGroup, title, body, postedAt, Map.of(), List.of());
  }

  @JsonCreator
  public OutboxMessage {
    requireText("messageId", messageId);
    requireText("topic", topic);
    requireText("businessKey", businessKey);
    requireText("recipientGroup", recipientGroup);
    requireText("title", title);
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(postedAt, "postedAt");
    fields = fields == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
  }

  /**
   * Tells whether {@code other} says the same as this message, ignoring {@code postedAt} (a retried
   * job stamps a later time) and which upload of an attachment it names.
   */
  public boolean hasSameContentAs(OutboxMessage other) {
    return messageId.equals(other.messageId)
        && topic.equals(other.topic)
        && businessKey.equals(other.businessKey)
        && recipientGroup.equals(other.recipientGroup)
        && title.equals(other.title)
        && body.equals(other.body)
        && fields.equals(other.fields)
        && fileNames(attachments).equals(fileNames(other.attachments));
  }

  /** A retried job uploads its document again under a new id: the same content by name. */
  private static List<String> fileNames(List<DocumentFile> files) {
    return files.stream().map(DocumentFile::fileName).toList();
  }

  private static void requireText(String name, String value) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }
}
