package io.civicflow.workers.dispatch;

import io.civicflow.workers.calendar.ProcessTime;
import io.civicflow.workers.keys.Hashes;
import io.civicflow.workers.registry.ServiceRequestEntry;
import io.civicflow.workers.registry.ServiceRequestEvent;
import io.civicflow.workers.registry.ServiceRequestRecords;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Registers, re-dispatches and closes service requests (中心派单 → 社工站接单 → 驻站社工服务, DOMAIN.md §4). */
public final class ServiceRequests {

  private final ServiceRequestRecords records;
  private final DispatchSlas slas;

  public ServiceRequests(ServiceRequestRecords records, DispatchSlas slas) {
    this.records = Objects.requireNonNull(records, "records");
    this.slas = Objects.requireNonNull(slas, "slas");
  }

  /**
   * Registers the request as {@code ORD-<yyyyMMdd>-<6 hex>}; the hex digits hash the job key, the
   * job's {@code now} and the resident, which a retried job keeps, so a retry registers it once.
   */
  public Registered register(
      ReporterType reporterType,
      String residentName,
      String residentCategory,
      String community,
      String description,
      Urgency urgency,
      long jobKey,
      ZonedDateTime now) {
    Objects.requireNonNull(reporterType, "reporterType");
    Objects.requireNonNull(urgency, "urgency");
    if (residentName == null || residentName.isBlank()) {
      throw new IllegalArgumentException("A service request needs the resident's name");
    }
    String orderNo =
        "ORD-"
            + now.withZoneSameInstant(ProcessTime.ZONE)
                .format(DateTimeFormatter.ofPattern("yyyyMMdd"))
            + "-"
            + Hashes.sha256Hex("order/" + jobKey + "/" + now.toInstant() + "/" + residentName, 6);
    ServiceRequestEntry registered =
        records.record(
            new ServiceRequestEntry(
                "request:" + orderNo + ":" + ServiceRequestEvent.REGISTERED,
                orderNo,
                "",
                community,
                ResidentCategory.of(residentCategory).name(),
                urgency == Urgency.URGENT,
                ServiceRequestEvent.REGISTERED,
                "",
                description,
                now.toInstant()));
    ServiceRequest request =
        new ServiceRequest(
            orderNo,
            reporterType,
            residentName,
            ResidentCategory.of(residentCategory),
            community,
            description,
            urgency,
            registered.recordedAt(),
            null,
            null);
    ZonedDateTime registeredAt = request.registeredAt().atZone(ProcessTime.ZONE);
    return new Registered(
        request.orderNo(),
        ProcessTime.format(slas.dispatchDeadline(urgency, registeredAt)),
        ProcessTime.format(slas.serviceDeadline(urgency, registeredAt)),
        0);
  }

  /**
   * One more lapse: the station that let the acceptance deadline pass is added to the lapsed
   * stations, so the centre can dispatch elsewhere. The lapse is recorded as {@code
   * ACCEPTANCE_LAPSED} under {@code request:<orderNo>:ACCEPTANCE_LAPSED:<jobKey>} (a request may
   * lapse more than once; a retried job records it once).
   */
  public Lapsed recordLapse(
      String orderNo,
      Integer lapses,
      List<String> lapsedStations,
      String station,
      long jobKey,
      ZonedDateTime now) {
    if (orderNo == null || orderNo.isBlank()) {
      throw new IllegalArgumentException("dispatch.record-lapse needs the orderNo");
    }
    records.record(
        new ServiceRequestEntry(
            "request:" + orderNo + ":" + ServiceRequestEvent.ACCEPTANCE_LAPSED + ":" + jobKey,
            orderNo,
            "",
            "",
            "",
            false,
            ServiceRequestEvent.ACCEPTANCE_LAPSED,
            "",
            station,
            now.toInstant()));
    List<String> stations = new ArrayList<>(lapsedStations == null ? List.of() : lapsedStations);
    if (station != null && !station.isBlank()) {
      stations.add(station);
    }
    return new Lapsed((lapses == null ? 0 : lapses) + 1, stations);
  }

  /**
   * Records a step of the request's lifecycle (中心派单 → 社工站接单 → 驻站社工服务): {@code DISPATCHED} to a
   * station (once per dispatch: keyed by the station and the job's {@code now}, which a retried job
   * keeps), {@code ACCEPTED} by it with the worker in charge, {@code SERVED} (once each).
   */
  public void recordLifecycle(
      String orderNo,
      ServiceRequestEvent event,
      String station,
      String assignee,
      ZonedDateTime now) {
    if (orderNo == null || orderNo.isBlank()) {
      throw new IllegalArgumentException("A lifecycle record needs the orderNo");
    }
    records.record(
        new ServiceRequestEntry(
            "request:"
                + orderNo
                + ":"
                + event
                + (event == ServiceRequestEvent.DISPATCHED
                    ? ":" + station + ":" + now.toInstant().toEpochMilli()
                    : ""),
            orderNo,
            "",
            "",
            "",
            false,
            event,
            assignee,
            "",
            now.toInstant(),
            station,
            null));
  }

  /** Closes the request with the resident's satisfaction 1–5. */
  public String close(String orderNo, Integer satisfaction, ZonedDateTime now) {
    if (satisfaction == null || satisfaction < 1 || satisfaction > 5) {
      throw new IllegalArgumentException("satisfaction is 1–5, was " + satisfaction);
    }
    if (orderNo == null || orderNo.isBlank()) {
      throw new IllegalArgumentException("dispatch.close-request needs the orderNo");
    }
    // served before the call-back: recorded here unless the service step recorded it already
    recordLifecycle(orderNo, ServiceRequestEvent.SERVED, "", "", now);
    ServiceRequestEntry closed =
        records.record(
            new ServiceRequestEntry(
                "request:" + orderNo + ":" + ServiceRequestEvent.CLOSED,
                orderNo,
                "",
                "",
                "",
                false,
                ServiceRequestEvent.CLOSED,
                "",
                "满意度：" + satisfaction,
                now.toInstant(),
                "",
                satisfaction));
    return ProcessTime.format(closed.recordedAt().atZone(ProcessTime.ZONE));
  }

  /** What {@code dispatch.register-request} returns; dates ISO-8601 with offset. */
  public record Registered(
      String orderNo, String dispatchDeadline, String serviceDeadline, int lapses) {}

  /** What {@code dispatch.record-lapse} returns. */
  public record Lapsed(int lapses, List<String> lapsedStations) {}
}
