package io.civicflow.workers.notices;

import java.util.List;

/**
 * One notice as the public sees it: these fields and nothing else leave the application (the
 * allow-list {@link #FIELDS}).
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
    String publishedBy) {

  /** Every field a public notice may carry. */
  public static final List<String> FIELDS =
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
          "publishedBy");
}
