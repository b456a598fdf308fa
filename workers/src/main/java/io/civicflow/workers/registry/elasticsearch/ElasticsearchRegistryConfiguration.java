package io.civicflow.workers.registry.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.camunda.client.jobhandling.CommandExceptionHandlingStrategy;
import io.camunda.client.jobhandling.DefaultJobExceptionHandlingStrategy;
import io.camunda.client.jobhandling.JobExceptionHandlingStrategy;
import io.camunda.client.metrics.MetricsRecorder;
import io.civicflow.workers.contract.ContractRecords;
import io.civicflow.workers.dispatch.WorkerAvailability;
import io.civicflow.workers.outbox.DeliveringOutbox;
import io.civicflow.workers.outbox.Delivery;
import io.civicflow.workers.outbox.Inbox;
import io.civicflow.workers.outbox.Outbox;
import io.civicflow.workers.payment.PaymentLedger;
import io.civicflow.workers.registry.CaseRecords;
import io.civicflow.workers.registry.GroupRecords;
import io.civicflow.workers.registry.IncubationRecords;
import io.civicflow.workers.registry.OutreachRecords;
import io.civicflow.workers.registry.ProviderRegistry;
import io.civicflow.workers.registry.RatedProviderRegistry;
import io.civicflow.workers.registry.ServiceRequestRecords;
import io.civicflow.workers.registry.StationRecordDistricts;
import io.civicflow.workers.stations.StationDirectory;
import java.time.Duration;
import java.time.InstantSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The Elasticsearch adapters behind the registry's, the ledger's, the contract records' and the
 * outbox's ports, on unless {@code civicflow.registry.elasticsearch.enabled=false} (then the
 * in-memory adapters of each area's configuration serve, for a quick try without Elasticsearch).
 * The server is the one at {@code civicflow.registry.elasticsearch.url} (default {@code
 * http://127.0.0.1:9200}; the {@code camunda} profile sets it), run by someone else ({@link
 * RegistryElasticsearch}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(
    prefix = "civicflow.registry.elasticsearch",
    name = "enabled",
    havingValue = "true",
    matchIfMissing = true)
public class ElasticsearchRegistryConfiguration {

  private static final Logger LOG =
      LoggerFactory.getLogger(ElasticsearchRegistryConfiguration.class);

  @Bean(destroyMethod = "close")
  RegistryElasticsearch registryElasticsearch(Environment environment) {
    return RegistryElasticsearch.connect(environment);
  }

  /**
   * The health of the registry's Elasticsearch; named so that it replaces Spring Boot's indicator,
   * which would ask {@code spring.elasticsearch.uris} instead.
   */
  @Bean(name = "elasticsearchHealthIndicator")
  HealthIndicator elasticsearchHealthIndicator(RegistryElasticsearch elasticsearch) {
    return new RegistryElasticsearchHealthIndicator(elasticsearch);
  }

  /** The store of every CivicFlow index; creates the indices now, or on first use if ES is down. */
  @Bean
  ElasticsearchDocumentStore registryDocumentStore(RegistryElasticsearch elasticsearch) {
    ElasticsearchClient client = elasticsearch.client();
    ElasticsearchDocumentStore store = new ElasticsearchDocumentStore(client, RegistryIndices.ALL);
    try {
      store.ensureIndices();
    } catch (ElasticsearchAccessException e) {
      LOG.warn(
          "Elasticsearch at {} is not reachable now; the indices are created on first use: {}",
          elasticsearch.baseUri(),
          e.getMessage());
    }
    return store;
  }

  @Bean
  PaymentLedger paymentLedger(ElasticsearchDocumentStore store, InstantSource engineTime) {
    return new ElasticsearchPaymentLedger(store, engineTime);
  }

  @Bean
  ProviderRegistry providerRegistry(ElasticsearchDocumentStore store) {
    return new RatedProviderRegistry(new ElasticsearchProviderRegistry(store));
  }

  @Bean
  ContractRecords contractRecords(ElasticsearchDocumentStore store) {
    return new ElasticsearchContractRecords(store);
  }

  /** The outbox, delivering each message to the inboxes and mailboxes of those it names. */
  @Bean
  Outbox outbox(ElasticsearchDocumentStore store, Delivery delivery) {
    return new DeliveringOutbox(new ElasticsearchOutbox(store), delivery);
  }

  @Bean
  Inbox inbox(ElasticsearchDocumentStore store) {
    return new ElasticsearchInbox(store);
  }

  @Bean
  IncubationRecords incubationRecords(ElasticsearchDocumentStore store) {
    return ElasticsearchRecords.incubations(store);
  }

  @Bean
  CaseRecords caseRecords(ElasticsearchDocumentStore store, StationDirectory stations) {
    return StationRecordDistricts.of(ElasticsearchRecords.cases(store), stations);
  }

  /** Who is away (AB role), kept across restarts. */
  @Bean
  WorkerAvailability workerAvailability(
      ElasticsearchDocumentStore store, InstantSource engineTime) {
    return new ElasticsearchWorkerAvailability(store, engineTime);
  }

  /** Each user's saved task-list views, kept across restarts and browsers. */
  @Bean
  io.civicflow.workers.taskviews.TaskViews taskViews(
      ElasticsearchDocumentStore store, InstantSource engineTime) {
    return new ElasticsearchTaskViews(store, engineTime);
  }

  @Bean
  GroupRecords groupRecords(ElasticsearchDocumentStore store) {
    return ElasticsearchRecords.groups(store);
  }

  @Bean
  OutreachRecords outreachRecords(ElasticsearchDocumentStore store) {
    return ElasticsearchRecords.outreach(store);
  }

  @Bean
  ServiceRequestRecords serviceRequestRecords(
      ElasticsearchDocumentStore store, StationDirectory stations) {
    return StationRecordDistricts.of(ElasticsearchRecords.serviceRequests(store), stations);
  }

  /**
   * Jobs that fail because Elasticsearch is unavailable are retried after a back-off ({@code
   * civicflow.registry.retry-backoff}, default 30 s), those that fail because the SMTP server is
   * down after {@code civicflow.notifications.retry-backoff}; then they become incidents.
   */
  @Bean
  JobExceptionHandlingStrategy jobExceptionHandlingStrategy(
      CommandExceptionHandlingStrategy commands,
      MetricsRecorder metrics,
      @Value("${civicflow.registry.retry-backoff:PT30S}") Duration backoff,
      @Value("${civicflow.notifications.retry-backoff:PT1M}") Duration mailBackoff) {
    return new BackoffOnStoreFailure(
        new DefaultJobExceptionHandlingStrategy(commands, metrics), backoff, mailBackoff);
  }
}
