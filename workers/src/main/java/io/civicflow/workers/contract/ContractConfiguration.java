package io.civicflow.workers.contract;

import io.civicflow.workers.calendar.Deadlines;
import io.civicflow.workers.outbox.Outbox;
import io.civicflow.workers.outbox.Publisher;
import io.civicflow.workers.payment.PaymentLedger;
import io.civicflow.workers.registry.ProviderRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The services of the contract years (renewal, closing, termination), and the in-memory contract
 * records when Elasticsearch is off.
 */
@Configuration(proxyBeanMethods = false)
public class ContractConfiguration {

  @Bean
  ContractRenewal contractRenewal(
      ContractRecords records, Deadlines deadlines, Outbox outbox, Publisher publisher) {
    return new ContractRenewal(records, deadlines, outbox, publisher);
  }

  @Bean
  ContractClosing contractClosing(PaymentLedger ledger) {
    return new ContractClosing(ledger);
  }

  @Bean
  ContractTermination contractTermination(
      Outbox outbox, ProviderRegistry registry, PaymentLedger ledger, Publisher publisher) {
    return new ContractTermination(outbox, registry, ledger, publisher);
  }

  /** For {@code civicflow.registry.elasticsearch.enabled=false}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(
      prefix = "civicflow.registry.elasticsearch",
      name = "enabled",
      havingValue = "false")
  static class InMemoryAdapter {

    @Bean
    ContractRecords contractRecords() {
      return new InMemoryContractRecords();
    }
  }
}
