package io.civicflow.workers.notices;

import io.civicflow.workers.calendar.Deadlines;
import io.civicflow.workers.calendar.ProcessTime;
import io.civicflow.workers.documents.DocumentFile;
import io.civicflow.workers.outbox.Outbox;
import io.civicflow.workers.outbox.OutboxMessage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The notices of the public board: the outbox messages addressed to {@code public} under a notice
 * topic ({@link NoticeType}), newest first. A message addressed to anyone else is never a notice.
 */
public final class NoticeBoard {

  private final Outbox outbox;
  private final Deadlines deadlines;

  public NoticeBoard(Outbox outbox, Deadlines deadlines) {
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.deadlines = Objects.requireNonNull(deadlines, "deadlines");
  }

  /**
   * @param type a {@link NoticeType#slug()} or null for all
   * @param district a district or town name the title names, or null
   * @param year the year of publication, or null
   * @param projectNo a project or contract number (or its beginning), or null: also finds the
   *     notices whose title names it (the contract notice of a project)
   */
  public List<PublicNotice> search(String type, String district, Integer year, String projectNo) {
    return all().stream()
        .filter(n -> blank(type) || n.type().equals(type))
        .filter(n -> blank(district) || n.title().contains(district.trim()))
        .filter(n -> year == null || n.year() == year)
        .filter(n -> blank(projectNo) || about(n, projectNo.trim().toUpperCase(Locale.ROOT)))
        .toList();
  }

  public Optional<PublicNotice> get(String id) {
    return all().stream().filter(n -> n.id().equals(id)).findFirst();
  }

  /** Every notice, newest first. */
  public List<PublicNotice> all() {
    return outbox.all().stream()
        .filter(m -> m.recipientGroup().equals(OutboxMessage.PUBLIC))
        .filter(m -> NoticeType.ofTopic(m.topic()).isPresent())
        .sorted(Comparator.comparing(OutboxMessage::postedAt).reversed())
        .map(this::notice)
        .toList();
  }

  private PublicNotice notice(OutboxMessage message) {
    NoticeType type = NoticeType.ofTopic(message.topic()).orElseThrow();
    ZonedDateTime published = message.postedAt().atZone(ProcessTime.ZONE);
    Map<String, String> details = new LinkedHashMap<>();
    for (String name : type.fields()) {
      String value = message.fields().get(name);
      if (value != null && !value.isBlank()) {
        details.put(name, value);
      }
    }
    ZonedDateTime allowed =
        type.workingDays() == 0
            ? published
            : deadlines.workingDaysAfter(event(type, details, published), type.workingDays());
    List<PublicNotice.Attachment> attachments = new ArrayList<>();
    for (int i = 0; i < message.attachments().size(); i++) {
      DocumentFile file = message.attachments().get(i);
      attachments.add(
          new PublicNotice.Attachment(
              file.fileName(),
              file.contentType(),
              file.size(),
              "/notices/"
                  + URLEncoder.encode(message.messageId(), StandardCharsets.UTF_8)
                  + "/attachments/"
                  + (i + 1)));
    }
    return new PublicNotice(
        message.messageId(),
        type.slug(),
        type.label(),
        message.businessKey(),
        published.getYear(),
        message.title(),
        message.body(),
        ProcessTime.format(published),
        type.legalTimeLimit(),
        ProcessTime.format(allowed),
        !published.isAfter(allowed),
        details,
        attachments);
  }

  /**
   * What the legal time limit runs from: the signing for a contract notice (a contract recorded
   * later than signed is late by that much), otherwise the publication's own event, which the
   * publishing step posts at once.
   */
  private static ZonedDateTime event(
      NoticeType type, Map<String, String> details, ZonedDateTime published) {
    String signedAt = details.get("signedAt");
    if (type == NoticeType.CONTRACT && signedAt != null) {
      try {
        return ProcessTime.parse(signedAt);
      } catch (IllegalArgumentException notATime) {
        return published;
      }
    }
    return published;
  }

  /**
   * The {@code n}th (from 1) document notice {@code id} links, if there is one: the only documents
   * of the store the board ever reads.
   */
  public Optional<DocumentFile> attachment(String id, int n) {
    return outbox.all().stream()
        .filter(m -> m.messageId().equals(id))
        .filter(m -> m.recipientGroup().equals(OutboxMessage.PUBLIC))
        .filter(m -> NoticeType.ofTopic(m.topic()).isPresent())
        .findFirst()
        .filter(m -> n >= 1 && n <= m.attachments().size())
        .map(m -> m.attachments().get(n - 1));
  }

  /**
   * The notice's number starts with it, or its title names it (a contract notice names its
   * project).
   */
  private static boolean about(PublicNotice notice, String number) {
    return notice.projectNo().toUpperCase(Locale.ROOT).startsWith(number)
        || notice.title().toUpperCase(Locale.ROOT).contains(number);
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
