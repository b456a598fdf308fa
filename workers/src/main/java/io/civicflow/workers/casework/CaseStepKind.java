package io.civicflow.workers.casework;

/** The steps of a case that are written to its record (全服务留痕). */
public enum CaseStepKind {
  /** Initial assessment graded (评定等级). */
  GRADED,
  /** A service session (执行方案). */
  SESSION,
  /** A periodic review at the graded frequency (定期复评). */
  REVIEW,
  /** The case closed (结案). */
  CLOSED,
  /** The follow-up a month after closure (追踪辅导). */
  FOLLOWED_UP
}
