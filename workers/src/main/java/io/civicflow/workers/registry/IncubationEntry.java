package io.civicflow.workers.registry;

import java.time.Instant;
import java.util.Objects;

/**
 * One step of an organisation's incubation, kept with its record in the register (DOMAIN.md §2, §5:
 * an organisation's history before it became a provider, and why it left if it did not graduate).
 *
 * @param entryId the idempotency key, derived from what is recorded (e.g. {@code
 *     incubation-review:<orgId>:<jobKey>})
 * @param orgId the organisation
 * @param kind what happened
 * @param score a review's progress score 0–100, null when the step has none
 * @param notes what the station wrote, may be empty
 * @param recordedAt from the job's {@code now}
 */
public record IncubationEntry(
    String entryId, String orgId, Kind kind, Integer score, String notes, Instant recordedAt) {

  /** The steps of an incubation the register keeps. */
  public enum Kind {
    /** A quarterly progress review (季度成长评估). */
    QUARTERLY_REVIEW,
    /** Exit without graduating; the space is handed back (退出孵化). */
    EXIT
  }

  public IncubationEntry {
    Objects.requireNonNull(entryId, "entryId");
    Objects.requireNonNull(orgId, "orgId");
    Objects.requireNonNull(kind, "kind");
    notes = notes == null ? "" : notes;
    Objects.requireNonNull(recordedAt, "recordedAt");
  }
}
