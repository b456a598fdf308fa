package io.civicflow.workers.procurement;

import io.civicflow.workers.calendar.Deadlines;
import io.civicflow.workers.calendar.ProcessTime;
import io.civicflow.workers.documents.DocumentFile;
import io.civicflow.workers.outbox.Outbox;
import io.civicflow.workers.outbox.OutboxMessage;
import io.civicflow.workers.outbox.Publisher;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * After signing (DOMAIN.md §6 "Contract"): publish the contract within 2 working days, file it with
 * the finance department within 7 working days, refund the winner's bid bond within 5 working days
 * (政府采购法实施条例 Art 33, 87号令 Art 38; the others' bonds were refunded from the award notice, {@link
 * AwardPublication}, under the same id per tender attempt, so a bond refunded once — a
 * second-ranked supplier's, refunded from the first award notice — is not refunded again when it
 * signs). Each duty is posted to the {@link Outbox} with its due date, under an id made of the
 * contract number (and the bidder), so a retried job posts it once.
 */
public final class ContractPublication {

  static final int PUBLICATION_WORKING_DAYS = 2;
  static final int FILING_WORKING_DAYS = 7;
  static final int BOND_REFUND_WORKING_DAYS = 5;

  /** The due dates, ISO-8601 with offset. */
  public record Duties(
      String contractPublishedBy, String contractFiledBy, String bondsRefundedBy) {}

  private final Deadlines deadlines;
  private final Outbox outbox;
  private final Publisher publisher;

  public ContractPublication(Deadlines deadlines, Outbox outbox) {
    this(deadlines, outbox, Publisher.KUNSHAN);
  }

  /**
   * @param publisher the purchaser, agency and contact the contract notice names
   */
  public ContractPublication(Deadlines deadlines, Outbox outbox, Publisher publisher) {
    this.deadlines = Objects.requireNonNull(deadlines, "deadlines");
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.publisher = Objects.requireNonNull(publisher, "publisher");
  }

  public Duties publish(
      String contractNo,
      String projectNo,
      RankedBid winner,
      List<RankedBid> ranking,
      ZonedDateTime signedAt) {
    return publish(contractNo, projectNo, winner, ranking, 1, null, null, signedAt);
  }

  /**
   * @param tenderAttempt the tender attempt whose bids the winner's bond was paid with
   * @param unitName the unit the contract serves, for the project's name; may be null
   * @param method the procurement method; may be null
   */
  public Duties publish(
      String contractNo,
      String projectNo,
      RankedBid winner,
      List<RankedBid> ranking,
      int tenderAttempt,
      String unitName,
      String method,
      ZonedDateTime signedAt) {
    return publish(
        contractNo,
        projectNo,
        winner,
        ranking,
        tenderAttempt,
        unitName,
        method,
        signedAt,
        List.of());
  }

  /**
   * @param contractText the contract the notice links (条例 Art 50: the contract itself is
   *     published), the one generated from the tender documents and the award; never the signed
   *     scan
   */
  public Duties publish(
      String contractNo,
      String projectNo,
      RankedBid winner,
      List<RankedBid> ranking,
      int tenderAttempt,
      String unitName,
      String method,
      ZonedDateTime signedAt,
      List<DocumentFile> contractText) {
    String published =
        ProcessTime.format(deadlines.workingDaysAfter(signedAt, PUBLICATION_WORKING_DAYS));
    String filed = ProcessTime.format(deadlines.workingDaysAfter(signedAt, FILING_WORKING_DAYS));
    String refunded =
        ProcessTime.format(deadlines.workingDaysAfter(signedAt, BOND_REFUND_WORKING_DAYS));
    outbox.post(
        new OutboxMessage(
            contractNo + ":publication",
            "notice.contract",
            contractNo,
            "public",
            projectNo + " 政府采购合同公告（" + contractNo + "，" + winner.bidderName() + "）",
            "合同已于"
                + ProcessTime.format(signedAt).substring(0, 10)
                + "签订，合同金额"
                + AwardPublication.yuan(winner.priceFen())
                + "元（每合同年度）；须于"
                + published
                + "前在指定媒体公告。",
            signedAt.toInstant(),
            contractFacts(
                publisher,
                unitName == null ? null : ProcurementPapers.projectName(unitName),
                method,
                contractNo,
                winner.bidderName(),
                winner.priceFen(),
                signedAt),
            contractText));
    post(
        contractNo + ":filing",
        "contract.filing",
        contractNo,
        "civil-affairs",
        contractNo + " 合同报同级财政部门备案",
        "须于" + filed + "前备案",
        signedAt);
    post(
        projectNo + ":tender:" + tenderAttempt + ":bond-refund:" + winner.bidderId(),
        "payment.bond-refund",
        projectNo,
        "procurement-agency",
        "退还" + winner.bidderName() + "投标保证金（" + projectNo + "）",
        "已签订合同，须于" + refunded + "前退还（合同签订之日起5个工作日内）",
        signedAt);
    return new Duties(published, filed, refunded);
  }

  /**
   * What a contract notice states (财库〔2017〕86号-style: project, purchaser, agency, contact, method,
   * contract number, date of signing, supplier, amount): also the renewal's.
   *
   * @param projectName may be null
   * @param method may be null
   */
  public static Map<String, String> contractFacts(
      Publisher publisher,
      String projectName,
      String method,
      String contractNo,
      String supplier,
      long amountFen,
      ZonedDateTime signedAt) {
    Map<String, String> fields = new LinkedHashMap<>();
    if (projectName != null) {
      fields.put("projectName", projectName);
    }
    fields.putAll(publisher.facts());
    if (method != null && !method.isBlank()) {
      fields.put("method", method);
    }
    fields.put("contractNo", contractNo);
    fields.put("signedAt", ProcessTime.format(signedAt));
    fields.put("winner", supplier);
    fields.put("contractAmount", AwardPublication.yuan(amountFen) + "元（每合同年度）");
    return fields;
  }

  private void post(
      String id,
      String topic,
      String key,
      String group,
      String title,
      String body,
      ZonedDateTime at) {
    outbox.post(new OutboxMessage(id, topic, key, group, title, body, at.toInstant()));
  }
}
