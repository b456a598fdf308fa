package io.civicflow.workers.history;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.mapping.DynamicMapping;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.civicflow.engine.history.HistoryDocument;
import io.civicflow.engine.history.HistoryFields;
import io.civicflow.engine.history.HistoryKind;
import io.civicflow.engine.history.HistoryQuery;
import io.civicflow.engine.history.HistoryQuery.Condition;
import io.civicflow.engine.history.HistoryQuery.HistoryField;
import io.civicflow.engine.history.HistoryQuery.In;
import io.civicflow.engine.history.HistoryQuery.Point;
import io.civicflow.engine.history.HistoryQuery.Range;
import io.civicflow.engine.history.HistoryStore;
import io.civicflow.engine.json.Json;
import io.civicflow.engine.query.Records.ProcessInstanceRecord;
import io.civicflow.engine.query.Records.VariableRecord;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine's history in the application's Elasticsearch ({@link HistoryStore}): one index per
 * history family and month, {@code <prefix>-<family>-<yyyy-MM>} by {@link
 * HistoryDocument#endDate()} (UTC: the end of the document's root instance, a standalone decision's
 * evaluation, a batch operation's end), created from one index template ({@code <prefix>}) and
 * searched through the wildcard {@code <prefix>-<family>-*}, so a month can be snapshotted,
 * archived or dropped whole. Documents have stable ids {@code <family>-<key>}: writing one again (a
 * replay) overwrites it. The exported journal position is a document of {@code <prefix>-position}.
 *
 * <p>A bulk request is not atomic across its items in Elasticsearch, so a write first stores the
 * documents (and fails if any item failed) and only then the position: a crash between the two
 * leaves the position behind, and the replay overwrites the same ids — nothing is lost and nothing
 * doubled. Both use {@code refresh=true}, so searches answered after a write see it (read your
 * writes); {@code wait_for} would hold the engine's writer thread up to a refresh interval per
 * export. Elasticsearch acknowledges a write once its translog is fsynced, so {@link #sync()} (a
 * flush) is belt and braces before a snapshot.
 */
public final class ElasticsearchHistoryStore implements HistoryStore {

  private static final String POSITION_ID = "exported";
  private static final int PAGE = 1000;
  private static final DateTimeFormatter MONTH =
      DateTimeFormatter.ofPattern("yyyy-MM").withZone(ZoneOffset.UTC);

  private final ElasticsearchClient client;
  private final String prefix;
  private volatile Long exported;
  private volatile boolean templated;
  private final Set<String> indices = ConcurrentHashMap.newKeySet();

  /**
   * @param prefix the indices' common prefix ({@code civicflow.history.elasticsearch.index-prefix},
   *     default {@code civicflow-history}); one engine per prefix
   */
  public ElasticsearchHistoryStore(ElasticsearchClient client, String prefix) {
    this.client = client;
    this.prefix = prefix;
  }

  /** The index of this family's documents whose root ended at {@code endMillis}. */
  String index(HistoryKind<?> kind, long endMillis) {
    return prefix + "-" + kind.name() + "-" + MONTH.format(Instant.ofEpochMilli(endMillis));
  }

  /**
   * The indices of a family: {@code <prefix>-<family>-*}, without those of a family whose name
   * extends it ({@code batch-operation-*} would match {@code batch-operation-item-*} too).
   */
  private List<String> family(HistoryKind<?> kind) {
    List<String> pattern = new ArrayList<>();
    pattern.add(prefix + "-" + kind.name() + "-*");
    for (HistoryKind<?> other : HistoryKind.ALL) {
      if (other.name().startsWith(kind.name() + "-")) {
        pattern.add("-" + prefix + "-" + other.name() + "-*");
      }
    }
    return pattern;
  }

  private String documents() {
    return prefix + "-*-*";
  }

  private String positionIndex() {
    return prefix + "-position";
  }

  @Override
  public long exportedPosition() {
    Long known = exported;
    if (known != null) {
      return known;
    }
    try {
      GetResponse<ObjectNode> position =
          client.get(g -> g.index(positionIndex()).id(POSITION_ID), ObjectNode.class);
      known = position.found() ? position.source().path("position").asLong() : 0L;
    } catch (ElasticsearchException e) {
      if (e.status() != 404) {
        throw failure("read the exported position", e);
      }
      known = 0L;
    } catch (IOException e) {
      throw failure("read the exported position", e);
    }
    exported = known;
    return known;
  }

  @Override
  public void write(long position, List<HistoryDocument> documents) {
    if (position <= exportedPosition()) {
      return;
    }
    index(position, 0, documents);
    writePosition(position);
  }

  /**
   * Stores documents of another store in new, empty indices (the {@code history-copy} command,
   * {@link HistoryCopy}), a chunk at a time, each with {@code position} and ordinals from {@code
   * firstOrdinal} on (the order they were written there); {@link #write} records the position when
   * all are in.
   */
  void copy(long position, int firstOrdinal, List<HistoryDocument> documents) {
    index(position, firstOrdinal, documents);
  }

  /** Indexes the documents in one bulk request; fails if any of them failed. */
  private void index(long position, int firstOrdinal, List<HistoryDocument> documents) {
    ensureTemplate();
    if (documents.isEmpty()) {
      return;
    }
    List<BulkOperation> operations = new ArrayList<>(documents.size());
    int ordinal = firstOrdinal;
    for (HistoryDocument d : documents) {
      String id = d.kind().name() + "-" + d.key();
      // filed by when what it belongs to ended: a replay writes the same id into the same index
      long end = d.endDate();
      ObjectNode source = Json.MAPPER.createObjectNode();
      source.put("kind", d.kind().name());
      source.put("key", d.key());
      source.put("processInstanceKey", d.processInstanceKey());
      source.put("rootProcessInstanceKey", d.rootProcessInstanceKey());
      source.put("bpmnProcessId", d.bpmnProcessId());
      source.put("endDate", end);
      source.put("expiresAt", d.expiresAt());
      source.put("position", position);
      source.put("ordinal", ordinal++);
      if (d.record() instanceof VariableRecord v) {
        // a variable is found by name and value (the value's first TERM_LENGTH characters)
        source.put("termName", v.name());
        source.put("termValue", term(v.value()));
      }
      HistoryFields fields =
          HistoryFields.searchable(d.kind()) ? HistoryFields.of(d.record()) : null;
      if (fields != null) {
        for (HistoryField field : HistoryField.values()) {
          source.set(fieldName(field), Json.MAPPER.valueToTree(fields.value(field)));
        }
      }
      source.set("record", Json.MAPPER.valueToTree(d.record()));
      String index = index(d.kind(), end);
      operations.add(BulkOperation.of(o -> o.index(i -> i.index(index).id(id).document(source))));
    }
    operations.stream().map(o -> o.index().index()).distinct().forEach(this::ensureIndex);
    BulkResponse response;
    try {
      response = client.bulk(b -> b.operations(operations).refresh(Refresh.True));
    } catch (IOException | ElasticsearchException e) {
      throw failure("write " + documents.size() + " history documents", e);
    }
    if (response.errors()) {
      String reason =
          response.items().stream()
              .map(BulkResponseItem::error)
              .filter(java.util.Objects::nonNull)
              .map(e -> e.type() + ": " + e.reason())
              .findFirst()
              .orElse("unknown");
      throw new IllegalStateException("Elasticsearch refused history documents: " + reason);
    }
  }

  private void writePosition(long position) {
    ensureTemplate();
    ensureIndex(positionIndex());
    try {
      client.index(
          i ->
              i.index(positionIndex())
                  .id(POSITION_ID)
                  .document(Map.of("position", position))
                  .refresh(Refresh.True));
    } catch (IOException | ElasticsearchException e) {
      throw failure("record the exported position", e);
    }
    exported = position;
  }

  /**
   * Creates an index (from the template) unless it is known to exist: the application's
   * Elasticsearch may forbid creating indices by writing to them ({@code
   * action.auto_create_index}).
   */
  private void ensureIndex(String index) {
    if (indices.contains(index)) {
      return;
    }
    try {
      client.indices().create(c -> c.index(index));
    } catch (ElasticsearchException e) {
      if (!"resource_already_exists_exception".equals(e.error().type())) {
        throw failure("create the index " + index, e);
      }
      if (!index.equals(positionIndex())) {
        addSearchFields(index);
      }
    } catch (IOException e) {
      throw failure("create the index " + index, e);
    }
    indices.add(index);
  }

  /**
   * Adds the f* fields to an index created before they existed (an index of the current month when
   * the application is upgraded), so the documents written to it from now on are found by {@link
   * HistoryQuery}s; documents written before are not (reindex them).
   */
  private void addSearchFields(String index) {
    try {
      client
          .indices()
          .putMapping(
              m ->
                  m.index(index)
                      .properties("fKey", p -> p.long_(l -> l))
                      .properties("fProcess", p -> p.keyword(k -> k))
                      .properties("fDefinitionKey", p -> p.long_(l -> l))
                      .properties("fState", p -> p.keyword(k -> k))
                      .properties("fTenant", p -> p.keyword(k -> k))
                      .properties("fStart", p -> p.long_(l -> l))
                      .properties("fEnd", p -> p.long_(l -> l))
                      .properties("fParent", p -> p.long_(l -> l))
                      .properties("fFlag", p -> p.boolean_(b -> b)));
    } catch (IOException | ElasticsearchException e) {
      throw failure("add the search fields to " + index, e);
    }
  }

  /** The index template every history index is created from (once per store). */
  private void ensureTemplate() {
    if (templated) {
      return;
    }
    try {
      client
          .indices()
          .putIndexTemplate(
              t ->
                  t.name(prefix)
                      .indexPatterns(prefix + "-*")
                      .template(
                          tt ->
                              tt.settings(s -> s.numberOfShards("1").numberOfReplicas("0"))
                                  .mappings(
                                      m ->
                                          m.dynamic(DynamicMapping.False)
                                              .properties("kind", p -> p.keyword(k -> k))
                                              .properties("key", p -> p.keyword(k -> k))
                                              .properties(
                                                  "processInstanceKey", p -> p.long_(l -> l))
                                              .properties(
                                                  "rootProcessInstanceKey", p -> p.long_(l -> l))
                                              .properties("bpmnProcessId", p -> p.keyword(k -> k))
                                              .properties(
                                                  "endDate",
                                                  p -> p.date(d -> d.format("epoch_millis")))
                                              .properties("expiresAt", p -> p.long_(l -> l))
                                              .properties("position", p -> p.long_(l -> l))
                                              .properties("ordinal", p -> p.integer(i -> i))
                                              .properties("termName", p -> p.keyword(k -> k))
                                              .properties("termValue", p -> p.keyword(k -> k))
                                              .properties("fKey", p -> p.long_(l -> l))
                                              .properties("fProcess", p -> p.keyword(k -> k))
                                              .properties("fDefinitionKey", p -> p.long_(l -> l))
                                              .properties("fState", p -> p.keyword(k -> k))
                                              .properties("fTenant", p -> p.keyword(k -> k))
                                              .properties("fStart", p -> p.long_(l -> l))
                                              .properties("fEnd", p -> p.long_(l -> l))
                                              .properties("fParent", p -> p.long_(l -> l))
                                              .properties("fFlag", p -> p.boolean_(b -> b))
                                              .properties(
                                                  "record",
                                                  p -> p.object(o -> o.enabled(false))))));
    } catch (IOException | ElasticsearchException e) {
      throw failure("put the history index template", e);
    }
    templated = true;
  }

  @Override
  public <R> Optional<R> get(HistoryKind<R> kind, String key) {
    String id = kind.name() + "-" + key;
    return search(kind, Query.of(q -> q.ids(i -> i.values(id))), 1).stream().findFirst();
  }

  @Override
  public <R> List<R> ofProcessInstance(HistoryKind<R> kind, long processInstanceKey) {
    return search(
        kind,
        Query.of(q -> q.term(t -> t.field("processInstanceKey").value(processInstanceKey))),
        Integer.MAX_VALUE);
  }

  /**
   * Indexed part of a variable's value: any length fits, the exact value is checked after reading.
   */
  static final int TERM_LENGTH = 200;

  private static String term(String text) {
    return text == null || text.length() <= TERM_LENGTH ? text : text.substring(0, TERM_LENGTH);
  }

  @Override
  public List<VariableRecord> variablesNamed(String name, String value) {
    Query byName = Query.of(q -> q.term(t -> t.field("termName").value(name)));
    Query query =
        value == null
            ? byName
            : Query.of(
                q ->
                    q.bool(
                        b ->
                            b.filter(byName)
                                .filter(
                                    f -> f.term(t -> t.field("termValue").value(term(value))))));
    return search(HistoryKind.VARIABLE, query, Integer.MAX_VALUE).stream()
        .filter(v -> value == null || Objects.equals(value, v.value()))
        .toList();
  }

  @Override
  public <R> List<R> all(HistoryKind<R> kind) {
    return search(kind, Query.of(q -> q.matchAll(a -> a)), Integer.MAX_VALUE);
  }

  /** The documents of a family the query selects, in the order written, page by page. */
  private <R> List<R> search(HistoryKind<R> kind, Query query, int limit) {
    List<R> records = new ArrayList<>();
    List<FieldValue> after = null;
    while (records.size() < limit) {
      List<FieldValue> from = after;
      int size = Math.min(PAGE, limit - records.size());
      SearchResponse<ObjectNode> response;
      try {
        response =
            client.search(
                s -> {
                  s.index(family(kind))
                      .ignoreUnavailable(true)
                      .allowNoIndices(true)
                      .query(query)
                      .size(size)
                      .sort(o -> o.field(f -> f.field("position").order(SortOrder.Asc)))
                      .sort(o -> o.field(f -> f.field("ordinal").order(SortOrder.Asc)));
                  if (from != null) {
                    s.searchAfter(from);
                  }
                  return s;
                },
                ObjectNode.class);
      } catch (IOException | ElasticsearchException e) {
        throw failure("read " + kind.name() + " history", e);
      }
      List<Hit<ObjectNode>> hits = response.hits().hits();
      for (Hit<ObjectNode> hit : hits) {
        try {
          records.add(Json.MAPPER.treeToValue(hit.source().get("record"), kind.type()));
        } catch (JsonProcessingException e) {
          throw new IllegalStateException("A history document cannot be read: " + hit.id(), e);
        }
      }
      if (hits.size() < size) {
        break;
      }
      after = hits.get(hits.size() - 1).sort();
    }
    return records;
  }

  // ------------------------------------------------ searches over the f* fields (HistoryQuery)

  /** The document field holding a {@link HistoryFields} value ({@code fKey}, {@code fProcess}…). */
  static String fieldName(HistoryField field) {
    String camel =
        java.util.Arrays.stream(field.name().toLowerCase(java.util.Locale.ROOT).split("_"))
            .map(w -> Character.toUpperCase(w.charAt(0)) + w.substring(1))
            .collect(java.util.stream.Collectors.joining());
    return "f" + camel;
  }

  @Override
  public boolean searches(HistoryKind<?> kind) {
    return HistoryFields.searchable(kind);
  }

  private static FieldValue value(Object value) {
    if (value instanceof Long l) {
      return FieldValue.of(l);
    } else if (value instanceof Boolean b) {
      return FieldValue.of(b);
    }
    return FieldValue.of(String.valueOf(value));
  }

  /** The query's conditions as filters, plus {@code extra}. */
  private static Query query(HistoryQuery query, List<Query> extra) {
    List<Query> filters = new ArrayList<>(extra);
    for (Condition condition : query.conditions()) {
      String field = fieldName(condition.field());
      if (condition instanceof In in) {
        List<Query> alternatives = new ArrayList<>();
        if (!in.values().isEmpty()) {
          List<FieldValue> values = in.values().stream().map(v -> value(v)).toList();
          alternatives.add(Query.of(q -> q.terms(t -> t.field(field).terms(v -> v.value(values)))));
        }
        if (in.orAbsent()) {
          alternatives.add(
              Query.of(q -> q.bool(b -> b.mustNot(n -> n.exists(e -> e.field(field))))));
        }
        filters.add(
            alternatives.isEmpty()
                ? Query.of(q -> q.bool(b -> b.mustNot(n -> n.matchAll(a -> a))))
                : Query.of(q -> q.bool(b -> b.should(alternatives).minimumShouldMatch("1"))));
      } else if (condition instanceof Range range) {
        filters.add(Query.of(q -> q.exists(e -> e.field(field))));
        if (range.min() != null) {
          filters.add(
              Query.of(q -> q.range(r -> r.number(n -> n.field(field).gte((double) range.min())))));
        }
        if (range.max() != null) {
          filters.add(
              Query.of(q -> q.range(r -> r.number(n -> n.field(field).lte((double) range.max())))));
        }
      }
    }
    return Query.of(q -> q.bool(b -> b.filter(filters)));
  }

  /**
   * A long bound as a term/range: ranges go through double in the client, exact below 2^53 (Zeebe
   * keys and epoch milliseconds are); so key bounds are written as terms where equality matters.
   */
  private static Query longRange(String field, String op, long bound) {
    return Query.of(
        q ->
            q.range(
                r ->
                    r.number(
                        n -> {
                          n.field(field);
                          return switch (op) {
                            case "lt" -> n.lt((double) bound);
                            case "gt" -> n.gt((double) bound);
                            default -> n.gte((double) bound);
                          };
                        })));
  }

  private long count(HistoryKind<?> kind, Query query) {
    try {
      return client
          .count(
              c -> c.index(family(kind)).ignoreUnavailable(true).allowNoIndices(true).query(query))
          .count();
    } catch (IOException | ElasticsearchException e) {
      throw failure("count " + kind.name() + " history", e);
    }
  }

  @Override
  public long count(HistoryKind<?> kind, HistoryQuery query) {
    return count(kind, query(query, List.of()));
  }

  @Override
  public long countBefore(HistoryKind<?> kind, HistoryQuery query, Point point) {
    String key = fieldName(HistoryField.KEY);
    if (query.sort() == HistoryField.KEY) {
      return count(
          kind,
          query(query, List.of(longRange(key, query.descending() ? "gt" : "lt", point.key()))));
    }
    String field = fieldName(query.sort());
    Query exists = Query.of(q -> q.exists(e -> e.field(field)));
    if (point.value() == null) {
      Query absentBefore =
          Query.of(q -> q.bool(b -> b.mustNot(exists).filter(longRange(key, "lt", point.key()))));
      return count(kind, query(query, List.of(exists)))
          + count(kind, query(query, List.of(absentBefore)));
    }
    Query strictly = longRange(field, query.descending() ? "gt" : "lt", point.value());
    Query tie =
        Query.of(
            q ->
                q.bool(
                    b ->
                        b.filter(f -> f.term(t -> t.field(field).value(point.value())))
                            .filter(longRange(key, "lt", point.key()))));
    return count(kind, query(query, List.of(strictly))) + count(kind, query(query, List.of(tie)));
  }

  @Override
  public List<Point> points(HistoryKind<?> kind, HistoryQuery query, long offset, int limit) {
    String key = fieldName(HistoryField.KEY);
    String field = query.sort() == HistoryField.KEY ? key : fieldName(query.sort());
    SortOrder direction = query.descending() ? SortOrder.Desc : SortOrder.Asc;
    Query filter = query(query, List.of());
    List<Point> points = new ArrayList<>();
    List<FieldValue> after = null;
    long skip = offset;
    // from + size is capped (max_result_window): deeper pages step on with search_after
    while (points.size() < limit) {
      int size = (int) Math.min(PAGE * 10L, skip + limit - points.size());
      List<FieldValue> from = after;
      SearchResponse<ObjectNode> response;
      try {
        response =
            client.search(
                s -> {
                  s.index(family(kind))
                      .ignoreUnavailable(true)
                      .allowNoIndices(true)
                      .query(filter)
                      .size(size)
                      .source(src -> src.filter(f -> f.includes(field, key, "key")))
                      .sort(o -> o.field(f -> f.field(field).order(direction).missing("_last")));
                  if (query.sort() != HistoryField.KEY) {
                    s.sort(o -> o.field(f -> f.field(key).order(SortOrder.Asc)));
                  }
                  if (from != null) {
                    s.searchAfter(from);
                  }
                  return s;
                },
                ObjectNode.class);
      } catch (IOException | ElasticsearchException e) {
        throw failure("read " + kind.name() + " history", e);
      }
      List<Hit<ObjectNode>> hits = response.hits().hits();
      for (Hit<ObjectNode> hit : hits) {
        if (skip > 0) {
          skip--;
          continue;
        }
        if (points.size() < limit) {
          ObjectNode source = hit.source();
          JsonNodeValue v = new JsonNodeValue(source.get(field));
          points.add(new Point(v.asLong(), source.path(key).asLong(), source.path("key").asText()));
        }
      }
      if (hits.size() < size) {
        break;
      }
      after = hits.get(hits.size() - 1).sort();
    }
    return points;
  }

  /** A JSON field that may be absent or null. */
  private record JsonNodeValue(com.fasterxml.jackson.databind.JsonNode node) {
    Long asLong() {
      return node == null || node.isNull() ? null : node.asLong();
    }
  }

  @Override
  public Set<String> matching(
      HistoryKind<?> kind, HistoryQuery query, Collection<String> recordKeys) {
    Set<String> found = new java.util.LinkedHashSet<>();
    List<String> keys = new ArrayList<>(recordKeys);
    for (int from = 0; from < keys.size(); from += PAGE) {
      List<FieldValue> chunk =
          keys.subList(from, Math.min(keys.size(), from + PAGE)).stream()
              .map(FieldValue::of)
              .toList();
      Query byKey = Query.of(q -> q.terms(t -> t.field("key").terms(v -> v.value(chunk))));
      try {
        for (Hit<ObjectNode> hit :
            client
                .search(
                    s ->
                        s.index(family(kind))
                            .ignoreUnavailable(true)
                            .allowNoIndices(true)
                            .query(query(query, List.of(byKey)))
                            .size(chunk.size())
                            .source(src -> src.filter(f -> f.includes("key"))),
                    ObjectNode.class)
                .hits()
                .hits()) {
          found.add(hit.source().path("key").asText());
        }
      } catch (IOException | ElasticsearchException e) {
        throw failure("read " + kind.name() + " history", e);
      }
    }
    return found;
  }

  @Override
  public <R> List<R> getAll(HistoryKind<R> kind, List<String> keys) {
    if (keys.isEmpty()) {
      return List.of();
    }
    List<String> ids = keys.stream().map(k -> kind.name() + "-" + k).toList();
    Map<String, R> byKey = new HashMap<>();
    for (R record : search(kind, Query.of(q -> q.ids(i -> i.values(ids))), ids.size())) {
      byKey.put(keyOf(record), record);
    }
    List<R> records = new ArrayList<>();
    for (String key : keys) {
      R record = byKey.get(key);
      if (record != null) {
        records.add(record);
      }
    }
    return records;
  }

  /** A searchable record's key (its document's {@code key}). */
  private static String keyOf(Object record) {
    if (record instanceof ProcessInstanceRecord r) {
      return String.valueOf(r.processInstanceKey());
    } else if (record instanceof io.civicflow.engine.query.Records.UserTaskRecord r) {
      return String.valueOf(r.userTaskKey());
    } else if (record instanceof io.civicflow.engine.query.Records.IncidentRecord r) {
      return String.valueOf(r.incidentKey());
    }
    return String.valueOf(record);
  }

  @Override
  public long count(HistoryKind<?> kind) {
    try {
      return client
          .count(c -> c.index(family(kind)).ignoreUnavailable(true).allowNoIndices(true))
          .count();
    } catch (IOException | ElasticsearchException e) {
      throw failure("count " + kind.name() + " history", e);
    }
  }

  /**
   * Drops every index whose documents have all expired (a month of history, cheaply), then deletes
   * the expired documents of the others.
   */
  @Override
  public long deleteExpired(long now) {
    try {
      SearchResponse<Void> byIndex =
          client.search(
              s ->
                  s.index(documents())
                      .ignoreUnavailable(true)
                      .allowNoIndices(true)
                      .size(0)
                      .aggregations(
                          "indices",
                          a ->
                              a.terms(t -> t.field("_index").size(10_000))
                                  .aggregations("latest", l -> l.max(m -> m.field("expiresAt")))),
              Void.class);
      long deleted = 0;
      List<String> expiredIndices = new ArrayList<>();
      var terms = byIndex.aggregations().get("indices");
      if (terms != null) {
        for (StringTermsBucket bucket : terms.sterms().buckets().array()) {
          double latest = bucket.aggregations().get("latest").max().value();
          if (latest <= now) {
            expiredIndices.add(bucket.key().stringValue());
            deleted += bucket.docCount();
          }
        }
      }
      if (!expiredIndices.isEmpty()) {
        client.indices().delete(d -> d.index(expiredIndices));
        expiredIndices.forEach(indices::remove);
      }
      // the rest one by one (delete-by-query is in the reindex module, which not every
      // distribution has: the minimal one the tests run lacks it)
      while (true) {
        var hits =
            client
                .search(
                    q ->
                        q.index(documents())
                            .ignoreUnavailable(true)
                            .allowNoIndices(true)
                            .source(src -> src.fetch(false))
                            .size(PAGE)
                            .query(
                                r ->
                                    r.range(
                                        g ->
                                            g.number(n -> n.field("expiresAt").lte((double) now)))),
                    Void.class)
                .hits()
                .hits();
        if (hits.isEmpty()) {
          break;
        }
        List<BulkOperation> deletions = new ArrayList<>();
        for (Hit<Void> hit : hits) {
          deletions.add(BulkOperation.of(o -> o.delete(d -> d.index(hit.index()).id(hit.id()))));
        }
        BulkResponse response = client.bulk(b -> b.operations(deletions).refresh(Refresh.True));
        if (response.errors()) {
          throw new IllegalStateException("Elasticsearch refused to delete expired history");
        }
        deleted += hits.size();
      }
      return deleted;
    } catch (IOException | ElasticsearchException e) {
      throw failure("delete expired history", e);
    }
  }

  @Override
  public void clear(long position) {
    try {
      var existing =
          client
              .indices()
              .get(g -> g.index(documents()).ignoreUnavailable(true).allowNoIndices(true))
              .result()
              .keySet();
      if (!existing.isEmpty()) {
        client.indices().delete(d -> d.index(List.copyOf(existing)));
      }
      indices.clear();
    } catch (IOException | ElasticsearchException e) {
      throw failure("clear the history", e);
    }
    writePosition(Math.max(position, exportedPosition()));
  }

  @Override
  public void sync() {
    try {
      client
          .indices()
          .flush(f -> f.index(prefix + "-*").ignoreUnavailable(true).allowNoIndices(true));
    } catch (IOException | ElasticsearchException e) {
      throw failure("flush the history", e);
    }
  }

  /** The client belongs to the application, which closes it. */
  @Override
  public void close() {}

  private static IllegalStateException failure(String what, Exception e) {
    return new IllegalStateException("Elasticsearch cannot " + what + ": " + e.getMessage(), e);
  }
}
