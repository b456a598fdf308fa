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
 * @param station the station the request was dispatched to, empty if not (yet) known
 * @param satisfaction the resident's satisfaction 1–5 at the call-back ({@link
 *     ServiceRequestEvent#CLOSED}), else null
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
    Instant recordedAt,
    String station,
    Integer satisfaction) {

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
    station = station == null ? "" : station;
    if (satisfaction != null && (satisfaction < 1 || satisfaction > 5)) {
      throw new IllegalArgumentException("satisfaction is 1–5, was " + satisfaction);
    }
  }

  /** This entry with {@code district} and {@code community}. */
  public ServiceRequestEntry withDistrict(String district, String community) {
    return new ServiceRequestEntry(
        entryId,
        orderNo,
        district,
        community,
        category,
        urgent,
        event,
        assignee,
        note,
        recordedAt,
        station,
        satisfaction);
  }
}
