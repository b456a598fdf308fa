package io.civicflow.workers.registry.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.Result;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.IndexResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Documents in the indices of {@link ElasticsearchIndices}, always addressed by alias. Documents
 * are plain Java objects (records welcome) mapped with Jackson.
 *
 * <p>Document ids are business keys (a provider's unified social credit code, a contract number),
 * so every write is idempotent: jobs are delivered at least once, and a repeated {@link #upsert}
 * replaces the document instead of adding a second one.
 *
 * <p>Writes are visible to {@link #get} at once and to searches and counts after the next refresh
 * (about a second), or at once after {@link #refresh}.
 */
public final class ElasticsearchDocumentStore {

  private final ElasticsearchClient client;

  public ElasticsearchDocumentStore(ElasticsearchClient client) {
    this.client = client;
  }

  /**
   * Creates or replaces the document with this id.
   *
   * @param alias the index alias, e.g. {@code civicflow-providers}
   * @param id the idempotency key: the document's business key; writing the same id again replaces
   *     the document, so retries never duplicate it
   * @param document the whole document; it must match the index's (strict) mapping
   * @return true if the document was created, false if an existing one was replaced
   * @throws ElasticsearchAccessException if Elasticsearch cannot be reached or rejects the document
   */
  public boolean upsert(String alias, String id, Object document) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(document, "document");
    IndexResponse response =
        call(
            "upsert", alias, id, () -> client.index(i -> i.index(alias).id(id).document(document)));
    return response.result() == Result.Created;
  }

  /** The document with this id, if there is one. */
  public <T> Optional<T> get(String alias, String id, Class<T> type) {
    GetResponse<T> response =
        call("get", alias, id, () -> client.get(g -> g.index(alias).id(id), type));
    return response.found() ? Optional.ofNullable(response.source()) : Optional.empty();
  }

  /**
   * Documents whose keyword field equals {@code value} exactly, at most {@code limit} of them, in
   * no particular order.
   */
  public <T> List<T> searchByTerm(
      String alias, String field, String value, int limit, Class<T> type) {
    return search(
        alias, Query.of(q -> q.term(t -> t.field(field).value(FieldValue.of(value)))), limit, type);
  }

  /**
   * Documents whose text field contains {@code phrase} as consecutive words, best match first, at
   * most {@code limit}. For Chinese text analysed with {@code standard}, every character is a word,
   * so {@code 社工} matches {@code 提供社工服务} but not {@code 社区工作}.
   */
  public <T> List<T> searchByPhrase(
      String alias, String field, String phrase, int limit, Class<T> type) {
    return search(
        alias, Query.of(q -> q.matchPhrase(m -> m.field(field).query(phrase))), limit, type);
  }

  /** The number of documents behind the alias. */
  public long count(String alias) {
    return call("count", alias, null, () -> client.count(c -> c.index(alias))).count();
  }

  /** The number of documents whose keyword field equals {@code value}. */
  public long countByTerm(String alias, String field, String value) {
    return call(
            "count",
            alias,
            null,
            () ->
                client.count(
                    c ->
                        c.index(alias)
                            .query(q -> q.term(t -> t.field(field).value(FieldValue.of(value))))))
        .count();
  }

  /** Makes all writes so far visible to searches and counts. */
  public void refresh(String alias) {
    call("refresh", alias, null, () -> client.indices().refresh(r -> r.index(alias)));
  }

  private <T> List<T> search(String alias, Query query, int limit, Class<T> type) {
    SearchResponse<T> response =
        call(
            "search",
            alias,
            null,
            () -> client.search(s -> s.index(alias).query(query).size(limit), type));
    return response.hits().hits().stream().map(Hit::source).filter(Objects::nonNull).toList();
  }

  private static <R> R call(String operation, String alias, String id, Request<R> request) {
    try {
      return request.send();
    } catch (IOException | ElasticsearchException e) {
      String target = id == null ? alias : alias + "/" + id;
      throw new ElasticsearchAccessException(
          "Elasticsearch "
              + operation
              + " of "
              + target
              + " failed: "
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  @FunctionalInterface
  private interface Request<R> {
    R send() throws IOException;
  }
}
