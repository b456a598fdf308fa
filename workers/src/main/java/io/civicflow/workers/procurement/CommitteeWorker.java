package io.civicflow.workers.procurement;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.civicflow.workers.calendar.Deadlines;
import io.civicflow.workers.calendar.ProcessTime;
import java.math.BigDecimal;
import java.util.List;
import org.springframework.stereotype.Component;

/** The evaluation committee: {@code procurement.form-panel} and {@code procurement.rank-bids}. */
@Component
public class CommitteeWorker {

  static final int REPORT_WORKING_DAYS = 2;

  private final PanelFormation panels;
  private final Deadlines deadlines;

  public CommitteeWorker(PanelFormation panels, Deadlines deadlines) {
    this.panels = panels;
    this.deadlines = deadlines;
  }

  public record PanelInput(List<Bid> qualifiedBids, long contractValueFen, String projectNo) {}

  public record Panel(List<PanelMember> panel) {}

  @JobWorker(type = "procurement.form-panel")
  public Panel formPanel(@VariablesAsType PanelInput input) {
    return new Panel(panels.form(input.projectNo(), input.contractValueFen()));
  }

  /** The part of the needs book the ranking reads. */
  public record NeedsBook(BigDecimal priceWeightPercent) {}

  /**
   * @param priceWeightPercent the weight the tender documents published
   *     (procurement.schedule-tender checked it against the method's range); it is applied as
   *     published
   */
  public record RankInput(
      List<ScoreSheet> scoreSheets,
      List<Bid> qualifiedBids,
      BigDecimal priceWeightPercent,
      NeedsBook needsBook,
      BigDecimal priceWeightMinPercent,
      BigDecimal priceWeightMaxPercent,
      String now) {}

  public record Ranking(List<RankedBid> ranking, String reportDeadline) {}

  /**
   * Ranks the bids with the published price weight (a tender started before the weight was
   * published falls back to the needs book's, clamped to the method's range); the evaluation report
   * is due within 2 working days (DOMAIN.md §6).
   */
  @JobWorker(type = "procurement.rank-bids")
  public Ranking rankBids(@VariablesAsType RankInput input) {
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
    List<RankedBid> ranking = BidRanking.rank(input.qualifiedBids(), input.scoreSheets(), weight);
    return new Ranking(
        ranking,
        ProcessTime.format(
            deadlines.workingDaysAfter(ProcessTime.parse(input.now()), REPORT_WORKING_DAYS)));
  }
}
