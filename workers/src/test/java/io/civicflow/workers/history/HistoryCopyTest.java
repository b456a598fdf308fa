package io.civicflow.workers.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.civicflow.engine.Engine;
import io.civicflow.engine.EngineConfig;
import io.civicflow.engine.api.Commands.BatchItem;
import io.civicflow.engine.api.Commands.CreateBatchOperation;
import io.civicflow.engine.api.Commands.EvaluateDecision;
import io.civicflow.engine.history.H2HistoryStore;
import io.civicflow.engine.history.HistoryKind;
import io.civicflow.engine.history.HistoryStoreFactory;
import io.civicflow.engine.query.Records.ProcessInstanceRecord;
import io.civicflow.engine.query.Records.ProcessInstanceState;
import io.civicflow.engine.query.TieredReadModel;
import io.civicflow.workers.registry.elasticsearch.ElasticsearchExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An installation moves from the standalone engine (history in H2) to the application (history in
 * Elasticsearch) on the same data directory: {@link HistoryCopy} copies every document, dated by
 * when it ended, and the position; the application's engine then answers the old history from
 * Elasticsearch and exports what ends next after it — nothing twice, nothing missing.
 */
@ExtendWith(ElasticsearchExtension.class)
class HistoryCopyTest {

  private static final ShortInstances INSTANCES = new ShortInstances("es-copy", "es-copy");

  private static final Instant NOV_2016 = Instant.parse("2016-11-15T08:00:00Z");

  private final ElasticsearchClient client;
  private final String prefix =
      "civicflow-history-copy-" + UUID.randomUUID().toString().substring(0, 8);

  @TempDir Path directory;

  HistoryCopyTest(ElasticsearchClient client) {
    this.client = client;
  }

  @AfterEach
  void dropIndices() throws Exception {
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

  @Test
  void shouldCopyAStandaloneEnginesHistoryIntoElasticsearchOnce() throws Exception {
    Path data = directory.resolve("engine");
    List<Long> completed = new ArrayList<>();
    Map<HistoryKind<?>, Long> counts = new HashMap<>();
    long cancelled;
    try (Engine engine = Engine.start(config(data, HistoryStoreFactory.EMBEDDED))) {
      engine.deploy(INSTANCES.deployment()).get();
      engine.deploy(ElasticsearchHistoryStoreTest.decision()).get();
      completed.addAll(INSTANCES.createAndComplete(engine, 3));
      // a standalone evaluation and a batch operation, in December
      engine.addClockOffset(Duration.ofDays(20).toMillis()).get();
      engine
          .evaluateDecision(new EvaluateDecision(null, "es-grade", Map.of("score", 95), null))
          .get();
      cancelled = INSTANCES.create(engine, 9);
      long batch =
          engine
              .createBatchOperation(
                  new CreateBatchOperation(
                      "CANCEL_PROCESS_INSTANCE",
                      List.of(new BatchItem(cancelled, cancelled, null))))
              .get();
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  ((TieredReadModel) engine.readModel()).runtime().batchOperation(batch).isEmpty());
    }
    long position;
    try (H2HistoryStore h2 = H2HistoryStore.open(data.resolve("history"))) {
      position = h2.exportedPosition();
      for (HistoryKind<?> kind : HistoryKind.ALL) {
        counts.put(kind, h2.count(kind));
      }
      ElasticsearchHistoryStore elasticsearch = new ElasticsearchHistoryStore(client, prefix);
      long copied = HistoryCopy.copy(h2, elasticsearch);
      assertThat(copied).isEqualTo(counts.values().stream().mapToLong(Long::longValue).sum());
      assertThat(elasticsearch.exportedPosition()).isEqualTo(position);
      for (HistoryKind<?> kind : HistoryKind.ALL) {
        assertThat(elasticsearch.count(kind)).as(kind.name()).isEqualTo(counts.get(kind));
      }
      assertThat(client.indices().exists(e -> e.index(prefix + "-variable-2016-11")).value())
          .as("filed in the month the instances ended")
          .isTrue();
      for (String family :
          List.of("decision-instance", "batch-operation", "batch-operation-item")) {
        assertThat(
                client.indices().exists(e -> e.index(prefix + "-" + family + "-2016-12")).value())
            .as(family + ": filed in the month it ended")
            .isTrue();
      }
      assertThat(
              client
                  .indices()
                  .get(g -> g.index(prefix + "-*-1970-*").allowNoIndices(true))
                  .result())
          .isEmpty();
      assertThatThrownBy(() -> HistoryCopy.copy(h2, new ElasticsearchHistoryStore(client, prefix)))
          .as("not into indices that hold history")
          .isInstanceOf(IllegalStateException.class);
    }

    HistoryStoreFactory inElasticsearch = dir -> new ElasticsearchHistoryStore(client, prefix);
    try (Engine engine = Engine.start(config(data, inElasticsearch))) {
      List<Long> ended = new ArrayList<>(completed);
      ended.add(cancelled);
      assertThat(engine.readModel().processInstances())
          .extracting(ProcessInstanceRecord::processInstanceKey)
          .containsExactlyInAnyOrderElementsOf(ended);
      assertThat(engine.readModel().decisionInstances()).hasSize(1);
      assertThat(engine.readModel().batchOperations()).hasSize(1);
      assertThat(engine.readModel().variablesOf(completed.get(0))).hasSize(2);
      completed.addAll(INSTANCES.createAndComplete(engine, 1));
      var store = ((TieredReadModel) engine.readModel()).runtime().historyStore();
      assertThat(store.count(HistoryKind.PROCESS_INSTANCE)).isEqualTo(completed.size() + 1);
      assertThat(store.count(HistoryKind.VARIABLE))
          .as("case and score of each, once; the cancelled one's case")
          .isEqualTo(2L * completed.size() + 1);
      assertThat(engine.readModel().processInstance(completed.get(3)).orElseThrow().state())
          .isEqualTo(ProcessInstanceState.COMPLETED);
    }
  }

  private static EngineConfig config(Path data, HistoryStoreFactory history) {
    return new EngineConfig(data, true, true, Duration.ofSeconds(1), InstantSource.fixed(NOV_2016))
        .withHistoryStore(history);
  }
}
