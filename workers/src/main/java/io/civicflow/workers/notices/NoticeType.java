package io.civicflow.workers.notices;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The kinds of public procurement notice, by the outbox topic that carries them, with the legal
 * time limit each is published within (DOMAIN.md §6; 政府采购法实施条例 Art 43, 45, 50; 87号令) and the
 * structured fields each may state (财库〔2017〕86号-style templates): the allow-list. A field a
 * publisher writes that its type does not list never reaches the public.
 */
public enum NoticeType {
  ANNOUNCEMENT(
      "notice.announcement",
      "采购公告",
      "公告期限为5个工作日",
      0,
      List.of(
          "method",
          "budget",
          "ceilingPrice",
          "documentsUntil",
          "bidDeadline",
          "place",
          "announcementPeriodEnds")),
  CORRECTION(
      "notice.correction",
      "更正公告",
      "在原公告发布媒体上发布；澄清或修改影响响应文件编制的，顺延递交截止时间",
      0,
      List.of("method", "originalNotice", "correction", "bidDeadline", "place")),
  AWARD(
      "notice.award",
      "成交结果公告",
      "成交供应商确定之日起2个工作日内公告，公告期限为1个工作日",
      2,
      List.of(
          "method",
          "budget",
          "ceilingPrice",
          "winner",
          "awardedPrice",
          "committee",
          "noticePeriodEnds")),
  CONTRACT(
      "notice.contract",
      "合同公告",
      "合同签订之日起2个工作日内公告",
      2,
      List.of("method", "contractNo", "signedAt", "winner", "contractAmount")),
  TERMINATION(
      "notice.termination",
      "终止公告",
      "终止之日起及时公告",
      0,
      List.of("contractNo", "winner", "terminatedAt", "terminationReason")),
  ACCEPTANCE(
      "notice.acceptance",
      "验收结果公告",
      "验收结束后及时公告",
      0,
      List.of("contractNo", "winner", "acceptanceResult"));

  /** What every type states: the project and who to ask. */
  public static final List<String> COMMON_FIELDS = Common.NAMES;

  private final String topic;
  private final String label;
  private final String legalTimeLimit;
  private final int workingDays;
  private final Set<String> fields;

  NoticeType(String topic, String label, String legalTimeLimit, int workingDays, List<String> own) {
    this.topic = topic;
    this.label = label;
    this.legalTimeLimit = legalTimeLimit;
    this.workingDays = workingDays;
    Set<String> all = new LinkedHashSet<>(Common.NAMES);
    all.addAll(own);
    this.fields = Collections.unmodifiableSet(all);
  }

  /** An enum's constants are made before its static fields: the common names live here. */
  private static final class Common {
    static final List<String> NAMES = List.of("projectName", "purchaser", "agency", "contact");
  }

  /** The structured fields a notice of this type may state, the common ones first. */
  public Set<String> fields() {
    return fields;
  }

  public String topic() {
    return topic;
  }

  /** The name a reader sees, e.g. 成交结果公告. */
  public String label() {
    return label;
  }

  /** The legal time limit in words. */
  public String legalTimeLimit() {
    return legalTimeLimit;
  }

  /** Working days after the event within which the notice must appear; 0: without delay. */
  public int workingDays() {
    return workingDays;
  }

  /** The slug used in addresses and the type filter, e.g. {@code award}. */
  public String slug() {
    return topic.substring("notice.".length());
  }

  public static Optional<NoticeType> ofTopic(String topic) {
    return Arrays.stream(values()).filter(t -> t.topic.equals(topic)).findFirst();
  }

  public static Optional<NoticeType> ofSlug(String slug) {
    return Arrays.stream(values()).filter(t -> t.slug().equals(slug)).findFirst();
  }
}
