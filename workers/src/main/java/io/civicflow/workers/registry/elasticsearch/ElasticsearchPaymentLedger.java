package io.civicflow.workers.registry.elasticsearch;

import io.civicflow.workers.payment.ConflictingPaymentException;
import io.civicflow.workers.payment.PaymentInstruction;
import io.civicflow.workers.payment.PaymentLedger;
import io.civicflow.workers.payment.PaymentRecord;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link PaymentLedger} in Elasticsearch ({@link RegistryIndices#PAYMENTS}): one document per
 * tranche, id = the payment id, created only if absent, so a retried or concurrent payment job
 * records one payment; a different instruction under a recorded id throws {@link
 * ConflictingPaymentException}. Unreachable Elasticsearch throws {@link
 * ElasticsearchAccessException}: the job fails and is retried, nothing is paid twice.
 */
public final class ElasticsearchPaymentLedger implements PaymentLedger {

  private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchPaymentLedger.class);
  private static final String ALIAS = RegistryIndices.PAYMENTS.alias();

  private final ElasticsearchDocumentStore store;
  private final InstantSource clock;

  /**
   * @param clock stamps {@link PaymentRecord#paidAt()}
   */
  public ElasticsearchPaymentLedger(ElasticsearchDocumentStore store, InstantSource clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public PaymentRecord pay(PaymentInstruction instruction) {
    PaymentRecord candidate = PaymentRecord.of(instruction, clock.instant());
    ElasticsearchDocumentStore.Stored<PaymentRecord> stored =
        store.createOnce(ALIAS, candidate.paymentId(), candidate, PaymentRecord.class);
    PaymentRecord recorded = stored.document();
    if (stored.created()) {
      LOG.info(
          "Paid {}: contract {} year {} tranche {}, {} fen ({})",
          recorded.paymentId(),
          recorded.contractNo(),
          recorded.contractYear(),
          recorded.tranche(),
          recorded.amountFen(),
          recorded.reason());
      return recorded;
    }
    if (!recorded.isSamePaymentAs(instruction)) {
      throw new ConflictingPaymentException(recorded, instruction);
    }
    LOG.debug("Payment {} already recorded, returning it", recorded.paymentId());
    return recorded;
  }

  @Override
  public List<PaymentRecord> paymentsOf(String contractNo) {
    return store.searchSorted(
        ALIAS,
        ElasticsearchDocumentStore.term("contractNo", contractNo),
        List.of("contractYear", "tranche"),
        PaymentRecord.class);
  }

  @Override
  public long totalPaid(String contractNo) {
    return paymentsOf(contractNo).stream()
        .mapToLong(PaymentRecord::amountFen)
        .reduce(0, Math::addExact);
  }
}
