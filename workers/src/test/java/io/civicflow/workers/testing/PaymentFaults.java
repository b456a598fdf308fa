package io.civicflow.workers.testing;

import io.civicflow.workers.payment.PaymentInstruction;
import io.civicflow.workers.payment.PaymentLedger;
import io.civicflow.workers.payment.PaymentRecord;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Test-only crashes of the payment worker: wraps the application's {@link PaymentLedger} so that a
 * test can make the worker fail <em>after</em> the ledger recorded a payment and before the job is
 * completed — the moment a real crash loses the job's completion while the money has left. The
 * engine then delivers the job again (at least once), and the test sees whether the retry pays a
 * second time. Inert unless a test arms it with {@link #crashOnceAfterPaying(String)}.
 */
public final class PaymentFaults implements BeanPostProcessor {

  private final Set<String> armed = ConcurrentHashMap.newKeySet();
  private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

  /** The next payment under {@code paymentId} is recorded, then the worker crashes. */
  public void crashOnceAfterPaying(String paymentId) {
    armed.add(paymentId);
  }

  /** How often a worker asked the ledger to pay {@code paymentId}. */
  public int attempts(String paymentId) {
    AtomicInteger count = attempts.get(paymentId);
    return count == null ? 0 : count.get();
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    return bean instanceof PaymentLedger ledger && !(bean instanceof CrashingLedger)
        ? new CrashingLedger(ledger)
        : bean;
  }

  /** Thrown where a real worker would have died. */
  public static final class SimulatedCrash extends RuntimeException {
    SimulatedCrash(String paymentId) {
      super("Simulated crash after paying " + paymentId + ", before the job was completed");
    }
  }

  private final class CrashingLedger implements PaymentLedger {

    private final PaymentLedger ledger;

    CrashingLedger(PaymentLedger ledger) {
      this.ledger = ledger;
    }

    @Override
    public PaymentRecord pay(PaymentInstruction instruction) {
      String id = instruction.paymentId();
      attempts.computeIfAbsent(id, key -> new AtomicInteger()).incrementAndGet();
      PaymentRecord paid = ledger.pay(instruction);
      if (armed.remove(id)) {
        throw new SimulatedCrash(id);
      }
      return paid;
    }

    @Override
    public List<PaymentRecord> paymentsOf(String contractNo) {
      return ledger.paymentsOf(contractNo);
    }

    @Override
    public long totalPaid(String contractNo) {
      return ledger.totalPaid(contractNo);
    }
  }
}
