package io.civicflow.workers.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.civicflow.workers.calendar.Deadlines;
import io.civicflow.workers.calendar.ProcessTime;
import io.civicflow.workers.calendar.WorkingDayCalendar;
import io.civicflow.workers.dispatch.AssigneeResolution.Resolved;
import io.civicflow.workers.dispatch.ServiceRequests.Registered;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SLAs, lapses, the AB role and closing, without an engine. */
class DispatchTest {

  private final DispatchSlas slas =
      new DispatchSlas(new Deadlines(WorkingDayCalendar.fromClasspath()));
  private final io.civicflow.workers.registry.ServiceRequestRecords records =
      io.civicflow.workers.registry.InMemoryRecords.serviceRequests();
  private final InMemoryWorkerAvailability availability = new InMemoryWorkerAvailability();
  private final DispatchWorker worker =
      new DispatchWorker(
          new ServiceRequests(records, slas), slas, new AssigneeResolution(availability));

  private static DispatchWorker.RequestInput request(Urgency urgency, String now) {
    return new DispatchWorker.RequestInput(
        ReporterType.GRID_WORKER, "李大爷", "ELDERLY_LIVING_ALONE", "南郊社区", "独居老人需要助餐", urgency, now);
  }

  @Test
  void aNormalRequestIsDispatchedInFourHoursAndServedWithinFiveWorkingDays() {
    // Friday 26 September 2025, before National Day (1–8 October) and the make-up Sunday 28
    // September
    Registered registered =
        worker.register(request(Urgency.NORMAL, "2025-09-26T10:00:00+08:00"), 5L);

    assertThat(registered.orderNo()).matches("ORD-20250926-[0-9a-f]{6}");
    assertThat(registered.dispatchDeadline()).isEqualTo("2025-09-26T14:00:00+08:00");
    // 28 (make-up Sunday), 29, 30 September, 9, 10 October
    assertThat(registered.serviceDeadline()).isEqualTo("2025-10-10T17:00:00+08:00");
    assertThat(registered.lapses()).isZero();
    // a retried job: same key, same now
    assertThat(worker.register(request(Urgency.NORMAL, "2025-09-26T10:00:00+08:00"), 5L))
        .isEqualTo(registered);
    // the station accepts by the same time on the next working day: the make-up Sunday
    assertThat(
            worker
                .scheduleAcceptance(
                    new DispatchWorker.AcceptanceInput(Urgency.NORMAL, "2025-09-26T15:30:00+08:00"))
                .acceptDeadline())
        .isEqualTo("2025-09-28T15:30:00+08:00");
  }

  @Test
  void anUrgentRequestRunsOnTwentyFourHourClocks() {
    Registered registered =
        worker.register(request(Urgency.URGENT, "2025-10-01T20:00:00+08:00"), 6L);

    assertThat(registered.dispatchDeadline()).isEqualTo("2025-10-01T22:00:00+08:00");
    assertThat(registered.serviceDeadline()).isEqualTo("2025-10-02T20:00:00+08:00");
    assertThat(
            worker
                .scheduleAcceptance(
                    new DispatchWorker.AcceptanceInput(Urgency.URGENT, "2025-10-01T20:30:00+08:00"))
                .acceptDeadline())
        .isEqualTo("2025-10-02T20:30:00+08:00");
  }

  @Test
  void anUnknownKindOfResidentIsRefused() {
    assertThatThrownBy(
            () ->
                worker.register(
                    new DispatchWorker.RequestInput(
                        ReporterType.BUILDING_HEAD,
                        "李大爷",
                        "VIP",
                        "南郊社区",
                        "x",
                        Urgency.NORMAL,
                        "2025-09-26T10:00:00+08:00"),
                    7L))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("residentCategory");
    assertThat(ResidentCategory.values()).hasSize(16);
  }

  @Test
  void eachLapseCountsAndRemembersTheStation() {
    ServiceRequests.Lapsed first =
        worker.recordLapse(
            new DispatchWorker.LapseInput("ORD-1", 0, null, "沙溪镇社工站", "2025-03-03T13:00:00+08:00"),
            21L);
    ServiceRequests.Lapsed second =
        worker.recordLapse(
            new DispatchWorker.LapseInput(
                "ORD-1",
                first.lapses(),
                first.lapsedStations(),
                "浏河镇社工站",
                "2025-03-03T17:00:00+08:00"),
            22L);
    // a retried job records its lapse once
    worker.recordLapse(
        new DispatchWorker.LapseInput("ORD-1", 0, null, "沙溪镇社工站", "2025-03-03T13:00:00+08:00"),
        21L);

    assertThat(second.lapses()).isEqualTo(2);
    assertThat(second.lapsedStations()).containsExactly("沙溪镇社工站", "浏河镇社工站");
    assertThat(records.historyOf("ORD-1"))
        .extracting(io.civicflow.workers.registry.ServiceRequestEntry::entryId)
        .containsExactlyInAnyOrder(
            "request:ORD-1:ACCEPTANCE_LAPSED:21", "request:ORD-1:ACCEPTANCE_LAPSED:22");
  }

  @Test
  void theBackupServesWhenTheAssignedWorkerIsAway() {
    assertThat(worker.resolveAssignee(new DispatchWorker.AssigneeInput("sw-wang", "sw-li")))
        .isEqualTo(new Resolved("sw-wang", false, null));

    availability.mark("sw-wang", true);
    assertThat(worker.resolveAssignee(new DispatchWorker.AssigneeInput("sw-wang", "sw-li")))
        .isEqualTo(new Resolved("sw-li", true, null));

    availability.mark("sw-li", true);
    Resolved bothAway =
        worker.resolveAssignee(new DispatchWorker.AssigneeInput("sw-wang", "sw-li"));
    assertThat(bothAway.serviceWorker()).isEqualTo("sw-wang");
    assertThat(bothAway.abRoleUsed()).isFalse();
    assertThat(bothAway.abRoleWarning()).contains("均不在岗");

    availability.mark("sw-wang", false);
    assertThat(
            worker
                .resolveAssignee(new DispatchWorker.AssigneeInput("sw-wang", null))
                .serviceWorker())
        .isEqualTo("sw-wang");
  }

  @Test
  void aRequestClosesOnceWithTheResidentsSatisfaction() {
    Registered registered =
        worker.register(request(Urgency.NORMAL, "2025-03-03T09:00:00+08:00"), 8L);

    String closedAt =
        worker
            .close(
                new DispatchWorker.CloseInput(registered.orderNo(), 5, "2025-03-05T16:00:00+08:00"))
            .closedAt();
    worker.close(
        new DispatchWorker.CloseInput(registered.orderNo(), 2, "2025-03-06T16:00:00+08:00"));

    assertThat(closedAt).isEqualTo("2025-03-05T16:00:00+08:00");
    assertThat(records.historyOf(registered.orderNo()))
        .filteredOn(e -> e.event() == io.civicflow.workers.registry.ServiceRequestEvent.CLOSED)
        .singleElement()
        .extracting(io.civicflow.workers.registry.ServiceRequestEntry::note)
        .isEqualTo("满意度：5");
    assertThatThrownBy(
            () ->
                worker.close(
                    new DispatchWorker.CloseInput(
                        registered.orderNo(), 6, "2025-03-06T16:00:00+08:00")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(ProcessTime.parse(closedAt)).isNotNull();
    assertThat(List.of(registered.orderNo())).isNotEmpty();
  }
}
