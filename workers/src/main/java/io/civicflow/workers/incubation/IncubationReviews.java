package io.civicflow.workers.incubation;

import io.civicflow.workers.registry.IncubationEntry;
import io.civicflow.workers.registry.IncubationEntry.Kind;
import io.civicflow.workers.registry.ProviderRegistry;
import java.time.Instant;
import java.util.Objects;

/**
 * Keeps the quarterly progress reviews of an incubation in the register (DOMAIN.md §2, §5: the
 * organisation's history travels with it into the provider register).
 */
public final class IncubationReviews {

  private final ProviderRegistry registry;

  public IncubationReviews(ProviderRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  /**
   * Records a quarterly review under {@code incubation-review:<orgId>:<reviewKey>} (idempotent: a
   * retried job records it once) and returns how many quarterly reviews the organisation has had.
   */
  public long recordQuarterlyReview(
      String orgId, long reviewKey, Integer score, String notes, Instant now) {
    if (score != null && (score < 0 || score > 100)) {
      throw new IllegalArgumentException("A review score is 0–100, was " + score);
    }
    registry.recordIncubation(
        new IncubationEntry(
            "incubation-review:" + orgId + ":" + reviewKey,
            orgId,
            Kind.QUARTERLY_REVIEW,
            score,
            notes,
            now));
    return registry.incubationOf(orgId).stream()
        .filter(entry -> entry.kind() == Kind.QUARTERLY_REVIEW)
        .count();
  }
}
