/**
 * Case work at the station's 邻里生活馆 (DOMAIN.md §3; Taicang 初步评估 → 评定等级 → 制订方案 → 执行方案 → 追踪辅导,
 * "全闭环管理、全过程监控、全服务留痕"), the jobs of {@code processes/case-work.bpmn}: {@code casework.open-case}
 * opens the case file, {@code casework.record-step} writes every step to it ({@link
 * io.civicflow.workers.casework.CaseRecording}, port {@link
 * io.civicflow.workers.registry.CaseRecords}). Grading is the DMN {@code case-grading}.
 */
package io.civicflow.workers.casework;
