package io.civicflow.workers.registry;

import java.time.Instant;
import java.util.Objects;

/**
 * One recorded outreach event (外展走访; DOMAIN.md §4).
 *
 * @param entryId the idempotency key: {@code outreach:<rosterNo>:<EVENT>} for events that happen
 *     once, {@code outreach:<rosterNo>:<EVENT>:<visitNo>} for those of a visit
 * @param rosterNo the resident's place on the roster, {@code OUT-<yyyyMMdd>-<6 hex>}
 * @param district the street or town of the station
 * @param station the social-work station
 * @param community the community the resident lives in
 * @param residentCategory the kind of resident (ResidentCategory code)
 * @param socialWorker the resident social worker who covers the community
 * @param event what happened
 * @param visitNo the visit's number (1, 2, …), null for enrolment
 * @param note findings or remark, in Chinese; empty if none
 * @param recordedAt the job's {@code now}
 */
public record OutreachEntry(
    String entryId,
    String rosterNo,
    String district,
    String station,
    String community,
    String residentCategory,
    String socialWorker,
    OutreachEvent event,
    Integer visitNo,
    String note,
    Instant recordedAt) {

  public OutreachEntry {
    Objects.requireNonNull(entryId, "entryId");
    Objects.requireNonNull(rosterNo, "rosterNo");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(recordedAt, "recordedAt");
    district = district == null ? "" : district;
    station = station == null ? "" : station;
    community = community == null ? "" : community;
    residentCategory = residentCategory == null ? "" : residentCategory;
    socialWorker = socialWorker == null ? "" : socialWorker;
    note = note == null ? "" : note;
  }
}
