package io.civicflow.workers.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.civicflow.workers.calendar.Deadlines;
import io.civicflow.workers.calendar.ProcessTime;
import io.civicflow.workers.calendar.WorkingDayCalendar;
import io.civicflow.workers.dispatch.AssigneeResolution.Resolved;
import io.civicflow.workers.dispatch.ServiceRequests.Dispatched;
import io.civicflow.workers.dispatch.ServiceRequests.Lapsed;
import io.civicflow.workers.dispatch.ServiceRequests.Registered;
import io.civicflow.workers.outbox.InMemoryOutbox;
import io.civicflow.workers.outbox.Notifications;
import io.civicflow.workers.registry.ServiceRequestEntry;
import io.civicflow.workers.registry.ServiceRequestEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SLAs, dispatches, lapses, breaches, the AB role and closing, without an engine. */
class DispatchTest {

  private static final Map<String, String> NORMAL =
      Map.of("dispatch", "PT4H", "accept", "1WD", "firstContact", "1WD", "service", "5WD");
  private static final Map<String, String> URGENT =
      Map.of("dispatch", "PT1H", "accept", "PT2H", "firstContact", "PT4H", "service", "PT24H");

  private final DispatchSlas slas =
      new DispatchSlas(new Deadlines(WorkingDayCalendar.fromClasspath()));
  private final io.civicflow.workers.registry.ServiceRequestRecords records =
      io.civicflow.workers.registry.InMemoryRecords.serviceRequests();
  private final InMemoryWorkerAvailability availability = new InMemoryWorkerAvailability();
  private final InMemoryOutbox outbox = new InMemoryOutbox();
  private final ServiceRequests requests = new ServiceRequests(records, slas);
  private final DispatchWorker worker =
      new DispatchWorker(
          requests, slas, new AssigneeResolution(availability), new Notifications(outbox), null);

  private static DispatchWorker.RequestInput request(Urgency urgency, String now) {
    return new DispatchWorker.RequestInput(
        ReporterType.GRID_WORKER, "李大爷", "ELDERLY_LIVING_ALONE", "南郊社区", "独居老人需要助餐", urgency, now);
  }

  private Map<String, Object> schedule(Map<String, String> sla, String now, SlaStep... steps) {
    return worker.scheduleSla(new DispatchWorker.ScheduleInput(sla, List.of(steps), now));
  }

  @Test
  void aNormalRequestsDeadlinesCountWorkingDaysFromTheStepBefore() {
    // Friday 26 September 2025, before National Day (1–8 October) and the make-up Sunday 28
    // September
    Registered registered =
        worker.register(request(Urgency.NORMAL, "2025-09-26T10:00:00+08:00"), 5L);
    assertThat(registered.orderNo()).matches("ORD-20250926-[0-9a-f]{6}");
    assertThat(registered.lapses()).isZero();
    assertThat(registered.dispatchHistory()).isEmpty();
    // a retried job: same key, same now
    assertThat(worker.register(request(Urgency.NORMAL, "2025-09-26T10:00:00+08:00"), 5L))
        .isEqualTo(registered);

    assertThat(schedule(NORMAL, "2025-09-26T10:00:00+08:00", SlaStep.DISPATCH))
        .containsExactly(Map.entry("dispatchDeadline", "2025-09-26T14:00:00+08:00"));
    // accepted on Friday afternoon: first contact by the end of the make-up Sunday, the service
    // by 28, 29, 30 September, 9, 10 October
    assertThat(
            schedule(NORMAL, "2025-09-26T15:30:00+08:00", SlaStep.FIRST_CONTACT, SlaStep.SERVICE))
        .containsExactly(
            Map.entry("firstContactDeadline", "2025-09-28T17:00:00+08:00"),
            Map.entry("serviceDeadline", "2025-10-10T17:00:00+08:00"));
  }

  @Test
  void anUrgentRequestRunsOnClockHours() {
    assertThat(
            schedule(
                URGENT,
                "2025-10-01T20:00:00+08:00",
                SlaStep.DISPATCH,
                SlaStep.ACCEPT,
                SlaStep.FIRST_CONTACT,
                SlaStep.SERVICE))
        .containsExactly(
            Map.entry("dispatchDeadline", "2025-10-01T21:00:00+08:00"),
            Map.entry("acceptDeadline", "2025-10-01T22:00:00+08:00"),
            Map.entry("firstContactDeadline", "2025-10-02T00:00:00+08:00"),
            Map.entry("serviceDeadline", "2025-10-02T20:00:00+08:00"));
  }

