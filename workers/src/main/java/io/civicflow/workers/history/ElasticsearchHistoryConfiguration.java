package io.civicflow.workers.history;

import io.civicflow.engine.history.HistoryStoreFactory;
import io.civicflow.workers.registry.elasticsearch.RegistryElasticsearch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded engine keeps its history in the application's Elasticsearch ({@link
 * ElasticsearchHistoryStore}) when the application has one ({@code
 * civicflow.registry.elasticsearch.enabled}, default true) unless {@code
 * civicflow.history.elasticsearch.enabled=false}; otherwise in its embedded H2 store. {@code
 * civicflow.history.elasticsearch.index-prefix} (default {@code civicflow-history}) names the
 * indices; one engine per prefix.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(
    prefix = "civicflow.registry.elasticsearch",
    name = "enabled",
    havingValue = "true",
    matchIfMissing = true)
public class ElasticsearchHistoryConfiguration {

  private static final Logger LOG =
      LoggerFactory.getLogger(ElasticsearchHistoryConfiguration.class);

  @Bean
  @ConditionalOnProperty(
      prefix = "civicflow.history.elasticsearch",
      name = "enabled",
      havingValue = "true",
      matchIfMissing = true)
  HistoryStoreFactory elasticsearchHistoryStore(
      RegistryElasticsearch elasticsearch,
      @Value("${civicflow.history.elasticsearch.index-prefix:civicflow-history}") String prefix) {
    return dataDirectory -> {
      LOG.info(
          "Engine history: Elasticsearch at {}, indices {}-<family>-<yyyy-MM>",
          elasticsearch.baseUri(),
          prefix);
      return new ElasticsearchHistoryStore(elasticsearch.client(), prefix);
    };
  }
}
