package io.civicflow.workers.dispatch;

import io.civicflow.workers.calendar.Deadlines;
import io.civicflow.workers.registry.ServiceRequestRecords;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Service dispatch: its SLAs, requests and assignee resolution. Who is away (AB role) is kept in
 * Elasticsearch ({@code ElasticsearchWorkerAvailability}, so it survives a restart); in memory only
 * when {@code civicflow.registry.elasticsearch.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
public class DispatchConfiguration {

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

  /** For {@code civicflow.registry.elasticsearch.enabled=false}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(
      prefix = "civicflow.registry.elasticsearch",
      name = "enabled",
      havingValue = "false")
  static class InMemoryAvailability {

    @Bean
    WorkerAvailability workerAvailability() {
      return new InMemoryWorkerAvailability();
    }
  }
}
