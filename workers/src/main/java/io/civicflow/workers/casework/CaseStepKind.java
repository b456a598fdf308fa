package io.civicflow.workers.casework;

/** The steps of a case that are written to its record (全服务留痕), as the models name them. */
public enum CaseStepKind {
  /** 受理: the intake accepted. */
  INTAKE_ACCEPTED,
  /** 不予受理, with the reason. */
  REFUSED,
  /** 转介 to another agency at intake. */
  REFERRED,
  /** Initial assessment graded (评定等级). */
  GRADED,
  /** The station head approved the plan (制订方案). */
  PLAN_APPROVED,
  /** The station head sent the plan back. */
  PLAN_REJECTED,
  /** A service session (执行方案). */
  SESSION,
  /** A periodic review at the graded frequency (定期复评). */
  REVIEW,
  /** The supervisor's review of an escalated case (督导介入). */
  SUPERVISED,
  /** The case closed (结案). */
  CLOSED,
  /** A follow-up of the graded schedule (追踪辅导). */
  FOLLOWED_UP,
  /** Reopened after a follow-up (重新开案). */
  REOPENED
}
