package io.civicflow.workers.registry;

import java.time.Instant;

/**
 * A contract terminated after a failed evaluation (Kunshan §5.2: 评估不合格的，终止合同; DOMAIN.md §1).
 *
 * @param entryId the idempotency key: {@code termination:<contractNo>}
 * @param milestone the evaluation that failed, e.g. {@code Y1-MIDTERM}; empty if unknown
 */
public record TerminationEntry(
    String entryId,
    String providerOrgId,
    String contractNo,
    String milestone,
    String grade,
    Instant recordedAt) {}
