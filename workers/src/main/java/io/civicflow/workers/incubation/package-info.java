/**
 * NGO incubation at the town social-work station (DOMAIN.md §2, §6 "Incubation defaults"; Taicang
 * 孵化申请 → 考察审核 → 入驻孵化 → 成长出壳), the jobs of {@code processes/ngo-incubation.bpmn}:
 *
 * <ul>
 *   <li>{@code incubation.register-application}: the orgId and the 5-working-day screening limit
 *       ({@link io.civicflow.workers.incubation.IncubationApplications});
 *   <li>{@code incubation.form-committee}: an odd review committee from the panel pool ({@link
 *       io.civicflow.workers.incubation.CommitteeDraw});
 *   <li>{@code incubation.plan}, {@code incubation.extend}, {@code incubation.schedule-exit}: the
 *       incubation period, its quarterly and mid-term reviews, the one extension (24 months at
 *       most) and the 15-working-day space hand-back ({@link
 *       io.civicflow.workers.incubation.IncubationPlanning});
 *   <li>{@code incubation.record-review}: quarterly reviews in the register ({@link
 *       io.civicflow.workers.incubation.IncubationReviews}).
 * </ul>
 *
 * Graduation into the provider register and the exit record are {@code registry.*} jobs ({@link
 * io.civicflow.workers.registry.ProviderRegistration}).
 */
package io.civicflow.workers.incubation;
