package io.civicflow.workers.incubation.camunda;

import io.camunda.client.CamundaClient;
import io.civicflow.workers.incubation.IncubationMessages;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Incubation messages through the Camunda client, unless another {@link IncubationMessages} is
 * declared.
 */
@Configuration(proxyBeanMethods = false)
public class IncubationCamundaConfiguration {

  @Bean
  @ConditionalOnMissingBean(IncubationMessages.class)
  IncubationMessages incubationMessages(CamundaClient client) {
    return new CamundaIncubationMessages(client);
  }
}
