package io.civicflow.workers.registry;

/**
 * The steps of a group (小组工作, Taicang 邻里生活馆: "通过个案和小组服务方式"; DOMAIN.md §3), every one recorded
 * ("全服务留痕"). Volumes count {@link #OPENED} and {@link #CLOSED}.
 */
public enum GroupStep {
  /** The group plan was filed (小组计划书: goals, members, sessions). */
  OPENED,
  /** The station head approved the plan. */
  PLAN_APPROVED,
  /** The station head sent the plan back for revision. */
  PLAN_RETURNED,
  /** One session held, with its attendance (小组活动). */
  SESSION,
  /** The worker's evaluation of the group (小组评估). */
  EVALUATED,
  /** The supervisor's review of the evaluation (督导审阅). */
  SUPERVISED,
  /** The group closed (结组). */
  CLOSED
}
