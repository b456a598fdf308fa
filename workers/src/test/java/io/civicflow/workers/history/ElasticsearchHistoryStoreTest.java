package io.civicflow.workers.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.civicflow.engine.Engine;
import io.civicflow.engine.EngineConfig;
import io.civicflow.engine.api.Commands.BatchItem;
import io.civicflow.engine.api.Commands.CreateBatchOperation;
import io.civicflow.engine.api.Commands.Deploy;
import io.civicflow.engine.api.Commands.DeployResource;
import io.civicflow.engine.api.Commands.EvaluateDecision;
import io.civicflow.engine.history.HistoryDocument;
import io.civicflow.engine.history.HistoryFields;
import io.civicflow.engine.history.HistoryKind;
import io.civicflow.engine.history.HistoryQuery;
import io.civicflow.engine.history.HistoryQuery.HistoryField;
import io.civicflow.engine.history.HistoryQuery.Point;
import io.civicflow.engine.history.HistoryRetention;
import io.civicflow.engine.history.HistoryStore;
import io.civicflow.engine.query.Records.ProcessInstanceRecord;
import io.civicflow.engine.query.Records.ProcessInstanceState;
import io.civicflow.engine.query.Records.VariableRecord;
import io.civicflow.engine.query.TieredReadModel;
import io.civicflow.workers.registry.elasticsearch.ElasticsearchExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's history in the real Elasticsearch of the test JVM: the {@link HistoryStore} contract
 * (dated indices by the root's end, stable ids that a replay overwrites, the position recorded
 * after the documents, retention dropping whole months), and an engine on it that keeps processing
 * while Elasticsearch refuses writes (a {@code write} index block on its history indices) and
 * catches up exactly once when it takes them again — across a restart in between.
 */
@ExtendWith(ElasticsearchExtension.class)
class ElasticsearchHistoryStoreTest {

  private static final ShortInstances INSTANCES = new ShortInstances("es-history", "es-check");

  private static final Instant NOV_2016 = Instant.parse("2016-11-15T08:00:00Z");
  private static final long DEC_2016 = Instant.parse("2016-12-02T09:00:00Z").toEpochMilli();

  private final ElasticsearchClient client;
  private String prefix;

  @TempDir Path directory;

  ElasticsearchHistoryStoreTest(ElasticsearchClient client) {
    this.client = client;
  }

