package io.civicflow.workers.notices;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of public procurement notice, by the outbox topic that carries them, with the legal
 * time limit each is published within (DOMAIN.md §6; 政府采购法实施条例 Art 43, 45, 50; 87号令).
 */
public enum NoticeType {
  ANNOUNCEMENT("notice.announcement", "采购公告", "公告期限为5个工作日", 0),
  CORRECTION("notice.correction", "更正公告", "在原公告发布媒体上发布", 0),
  AWARD("notice.award", "成交结果公告", "成交供应商确定之日起2个工作日内公告，公告期限为1个工作日", 2),
  CONTRACT("notice.contract", "合同公告", "合同签订之日起2个工作日内公告", 2),
  TERMINATION("notice.termination", "终止公告", "终止之日起及时公告", 0),
  ACCEPTANCE("notice.acceptance", "验收结果公告", "验收结束后及时公告", 0);

  private final String topic;
  private final String label;
  private final String legalTimeLimit;
  private final int workingDays;

  NoticeType(String topic, String label, String legalTimeLimit, int workingDays) {
    this.topic = topic;
    this.label = label;
    this.legalTimeLimit = legalTimeLimit;
    this.workingDays = workingDays;
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
