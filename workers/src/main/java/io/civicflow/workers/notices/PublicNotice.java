package io.civicflow.workers.notices;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One notice as the public sees it: these fields and nothing else leave the application. The fixed
 * ones ({@link #FIXED_FIELDS}) every notice has; the structured ones ({@code details}, shown flat
 * in JSON) are only those its {@link NoticeType#fields()} allow.
 *
 * @param id the stable address of the notice, {@code /notices/<id>}
 * @param type the kind of notice
 * @param typeLabel its Chinese name
 * @param projectNo the procurement project (or contract) number the notice is about
 * @param year the year of publication
 * @param title the headline
 * @param text the content the publishing step wrote
 * @param publishedAt when it was published (ISO-8601, Shanghai time)
 * @param legalTimeLimit the legal time limit in words
 * @param publishedBy the latest time the law allowed (ISO-8601); equal to or after {@code
 *     publishedAt}: the deadline was met
 * @param deadlineMet whether {@code publishedAt} is not after {@code publishedBy}
 * @param details the structured fields by name, in the type's order: project name, purchaser,
 *     agency, contact, method, budget, ceiling, dates and place, winner and price, committee (names
 *     only), contract number, amount … (see {@link NoticeType})
 * @param attachments the documents the notice links, served to anyone at {@code
 *     /notices/<id>/attachments/<n>}
 */
public record PublicNotice(
    String id,
    String type,
    String typeLabel,
    String projectNo,
    int year,
    String title,
    String text,
    String publishedAt,
    String legalTimeLimit,
    String publishedBy,
    boolean deadlineMet,
    @JsonIgnore Map<String, String> details,
    List<Attachment> attachments) {

  public PublicNotice {
    details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    attachments = List.copyOf(attachments);
  }

  /** The structured fields, flat beside the fixed ones in JSON. */
  @JsonAnyGetter
  public Map<String, String> jsonDetails() {
    return details;
  }

  /** A structured field, or null if the notice does not state it. */
  public String detail(String name) {
    return details.get(name);
  }

  /**
   * A linked document as the public sees it.
   *
   * @param href where anyone downloads it
   */
  public record Attachment(String name, String contentType, long size, String href) {}

  /** The fields every public notice has. */
  public static final List<String> FIXED_FIELDS =
      List.of(
          "id",
          "type",
          "typeLabel",
          "projectNo",
          "year",
          "title",
          "text",
          "publishedAt",
          "legalTimeLimit",
          "publishedBy",
          "deadlineMet",
          "attachments");

  /** Every field a public notice of {@code type} may carry: the allow-list. */
  public static List<String> fields(NoticeType type) {
    List<String> all = new ArrayList<>(FIXED_FIELDS);
    all.addAll(type.fields());
    return List.copyOf(all);
  }

  /** Every field of a public notice's attachment. */
  public static final List<String> ATTACHMENT_FIELDS =
      List.of("name", "contentType", "size", "href");
}
