package io.civicflow.workers.incubation;

import io.civicflow.workers.calendar.Deadlines;
import io.civicflow.workers.registry.IncubationRecords;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The domain services of NGO incubation. The records it writes (incubation stages) and the provider
 * registry are the registry's ports ({@code RegistryConfiguration} or Elasticsearch); case work and
 * dispatch wire their own ({@code CaseworkConfiguration}, {@code DispatchConfiguration}).
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
  IncubationRequests incubationRequests(IncubationMessages messages) {
    return new IncubationRequests(messages);
  }

  @Bean
  IncubationReviews incubationReviews(IncubationRecords records) {
    return new IncubationReviews(records);
  }
}
