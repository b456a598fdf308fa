package io.civicflow.workers.registry.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.io.IOException;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;

/**
 * The Elasticsearch server of the application and its client: the one at {@code
 * civicflow.registry.elasticsearch.url}, by default {@value #DEFAULT_URL} (where {@code
 * scripts/run.sh} starts one with {@code scripts/elasticsearch.sh}; the {@code camunda} profile and
 * the tests set another). The application never starts or stops the server: someone else runs it.
 */
public final class RegistryElasticsearch implements AutoCloseable {

  static final String PREFIX = "civicflow.registry.elasticsearch.";

  /** Where {@code scripts/elasticsearch.sh} starts its server by default. */
  static final String DEFAULT_URL = "http://127.0.0.1:9200";

  private static final Logger LOG = LoggerFactory.getLogger(RegistryElasticsearch.class);

  private final URI baseUri;
  private final ElasticsearchClient client;

  private RegistryElasticsearch(URI baseUri) {
    this.baseUri = baseUri;
    this.client = ElasticsearchClientFactory.create(baseUri);
  }

  static RegistryElasticsearch connect(Environment environment) {
    String url = environment.getProperty(PREFIX + "url", DEFAULT_URL).trim();
    LOG.info("Registry: Elasticsearch at {}", url);
    return new RegistryElasticsearch(URI.create(url.isEmpty() ? DEFAULT_URL : url));
  }

  public URI baseUri() {
    return baseUri;
  }

  public ElasticsearchClient client() {
    return client;
  }

  @Override
  public void close() throws IOException {
    client._transport().close();
  }
}
