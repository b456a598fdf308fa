package io.civicflow.workers.registry;

/**
 * The steps of case work (Taicang 邻里生活馆: 初步评估 → 评定等级 → 制订方案 → 执行方案 → 追踪辅导; DOMAIN.md §3), every one
 * recorded ("全服务留痕"). Volumes count {@link #OPENED} and {@link #CLOSED}.
 */
public enum CaseStep {
  OPENED,
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
  CLOSED,
  /** 追踪辅导 */
  FOLLOWED_UP
}
