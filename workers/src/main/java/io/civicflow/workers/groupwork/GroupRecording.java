package io.civicflow.workers.groupwork;

import io.civicflow.workers.calendar.ProcessTime;
import io.civicflow.workers.keys.Hashes;
import io.civicflow.workers.registry.GroupEntry;
import io.civicflow.workers.registry.GroupRecords;
import io.civicflow.workers.registry.GroupStep;
import io.civicflow.workers.stations.StationDirectory;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Opens groups, plans their sessions and records their steps: group work (小组工作) at the station's
 * 邻里生活馆 (Taicang: "通过个案和小组服务方式"; DOMAIN.md §3), every step written to the group record with its
 * district and time ("全服务留痕").
 */
public final class GroupRecording {

  /** A group has at least this many members (a smaller one is case work). */
  public static final int MIN_MEMBERS = 3;

  public static final int MAX_MEMBERS = 20;

  /** Sessions per group: 2 to 12 (the usual 小组 runs 4 to 8). */
  public static final int MIN_SESSIONS = 2;

  public static final int MAX_SESSIONS = 12;

  /** Sessions begin at 14:00 Shanghai time on their day. */
  public static final LocalTime SESSION_TIME = LocalTime.of(14, 0);

  private final GroupRecords records;
  private final StationDirectory stations;

  public GroupRecording(GroupRecords records, StationDirectory stations) {
    this.records = Objects.requireNonNull(records, "records");
    this.stations = Objects.requireNonNull(stations, "stations");
  }

  /** A group's plan as the form gives it. */
  public record Plan(
      String groupName,
      String station,
      String groupWorker,
      String memberNames,
      Integer plannedSessions) {}

  /**
   * Opens a group {@code GRP-<yyyyMMdd>-<6 hex>}; the hex digits hash the job key, the job's {@code
   * now} and the group's name, which a retried job keeps, so a retry opens the same group once.
   */
  public GroupEntry open(Plan plan, long jobKey, ZonedDateTime now) {
    if (plan.groupName() == null || plan.groupName().isBlank()) {
      throw new IllegalArgumentException("A group needs a name");
    }
    List<String> members = members(plan.memberNames());
    String groupNo =
        "GRP-"
            + now.withZoneSameInstant(ProcessTime.ZONE)
                .format(DateTimeFormatter.ofPattern("yyyyMMdd"))
            + "-"
            + Hashes.sha256Hex(
                "group/" + jobKey + "/" + now.toInstant() + "/" + plan.groupName(), 6);
    return records.record(
        new GroupEntry(
            "group:" + groupNo + ":" + GroupStep.OPENED,
            groupNo,
            stations.districtOf(plan.station()),
            plan.station(),
            plan.groupWorker(),
            GroupStep.OPENED,
            null,
            members.size(),
            null,
            "小组名称：" + plan.groupName(),
            now.toInstant()));
  }

  /**
   * The members, one per line (or separated by 、，, ;): trimmed, duplicates dropped, between {@value
   * #MIN_MEMBERS} and {@value #MAX_MEMBERS}.
   */
  public static List<String> members(String memberNames) {
    Set<String> names = new LinkedHashSet<>();
    if (memberNames != null) {
      for (String name : memberNames.split("[\\n\\r、，,;；]+")) {
        if (!name.isBlank()) {
          names.add(name.trim());
        }
      }
    }
    if (names.size() < MIN_MEMBERS || names.size() > MAX_MEMBERS) {
      throw new IllegalArgumentException(
          "A group has " + MIN_MEMBERS + " to " + MAX_MEMBERS + " members, not " + names.size());
    }
    return List.copyOf(names);
  }

  /** One session as the sessions' multi-instance sees it. */
  public record Session(int sessionNo, String startsAt) {}

  /**
   * The sessions: {@code plannedSessions} of them, the first on {@code firstSessionDate} (or the
   * next day if that is not after {@code now}'s day), then every {@code intervalDays} days, each at
   * 14:00.
   */
  public static List<Session> schedule(
      Integer plannedSessions, String firstSessionDate, Integer intervalDays, ZonedDateTime now) {
    int sessions = plannedSessions == null ? 0 : plannedSessions;
    if (sessions < MIN_SESSIONS || sessions > MAX_SESSIONS) {
      throw new IllegalArgumentException(
          "A group has " + MIN_SESSIONS + " to " + MAX_SESSIONS + " sessions, not " + sessions);
    }
    int interval = intervalDays == null ? 7 : intervalDays;
    if (interval < 1 || interval > 31) {
      throw new IllegalArgumentException("Sessions are 1 to 31 days apart, not " + interval);
    }
    LocalDate today = now.withZoneSameInstant(ProcessTime.ZONE).toLocalDate();
    LocalDate first =
        firstSessionDate == null || firstSessionDate.isBlank()
            ? today.plusDays(interval)
            : LocalDate.parse(firstSessionDate.substring(0, 10));
    if (!first.isAfter(today)) {
      first = today.plusDays(1);
    }
    List<Session> schedule = new ArrayList<>();
    for (int k = 0; k < sessions; k++) {
      schedule.add(
          new Session(
              k + 1,
              ProcessTime.format(
                  ProcessTime.at(first.plusDays((long) k * interval), SESSION_TIME))));
    }
    return schedule;
  }

  /** Records one step of a group; returns how many steps (after opening) it has. */
  public long record(
      String groupNo,
      String station,
      String groupWorker,
      GroupStep step,
      Integer sessionNo,
      Integer members,
      Integer attended,
      String note,
      long jobKey,
      ZonedDateTime now) {
    if (groupNo == null || groupNo.isBlank()) {
      throw new IllegalArgumentException("groupwork.record-step needs the groupNo");
    }
    Objects.requireNonNull(step, "step");
    String entryId =
        switch (step) {
          case SESSION -> "group:" + groupNo + ":SESSION:" + Objects.requireNonNull(sessionNo);
          case PLAN_RETURNED, EVALUATED, SUPERVISED ->
              "group:" + groupNo + ":" + step + ":" + jobKey;
          default -> "group:" + groupNo + ":" + step;
        };
    records.record(
        new GroupEntry(
            entryId,
            groupNo,
            stations.districtOf(station),
            station,
            groupWorker,
            step,
            sessionNo,
            members,
            attended,
            note,
            now.toInstant()));
    return records.historyOf(groupNo).stream()
        .filter(entry -> entry.step() != GroupStep.OPENED)
        .count();
  }
}
