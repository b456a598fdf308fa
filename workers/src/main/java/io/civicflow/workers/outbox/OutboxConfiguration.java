package io.civicflow.workers.outbox;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The notifications, and the in-memory outbox when Elasticsearch is off. */
@Configuration(proxyBeanMethods = false)
public class OutboxConfiguration {

  @Bean
  Notifications notifications(Outbox outbox) {
    return new Notifications(outbox);
  }

  /** For {@code civicflow.registry.elasticsearch.enabled=false}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(
      prefix = "civicflow.registry.elasticsearch",
      name = "enabled",
      havingValue = "false")
  static class InMemoryAdapter {

    @Bean
    Outbox outbox() {
      return new InMemoryOutbox();
    }
  }
}
