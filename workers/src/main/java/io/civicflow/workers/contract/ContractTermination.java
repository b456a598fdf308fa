package io.civicflow.workers.contract;

import io.civicflow.workers.calendar.ProcessTime;
import io.civicflow.workers.outbox.Outbox;
import io.civicflow.workers.outbox.OutboxMessage;
import io.civicflow.workers.outbox.Publisher;
import io.civicflow.workers.outbox.RecipientDirectory;
import io.civicflow.workers.payment.PaymentLedger;
import io.civicflow.workers.registry.ProviderRegistry;
import io.civicflow.workers.registry.TerminationEntry;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Terminates a contract after a failed evaluation (Kunshan §5.2: 评估不合格的，终止合同; DOMAIN.md §1): no
 * further payment, a notice to the provider, the district office and the bureau, and an entry in
 * the provider register. Ids derive from the contract number: a contract is terminated once,
 * however often the job runs.
 */
public final class ContractTermination {

  private final Outbox outbox;
  private final ProviderRegistry registry;
  private final PaymentLedger ledger;
  private final Publisher publisher;

  public ContractTermination(Outbox outbox, ProviderRegistry registry, PaymentLedger ledger) {
    this(outbox, registry, ledger, Publisher.KUNSHAN);
  }

  /**
   * @param publisher the purchaser, agency and contact the public termination notice names
   */
  public ContractTermination(
      Outbox outbox, ProviderRegistry registry, PaymentLedger ledger, Publisher publisher) {
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.registry = Objects.requireNonNull(registry, "registry");
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.publisher = Objects.requireNonNull(publisher, "publisher");
  }

  /**
   * @param milestone the failed evaluation, e.g. {@code Y1-MIDTERM}; empty if not known
   * @return what was paid before termination, in fen
   */
  public long terminate(
      String contractNo,
      String providerOrgId,
      String unitCode,
      String milestone,
      String grade,
      ZonedDateTime now) {
    return terminate(contractNo, providerOrgId, unitCode, null, null, milestone, grade, now);
  }

  /**
   * Also publishes the 终止公告 on the public board (project, purchaser, agency, contact, contract,
   * supplier, date and reason: the grade of the evaluation that failed, never its scores).
   *
   * @param unitCode the unit whose district office purchased the service: its own office is told
   *     ({@code district-<unitCode>}), never every district office
   * @param providerName the supplier the notice names; may be null
   * @param unitName the unit the contract served; may be null
   */
  public long terminate(
      String contractNo,
      String providerOrgId,
      String unitCode,
      String providerName,
      String unitName,
      String milestone,
      String grade,
      ZonedDateTime now) {
    String what = milestone.isEmpty() ? "评估" : milestone + "评估";
    // the provider's own people, the purchasing district's office and the bureau (the id keeps
    // the party, so a retried job posts each once)
    Map<String, String> recipients = new LinkedHashMap<>();
    recipients.put("provider", RecipientDirectory.organisation(providerOrgId));
    if (unitCode != null && !unitCode.isBlank()) {
      recipients.put("district-office", "district-" + unitCode);
    }
    recipients.put("civil-affairs", "civil-affairs");
    for (Map.Entry<String, String> party : recipients.entrySet()) {
      outbox.post(
          new OutboxMessage(
              "termination:" + contractNo + ":" + party.getKey(),
              "notify.termination",
              contractNo,
              party.getValue(),
              contractNo + " 服务合同终止通知",
              what + "结果为" + grade + "，依据合同约定终止合同，停止拨付后续款项。",
              now.toInstant()));
    }
    Map<String, String> fields = new LinkedHashMap<>();
    if (unitName != null && !unitName.isBlank()) {
      fields.put("projectName", unitName + "社区社会工作服务项目");
    }
    fields.putAll(publisher.facts());
    fields.put("contractNo", contractNo);
    if (providerName != null && !providerName.isBlank()) {
      fields.put("winner", providerName);
    }
    fields.put("terminatedAt", ProcessTime.format(now));
    fields.put("terminationReason", what + "结果为" + grade + "，依据合同约定终止合同");
    outbox.post(
        new OutboxMessage(
            "termination:" + contractNo + ":public",
            "notice.termination",
            contractNo,
            OutboxMessage.PUBLIC,
            (unitName == null || unitName.isBlank() ? contractNo : unitName + "社区社会工作服务")
                + "合同终止公告",
            what + "结果为" + grade + "，依据合同约定终止合同（合同编号" + contractNo + "），停止拨付后续款项。",
            now.toInstant(),
            fields,
            List.of()));
    registry.recordTermination(
        new TerminationEntry(
            "termination:" + contractNo,
            providerOrgId,
            contractNo,
            milestone,
            grade,
            now.toInstant()));
    return ledger.totalPaid(contractNo);
  }
}
