package io.civicflow.workers.procurement.camunda;

import io.camunda.client.CamundaClient;
import io.civicflow.workers.procurement.BidMessages;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Bid messages through the Camunda client, unless another {@link BidMessages} is declared. */
@Configuration(proxyBeanMethods = false)
public class ProcurementCamundaConfiguration {

  @Bean
  @ConditionalOnMissingBean(BidMessages.class)
  BidMessages bidMessages(CamundaClient client) {
    return new CamundaBidMessages(client);
  }
}
