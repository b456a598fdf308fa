package io.civicflow.workers.registry.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import io.civicflow.workers.testing.FreePorts;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.mock.env.MockEnvironment;

/**
 * The application's health asks the Elasticsearch the registry really uses (issue 19: it asked
 * localhost:9200 whatever the registry's server was).
 */
@ExtendWith(ElasticsearchExtension.class)
class RegistryElasticsearchHealthIndicatorTest {

  @Test
  void shouldBeUpWithTheRegistrysServer(ElasticsearchTestServer server) throws Exception {
    try (RegistryElasticsearch registry = connect(server.baseUri())) {
      Health health = new RegistryElasticsearchHealthIndicator(registry).health();

      assertThat(health.getStatus()).isEqualTo(Status.UP);
      assertThat(health.getDetails()).containsEntry("url", server.baseUri().toString());
    }
  }

  @Test
  void shouldBeDownWhenTheRegistrysServerDoesNotAnswer() throws Exception {
    URI nobody = URI.create("http://127.0.0.1:" + FreePorts.next());
    try (RegistryElasticsearch registry = connect(nobody)) {
      assertThat(new RegistryElasticsearchHealthIndicator(registry).health().getStatus())
          .isEqualTo(Status.DOWN);
    }
  }

  private static RegistryElasticsearch connect(URI url) {
    return RegistryElasticsearch.connect(
        new MockEnvironment().withProperty(RegistryElasticsearch.PREFIX + "url", url.toString()));
  }
}
