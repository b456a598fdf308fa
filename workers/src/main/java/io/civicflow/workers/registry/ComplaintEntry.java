package io.civicflow.workers.registry;

import java.time.Instant;

/**
 * A complaint about a provider's service and how it was handled (Shanghai: a complaint channel open
 * throughout delivery; DOMAIN.md §1, §5). Upheld complaints count against the provider's rating.
 *
 * @param entryId the idempotency key, derived from the job that records it
 */
public record ComplaintEntry(
    String entryId,
    String providerOrgId,
    String contractNo,
    String projectNo,
    String complainant,
    String content,
    boolean upheld,
    String handling,
    Instant recordedAt) {}
