package io.civicflow.workers.procurement;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.civicflow.workers.calendar.Deadlines;
import io.civicflow.workers.calendar.ProcessTime;
import io.civicflow.workers.documents.DocumentProperties;
import io.civicflow.workers.documents.DocumentReference;
import io.civicflow.workers.documents.GeneratedDocuments;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.stereotype.Component;

/** The evaluation committee: {@code procurement.form-panel} and {@code procurement.rank-bids}. */
@Component
public class CommitteeWorker {

  static final int REPORT_WORKING_DAYS = 2;

  private final PanelFormation panels;
  private final ScoreSheetSeal seal;
  private final Deadlines deadlines;
  private final GeneratedDocuments papers;
  private final SecureRandom seatOrder = new SecureRandom();

  public CommitteeWorker(
      PanelFormation panels, ScoreSheetSeal seal, Deadlines deadlines, GeneratedDocuments papers) {
    this.panels = panels;
    this.seal = seal;
    this.deadlines = deadlines;
    this.papers = papers;
  }

  public record PanelInput(
      List<Bid> qualifiedBids, long contractValueFen, String projectNo, String now) {}

  /** The label {@link ScoreSheetSeal#sealRecord} binds the sealed draw to. */
  static final String PANEL_DRAW = "panelDraw";

  /**
   * @param panelSeats who scores, one sealed seat per member ({@link ScoreSheetSeal#sealSeat}): the
   *     multi-instance collection of the scoring, which names no one to readers of the unit's
   *     process
   * @param sealedPanelDraw the record of the draw, for audit, sealed like the score sheets: it is
   *     confidential until the award notice, when {@code procurement.publish-award} opens it as
   *     {@code panelDraw}
   */
  public record Panel(List<String> panelSeats, String sealedPanelDraw) {}

  /**
   * Draws the committee at random, experts tied to a qualified bidder recused. The seats are put in
   * a random order of their own (the draw lists experts sorted, as the award notice will name
   * them), so the report's seat labels (委员A, 委员B, …: {@link ProcurementPapers#evaluationReport})
   * cannot be matched to the names the notice publishes. A retried job draws again: only the draw
   * whose job completed stands, and it is the one the process records.
   */
  @JobWorker(type = "procurement.form-panel")
  public Panel formPanel(@VariablesAsType PanelInput input) {
    List<String> bidders =
        input.qualifiedBids() == null
            ? List.of()
            : input.qualifiedBids().stream().map(Bid::bidderId).toList();
    PanelFormation.Draw draw =
        panels.draw(input.projectNo(), input.contractValueFen(), bidders, input.now());
    List<PanelMember> seats = new ArrayList<>(draw.panel());
    Collections.shuffle(seats, seatOrder);
    return new Panel(
        seats.stream().map(member -> seal.sealSeat(input.projectNo(), member)).toList(),
        seal.sealRecord(input.projectNo(), PANEL_DRAW, draw));
  }

  /** The scoring task of one seat, as its creating listener is given it. */
  public record SeatInput(String projectNo, String panelSeat) {}

  /**
   * {@code procurement.assign-seat}: the {@code creating} listener of a committee member's scoring
   * task opens the task's sealed seat and corrects the task's assignee to its member, so the member
   * is named only on the task (seen by the member and by those who may read user tasks), never in a
   * variable; the {@code assigning} listener then tells the member.
   */
  @JobWorker(type = "procurement.assign-seat", autoComplete = false)
  public void assignSeat(JobClient jobs, ActivatedJob job, @VariablesAsType SeatInput input) {
    if (input.panelSeat() == null) {
      throw new IllegalArgumentException("procurement.assign-seat needs the panelSeat");
    }
    String member = seal.openSeat(input.projectNo(), input.panelSeat()).userId();
    jobs.newCompleteCommand(job)
        .withResult(r -> r.forUserTask().correctAssignee(member))
        .send()
        .join();
  }

  /** One member's sheet, as the member's own scope of the scoring holds it. */
  public record SheetInput(String projectNo, String panelSeat, List<ScoreSheet.Score> scores) {}

  public record Sealed(ScoreSheetSeal.SealedSheet sealedSheet) {}

  /** Seals the member's scores before they leave the member's scope ({@link ScoreSheetSeal}). */
  @JobWorker(type = "procurement.seal-score-sheet")
  public Sealed sealScoreSheet(@VariablesAsType SheetInput input) {
    if (input.panelSeat() == null) {
      throw new IllegalArgumentException("procurement.seal-score-sheet needs the panelSeat");
    }
    PanelMember member = seal.openSeat(input.projectNo(), input.panelSeat());
    return new Sealed(
        seal.seal(
            input.projectNo(), input.panelSeat(), new ScoreSheet(member.userId(), input.scores())));
  }

  /** The part of the needs book the ranking reads. */
  public record NeedsBook(BigDecimal priceWeightPercent) {}

  /**
   * @param priceWeightPercent the weight the tender documents published
   *     (procurement.schedule-tender checked it against the method's range); it is applied as
   *     published
   */
  public record RankInput(
      String projectNo,
      List<ScoreSheetSeal.SealedSheet> sealedScoreSheets,
      List<Bid> qualifiedBids,
      BigDecimal priceWeightPercent,
      NeedsBook needsBook,
      BigDecimal priceWeightMinPercent,
      BigDecimal priceWeightMaxPercent,
      String unitName,
      String now) {}

  /**
   * @param evaluationReportDocument the report drawn up from the ranking and the score sheets, as a
   *     PDF for the committee to check and sign (评审报告)
   */
  public record Ranking(
      List<RankedBid> ranking, String reportDeadline, DocumentReference evaluationReportDocument) {}

  /**
   * Opens the sealed score sheets and ranks the bids with the published price weight (a tender
   * started before the weight was published falls back to the needs book's, clamped to the method's
   * range); the evaluation report is due within 2 working days (DOMAIN.md §6).
   */
  @JobWorker(type = "procurement.rank-bids")
  public Ranking rankBids(ActivatedJob job, @VariablesAsType RankInput input) {
    BigDecimal weight =
        input.priceWeightPercent() != null
            ? input.priceWeightPercent()
            : BidRanking.priceWeightPercent(
                input.needsBook() == null ? null : input.needsBook().priceWeightPercent(),
                input.priceWeightMinPercent() == null
                    ? BigDecimal.TEN
                    : input.priceWeightMinPercent(),
                input.priceWeightMaxPercent() == null
                    ? BigDecimal.valueOf(100)
                    : input.priceWeightMaxPercent());
    List<ScoreSheet> sheets =
        input.sealedScoreSheets() == null
            ? List.of()
            : input.sealedScoreSheets().stream()
                .map(sheet -> seal.open(input.projectNo(), sheet))
                .toList();
    List<RankedBid> ranking = BidRanking.rank(input.qualifiedBids(), sheets, weight);
    ZonedDateTime now = ProcessTime.parse(input.now());
    DocumentReference report =
        papers.issue(
            ProcurementPapers.evaluationReport(
                input.projectNo(),
                input.unitName(),
                ranking,
                sheets,
                weight.stripTrailingZeros().toPlainString(),
                now),
            "评审报告-" + input.projectNo() + ".pdf",
            new DocumentProperties(
                "evaluation-report", input.projectNo(), job.getProcessInstanceKey()),
            job.getElementInstanceKey());
    return new Ranking(
        ranking, ProcessTime.format(deadlines.workingDaysAfter(now, REPORT_WORKING_DAYS)), report);
  }
}
