package io.civicflow.workers.registry.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.OpType;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.Result;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.IndexResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.transport.TransportException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.elasticsearch.client.ResponseException;

/**
 * Documents in the indices of {@link ElasticsearchIndices}, always addressed by alias. Documents
 * are plain Java objects (records welcome) mapped with Jackson.
 *
 * <p>Document ids are business keys (a provider's unified social credit code, a contract number),
 * so every write is idempotent: jobs are delivered at least once, and a repeated {@link #upsert}
 * replaces the document instead of adding a second one.
 *
 * <p>Writes by {@link #upsert} are visible to {@link #get} at once and to searches and counts after
 * the next refresh (about a second), or at once after {@link #refresh}. Writes by {@link
 * #createOnce} and {@link #replaceIfUnchanged} refresh, so the next search sees them (the registry
 * writes one document per job: the refresh costs little there).
 *
 * <p>A store built with index definitions makes sure they exist before its first operation, and
 * tries again on the next operation if Elasticsearch could not be reached: the application starts
 * while Elasticsearch is down, and jobs fail (and are retried) until it is back.
 */
public final class ElasticsearchDocumentStore {

  /** The most documents one search returns. */
  public static final int MAX_RESULTS = 10_000;

  private static final int CONFLICT = 409;

  private final ElasticsearchClient client;
  private final ElasticsearchIndices indices;
  private final List<IndexDefinition> definitions;
  private volatile boolean ready;

  public ElasticsearchDocumentStore(ElasticsearchClient client) {
    this(client, List.of());
  }

  /**
   * @param definitions the indices to create (if missing) before the first operation
   */
  public ElasticsearchDocumentStore(ElasticsearchClient client, List<IndexDefinition> definitions) {
    this.client = client;
    this.indices = new ElasticsearchIndices(client);
    this.definitions = List.copyOf(definitions);
    this.ready = definitions.isEmpty();
  }

  /** The client, for the analysts' aggregations. */
  public ElasticsearchClient client() {
    ensureIndices();
    return client;
  }

  /** Creates the indices of this store now (if missing); throws if Elasticsearch is unreachable. */
  public void ensureIndices() {
    if (ready) {
      return;
    }
    synchronized (this) {
      if (!ready) {
        definitions.forEach(indices::ensure);
        ready = true;
      }
    }
  }

  /** A document and whether this call created it. */
  public record Stored<T>(T document, boolean created) {}

  /** A document with the version Elasticsearch gave its last write, for optimistic updates. */
  public record Versioned<T>(T document, long seqNo, long primaryTerm) {}

  /**
   * Creates the document with this id unless one exists, and returns the one that is stored: the
   * first write under an id wins, concurrent and repeated writes get the winner's document.
   *
   * @param id the idempotency key
   * @throws ElasticsearchAccessException if Elasticsearch cannot be reached or rejects the document
   */
  public <T> Stored<T> createOnce(String alias, String id, T document, Class<T> type) {
    return createOnce(alias, id, document, type, true);
  }

  /**
   * {@link #createOnce(String, String, Object, Class)}, and with {@code refresh} false without
   * waiting for the write to become searchable (reads by id see it at once; searches within the
   * index's refresh interval, one second): for writes on a job's hot path whose searches can wait.
   */
  public <T> Stored<T> createOnce(
      String alias, String id, T document, Class<T> type, boolean refresh) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(document, "document");
    ensureIndices();
    try {
      call(
          "create",
          alias,
          id,
          () ->
              client.index(
                  i ->
                      i.index(alias)
                          .id(id)
                          .opType(OpType.Create)
                          .refresh(refresh ? Refresh.True : Refresh.False)
                          .document(document)));
      return new Stored<>(document, true);
    } catch (ElasticsearchAccessException e) {
      if (!isConflict(e)) {
        throw e;
      }
    }
    return new Stored<>(
        get(alias, id, type)
            .orElseThrow(
                () ->
                    new ElasticsearchAccessException(
                        "Elasticsearch reported "
                            + alias
                            + "/"
                            + id
                            + " as existing, but has it not",
                        null)),
        false);
  }

  /** The document with this id and its version, if there is one. */
  public <T> Optional<Versioned<T>> getVersioned(String alias, String id, Class<T> type) {
    ensureIndices();
    GetResponse<T> response =
        call("get", alias, id, () -> client.get(g -> g.index(alias).id(id), type));
    if (!response.found() || response.source() == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Versioned<>(response.source(), response.seqNo(), response.primaryTerm()));
  }

  /**
   * Replaces the document if it is still at the version read: false if another write came first.
   */
  public boolean replaceIfUnchanged(String alias, String id, Object document, Versioned<?> read) {
    return replaceIfUnchanged(alias, id, document, read, true);
  }

  /** {@link #replaceIfUnchanged}, with {@code refresh} as in {@link #createOnce}. */
  public boolean replaceIfUnchanged(
      String alias, String id, Object document, Versioned<?> read, boolean refresh) {
    ensureIndices();
    try {
      call(
          "replace",
          alias,
          id,
          () ->
              client.index(
                  i ->
                      i.index(alias)
                          .id(id)
                          .ifSeqNo(read.seqNo())
                          .ifPrimaryTerm(read.primaryTerm())
                          .refresh(refresh ? Refresh.True : Refresh.False)
                          .document(document)));
      return true;
    } catch (ElasticsearchAccessException e) {
      if (isConflict(e)) {
        return false;
      }
      throw e;
    }
  }

  /**
   * Documents matching {@code query}, sorted ascending by {@code sortFields} (keyword, date or
   * numeric fields), at most {@link #MAX_RESULTS}.
   */
  public <T> List<T> searchSorted(
      String alias, Query query, List<String> sortFields, Class<T> type) {
    ensureIndices();
    List<SortOptions> sort = new ArrayList<>();
    for (String field : sortFields) {
      sort.add(SortOptions.of(so -> so.field(f -> f.field(field).order(SortOrder.Asc))));
    }
    SearchResponse<T> response =
        call(
            "search",
            alias,
            null,
            () ->
                client.search(s -> s.index(alias).query(query).sort(sort).size(MAX_RESULTS), type));
    return response.hits().hits().stream().map(Hit::source).filter(Objects::nonNull).toList();
  }

  /** A term query on a keyword field. */
  public static Query term(String field, String value) {
    return Query.of(q -> q.term(t -> t.field(field).value(FieldValue.of(value))));
  }

  /**
   * Whether Elasticsearch answered 409 (a document with this id exists, or changed since read). The
   * client reports it as an {@link ElasticsearchException}, or as a transport exception around the
   * low-level client's {@link ResponseException} when it does not parse the body.
   */
  private static boolean isConflict(ElasticsearchAccessException e) {
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof ElasticsearchException es && es.status() == CONFLICT) {
        return true;
      }
      if (cause instanceof TransportException te && te.statusCode() == CONFLICT) {
        return true;
      }
      if (cause instanceof ResponseException re
          && re.getResponse().getStatusLine().getStatusCode() == CONFLICT) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
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
    ensureIndices();
    IndexResponse response =
        call(
            "upsert", alias, id, () -> client.index(i -> i.index(alias).id(id).document(document)));
    return response.result() == Result.Created;
  }

  /** The document with this id, if there is one. */
  public <T> Optional<T> get(String alias, String id, Class<T> type) {
    ensureIndices();
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
    ensureIndices();
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
