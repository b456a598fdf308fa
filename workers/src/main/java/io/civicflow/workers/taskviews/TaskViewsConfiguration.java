package io.civicflow.workers.taskviews;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Saved views are kept in Elasticsearch ({@code ElasticsearchTaskViews}, with the other per-user
 * settings, so they survive a restart and follow the user to any browser); in memory only when
 * {@code civicflow.registry.elasticsearch.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
public class TaskViewsConfiguration {

  /** For {@code civicflow.registry.elasticsearch.enabled=false}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(
      prefix = "civicflow.registry.elasticsearch",
      name = "enabled",
      havingValue = "false")
  static class InMemory {

    @Bean
    TaskViews taskViews() {
      return new InMemoryTaskViews();
    }
  }
}
