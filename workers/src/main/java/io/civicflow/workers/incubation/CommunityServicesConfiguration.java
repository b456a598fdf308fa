package io.civicflow.workers.incubation;

import io.civicflow.workers.calendar.Deadlines;
import io.civicflow.workers.casework.CaseRecording;
import io.civicflow.workers.dispatch.AssigneeResolution;
import io.civicflow.workers.dispatch.DispatchSlas;
import io.civicflow.workers.dispatch.InMemoryWorkerAvailability;
import io.civicflow.workers.dispatch.ServiceRequests;
import io.civicflow.workers.dispatch.WorkerAvailability;
import io.civicflow.workers.registry.CaseRecords;
import io.civicflow.workers.registry.IncubationRecords;
import io.civicflow.workers.registry.ProviderRegistration;
import io.civicflow.workers.registry.ProviderRegistry;
import io.civicflow.workers.registry.ServiceRequestRecords;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The domain services of the station's work — NGO incubation, case work and service dispatch — and
 * the in-memory worker availability. The records they write (incubation stages, case steps, service
 * requests) and the provider registry are the registry's ports ({@code registry/}, in-memory or
 * Elasticsearch); the working-day calendar and the outbox are the procurement configuration's. A
 * real availability adapter replaces the in-memory one by being declared as a bean of the port's
 * type.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IncubationProperties.class)
public class CommunityServicesConfiguration {

  @Bean
  IncubationApplications incubationApplications(Deadlines deadlines) {
    return new IncubationApplications(deadlines);
  }

  @Bean
  CommitteeDraw committeeDraw(IncubationProperties properties) {
    return properties.toCommitteeDraw();
  }

  @Bean
  IncubationPlanning incubationPlanning(Deadlines deadlines) {
    return new IncubationPlanning(deadlines);
  }

  @Bean
  IncubationReviews incubationReviews(IncubationRecords records) {
    return new IncubationReviews(records);
  }

  @Bean
  ProviderRegistration providerRegistration(
      ProviderRegistry registry, IncubationRecords incubationRecords) {
    return new ProviderRegistration(registry, incubationRecords);
  }

  @Bean
  CaseRecording caseRecording(CaseRecords records) {
    return new CaseRecording(records);
  }

  @Bean
  @ConditionalOnMissingBean(WorkerAvailability.class)
  WorkerAvailability workerAvailability() {
    return new InMemoryWorkerAvailability();
  }

  @Bean
  DispatchSlas dispatchSlas(Deadlines deadlines) {
    return new DispatchSlas(deadlines);
  }

  @Bean
  ServiceRequests serviceRequests(ServiceRequestRecords records, DispatchSlas slas) {
    return new ServiceRequests(records, slas);
  }

  @Bean
  AssigneeResolution assigneeResolution(WorkerAvailability availability) {
    return new AssigneeResolution(availability);
  }
}
