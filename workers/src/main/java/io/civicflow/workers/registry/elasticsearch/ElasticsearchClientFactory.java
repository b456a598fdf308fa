package io.civicflow.workers.registry.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.net.URI;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;

/**
 * Builds the official Elasticsearch Java client for a base URI, with Jackson mapping documents
 * (records welcome; {@code java.time} values as ISO-8601 strings, matching {@code date} fields).
 */
public final class ElasticsearchClientFactory {

  private ElasticsearchClientFactory() {}

  /**
   * A client for the server at {@code baseUri} (e.g. {@code http://127.0.0.1:9200}). Close it with
   * {@code client._transport().close()}, which also closes the HTTP connections.
   */
  public static ElasticsearchClient create(URI baseUri) {
    RestClient restClient = RestClient.builder(HttpHost.create(baseUri.toString())).build();
    return new ElasticsearchClient(
        new RestClientTransport(restClient, new JacksonJsonpMapper(documentMapper())));
  }

  /** The Jackson mapper for documents: ISO dates, unknown properties ignored on read. */
  public static ObjectMapper documentMapper() {
    return JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build();
  }
}
