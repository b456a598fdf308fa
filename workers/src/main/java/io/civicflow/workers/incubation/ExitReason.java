package io.civicflow.workers.incubation;

/**
 * Why an organisation leaves incubation without graduating (DOMAIN.md §6: "exit hands the space
 * back within 15 working days"). The seeds name no reasons for an early exit; these are the ones an
 * incubation agreement usually states.
 */
public enum ExitReason {
  /** The graduation review neither graduated nor extended it. */
  NOT_GRADUATED("未通过出壳评审"),
  /** The organisation broke the incubation agreement (a complaint upheld, misuse of the space). */
  BREACH("违反入驻协议"),
  /** The organisation ran no activities for a long time. */
  INACTIVITY("长期未开展活动"),
  /** The organisation asked to leave. */
  WITHDRAWAL("机构申请退出");

  private final String label;

  ExitReason(String label) {
    this.label = label;
  }

  /** The reason as officials read it. */
  public String label() {
    return label;
  }
}
