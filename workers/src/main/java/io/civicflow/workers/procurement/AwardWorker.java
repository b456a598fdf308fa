package io.civicflow.workers.procurement;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.camunda.client.api.response.ActivatedJob;
import io.civicflow.workers.calendar.ProcessTime;
import io.civicflow.workers.documents.DocumentProperties;
import io.civicflow.workers.documents.DocumentReference;
import io.civicflow.workers.documents.GeneratedDocuments;
import java.time.ZonedDateTime;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code procurement.publish-award}; {@code procurement.publish-contract} is the contract area's
 * ({@code ContractSigningWorker}), which records the signed contract.
 */
@Component
public class AwardWorker {

  private final AwardPublication awards;
  private final GeneratedDocuments papers;

  public AwardWorker(AwardPublication awards, GeneratedDocuments papers) {
    this.awards = awards;
    this.papers = papers;
  }

  /**
   * @param winner the bidder id the purchaser's form gives, or a ranking entry when the
   *     first-ranked is deemed chosen
   */
  public record AwardInput(
      JsonNode winner,
      List<RankedBid> ranking,
      List<Bid> bids,
      List<String> refusedToSign,
      Integer tenderAttempt,
      String projectNo,
      String unitName,
      String method,
      Integer awardAttempt,
      String now) {}

  /**
   * The award and its notice as a PDF in the document store ({@code awardNoticeDocument}: what the
   * winner receives and the award publication links).
   */
  public record Award(@JsonUnwrapped AwardNotice notice, DocumentReference awardNoticeDocument) {}

  @JobWorker(type = "procurement.publish-award")
  public Award publishAward(ActivatedJob job, @VariablesAsType AwardInput input) {
    ZonedDateTime now = ProcessTime.parse(input.now());
    AwardNotice notice = publish(input, now);
    DocumentReference document =
        papers.issue(
            ProcurementPapers.awardNotice(
                input.projectNo(), input.unitName(), input.method(), notice, now),
            "成交通知书-" + input.projectNo() + ".pdf",
            new DocumentProperties("award-notice", input.projectNo(), job.getProcessInstanceKey()));
    return new Award(notice, document);
  }

  private AwardNotice publish(AwardInput input, ZonedDateTime now) {
    return awards.publish(
        input.projectNo(),
        winnerId(input.winner()),
        input.ranking(),
        input.bids(),
        input.refusedToSign(),
        input.tenderAttempt() == null ? 1 : input.tenderAttempt(),
        input.awardAttempt() == null ? 0 : input.awardAttempt(),
        now);
  }

  /** The bidder id of {@code winner}: the text itself, or the {@code bidderId} of an object. */
  static String winnerId(JsonNode winner) {
    if (winner != null && winner.isTextual() && !winner.asText().isBlank()) {
      return winner.asText();
    }
    if (winner != null && winner.isObject() && winner.path("bidderId").isTextual()) {
      return winner.path("bidderId").asText();
    }
    throw new IllegalArgumentException(
        "winner must be a bidderId or a ranking entry, was " + winner);
  }
}
