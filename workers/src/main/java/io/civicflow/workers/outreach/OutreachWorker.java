package io.civicflow.workers.outreach;

import io.camunda.client.annotation.JobKey;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.civicflow.workers.calendar.ProcessTime;
import io.civicflow.workers.registry.OutreachEvent;
import org.springframework.stereotype.Component;

/** The jobs of resident-outreach: {@code outreach.enrol} and {@code outreach.record}. */
@Component
public class OutreachWorker {

  private final OutreachRoster roster;

  public OutreachWorker(OutreachRoster roster) {
    this.roster = roster;
  }

  public record EnrolInput(
      String residentName, String residentCategory, String community, String station, String now) {}

  public record Enrolled(String rosterNo, String visitWorker, String district, int visitsDone) {}

  @JobWorker(type = "outreach.enrol")
  public Enrolled enrol(@VariablesAsType EnrolInput input, @JobKey long jobKey) {
    OutreachRoster.Enrolment enrolment =
        roster.enrol(
            input.residentName(),
            input.residentCategory(),
            input.community(),
            input.station(),
            jobKey,
            ProcessTime.parse(input.now()));
    return new Enrolled(enrolment.rosterNo(), enrolment.visitWorker(), enrolment.district(), 0);
  }

  /**
   * The roster place, the event (input mapping) and the visit form's fields; {@code visitsDone} is
   * the number of visits before this one.
   */
  public record RecordInput(
      String rosterNo,
      String station,
      String community,
      String residentCategory,
      String visitWorker,
      OutreachEvent event,
      Integer visitsDone,
      OutreachRoster.Finding finding,
      String findings,
      String leaveReason,
      String now) {}

  public record Recorded(int visitsDone, OutreachEvent lastOutreachEvent) {}

  @JobWorker(type = "outreach.record")
  public Recorded record(@VariablesAsType RecordInput input) {
    OutreachRoster.Place place =
        new OutreachRoster.Place(
            input.rosterNo(),
            input.station(),
            input.community(),
            input.residentCategory(),
            input.visitWorker());
    int done = input.visitsDone() == null ? 0 : input.visitsDone();
    if (input.event() == OutreachEvent.VISITED) {
      roster.recordVisit(
          place,
          done + 1,
          input.finding() == null ? OutreachRoster.Finding.NONE : input.finding(),
          input.findings(),
          ProcessTime.parse(input.now()));
      return new Recorded(done + 1, OutreachEvent.VISITED);
    }
    if (input.event() == OutreachEvent.LEFT_ROSTER) {
      roster.leave(place, input.leaveReason(), ProcessTime.parse(input.now()));
      return new Recorded(done, OutreachEvent.LEFT_ROSTER);
    }
    throw new IllegalArgumentException("outreach.record records VISITED or LEFT_ROSTER");
  }
}
