package io.civicflow.workers.camunda;

import io.camunda.client.CamundaClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The shared adapters over the Camunda client. */
@Configuration(proxyBeanMethods = false)
public class CamundaConfiguration {

  @Bean
  Reprocurement reprocurement(CamundaClient client) {
    return new Reprocurement(client);
  }

  @Bean
  CompletedTasks completedTasks(CamundaClient client) {
    return new CompletedTasks(client);
  }
}