  @Test
  void aLimitThatIsNeitherADurationNorWorkingDaysIsRefused() {
    assertThatThrownBy(
            () -> slas.deadline("2 days", ProcessTime.parse("2025-03-03T09:00:00+08:00")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 days");
    assertThatThrownBy(() -> schedule(Map.of(), "2025-03-03T09:00:00+08:00", SlaStep.CLOSE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("missing");
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
  void theDispatchHistoryKeepsEveryStationWithItsOutcome() {
    Dispatched first =
        requests.recordDispatch(
            "ORD-1",
            "shaxi",
            "centre1",
            "1WD",
            null,
            21L,
            ProcessTime.parse("2025-03-03T10:00:00+08:00"));
    assertThat(first.acceptDeadline()).isEqualTo("2025-03-04T17:00:00+08:00");
    Lapsed lapsed =
        requests.recordLapse(
            "ORD-1",
            0,
            null,
            "shaxi",
            first.dispatchHistory(),
            ProcessTime.parse("2025-03-04T17:00:00+08:00"));
    Dispatched second =
        requests.recordDispatch(
            "ORD-1",
            "chengxiang",
            "centre2",
            "1WD",
            lapsed.dispatchHistory(),
            22L,
            ProcessTime.parse("2025-03-05T09:00:00+08:00"));
    List<DispatchLeg> history =
        requests.recordAcceptance(
            "ORD-1",
            "station2",
            second.dispatchHistory(),
            ProcessTime.parse("2025-03-05T11:00:00+08:00"));

    assertThat(lapsed.lapses()).isEqualTo(1);
    assertThat(lapsed.lapsedStations()).containsExactly("shaxi");
    assertThat(history)
        .extracting(
            DispatchLeg::station,
            DispatchLeg::dispatchedBy,
            DispatchLeg::outcome,
            DispatchLeg::acceptedBy)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("shaxi", "centre1", "LAPSED", null),
            org.assertj.core.groups.Tuple.tuple("chengxiang", "centre2", "ACCEPTED", "station2"));
    assertThat(records.historyOf("ORD-1"))
        .as("each entry keeps the station it is about")
        .extracting(
            ServiceRequestEntry::event, ServiceRequestEntry::assignee, ServiceRequestEntry::station)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(ServiceRequestEvent.DISPATCHED, "centre1", "shaxi"),
            org.assertj.core.groups.Tuple.tuple(
                ServiceRequestEvent.DISPATCHED, "centre2", "chengxiang"),
            org.assertj.core.groups.Tuple.tuple(
                ServiceRequestEvent.ACCEPTED, "station2", "chengxiang"));
  }

  @Test
  void aBreachIsRecordedOnceAndGoesToWhoeverCanAct() {
    DispatchWorker.BreachInput late =
        new DispatchWorker.BreachInput(
            "ORD-2",
            SlaStep.SERVICE,
            "2025-03-10T17:00:00+08:00",
            "shaxi",
            "worker1",
            "李大爷",
            "南郊社区",
            "2025-03-10T17:00:00+08:00");
    DispatchWorker.Escalated escalated = worker.escalateBreach(late, 31L);
    worker.escalateBreach(late, 31L);

    assertThat(escalated.escalatedTo()).isEqualTo("station-shaxi,guidance-centre,user:worker1");
    assertThat(records.historyOf("ORD-2"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.event()).isEqualTo(ServiceRequestEvent.SERVICE_LAPSED);
              assertThat(e.assignee()).isEqualTo("worker1");
            });
    assertThat(outbox.find(DispatchWorker.BREACH_TOPIC, "ORD-2"))
        .singleElement()
        .satisfies(
            message -> {
              assertThat(message.title()).isEqualTo("服务需求ORD-2上门服务超时");
              assertThat(message.body()).contains("2025-03-10 17:00").contains("请站长督促或改派");
            });
    assertThat(SlaStep.ACCEPT.escalateTo("shaxi", null)).isEqualTo("guidance-centre,station-shaxi");
    assertThat(SlaStep.FIRST_CONTACT.escalateTo("shaxi", "worker1"))
        .isEqualTo("station-shaxi,user:worker1");
  }

  @Test
  void theBackupServesWhenTheAssignedWorkerIsAwayAndTheHeadIsAskedWhenBothAre() {
    assertThat(worker.resolveAssignee(new DispatchWorker.AssigneeInput("sw-wang", "sw-li")))
        .isEqualTo(new Resolved("sw-wang", false, null, false));

    availability.mark("sw-wang", true);
    assertThat(worker.resolveAssignee(new DispatchWorker.AssigneeInput("sw-wang", "sw-li")))
        .isEqualTo(new Resolved("sw-li", true, null, false));

    availability.mark("sw-li", true);
    Resolved bothAway =
        worker.resolveAssignee(new DispatchWorker.AssigneeInput("sw-wang", "sw-li"));
    assertThat(bothAway.abRoleUsed()).isFalse();
    assertThat(bothAway.escalateToHead()).isTrue();
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
        .filteredOn(e -> e.event() == ServiceRequestEvent.CLOSED)
        .singleElement()
        .extracting(ServiceRequestEntry::note)
        .isEqualTo("满意度：5");
    assertThatThrownBy(
            () ->
                worker.close(
                    new DispatchWorker.CloseInput(
                        registered.orderNo(), 6, "2025-03-06T16:00:00+08:00")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