  @BeforeEach
  void ownIndices() {
    prefix = "civicflow-history-test-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @AfterEach
  void dropIndices() throws Exception {
    block(false);
    var indices =
        client
            .indices()
            .get(g -> g.index(prefix + "-*").allowNoIndices(true).ignoreUnavailable(true))
            .result()
            .keySet();
    if (!indices.isEmpty()) {
      client.indices().delete(d -> d.index(List.copyOf(indices)));
    }
    client.indices().deleteIndexTemplate(d -> d.name(prefix));
  }

  private static ProcessInstanceRecord instance(long key, long end) {
    return new ProcessInstanceRecord(
        key,
        1,
        "es-history",
        "ES",
        1,
        null,
        end - 1000,
        end,
        ProcessInstanceState.COMPLETED,
        false,
        "<default>",
        null,
        null,
        List.of());
  }

  private static HistoryDocument document(ProcessInstanceRecord p, long expiresAt) {
    return new HistoryDocument(
        HistoryKind.PROCESS_INSTANCE,
        String.valueOf(p.processInstanceKey()),
        p.processInstanceKey(),
        p.processInstanceKey(),
        p.bpmnProcessId(),
        p.endDate(),
        expiresAt,
        p);
  }

  /** A variable of instance 1 (ended in November 2016) or 2 (ended in December 2016). */
  private static HistoryDocument variable(long key, long instance, String value, long expiresAt) {
    return new HistoryDocument(
        HistoryKind.VARIABLE,
        String.valueOf(key),
        instance,
        instance,
        "es-history",
        instance == 2 ? DEC_2016 : NOV_2016.toEpochMilli(),
        expiresAt,
        new VariableRecord(key, "case", value, instance, instance, "<default>"));
  }

  /**
   * The store pages, sorts and counts process instances itself (the f* fields) exactly as the same
   * query computed over the records: counts, places at offsets, what comes before a place, which
   * keys match, bodies by key — over two monthly indices, with ties on both dates.
   */
  @Test
  void shouldPageSortAndCountSearchesInTheStore() {
    HistoryStore store = new ElasticsearchHistoryStore(client, prefix);
    long nov = NOV_2016.toEpochMilli();
    List<ProcessInstanceRecord> records = new ArrayList<>();
    List<HistoryDocument> documents = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      ProcessInstanceRecord r =
          new ProcessInstanceRecord(
              2_251_799_813_685_249L + i,
              1,
              i % 3 == 0 ? "other" : "es-history",
              "ES",
              1,
              null,
              nov + (i / 2) * 1000L,
              (i < 20 ? nov : DEC_2016) + (i % 5) * 1000L,
              i % 4 == 0 ? ProcessInstanceState.TERMINATED : ProcessInstanceState.COMPLETED,
              i % 6 == 0,
              i % 7 == 0 ? "t2" : "<default>",
              null,
              null,
              List.of());
      records.add(r);
      documents.add(document(r, Long.MAX_VALUE));
    }
    store.write(5, documents);
    assertThat(store.searches(HistoryKind.PROCESS_INSTANCE)).isTrue();

    List<HistoryQuery> queries =
        List.of(
            new HistoryQuery(
                List.of(
                    new HistoryQuery.In(HistoryField.PROCESS, List.of("es-history"), false),
                    new HistoryQuery.In(HistoryField.STATE, List.of("COMPLETED"), false)),
                HistoryField.END,
                true),
            new HistoryQuery(
                List.of(new HistoryQuery.Range(HistoryField.START, nov + 3000, nov + 12_000)),
                HistoryField.START,
                false),
            new HistoryQuery(
                List.of(new HistoryQuery.In(HistoryField.TENANT, List.of("<default>"), true)),
                HistoryField.KEY,
                true),
            new HistoryQuery(
                List.of(new HistoryQuery.In(HistoryField.FLAG, List.of(false), false)),
                HistoryField.END,
                false));
    for (HistoryQuery q : queries) {
      List<Point> expected =
          records.stream()
              .filter(r -> q.matches(HistoryFields.of(r)))
              .map(r -> q.point(HistoryFields.of(r), String.valueOf(r.processInstanceKey())))
              .sorted(q.order())
              .toList();
      assertThat(expected).as("%s matches some", q).isNotEmpty();
      assertThat(store.count(HistoryKind.PROCESS_INSTANCE, q))
          .as("%s", q)
          .isEqualTo(expected.size());
      assertThat(store.points(HistoryKind.PROCESS_INSTANCE, q, 0, 100)).isEqualTo(expected);
      assertThat(store.points(HistoryKind.PROCESS_INSTANCE, q, 2, 3))
          .isEqualTo(expected.subList(2, Math.min(5, expected.size())));
      for (int i = 0; i < expected.size(); i += 3) {
        assertThat(store.countBefore(HistoryKind.PROCESS_INSTANCE, q, expected.get(i)))
            .as("before %s in %s", expected.get(i), q)
            .isEqualTo(i);
      }
      List<String> keys = expected.stream().limit(3).map(Point::recordKey).toList();
      List<String> asked = new ArrayList<>(keys);
      asked.add("1");
      assertThat(store.matching(HistoryKind.PROCESS_INSTANCE, q, asked))
          .containsExactlyInAnyOrderElementsOf(keys);
      assertThat(store.getAll(HistoryKind.PROCESS_INSTANCE, keys))
          .extracting(r -> String.valueOf(r.processInstanceKey()))
          .containsExactlyElementsOf(keys);
    }
  }

