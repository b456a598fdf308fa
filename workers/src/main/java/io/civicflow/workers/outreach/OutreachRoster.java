package io.civicflow.workers.outreach;

import io.civicflow.workers.calendar.ProcessTime;
import io.civicflow.workers.dispatch.ResidentCategory;
import io.civicflow.workers.keys.Hashes;
import io.civicflow.workers.registry.OutreachEntry;
import io.civicflow.workers.registry.OutreachEvent;
import io.civicflow.workers.registry.OutreachRecords;
import io.civicflow.workers.stations.StationDirectory;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * The visiting rosters of the resident social workers (Taicang: "驻站社工同步开展外展服务，在走访中自主发现服务需求";
 * "每名驻站社工平均服务 2-3 个社区"; DOMAIN.md §4): a resident is put on the roster of the worker who covers
 * their community, and every visit, what it found and where that led is recorded with the district.
 */
public final class OutreachRoster {

  /** What a visit found: nothing new, a need for case work, or a need for a service. */
  public enum Finding {
    NONE,
    CASE,
    SERVICE_REQUEST
  }

  private final OutreachRecords records;
  private final StationDirectory stations;

  public OutreachRoster(OutreachRecords records, StationDirectory stations) {
    this.records = Objects.requireNonNull(records, "records");
    this.stations = Objects.requireNonNull(stations, "stations");
  }

  /** A resident on the roster. */
  public record Enrolment(String rosterNo, String visitWorker, String district) {}

  /**
   * Puts a resident on the roster of the worker who covers {@code community} at {@code station}:
   * {@code OUT-<yyyyMMdd>-<6 hex>}, the hex digits hashing the job key, {@code now} and the
   * resident, so a retried job enrols once.
   *
   * @throws IllegalArgumentException if no worker of the station covers the community
   */
  public Enrolment enrol(
      String residentName,
      String residentCategory,
      String community,
      String station,
      long jobKey,
      ZonedDateTime now) {
    if (residentName == null || residentName.isBlank()) {
      throw new IllegalArgumentException("A resident on the roster needs a name");
    }
    ResidentCategory.of(residentCategory);
    String worker =
        stations
            .workerFor(station, community)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "No resident social worker of station "
                            + station
                            + " covers "
                            + community
                            + " (civicflow.stations."
                            + station
                            + ".social-workers: "
                            + stations.coverageOf(station)
                            + ")"));
    String rosterNo =
        "OUT-"
            + now.withZoneSameInstant(ProcessTime.ZONE)
                .format(DateTimeFormatter.ofPattern("yyyyMMdd"))
            + "-"
            + Hashes.sha256Hex(
                "outreach/" + jobKey + "/" + now.toInstant() + "/" + residentName, 6);
    String district = stations.districtOf(station);
    records.record(
        new OutreachEntry(
            "outreach:" + rosterNo + ":" + OutreachEvent.ENROLLED,
            rosterNo,
            district,
            station,
            community,
            residentCategory,
            worker,
            OutreachEvent.ENROLLED,
            null,
            "",
            now.toInstant()));
    return new Enrolment(rosterNo, worker, district);
  }

  /** Where the resident is: for the record. */
  public record Place(
      String rosterNo, String station, String community, String residentCategory, String worker) {}

  /**
   * Records visit {@code visitNo} and, if it found a need, the case or request it leads to; both
   * under the visit's number, so a retried job records them once.
   */
  public void recordVisit(
      Place place, int visitNo, Finding finding, String findings, ZonedDateTime now) {
    record(place, OutreachEvent.VISITED, visitNo, findings, now);
    if (finding == Finding.CASE) {
      record(place, OutreachEvent.CASE_OPENED, visitNo, findings, now);
    } else if (finding == Finding.SERVICE_REQUEST) {
      record(place, OutreachEvent.REQUEST_RAISED, visitNo, findings, now);
    }
  }

  /** Takes the resident off the roster. */
  public void leave(Place place, String reason, ZonedDateTime now) {
    record(place, OutreachEvent.LEFT_ROSTER, null, reason, now);
  }

  private void record(
      Place place, OutreachEvent event, Integer visitNo, String note, ZonedDateTime now) {
    if (place.rosterNo() == null || place.rosterNo().isBlank()) {
      throw new IllegalArgumentException("outreach.record needs the rosterNo");
    }
    records.record(
        new OutreachEntry(
            "outreach:" + place.rosterNo() + ":" + event + (visitNo == null ? "" : ":" + visitNo),
            place.rosterNo(),
            stations.districtOf(place.station()),
            place.station(),
            place.community(),
            place.residentCategory(),
            place.worker(),
            event,
            visitNo,
            note,
            now.toInstant()));
  }
}
