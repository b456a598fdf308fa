package io.civicflow.workers.registry;

/**
 * The steps of case work (Taicang 邻里生活馆: 初步评估 → 评定等级 → 制订方案 → 执行方案 → 追踪辅导; DOMAIN.md §3), every one
 * recorded ("全服务留痕"). Volumes count {@link #OPENED} and {@link #CLOSED}.
 */
public enum CaseStep {
  OPENED,
  /** 受理: the intake accepted. */
  INTAKE_ACCEPTED,
  /** 不予受理, with the reason. */
  REFUSED,
  /** 转介: referred to another agency at intake. */
  REFERRED,
  /** 初步评估 */
  ASSESSED,
  /** 评定等级 */
  GRADED,
  /** 制订方案 */
  PLANNED,
  PLAN_APPROVED,
  PLAN_REJECTED,
  /** 执行方案: one service session */
  SESSION,
  REVIEWED,
  /** 督导介入: the supervisor's review of an escalated case. */
  SUPERVISED,
  CLOSED,
  /** 追踪辅导 */
  FOLLOWED_UP,
  /** 重新开案: a follow-up found the resident needs the case again. */
  REOPENED
}
