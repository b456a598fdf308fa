package io.civicflow.workers.registry.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the versioned indices of {@link IndexDefinition}s, each with its explicit mapping and its
 * alias. Idempotent: safe on every application start and from concurrent starters.
 *
 * <p>Settings are fixed for a single-node server: one shard, no replicas (so health is green). Text
 * fields should use the {@code standard} analyzer: the minimal distribution has no analysis-common
 * module (no {@code cjk} analyzer), and {@code standard} indexes each Chinese character as a token,
 * so a phrase query for {@code 社工} finds {@code 社工服务}.
 */
public final class ElasticsearchIndices {

  private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchIndices.class);
  private static final String ALREADY_EXISTS = "resource_already_exists_exception";

  private final ElasticsearchClient client;

  public ElasticsearchIndices(ElasticsearchClient client) {
    this.client = client;
  }

  /**
   * Makes sure the definition's index exists with its mapping and that its alias points to it. An
   * existing index gets the fields the definition added since it was created (a put mapping, which
   * Elasticsearch refuses if a field changed type: that is a new version); nothing else changes.
   *
   * @return true if this call created the index
   * @throws ElasticsearchAccessException if Elasticsearch cannot be reached or refuses
   */
  public boolean ensure(IndexDefinition definition) {
    String index = definition.indexName();
    try {
      boolean created = false;
      if (!client.indices().exists(e -> e.index(index)).value()) {
        created = create(definition);
      } else {
        client
            .indices()
            .putMapping(p -> p.index(index).properties(definition.mapping().properties()));
      }
      if (!client.indices().existsAlias(a -> a.name(definition.alias()).index(index)).value()) {
        client
            .indices()
            .updateAliases(
                u ->
                    u.actions(
                        a ->
                            a.add(
                                add ->
                                    add.index(index)
                                        .alias(definition.alias())
                                        .isWriteIndex(true))));
        LOG.info("Alias {} now points to index {}", definition.alias(), index);
      }
      return created;
    } catch (IOException | ElasticsearchException e) {
      throw new ElasticsearchAccessException(
          "Could not ensure index "
              + index
              + " (alias "
              + definition.alias()
              + "): "
              + e.getMessage(),
          e);
    }
  }

  private boolean create(IndexDefinition definition) throws IOException {
    String index = definition.indexName();
    try {
      client
          .indices()
          .create(
              c ->
                  c.index(index)
                      .settings(s -> s.numberOfShards("1").numberOfReplicas("0"))
                      .mappings(definition.mapping())
                      .aliases(definition.alias(), a -> a.isWriteIndex(true)));
      LOG.info("Created index {} with alias {}", index, definition.alias());
      return true;
    } catch (ElasticsearchException e) {
      if (ALREADY_EXISTS.equals(e.error().type())) {
        return false; // created concurrently by another starter
      }
      throw e;
    }
  }
}
