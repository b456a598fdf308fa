package io.civicflow.workers.dispatch;

import io.civicflow.workers.calendar.Deadlines;
import io.civicflow.workers.registry.ServiceRequestRecords;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Service dispatch: its SLAs, requests and assignee resolution, and the in-memory worker
 * availability. A real availability adapter replaces the in-memory one by being declared as a bean
 * of the port's type.
 */
@Configuration(proxyBeanMethods = false)
public class DispatchConfiguration {

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
