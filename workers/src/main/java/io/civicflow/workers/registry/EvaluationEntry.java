package io.civicflow.workers.registry;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A provider's evaluation result, which moves its rating (Shanghai §4.4.3 动态评级; DOMAIN.md §5).
 *
 * @param entryId the idempotency key: {@code evaluation:<contractNo>:Y<year>:<kind>}
 * @param kind MIDTERM, ANNUAL or FINAL
 */
public record EvaluationEntry(
    String entryId,
    String providerOrgId,
    String contractNo,
    int contractYear,
    String kind,
    BigDecimal totalScore,
    String grade,
    boolean passed,
    Instant recordedAt) {}
