package io.civicflow.workers.registry;

import java.time.Instant;
import java.util.Objects;

/**
 * One recorded step of a group (小组工作; DOMAIN.md §3: closed loop, every step recorded).
 *
 * @param entryId the idempotency key: {@code group:<groupNo>:<STEP>} for steps that happen once,
 *     {@code group:<groupNo>:SESSION:<sessionNo>} for sessions, {@code
 *     group:<groupNo>:<STEP>:<jobKey>} for other repeated steps (a returned plan)
 * @param groupNo the group's correlation key, {@code GRP-<yyyyMMdd>-<6 hex>}
 * @param district the street or town of the station
 * @param station the social-work station (社工站)
 * @param socialWorker the resident social worker who leads the group
 * @param sessionNo the session's number (1, 2, …) for {@link GroupStep#SESSION}, else null
 * @param members how many members the group has
 * @param attended how many members attended, for {@link GroupStep#SESSION}, else null
 * @param note what was done, in Chinese; empty if none
 * @param recordedAt the job's {@code now}
 */
public record GroupEntry(
    String entryId,
    String groupNo,
    String district,
    String station,
    String socialWorker,
    GroupStep step,
    Integer sessionNo,
    Integer members,
    Integer attended,
    String note,
    Instant recordedAt) {

  public GroupEntry {
    Objects.requireNonNull(entryId, "entryId");
    Objects.requireNonNull(groupNo, "groupNo");
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(recordedAt, "recordedAt");
    district = district == null ? "" : district;
    station = station == null ? "" : station;
    socialWorker = socialWorker == null ? "" : socialWorker;
    note = note == null ? "" : note;
  }
}
