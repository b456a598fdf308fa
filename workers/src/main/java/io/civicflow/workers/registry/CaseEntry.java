package io.civicflow.workers.registry;

import java.time.Instant;
import java.util.Objects;

/**
 * One recorded step of a case (DOMAIN.md §3: closed loop, every step recorded).
 *
 * @param entryId the idempotency key: {@code case:<caseNo>:<STEP>} for steps that happen once,
 *     {@code case:<caseNo>:<STEP>:<jobKey>} for repeated ones (sessions, reviews)
 * @param caseNo the case's correlation key
 * @param orderNo the service request that opened it, empty if none
 * @param district street or town
 * @param station the social-work station (社工站)
 * @param socialWorker the resident social worker's user id
 * @param level the grade (e.g. HIGH, MEDIUM, LOW) once graded, else empty
 * @param note what was done, in Chinese; empty if none
 * @param recordedAt the job's {@code now}
 * @param actedBy who did the step: the assignee of the user task the step records, as the engine
 *     recorded it; empty when the step has no task (opening) or it was completed unassigned
 */
public record CaseEntry(
    String entryId,
    String caseNo,
    String orderNo,
    String district,
    String station,
    String socialWorker,
    CaseStep step,
    String level,
    String note,
    Instant recordedAt,
    String actedBy) {

  public CaseEntry {
    Objects.requireNonNull(entryId, "entryId");
    Objects.requireNonNull(caseNo, "caseNo");
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(recordedAt, "recordedAt");
    orderNo = orderNo == null ? "" : orderNo;
    district = district == null ? "" : district;
    station = station == null ? "" : station;
    socialWorker = socialWorker == null ? "" : socialWorker;
    level = level == null ? "" : level;
    note = note == null ? "" : note;
    actedBy = actedBy == null ? "" : actedBy;
  }
}
