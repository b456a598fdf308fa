package io.civicflow.workers.overview.camunda;

import io.camunda.client.CamundaClient;
import io.civicflow.workers.overview.ProcessHistory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The engine's history for the round, contract and audit pages, over the Camunda client. */
@Configuration(proxyBeanMethods = false)
public class OverviewCamundaConfiguration {

  @Bean
  ProcessHistory processHistory(CamundaClient client) {
    return new EngineProcessHistory(client);
  }
}
