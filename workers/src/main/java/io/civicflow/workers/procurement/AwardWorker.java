package io.civicflow.workers.procurement;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.camunda.client.api.response.ActivatedJob;
import io.civicflow.workers.calendar.ProcessTime;
import io.civicflow.workers.documents.DocumentFile;
import io.civicflow.workers.documents.DocumentProperties;
import io.civicflow.workers.documents.DocumentReference;
import io.civicflow.workers.documents.GeneratedDocuments;
import io.civicflow.workers.outbox.Publisher;
import io.civicflow.workers.outbox.Recipient;
import io.civicflow.workers.outbox.RecipientDirectory;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * {@code procurement.publish-award}; {@code procurement.publish-contract} is the contract area's
 * ({@code ContractSigningWorker}), which records the signed contract.
 */
@Component
public class AwardWorker {

  private final AwardPublication awards;
  private final GeneratedDocuments papers;
  private final RecipientDirectory people;
  private final Publisher publisher;
  private final ScoreSheetSeal seal;

  /**
   * @param publisher the purchaser, agency and contact the award notice names ({@code
   *     civicflow.procurement.*})
   */
  public AwardWorker(
      AwardPublication awards,
      GeneratedDocuments papers,
      RecipientDirectory people,
      Publisher publisher,
      ScoreSheetSeal seal) {
    this.awards = awards;
    this.papers = papers;
    this.people = people;
    this.publisher = publisher;
    this.seal = seal;
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
      Long annualBudgetPerUnitFen,
      Long ceilingPriceFen,
      String sealedPanelDraw,
      String now) {}

  /**
   * The award and its notice as a PDF in the document store ({@code awardNoticeDocument}: what the
   * winner receives and the award publication links), and the committee as the notice publishes it
   * ({@code awardCommittee}: names only, null if the draw was not sealed). The draw's record — the
   * pool, who was recused for ties to which bidder, the members' accounts — stays sealed in {@code
   * sealedPanelDraw}: the law publishes the names, not the rest (条例 Art 43).
   */
  public record Award(
      @JsonUnwrapped AwardNotice notice,
      DocumentReference awardNoticeDocument,
      String awardCommittee) {}

  @JobWorker(type = "procurement.publish-award")
  public Award publishAward(ActivatedJob job, @VariablesAsType AwardInput input) {
    ZonedDateTime now = ProcessTime.parse(input.now());
    DocumentReference[] document = new DocumentReference[1];
    PanelFormation.Draw draw =
        input.sealedPanelDraw() == null
            ? null
            : seal.openRecord(
                input.projectNo(),
                CommitteeWorker.PANEL_DRAW,
                input.sealedPanelDraw(),
                PanelFormation.Draw.class);
    AwardNotice notice =
        publish(
            input,
            draw,
            now,
            issued -> {
              document[0] =
                  papers.issue(
                      ProcurementPapers.awardNotice(
                          input.projectNo(), input.unitName(), input.method(), issued, now),
                      "成交通知书-" + input.projectNo() + ".pdf",
                      new DocumentProperties(
                          "award-notice", input.projectNo(), job.getProcessInstanceKey()),
                      job.getElementInstanceKey());
              return List.of(document[0].file());
            });
    return new Award(notice, document[0], committee(draw));
  }

  /**
   * What the award notice states beyond the award itself (财库〔2017〕86号-style template): project,
   * purchaser, agency, contact, method, budget, ceiling and the committee's names — names only,
   * never a member's scores. The committee comes from the opened draw: the unit's process holds no
   * readable list of its members.
   */
  Map<String, String> facts(AwardInput input, PanelFormation.Draw draw) {
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("projectName", ProcurementPapers.projectName(input.unitName()));
    facts.putAll(publisher.facts());
    if (input.method() != null && !input.method().isBlank()) {
      facts.put("method", input.method());
    }
    if (input.annualBudgetPerUnitFen() != null) {
      facts.put("budget", AwardPublication.yuan(input.annualBudgetPerUnitFen()) + "元（每合同年度）");
    }
    if (input.ceilingPriceFen() != null) {
      facts.put("ceilingPrice", AwardPublication.yuan(input.ceilingPriceFen()) + "元（每合同年度）");
    }
    String committee = committee(draw);
    if (committee != null) {
      facts.put("committee", committee);
    }
    return facts;
  }

  /**
   * The committee as the award notice names it: each member's name (never an account, e-mail or
   * telephone), experts in the draw's order, then the purchaser's representatives marked as such;
   * null without a draw.
   */
  String committee(PanelFormation.Draw draw) {
    if (draw == null || draw.panel() == null || draw.panel().isEmpty()) {
      return null;
    }
    return draw.panel().stream()
        .map(
            m ->
                people.user(m.userId()).map(Recipient::displayName).orElse(m.userId())
                    + (m.kind() == PanelMember.Kind.PURCHASER ? "（采购人代表）" : ""))
        .collect(Collectors.joining("、"));
  }

  private AwardNotice publish(
      AwardInput input,
      PanelFormation.Draw draw,
      ZonedDateTime now,
      Function<AwardNotice, List<DocumentFile>> attachments) {
    return awards.publish(
        input.projectNo(),
        winnerId(input.winner()),
        input.ranking(),
        input.bids(),
        input.refusedToSign(),
        input.tenderAttempt() == null ? 1 : input.tenderAttempt(),
        input.awardAttempt() == null ? 0 : input.awardAttempt(),
        now,
        facts(input, draw),
        attachments);
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
