package io.civicflow.workers.registry;

/**
 * The stages of NGO incubation (Taicang 邻里社团馆: 孵化申请 → 考察审核 → 入驻孵化 → 成长出壳; DOMAIN.md §2, §6). The
 * analyst funnel counts organisations that reached {@link #APPLIED}, {@link #ADMITTED} and {@link
 * #GRADUATED}.
 */
public enum IncubationStage {
  /** 孵化申请: the application was registered. */
  APPLIED,
  /** Screened out or not admitted by the committee. */
  REJECTED,
  /** 入驻孵化: admitted, agreement signed. */
  ADMITTED,
  /** A quarterly or mid-term review was recorded. */
  REVIEWED,
  /** The one extension (24 months in total at most). */
  EXTENDED,
  /** 成长出壳: graduated; the organisation becomes a provider. */
  GRADUATED,
  /** A complaint about (or by) the organisation was handled by the station. */
  COMPLAINT_HANDLED,
  /**
   * Left without graduating (not graduated, breach, inactivity, withdrawal); the space is handed
   * back.
   */
  EXITED
}
