package io.civicflow.workers.procurement;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.civicflow.workers.calendar.ProcessTime;
import java.time.ZonedDateTime;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The tender's clocks and bid window: {@code procurement.schedule-tender}, {@code
 * procurement.record-bid}, {@code procurement.move-bid-deadline}, {@code
 * procurement.schedule-confirmation} and {@code procurement.register-objection}.
 */
@Component
public class TenderWorker {

  private final TenderScheduling scheduling;

  public TenderWorker(TenderScheduling scheduling) {
    this.scheduling = scheduling;
  }

  public record ScheduleInput(
      String projectNo,
      String unitName,
      String method,
      int bidPeriodDays,
      Integer tenderAttempt,
      String now) {}

  @JobWorker(type = "procurement.schedule-tender")
  public TenderSchedule schedule(@VariablesAsType ScheduleInput input) {
    return scheduling.schedule(
        input.projectNo(),
        input.unitName(),
        input.method(),
        input.bidPeriodDays(),
        input.tenderAttempt() == null ? 0 : input.tenderAttempt(),
        ProcessTime.parse(input.now()));
  }

  public record BidInput(Bid bid, List<Bid> bids) {}

  public record Bids(List<Bid> bids) {}

  @JobWorker(type = "procurement.record-bid")
  public Bids recordBid(@VariablesAsType BidInput input) {
    if (input.bid() == null) {
      throw new IllegalArgumentException("BidSubmitted carried no 'bid'");
    }
    return new Bids(BidBook.record(input.bids(), input.bid()));
  }

  /** The clarification itself is the agency's document; only its timing matters here. */
  public record ClarificationInput(
      String bidDeadline, int clarificationDays, Integer clarificationsIssued, String now) {}

  public record MovedDeadline(String bidDeadline, int clarificationsIssued) {}

  @JobWorker(type = "procurement.move-bid-deadline")
  public MovedDeadline moveBidDeadline(@VariablesAsType ClarificationInput input) {
    ZonedDateTime deadline =
        scheduling.deadlineAfterClarification(
            ProcessTime.parse(input.bidDeadline()),
            input.clarificationDays(),
            ProcessTime.parse(input.now()));
    int issued = input.clarificationsIssued() == null ? 0 : input.clarificationsIssued();
    return new MovedDeadline(ProcessTime.format(deadline), issued + 1);
  }

  public record NowInput(String now) {}

  public record Confirmation(String confirmationDeadline) {}

  @JobWorker(type = "procurement.schedule-confirmation")
  public Confirmation scheduleConfirmation(@VariablesAsType NowInput input) {
    return new Confirmation(
        ProcessTime.format(scheduling.confirmationDeadline(ProcessTime.parse(input.now()))));
  }

  /** The {@code ObjectionFiled} message's {@code objection}. */
  public record Objection(String supplier, String grounds, boolean affectsResult) {}

  public record ObjectionInput(Objection objection, Integer objectionsFiled, String now) {}

  /** The objection as the reply task reads it, with its reply deadline. */
  public record RegisteredObjection(
      String supplier,
      String grounds,
      boolean affectsResult,
      String receivedAt,
      String replyDeadline) {}

  public record ObjectionOutput(RegisteredObjection objection, int objectionsFiled) {}

  @JobWorker(type = "procurement.register-objection")
  public ObjectionOutput registerObjection(@VariablesAsType ObjectionInput input) {
    Objection objection = input.objection();
    if (objection == null) {
      throw new IllegalArgumentException("ObjectionFiled carried no 'objection'");
    }
    ZonedDateTime now = ProcessTime.parse(input.now());
    int filed = input.objectionsFiled() == null ? 0 : input.objectionsFiled();
    return new ObjectionOutput(
        new RegisteredObjection(
            objection.supplier(),
            objection.grounds(),
            objection.affectsResult(),
            ProcessTime.format(now),
            ProcessTime.format(scheduling.objectionReplyDeadline(now))),
        filed + 1);
  }
}
