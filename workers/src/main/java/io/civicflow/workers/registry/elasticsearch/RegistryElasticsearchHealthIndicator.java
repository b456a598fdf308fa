package io.civicflow.workers.registry.elasticsearch;

import co.elastic.clients.elasticsearch._types.HealthStatus;
import co.elastic.clients.elasticsearch.cluster.HealthResponse;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * Component {@code elasticsearch} of {@code /actuator/health}: the server the registry really uses
 * ({@link RegistryElasticsearch#baseUri()}: {@code civicflow.registry.elasticsearch.url}), in place
 * of Spring Boot's indicator, which asks {@code spring.elasticsearch.uris} ({@code localhost:9200}
 * unless set). Down when the server does not answer or its cluster is red.
 */
final class RegistryElasticsearchHealthIndicator extends AbstractHealthIndicator {

  private final RegistryElasticsearch elasticsearch;

  RegistryElasticsearchHealthIndicator(RegistryElasticsearch elasticsearch) {
    super("Elasticsearch of the registry is not reachable");
    this.elasticsearch = elasticsearch;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) throws Exception {
    HealthResponse health = elasticsearch.client().cluster().health();
    (health.status() == HealthStatus.Red ? builder.down() : builder.up())
        .withDetail("url", elasticsearch.baseUri().toString())
        .withDetail("clusterName", health.clusterName())
        .withDetail("status", health.status().jsonValue());
  }
}
