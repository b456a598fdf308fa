package io.civicflow.workers.registry;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One step of an organisation's incubation (DOMAIN.md §2), kept for good: the incubation history is
 * part of the provider's record in the register (DOMAIN.md §5).
 *
 * @param entryId the idempotency key: {@code incubation:<orgId>:<STAGE>} for the stages that happen
 *     once, {@code incubation:<orgId>:REVIEWED:<jobKey>} (or the review's date) for reviews
 * @param orgId the organisation's correlation key
 * @param orgName its name, in Chinese
 * @param district the street or town of the station that incubates it
 * @param score the committee's or the graduation panel's score, if the stage has one
 * @param note reason or remark, in Chinese; empty if none
 * @param recordedAt the job's {@code now}
 */
public record IncubationEntry(
    String entryId,
    String orgId,
    String orgName,
    String district,
    IncubationStage stage,
    BigDecimal score,
    String note,
    Instant recordedAt) {

  public IncubationEntry {
    Objects.requireNonNull(entryId, "entryId");
    Objects.requireNonNull(orgId, "orgId");
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(recordedAt, "recordedAt");
    orgName = orgName == null ? "" : orgName;
    district = district == null ? "" : district;
    note = note == null ? "" : note;
  }

  /** The id of a stage that happens once per organisation. */
  public static String idOf(String orgId, IncubationStage stage) {
    return "incubation:" + orgId + ":" + stage;
  }
}
