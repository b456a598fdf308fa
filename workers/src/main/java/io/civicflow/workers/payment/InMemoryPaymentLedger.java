package io.civicflow.workers.payment;

import java.time.InstantSource;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link PaymentLedger} held in memory, for tests and the embedded demo. Thread-safe: the first
 * {@code putIfAbsent} of an id wins and every other caller gets the winner's record.
 */
public final class InMemoryPaymentLedger implements PaymentLedger {

  private static final Logger LOG = LoggerFactory.getLogger(InMemoryPaymentLedger.class);

  private static final Comparator<PaymentRecord> PAYMENT_ORDER =
      Comparator.comparingInt(PaymentRecord::contractYear).thenComparingInt(PaymentRecord::tranche);

  private final ConcurrentMap<String, PaymentRecord> byPaymentId = new ConcurrentHashMap<>();
  private final InstantSource clock;

  /**
   * @param clock stamps {@link PaymentRecord#paidAt()}
   */
  public InMemoryPaymentLedger(InstantSource clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public PaymentRecord pay(PaymentInstruction instruction) {
    PaymentRecord candidate = PaymentRecord.of(instruction, clock.instant());
    PaymentRecord existing = byPaymentId.putIfAbsent(instruction.paymentId(), candidate);
    if (existing == null) {
      LOG.info(
          "Paid {}: contract {} year {} tranche {}, {} fen ({})",
          candidate.paymentId(),
          candidate.contractNo(),
          candidate.contractYear(),
          candidate.tranche(),
          candidate.amountFen(),
          candidate.reason());
      return candidate;
    }
    if (!existing.isSamePaymentAs(instruction)) {
      throw new ConflictingPaymentException(existing, instruction);
    }
    LOG.debug("Payment {} already recorded, returning it", existing.paymentId());
    return existing;
  }

  @Override
  public List<PaymentRecord> paymentsOf(String contractNo) {
    return byPaymentId.values().stream()
        .filter(payment -> payment.contractNo().equals(contractNo))
        .sorted(PAYMENT_ORDER)
        .toList();
  }

  @Override
  public long totalPaid(String contractNo) {
    return paymentsOf(contractNo).stream()
        .mapToLong(PaymentRecord::amountFen)
        .reduce(0, Math::addExact);
  }
}
