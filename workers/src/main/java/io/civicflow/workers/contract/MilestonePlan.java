package io.civicflow.workers.contract;

import java.util.List;

/**
 * The evaluations of a contract and the cycle of its bimonthly operating reports.
 *
 * @param reportCycle an ISO-8601 repeating interval {@code R<n>/<first due>/P2M}
 */
public record MilestonePlan(List<Milestone> milestones, String reportCycle) {}
