/**
 * Third-party evaluation of service contracts (DOMAIN.md §1 steps 5–8, §6 "Evaluation grades").
 *
 * <p>The model {@code third-party-evaluation} scores, weights and grades; the job {@code
 * evaluation.publish-report} ({@link io.civicflow.workers.evaluation.EvaluationReporting}) sends
 * the report to the provider and the district office and records it in the provider register, where
 * it moves the provider's rating (DOMAIN.md §5).
 */
package io.civicflow.workers.evaluation;
