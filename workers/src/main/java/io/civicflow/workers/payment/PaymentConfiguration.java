package io.civicflow.workers.payment;

import java.time.InstantSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The round budget, tranche releases and evaluation fees, and the in-memory ledger when
 * Elasticsearch is off (stamped with engine time, like the Elasticsearch ledger).
 */
@Configuration(proxyBeanMethods = false)
public class PaymentConfiguration {

  @Bean
  RoundBudget roundBudget() {
    return new RoundBudget();
  }

  @Bean
  TrancheRelease trancheRelease(PaymentLedger ledger) {
    return new TrancheRelease(ledger);
  }

  @Bean
  EvaluationFees evaluationFees(PaymentLedger ledger) {
    return new EvaluationFees(ledger);
  }

  /** For {@code civicflow.registry.elasticsearch.enabled=false}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(
      prefix = "civicflow.registry.elasticsearch",
      name = "enabled",
      havingValue = "false")
  static class InMemoryAdapter {

    @Bean
    PaymentLedger paymentLedger(InstantSource engineTime) {
      return new InMemoryPaymentLedger(engineTime);
    }
  }
}
