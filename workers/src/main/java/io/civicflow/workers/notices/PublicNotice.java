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
 * @param projectName the project's name (award)
 * @param purchaser 采购人 (award)
 * @param agency 采购代理机构 (award)
 * @param method 采购方式 (award)
 * @param budget 预算金额 in words with its unit (award)
 * @param ceilingPrice 最高限价 (award)
 * @param winner 成交供应商 (award)
 * @param awardedPrice 成交金额 (award)
 * @param committee 评审委员会成员名单, names only (award)
 * @param noticePeriodEnds when the notice period ends (award)
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
    String projectName,
    String purchaser,
    String agency,
    String method,
    String budget,
    String ceilingPrice,
    String winner,
    String awardedPrice,
    String committee,
    String noticePeriodEnds,
    List<Attachment> attachments) {

  /**
   * A linked document as the public sees it.
   *
   * @param href where anyone downloads it
   */
  public record Attachment(String name, String contentType, long size, String href) {}

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
          "publishedBy",
          "projectName",
          "purchaser",
          "agency",
          "method",
          "budget",
          "ceilingPrice",
          "winner",
          "awardedPrice",
          "committee",
          "noticePeriodEnds",
          "attachments");

  /** Every field of a public notice's attachment. */
  public static final List<String> ATTACHMENT_FIELDS =
      List.of("name", "contentType", "size", "href");
}
