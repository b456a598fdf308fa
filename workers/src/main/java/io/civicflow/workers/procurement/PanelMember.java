package io.civicflow.workers.procurement;

/**
 * One member of an evaluation committee (评审委员会).
 *
 * @param userId the user who gets the scoring task
 * @param kind {@code EXPERT} (drawn from the 公益服务类 expert pool) or {@code PURCHASER} (the
 *     purchaser's representative)
 */
public record PanelMember(String userId, Kind kind) {

  /** Where a member comes from. */
  public enum Kind {
    EXPERT,
    PURCHASER
  }
}
