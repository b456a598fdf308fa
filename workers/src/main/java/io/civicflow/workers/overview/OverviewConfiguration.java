package io.civicflow.workers.overview;

import io.civicflow.workers.analytics.RegistryAnalytics;
import io.civicflow.workers.contract.ContractRecords;
import io.civicflow.workers.registry.ProviderRegistry;
import java.time.InstantSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The round, contract and audit pages: the engine's history ({@link ProcessHistory}, wired in
 * {@code overview.camunda}), the register through the analytics — so only with the registry on
 * Elasticsearch (without it the pages answer 503, like the analyst API).
 */
@Configuration(proxyBeanMethods = false)
public class OverviewConfiguration {

  @Bean
  @ConditionalOnProperty(
      prefix = "civicflow.registry.elasticsearch",
      name = "enabled",
      havingValue = "true",
      matchIfMissing = true)
  RoundOverview roundOverview(
      RegistryAnalytics analytics,
      ContractRecords contracts,
      ProviderRegistry registry,
      ProcessHistory history,
      InstantSource engineTime) {
    return new RoundOverview(analytics, contracts, registry, history, engineTime);
  }
}
