package io.civicflow.workers.procurement;

import com.fasterxml.jackson.databind.JsonNode;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.civicflow.workers.calendar.ProcessTime;
import io.civicflow.workers.contract.ContractEntry;
import io.civicflow.workers.contract.ContractRecords;
import java.time.ZonedDateTime;
import java.util.List;
import org.springframework.stereotype.Component;

/** {@code procurement.publish-award} and {@code procurement.publish-contract}. */
@Component
public class AwardWorker {

  private final AwardPublication awards;
  private final ContractPublication contracts;

  private final ContractRecords records;

  public AwardWorker(
      AwardPublication awards, ContractPublication contracts, ContractRecords records) {
    this.awards = awards;
    this.contracts = contracts;
    this.records = records;
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

  /**
   * The unit and provider fields are recorded in the contract register; {@code unitName} is the
   * district the analysts group by.
   */
  public record ContractInput(
      String contractNo,
      String projectNo,
      RankedBid winner,
      List<RankedBid> ranking,
      String unitCode,
      String unitName,
      Integer roundYear,
      String providerOrgId,
      String providerName,
      Long contractValueFen,
      Integer tenderAttempt,
      String now) {}

  /** Publishes the signed contract and records it in the register (id: the contract number). */
  @JobWorker(type = "procurement.publish-contract")
  public ContractPublication.Duties publishContract(@VariablesAsType ContractInput input) {
    ZonedDateTime signedAt = ProcessTime.parse(input.now());
    records.recordContract(
        ContractEntry.signed(
            input.contractNo(),
            input.projectNo(),
            input.unitCode(),
            input.unitName(),
            input.roundYear() == null ? signedAt.getYear() : input.roundYear(),
            input.providerOrgId() != null
                ? input.providerOrgId()
                : input.winner() == null ? null : input.winner().bidderId(),
            input.providerName() != null
                ? input.providerName()
                : input.winner() == null ? null : input.winner().bidderName(),
            input.contractValueFen() == null ? 0 : input.contractValueFen(),
            signedAt.toInstant()));
    return contracts.publish(
        input.contractNo(),
        input.projectNo(),
        input.winner(),
        input.ranking(),
        input.tenderAttempt() == null ? 1 : input.tenderAttempt(),
        signedAt);
  }
}