  @Test
  void shouldFindVariablesByNameAndValueThroughTheIndex() {
    HistoryStore store = new ElasticsearchHistoryStore(client, prefix);
    long nov = NOV_2016.toEpochMilli();
    String longValue = "\"" + "长".repeat(300) + "\"";
    store.write(
        3,
        List.of(
            document(instance(1, nov), Long.MAX_VALUE),
            variable(11, 1, "\"KS-1\"", Long.MAX_VALUE),
            variable(12, 1, "\"甲\"", Long.MAX_VALUE),
            variable(13, 1, longValue, Long.MAX_VALUE),
            variable(14, 1, longValue.replace("长\"", "短\""), Long.MAX_VALUE)));

    assertThat(store.variablesNamed("case", "\"甲\""))
        .extracting(VariableRecord::variableKey)
        .containsExactly(12L);
    assertThat(store.variablesNamed("case", null)).hasSize(4);
    assertThat(store.variablesNamed("other", null)).isEmpty();
    assertThat(store.variablesNamed("case", longValue))
        .as("longer than the indexed part: checked exactly after reading")
        .extracting(VariableRecord::variableKey)
        .containsExactly(13L);
  }

  @Test
  void shouldKeepTheHistoryContractInDatedIndices() throws Exception {
    HistoryStore store = new ElasticsearchHistoryStore(client, prefix);
    long nov = NOV_2016.toEpochMilli();
    assertThat(store.exportedPosition()).isZero();
    assertThat(store.all(HistoryKind.PROCESS_INSTANCE)).isEmpty();

    store.write(
        5,
        List.of(
            document(instance(1, nov), Long.MAX_VALUE),
            variable(11, 1, "\"KS-1\"", Long.MAX_VALUE),
            variable(12, 1, "\"甲\"", Long.MAX_VALUE)));
    store.write(
        9,
        List.of(
            document(instance(2, DEC_2016), DEC_2016 + 10), variable(21, 2, "2", DEC_2016 + 10)));

    assertThat(store.exportedPosition()).isEqualTo(9);
    assertThat(new ElasticsearchHistoryStore(client, prefix).exportedPosition())
        .as("the position is in Elasticsearch")
        .isEqualTo(9);
    assertThat(client.indices().exists(e -> e.index(prefix + "-process-instance-2016-11")).value())
        .isTrue();
    assertThat(client.indices().exists(e -> e.index(prefix + "-variable-2016-12")).value())
        .isTrue();
    assertThat(store.get(HistoryKind.PROCESS_INSTANCE, "2").orElseThrow().endDate())
        .isEqualTo(DEC_2016);
    assertThat(store.get(HistoryKind.PROCESS_INSTANCE, "3")).isEmpty();
    assertThat(store.ofProcessInstance(HistoryKind.VARIABLE, 1))
        .extracting(VariableRecord::value)
        .containsExactly("\"KS-1\"", "\"甲\"");
    assertThat(store.all(HistoryKind.PROCESS_INSTANCE))
        .extracting(ProcessInstanceRecord::processInstanceKey)
        .containsExactly(1L, 2L);
    assertThat(store.count(HistoryKind.VARIABLE)).isEqualTo(3);

    store.write(7, List.of(variable(13, 1, "ignored", Long.MAX_VALUE)));
    assertThat(store.count(HistoryKind.VARIABLE))
        .as("at or below the position: ignored")
        .isEqualTo(3);

    store.write(12, List.of(variable(11, 1, "\"KS-1b\"", Long.MAX_VALUE)));
    assertThat(store.count(HistoryKind.VARIABLE)).as("a rewrite replaces").isEqualTo(3);
    assertThat(store.get(HistoryKind.VARIABLE, "11").orElseThrow().value()).isEqualTo("\"KS-1b\"");

    assertThat(store.deleteExpired(DEC_2016 + 9)).isZero();
    assertThat(store.deleteExpired(DEC_2016 + 10)).as("December's two documents").isEqualTo(2);
    assertThat(client.indices().exists(e -> e.index(prefix + "-variable-2016-12")).value())
        .as("a wholly expired month is dropped as an index")
        .isFalse();
    assertThat(store.get(HistoryKind.PROCESS_INSTANCE, "2")).isEmpty();
    assertThat(store.count(HistoryKind.VARIABLE)).isEqualTo(2);
    store.sync();

    store.clear(20);
    assertThat(store.exportedPosition()).isEqualTo(20);
    for (HistoryKind<?> kind : HistoryKind.ALL) {
      assertThat(store.count(kind)).as(kind.name()).isZero();
    }
  }

