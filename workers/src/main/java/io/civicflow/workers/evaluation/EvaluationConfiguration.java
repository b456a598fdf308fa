package io.civicflow.workers.evaluation;

import io.civicflow.workers.outbox.Outbox;
import io.civicflow.workers.registry.ProviderRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The evaluation reports. */
@Configuration(proxyBeanMethods = false)
public class EvaluationConfiguration {

  @Bean
  EvaluationReporting evaluationReporting(Outbox outbox, ProviderRegistry registry) {
    return new EvaluationReporting(outbox, registry);
  }
}
