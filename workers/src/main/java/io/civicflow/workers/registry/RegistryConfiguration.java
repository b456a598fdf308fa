package io.civicflow.workers.registry;

import io.civicflow.workers.stations.StationDirectory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The provider register's services, and the in-memory registry and records when Elasticsearch is
 * off (otherwise {@code ElasticsearchRegistryConfiguration} serves the same ports).
 */
@Configuration(proxyBeanMethods = false)
public class RegistryConfiguration {

  @Bean
  ComplaintRecording complaintRecording(ProviderRegistry registry) {
    return new ComplaintRecording(registry);
  }

  @Bean
  ProviderRegistration providerRegistration(
      ProviderRegistry registry, IncubationRecords incubationRecords) {
    return new ProviderRegistration(registry, incubationRecords);
  }

  /** For {@code civicflow.registry.elasticsearch.enabled=false}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(
      prefix = "civicflow.registry.elasticsearch",
      name = "enabled",
      havingValue = "false")
  static class InMemoryAdapters {

    @Bean
    ProviderRegistry providerRegistry() {
      return new RatedProviderRegistry(new InMemoryProviderRegistry());
    }

    @Bean
    IncubationRecords incubationRecords() {
      return InMemoryRecords.incubations();
    }

    @Bean
    CaseRecords caseRecords(StationDirectory stations) {
      return StationRecordDistricts.of(InMemoryRecords.cases(), stations);
    }

    @Bean
    GroupRecords groupRecords() {
      return InMemoryRecords.groups();
    }

    @Bean
    OutreachRecords outreachRecords() {
      return InMemoryRecords.outreach();
    }

    @Bean
    ServiceRequestRecords serviceRequestRecords(StationDirectory stations) {
      return StationRecordDistricts.of(InMemoryRecords.serviceRequests(), stations);
    }
  }
}