  @Test
  void shouldRecordNoPositionWhenElasticsearchRefusesTheDocuments() throws Exception {
    HistoryStore store = new ElasticsearchHistoryStore(client, prefix);
    long nov = NOV_2016.toEpochMilli();
    store.write(3, List.of(document(instance(1, nov), Long.MAX_VALUE)));
    block(true);
    try {
      assertThatThrownBy(() -> store.write(4, List.of(document(instance(2, nov), Long.MAX_VALUE))))
          .isInstanceOf(IllegalStateException.class);
    } finally {
      block(false);
    }
    assertThat(new ElasticsearchHistoryStore(client, prefix).exportedPosition()).isEqualTo(3);
    assertThat(store.exportedPosition()).isEqualTo(3);
  }

  /**
   * Elasticsearch refuses writes (a write block on the history indices): the engine keeps creating
   * and completing instances and answers searches for them from memory; a restart meanwhile loses
   * nothing; when the block is lifted the history is exported once and leaves the heap.
   */
  @Test
  void shouldKeepTheEngineRunningWhileElasticsearchRefusesWritesAndCatchUpOnce() throws Exception {
    EngineConfig config =
        new EngineConfig(
                directory.resolve("engine"),
                true,
                true,
                Duration.ofSeconds(1),
                InstantSource.fixed(NOV_2016))
            .withHistoryStore(dir -> new ElasticsearchHistoryStore(client, prefix));
    List<Long> completed = new ArrayList<>();
    try (Engine engine = Engine.start(config)) {
      engine.deploy(INSTANCES.deployment()).get();
      completed.addAll(INSTANCES.createAndComplete(engine, 2));
      assertThat(store(engine).count(HistoryKind.PROCESS_INSTANCE)).isEqualTo(2);

      block(true);
      completed.addAll(INSTANCES.createAndComplete(engine, 3));
      assertThat(engine.historyExport().pendingRoots()).isEqualTo(3);
      assertThat(engine.historyExport().failing()).isTrue();
      for (long key : completed) {
        assertThat(engine.readModel().processInstance(key).orElseThrow().state())
            .isEqualTo(ProcessInstanceState.COMPLETED);
      }
    }
    try (Engine engine = Engine.start(config)) {
      assertThat(engine.readModel().processInstances())
          .extracting(ProcessInstanceRecord::processInstanceKey)
          .containsExactlyInAnyOrderElementsOf(completed);
      completed.addAll(INSTANCES.createAndComplete(engine, 1));
      assertThat(engine.historyExport().pendingRoots()).isEqualTo(4);

      block(false);
      engine.addClockOffset(Duration.ofMinutes(1).toMillis()).get(); // past the retry back-off

      assertThat(engine.historyExport().pendingRoots()).isZero();
      assertThat(((TieredReadModel) engine.readModel()).runtime().processInstances()).isEmpty();
      HistoryStore store = store(engine);
      assertThat(store.all(HistoryKind.PROCESS_INSTANCE))
          .extracting(ProcessInstanceRecord::processInstanceKey)
          .containsExactlyInAnyOrderElementsOf(completed);
      assertThat(store.count(HistoryKind.VARIABLE))
          .as("case and score of each, once")
          .isEqualTo(2L * completed.size());
    }
  }

