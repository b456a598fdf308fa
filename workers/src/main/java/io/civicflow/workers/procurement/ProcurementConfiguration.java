package io.civicflow.workers.procurement;

import io.camunda.client.CamundaClient;
import io.civicflow.engine.api.EngineApi;
import io.civicflow.workers.calendar.Deadlines;
import io.civicflow.workers.calendar.WorkingDayCalendar;
import io.civicflow.workers.contract.ContractClosing;
import io.civicflow.workers.contract.ContractRecords;
import io.civicflow.workers.contract.ContractTermination;
import io.civicflow.workers.contract.InMemoryContractRecords;
import io.civicflow.workers.evaluation.EvaluationReporting;
import io.civicflow.workers.outbox.InMemoryOutbox;
import io.civicflow.workers.outbox.Notifications;
import io.civicflow.workers.outbox.Outbox;
import io.civicflow.workers.payment.InMemoryPaymentLedger;
import io.civicflow.workers.payment.PaymentLedger;
import io.civicflow.workers.payment.RoundBudget;
import io.civicflow.workers.payment.TrancheRelease;
import io.civicflow.workers.registry.CaseRecords;
import io.civicflow.workers.registry.ComplaintRecording;
import io.civicflow.workers.registry.InMemoryProviderRegistry;
import io.civicflow.workers.registry.InMemoryRecords;
import io.civicflow.workers.registry.IncubationRecords;
import io.civicflow.workers.registry.ProviderRegistry;
import io.civicflow.workers.registry.RatedProviderRegistry;
import io.civicflow.workers.registry.ServiceRequestRecords;
import java.time.Instant;
import java.time.InstantSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The domain services of the procurement lifecycle, and the in-memory adapters behind their ports
 * (payment ledger, outbox, provider register, contract, incubation, case and request records) for
 * {@code civicflow.registry.elasticsearch.enabled=false}; otherwise the Elasticsearch adapters of
 * {@code ElasticsearchRegistryConfiguration} serve.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ExpertPoolProperties.class)
public class ProcurementConfiguration {

  @Bean
  WorkingDayCalendar workingDayCalendar() {
    return WorkingDayCalendar.fromClasspath();
  }

  @Bean
  Deadlines deadlines(WorkingDayCalendar calendar) {
    return new Deadlines(calendar);
  }

  /**
   * The in-memory adapters behind the ports, for {@code
   * civicflow.registry.elasticsearch.enabled=false} (one condition for all of them).
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(
      prefix = "civicflow.registry.elasticsearch",
      name = "enabled",
      havingValue = "false")
  static class InMemoryAdapters {

    @Bean
    Outbox outbox() {
      return new InMemoryOutbox();
    }

    /**
     * The in-memory ledger stamps payments with the embedded engine's clock (the one clock tests
     * move), never with system time; without an embedded engine a real ledger must be configured.
     */
    @Bean
    PaymentLedger paymentLedger(ObjectProvider<EngineApi> engine) {
      InstantSource engineClock =
          () ->
              Instant.ofEpochMilli(
                  engine
                      .getIfAvailable(
                          () -> {
                            throw new IllegalStateException(
                                "The in-memory payment ledger needs the embedded engine's clock;"
                                    + " configure a PaymentLedger bean");
                          })
                      .clock()
                      .epochMilli());
      return new InMemoryPaymentLedger(engineClock);
    }

    @Bean
    ProviderRegistry providerRegistry() {
      return new RatedProviderRegistry(new InMemoryProviderRegistry());
    }

    @Bean
    ContractRecords contractRecords() {
      return new InMemoryContractRecords();
    }

    @Bean
    IncubationRecords incubationRecords() {
      return InMemoryRecords.incubations();
    }

    @Bean
    CaseRecords caseRecords() {
      return InMemoryRecords.cases();
    }

    @Bean
    ServiceRequestRecords serviceRequestRecords() {
      return InMemoryRecords.serviceRequests();
    }
  }

  @Bean
  @ConditionalOnMissingBean(BidMessages.class)
  BidMessages bidMessages(CamundaClient client) {
    return new CamundaBidMessages(client);
  }

  @Bean
  RoundPlanning roundPlanning(Deadlines deadlines) {
    return new RoundPlanning(deadlines);
  }

  @Bean
  TenderScheduling tenderScheduling(Deadlines deadlines, Outbox outbox) {
    return new TenderScheduling(deadlines, outbox);
  }

  @Bean
  PanelFormation panelFormation(ExpertPoolProperties properties) {
    return new PanelFormation(properties.toPool());
  }

  @Bean
  AwardPublication awardPublication(Deadlines deadlines, Outbox outbox) {
    return new AwardPublication(deadlines, outbox);
  }

  @Bean
  ContractPublication contractPublication(Deadlines deadlines, Outbox outbox) {
    return new ContractPublication(deadlines, outbox);
  }

  @Bean
  PaperBidSubmission paperBidSubmission(BidMessages messages) {
    return new PaperBidSubmission(messages);
  }

  @Bean
  RoundBudget roundBudget() {
    return new RoundBudget();
  }

  @Bean
  TrancheRelease trancheRelease(PaymentLedger ledger) {
    return new TrancheRelease(ledger);
  }

  @Bean
  ContractClosing contractClosing(PaymentLedger ledger) {
    return new ContractClosing(ledger);
  }

  @Bean
  ContractTermination contractTermination(
      Outbox outbox, ProviderRegistry registry, PaymentLedger ledger) {
    return new ContractTermination(outbox, registry, ledger);
  }

  @Bean
  EvaluationReporting evaluationReporting(Outbox outbox, ProviderRegistry registry) {
    return new EvaluationReporting(outbox, registry);
  }

  @Bean
  ComplaintRecording complaintRecording(ProviderRegistry registry) {
    return new ComplaintRecording(registry);
  }

  @Bean
  Notifications notifications(Outbox outbox) {
    return new Notifications(outbox);
  }
}
