package io.civicflow.workers.contract;

import io.civicflow.workers.outbox.Outbox;
import io.civicflow.workers.outbox.OutboxMessage;
import io.civicflow.workers.payment.PaymentLedger;
import io.civicflow.workers.registry.ProviderRegistry;
import io.civicflow.workers.registry.TerminationEntry;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * Terminates a contract after a failed evaluation (Kunshan §5.2: 评估不合格的，终止合同; DOMAIN.md §1): no
 * further payment, a notice to the provider, the district office and the bureau, and an entry in
 * the provider register. Ids derive from the contract number: a contract is terminated once,
 * however often the job runs.
 */
public final class ContractTermination {

  private static final String[] RECIPIENTS = {"provider", "district-office", "civil-affairs"};

  private final Outbox outbox;
  private final ProviderRegistry registry;
  private final PaymentLedger ledger;

  public ContractTermination(Outbox outbox, ProviderRegistry registry, PaymentLedger ledger) {
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.registry = Objects.requireNonNull(registry, "registry");
    this.ledger = Objects.requireNonNull(ledger, "ledger");
  }

  /**
   * @param milestone the failed evaluation, e.g. {@code Y1-MIDTERM}; empty if not known
   * @return what was paid before termination, in fen
   */
  public long terminate(
      String contractNo, String providerOrgId, String milestone, String grade, ZonedDateTime now) {
    String what = milestone.isEmpty() ? "评估" : milestone + "评估";
    for (String group : RECIPIENTS) {
      outbox.post(
          new OutboxMessage(
              "termination:" + contractNo + ":" + group,
              "notice.termination",
              contractNo,
              group,
              contractNo + " 服务合同终止通知",
              what + "结果为" + grade + "，依据合同约定终止合同，停止拨付后续款项。",
              now.toInstant()));
    }
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