  /**
   * A standalone decision evaluation and a finished batch operation with its items belong to no
   * process instance: each is filed in the month the engine clock stood at when it ended (not in
   * 1970-01), and expires its time to live after that moment.
   */
  @Test
  void shouldFileStandaloneDecisionsAndBatchesInTheMonthTheyEndedAndExpireFromThere()
      throws Exception {
    EngineConfig config =
        new EngineConfig(
                directory.resolve("engine"),
                true,
                true,
                Duration.ofSeconds(1),
                InstantSource.fixed(NOV_2016))
            .withHistory(new HistoryRetention("P30D", Map.of()))
            .withHistoryStore(dir -> new ElasticsearchHistoryStore(client, prefix));
    try (Engine engine = Engine.start(config)) {
      engine.deploy(INSTANCES.deployment()).get();
      engine.deploy(decision()).get();
      // ended on 2016-12-02T09:00Z: December, not the month the engine started in
      engine.addClockOffset(DEC_2016 - NOV_2016.toEpochMilli()).get();
      engine
          .evaluateDecision(new EvaluateDecision(null, "es-grade", Map.of("score", 95), null))
          .get();
      List<BatchItem> items = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        long instance = INSTANCES.create(engine, i);
        items.add(new BatchItem(instance, instance, null));
      }
      long batch =
          engine
              .createBatchOperation(new CreateBatchOperation("CANCEL_PROCESS_INSTANCE", items))
              .get();
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  ((TieredReadModel) engine.readModel()).runtime().batchOperation(batch).isEmpty());
      long expires = Instant.ofEpochMilli(DEC_2016).plus(Duration.ofDays(30)).toEpochMilli();
      for (String family :
          List.of("decision-instance", "batch-operation", "batch-operation-item")) {
        var hits =
            client
                .search(
                    q ->
                        q.index(prefix + "-*")
                            .query(f -> f.term(t -> t.field("kind").value(family)))
                            .size(10),
                    com.fasterxml.jackson.databind.node.ObjectNode.class)
                .hits()
                .hits();
        assertThat(hits).as(family).isNotEmpty();
        for (var hit : hits) {
          assertThat(hit.index()).as(family).isEqualTo(prefix + "-" + family + "-2016-12");
          assertThat(hit.source().path("endDate").asLong()).as(family).isEqualTo(DEC_2016);
          assertThat(hit.source().path("expiresAt").asLong()).as(family).isEqualTo(expires);
        }
      }
      assertThat(engine.readModel().batchOperationItemsOf(batch)).hasSize(2);
      assertThat(engine.readModel().batchOperations())
          .as("the batch only, not its items (their indices' names extend the batches')")
          .hasSize(1);
      assertThat(store(engine).count(HistoryKind.BATCH_OPERATION)).isOne();
      assertThat(store(engine).count(HistoryKind.BATCH_OPERATION_ITEM)).isEqualTo(2);

      engine.addClockOffset(Duration.ofDays(29).toMillis()).get();
      assertThat(store(engine).count(HistoryKind.DECISION_INSTANCE)).as("29 days: kept").isOne();
      engine.addClockOffset(Duration.ofDays(2).toMillis()).get();
      assertThat(store(engine).count(HistoryKind.DECISION_INSTANCE)).as("31 days").isZero();
      assertThat(store(engine).count(HistoryKind.BATCH_OPERATION)).isZero();
      assertThat(store(engine).count(HistoryKind.BATCH_OPERATION_ITEM)).isZero();
    }
  }

  /** A decision {@code es-grade}: {@code score} to a grade. */
  static Deploy decision() {
    String dmn =
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="es-grade-drg"
            name="Grades" namespace="http://civicflow.io/dmn">
          <decision id="es-grade" name="Grade">
            <decisionTable id="t" hitPolicy="UNIQUE">
              <input id="i"><inputExpression id="e" typeRef="number"><text>score</text></inputExpression></input>
              <output id="o" name="grade" typeRef="string"/>
              <rule id="r1"><inputEntry id="e1"><text>&gt;= 60</text></inputEntry><outputEntry id="o1"><text>"合格"</text></outputEntry></rule>
              <rule id="r2"><inputEntry id="e2"><text>&lt; 60</text></inputEntry><outputEntry id="o2"><text>"不合格"</text></outputEntry></rule>
            </decisionTable>
          </decision>
        </definitions>
        """;
    return new Deploy(
        List.of(new DeployResource("es-grade.dmn", dmn.getBytes(StandardCharsets.UTF_8))), null);
  }

  private void block(boolean blocked) throws Exception {
    client
        .indices()
        .putSettings(s -> s.index(prefix + "-*").settings(i -> i.blocks(b -> b.write(blocked))));
  }

  private static HistoryStore store(Engine engine) {
    return ((TieredReadModel) engine.readModel()).runtime().historyStore();
  }
}
