package io.civicflow.workers.procurement;

import com.fasterxml.jackson.databind.JsonNode;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.civicflow.workers.calendar.ProcessTime;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code procurement.publish-award}; {@code procurement.publish-contract} is the contract area's
 * ({@code ContractSigningWorker}), which records the signed contract.
 */
@Component
public class AwardWorker {

  private final AwardPublication awards;

  public AwardWorker(AwardPublication awards) {
    this.awards = awards;
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
      Integer awardAttempt,
      String now) {}

  @JobWorker(type = "procurement.publish-award")
  public AwardNotice publishAward(@VariablesAsType AwardInput input) {
    return awards.publish(
        input.projectNo(),
        winnerId(input.winner()),
        input.ranking(),
        input.bids(),
        input.refusedToSign(),
        input.tenderAttempt() == null ? 1 : input.tenderAttempt(),
        input.awardAttempt() == null ? 0 : input.awardAttempt(),
        ProcessTime.parse(input.now()));
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
