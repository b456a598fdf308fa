package io.civicflow.workers.procurement;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.civicflow.workers.calendar.ProcessTime;
import io.civicflow.workers.payment.Money;
import java.math.BigDecimal;
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

  /** The part of the tender-documents form the schedule reads; the ceiling in yuan. */
  public record TenderDocuments(BigDecimal ceilingPriceYuan, BigDecimal priceWeightPercent) {}

  /**
   * @param annualBudgetPerUnitFen the unit's budget of one contract year: the ceiling price unless
   *     the documents set a lower one
   */
  public record ScheduleInput(
      String projectNo,
      String unitName,
      String method,
      int bidPeriodDays,
      Integer tenderAttempt,
      TenderDocuments tenderDocuments,
      Long annualBudgetPerUnitFen,
      BigDecimal priceWeightMinPercent,
      BigDecimal priceWeightMaxPercent,
      String retenderDecision,
      String methodChangeApprovalRef,
      String now) {}

  @JobWorker(type = "procurement.schedule-tender")
  public TenderSchedule schedule(@VariablesAsType ScheduleInput input) {
    TenderScheduling.TenderTerms terms = null;
    if (input.annualBudgetPerUnitFen() != null) {
      TenderDocuments documents =
          input.tenderDocuments() == null
              ? new TenderDocuments(null, null)
              : input.tenderDocuments();
      terms =
          TenderScheduling.TenderTerms.of(
              documents.ceilingPriceYuan() == null
                  ? null
                  : Money.fenOf(documents.ceilingPriceYuan()),
              input.annualBudgetPerUnitFen(),
              documents.priceWeightPercent() == null
                  ? input.priceWeightMinPercent()
                  : documents.priceWeightPercent(),
              input.priceWeightMinPercent(),
              input.priceWeightMaxPercent());
      if ("SWITCH_METHOD".equals(input.retenderDecision())) {
        terms = terms.approvedAs(input.methodChangeApprovalRef());
      }
    }
    return scheduling.schedule(
        input.projectNo(),
        input.unitName(),
        input.method(),
        input.bidPeriodDays(),
        input.tenderAttempt() == null ? 0 : input.tenderAttempt(),
        terms,
        ProcessTime.parse(input.now()));
  }

  /**
   * @param now when the bid reached the process; a bid without its own {@code receivedAt} (the
   *     e-procurement platform's) was received then
   */
  public record BidInput(
      Bid bid,
      List<Bid> bids,
      List<BidBook.RefusedBid> refusedBids,
      String documentsIssuedAt,
      String bidDeadline,
      String now) {}

  public record Bids(List<Bid> bids, List<BidBook.RefusedBid> refusedBids) {}

  /**
   * Records a bid received within this attempt's window; one received after the deadline (or before
   * this attempt's documents were issued) is refused with its time of receipt (87号令 Art 33:
   * 逾期送达的投标文件，应当拒收).
   */
  @JobWorker(type = "procurement.record-bid")
  public Bids recordBid(@VariablesAsType BidInput input) {
    if (input.bid() == null) {
      throw new IllegalArgumentException("BidSubmitted carried no 'bid'");
    }
    ZonedDateTime receivedAt =
        ProcessTime.parse(
            input.bid().receivedAt() != null ? input.bid().receivedAt() : input.now());
    List<BidBook.RefusedBid> refused =
        input.refusedBids() == null ? List.of() : input.refusedBids();
    String refusal =
        BidBook.refusal(
            receivedAt,
            input.documentsIssuedAt() == null ? null : ProcessTime.parse(input.documentsIssuedAt()),
            ProcessTime.parse(input.bidDeadline()));
    if (refusal != null) {
      List<BidBook.RefusedBid> more = new java.util.ArrayList<>(refused);
      more.add(
          new BidBook.RefusedBid(
              input.bid().bidderId(),
              input.bid().bidderName(),
              ProcessTime.format(receivedAt),
              refusal));
      return new Bids(input.bids() == null ? List.of() : input.bids(), List.copyOf(more));
    }
    return new Bids(BidBook.record(input.bids(), input.bid()), refused);
  }

  /**
   * A clarification or change of the tender documents ({@code ClarificationIssued}): the agency's
   * document itself; what it says in a sentence ({@code clarification}, optional) goes into the
   * 更正公告.
   */
  public record ClarificationInput(
      String projectNo,
      String unitName,
      String method,
      Integer tenderAttempt,
      String clarification,
      String bidDeadline,
      int clarificationDays,
      Integer clarificationsIssued,
      String now) {}

  public record MovedDeadline(String bidDeadline, int clarificationsIssued) {}

  /** Moves the bid deadline if it must and publishes the 更正公告. */
  @JobWorker(type = "procurement.move-bid-deadline")
  public MovedDeadline moveBidDeadline(@VariablesAsType ClarificationInput input) {
    ZonedDateTime now = ProcessTime.parse(input.now());
    ZonedDateTime before = ProcessTime.parse(input.bidDeadline());
    ZonedDateTime deadline =
        scheduling.deadlineAfterClarification(before, input.clarificationDays(), now);
    int issued = (input.clarificationsIssued() == null ? 0 : input.clarificationsIssued()) + 1;
    if (input.projectNo() != null && input.unitName() != null) {
      scheduling.publishCorrection(
          input.projectNo(),
          input.unitName(),
          input.method() == null ? "" : input.method(),
          input.tenderAttempt() == null ? 1 : input.tenderAttempt(),
          issued,
          input.clarification(),
          before,
          deadline,
          now);
    }
    return new MovedDeadline(ProcessTime.format(deadline), issued);
  }

  public record NowInput(String now) {}

  public record Confirmation(String confirmationDeadline) {}

  @JobWorker(type = "procurement.schedule-confirmation")
  public Confirmation scheduleConfirmation(@VariablesAsType NowInput input) {
    return new Confirmation(
        ProcessTime.format(scheduling.confirmationDeadline(ProcessTime.parse(input.now()))));
  }

  /**
   * The {@code ObjectionFiled} message's {@code objection}.
   *
   * @param supplierId the objecting supplier's id (its unified social credit code, as its bid), so
   *     that its people are told the answer; may be null
   * @param email where the supplier wants the answer sent; may be null
   */
  public record Objection(
      String supplier, String grounds, boolean affectsResult, String supplierId, String email) {}

  public record ObjectionInput(Objection objection, Integer objectionsFiled, String now) {}

  /** The objection as the reply task reads it, with its reply deadline. */
  public record RegisteredObjection(
      String supplier,
      String grounds,
      boolean affectsResult,
      String receivedAt,
      String replyDeadline,
      String supplierId,
      String email) {}

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
            ProcessTime.format(scheduling.objectionReplyDeadline(now)),
            blankToNull(objection.supplierId()),
            blankToNull(objection.email())),
        filed + 1);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  public record SigningInput(String signDeadline, String signReminderDate, String now) {}

  public record Signing(String signReminderAt) {}

  /** {@code procurement.schedule-signing}: when the reminder of the signing task fires. */
  @JobWorker(type = "procurement.schedule-signing")
  public Signing scheduleSigning(@VariablesAsType SigningInput input) {
    return new Signing(
        ProcessTime.format(
            scheduling.signReminder(
                input.signReminderDate() == null
                    ? null
                    : ProcessTime.parse(input.signReminderDate()),
                ProcessTime.parse(input.signDeadline()),
                ProcessTime.parse(input.now()))));
  }

  /** The {@code ProcurementComplaintLodged} message's {@code complaint}. */
  public record Complaint(String complainant, String grounds) {}

  public record ComplaintInput(
      Complaint complaint, Integer complaintsFiled, Integer objectionsFiled, String now) {}

  /**
   * The complaint as the finance department's task reads it.
   *
   * @param objectionAnswered whether an objection was answered first: a complaint needs one (政府采购法
   *     Art 55; 94号令 Art 17), so the department can dismiss one without it
   */
  public record RegisteredComplaint(
      String complainant,
      String grounds,
      String receivedAt,
      String decisionDeadline,
      boolean objectionAnswered) {}

  public record ComplaintOutput(RegisteredComplaint complaint, int complaintsFiled) {}

  /**
   * {@code procurement.register-complaint}: a complaint (投诉) to the finance department, decided
   * within 30 working days; signing waits meanwhile.
   */
  @JobWorker(type = "procurement.register-complaint")
  public ComplaintOutput registerComplaint(@VariablesAsType ComplaintInput input) {
    Complaint complaint = input.complaint();
    if (complaint == null) {
      throw new IllegalArgumentException("ProcurementComplaintLodged carried no 'complaint'");
    }
    ZonedDateTime now = ProcessTime.parse(input.now());
    int filed = input.complaintsFiled() == null ? 0 : input.complaintsFiled();
    return new ComplaintOutput(
        new RegisteredComplaint(
            complaint.complainant(),
            complaint.grounds(),
            ProcessTime.format(now),
            ProcessTime.format(scheduling.complaintDecisionDeadline(now)),
            input.objectionsFiled() != null && input.objectionsFiled() > 0),
        filed + 1);
  }
}
