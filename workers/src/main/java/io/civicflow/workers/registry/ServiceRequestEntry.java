package io.civicflow.workers.registry;

import java.time.Instant;
import java.util.Objects;

/**
 * One recorded event of a service request (DOMAIN.md §4).
 *
 * @param entryId the idempotency key: {@code request:<orderNo>:<EVENT>} for events that happen
 *     once, {@code request:<orderNo>:<EVENT>:<jobKey>} for repeated ones (dispatches, lapses)
 * @param orderNo the request's correlation key
 * @param district street or town
 * @param community the community (社区/村) the resident lives in
 * @param category the kind of need or special resident, in Chinese
 * @param urgent whether the urgent (24-hour) SLA applies
 * @param assignee the resident social worker (or the backup) in charge, empty if none yet
 * @param note remark in Chinese; empty if none
 * @param recordedAt the job's {@code now}
 */
public record ServiceRequestEntry(
    String entryId,
    String orderNo,
    String district,
    String community,
    String category,
    boolean urgent,
    ServiceRequestEvent event,
    String assignee,
    String note,
    Instant recordedAt) {

  public ServiceRequestEntry {
    Objects.requireNonNull(entryId, "entryId");
    Objects.requireNonNull(orderNo, "orderNo");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(recordedAt, "recordedAt");
    district = district == null ? "" : district;
    community = community == null ? "" : community;
    category = category == null ? "" : category;
    assignee = assignee == null ? "" : assignee;
    note = note == null ? "" : note;
  }
}
