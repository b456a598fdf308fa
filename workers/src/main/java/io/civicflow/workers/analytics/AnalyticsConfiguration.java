package io.civicflow.workers.analytics;

import io.civicflow.workers.contract.ContractRecords;
import io.civicflow.workers.registry.IncubationRecords;
import io.civicflow.workers.registry.ProviderRegistry;
import io.civicflow.workers.registry.elasticsearch.ElasticsearchDocumentStore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The analysts' queries; they search Elasticsearch, so they exist only when it is on. */
@Configuration(proxyBeanMethods = false)
public class AnalyticsConfiguration {

  @Bean
  @ConditionalOnProperty(
      prefix = "civicflow.registry.elasticsearch",
      name = "enabled",
      havingValue = "true",
      matchIfMissing = true)
  RegistryAnalytics registryAnalytics(
      ElasticsearchDocumentStore store,
      ProviderRegistry providerRegistry,
      ContractRecords contractRecords,
      IncubationRecords incubationRecords) {
    return new RegistryAnalytics(store, providerRegistry, contractRecords, incubationRecords);
  }
}
