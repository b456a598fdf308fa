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

/**
 * Registers, dispatches, re-dispatches and closes service requests (中心派单 → 社工站接单 → 驻站社工服务,
 * DOMAIN.md §4).
 */
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
                now.toInstant(),
                "",
                null));
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
    return new Registered(
        request.orderNo(),
        ProcessTime.format(request.registeredAt().atZone(ProcessTime.ZONE)),
        0,
        List.of());
  }

  /**
   * The centre dispatched the order to {@code station}: recorded as {@code DISPATCHED} (under
   * {@code request:<orderNo>:DISPATCHED:<jobKey>}, the dispatcher as assignee) and appended to the
   * dispatch history with the acceptance deadline the SLA {@code acceptLimit} sets from now.
   */
  public Dispatched recordDispatch(
      String orderNo,
      String station,
      String dispatchedBy,
      String acceptLimit,
      List<DispatchLeg> history,
      long jobKey,
      ZonedDateTime now) {
    requireOrderNo(orderNo, "dispatch.record-dispatch");
    if (station == null || station.isBlank()) {
      throw new IllegalArgumentException(
          "dispatch.record-dispatch needs the station dispatched to");
    }
    String acceptDeadline = ProcessTime.format(slas.deadline(acceptLimit, now));
    records.record(
        new ServiceRequestEntry(
            "request:" + orderNo + ":" + ServiceRequestEvent.DISPATCHED + ":" + jobKey,
            orderNo,
            "",
            "",
            "",
            false,
            ServiceRequestEvent.DISPATCHED,
            dispatchedBy,
            "派至社工站：" + station,
            now.toInstant(),
            station,
            null));
    List<DispatchLeg> legs = new ArrayList<>(history == null ? List.of() : history);
    legs.add(
        new DispatchLeg(
            station,
            dispatchedBy,
            ProcessTime.format(now),
            acceptDeadline,
            DispatchLeg.DISPATCHED,
            null,
            null));
    return new Dispatched(acceptDeadline, legs);
  }

  /**
   * The station accepted the order: recorded as {@code ACCEPTED} (once per order) with who accepted
   * it, and the last leg of the history marked accepted.
   */
  public List<DispatchLeg> recordAcceptance(
      String orderNo, String acceptedBy, List<DispatchLeg> history, ZonedDateTime now) {
    requireOrderNo(orderNo, "dispatch.record-acceptance");
    List<DispatchLeg> legs = new ArrayList<>(history == null ? List.of() : history);
    if (legs.isEmpty()) {
      throw new IllegalArgumentException("Order " + orderNo + " was accepted but never dispatched");
    }
    DispatchLeg last = legs.get(legs.size() - 1);
    records.record(
        new ServiceRequestEntry(
            "request:" + orderNo + ":" + ServiceRequestEvent.ACCEPTED,
            orderNo,
            "",
            "",
            "",
            false,
            ServiceRequestEvent.ACCEPTED,
            acceptedBy,
            "接单社工站：" + last.station(),
            now.toInstant(),
            last.station(),
            null));
    legs.set(
        legs.size() - 1, last.ended(DispatchLeg.ACCEPTED, acceptedBy, ProcessTime.format(now)));
    return legs;
  }

  /**
   * A breach of {@code step}'s SLA, recorded as the step's {@code *_LAPSED} event under {@code
   * request:<orderNo>:<EVENT>:<jobKey>} (a retried job records it once).
   */
  public void recordBreach(
      String orderNo, SlaStep step, String deadline, String who, long jobKey, ZonedDateTime now) {
    requireOrderNo(orderNo, "dispatch.escalate-breach");
    Objects.requireNonNull(step, "step");
    records.record(
        new ServiceRequestEntry(
            "request:" + orderNo + ":" + step.breach() + ":" + jobKey,
            orderNo,
            "",
            "",
            "",
            false,
            step.breach(),
            who,
            step.label() + "超时，时限" + (deadline == null ? "" : deadline),
            now.toInstant(),
            "",
            null));
  }

  private static void requireOrderNo(String orderNo, String job) {
    if (orderNo == null || orderNo.isBlank()) {
      throw new IllegalArgumentException(job + " needs the orderNo");
    }
  }

  /**
   * One more lapse: the station that let the acceptance deadline pass is added to the lapsed
   * stations (the dispatch form will not send there again) and its leg of the history is marked
   * lapsed. The breach itself is recorded by {@link #recordBreach} ({@code ACCEPTANCE_LAPSED}).
   */
  public Lapsed recordLapse(
      String orderNo,
      Integer lapses,
      List<String> lapsedStations,
      String station,
      List<DispatchLeg> history,
      ZonedDateTime now) {
    requireOrderNo(orderNo, "dispatch.record-lapse");
    List<String> stations = new ArrayList<>(lapsedStations == null ? List.of() : lapsedStations);
    if (station != null && !station.isBlank()) {
      stations.add(station);
    }
    List<DispatchLeg> legs = new ArrayList<>(history == null ? List.of() : history);
    if (!legs.isEmpty()) {
      DispatchLeg last = legs.get(legs.size() - 1);
      legs.set(legs.size() - 1, last.ended(DispatchLeg.LAPSED, null, ProcessTime.format(now)));
    }
    return new Lapsed((lapses == null ? 0 : lapses) + 1, stations, legs);
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
      String orderNo, String registeredAt, int lapses, List<DispatchLeg> dispatchHistory) {}

  /** What {@code dispatch.record-dispatch} returns. */
  public record Dispatched(String acceptDeadline, List<DispatchLeg> dispatchHistory) {}

  /** What {@code dispatch.record-lapse} returns. */
  public record Lapsed(
      int lapses, List<String> lapsedStations, List<DispatchLeg> dispatchHistory) {}
}
