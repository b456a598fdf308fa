package io.civicflow.engine.core;

import static io.civicflow.engine.core.EngineTestSupport.activate;
import static io.civicflow.engine.core.EngineTestSupport.create;
import static io.civicflow.engine.core.EngineTestSupport.deployFixture;
import static org.assertj.core.api.Assertions.assertThat;

import io.civicflow.engine.Engine;
import io.civicflow.engine.EngineConfig;
import io.civicflow.engine.api.Commands.CompleteJob;
import io.civicflow.engine.api.Results.ActivatedJob;
import io.civicflow.engine.history.H2HistoryStore;
import io.civicflow.engine.history.HistoryDocument;
import io.civicflow.engine.history.HistoryKind;
import io.civicflow.engine.history.HistoryStore;
import io.civicflow.engine.query.Records.VariableRecord;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restart's work does not grow with history: after a stop, the engine starts from the snapshot
 * the stop took, replays no journal record and reads nothing from the history store, whether 10 or
 * 50 instances have completed (counts, not times).
 */
class RestartWorkTest {

  private static final Instant NOW = Instant.parse("2016-11-01T08:00:00Z");

  @TempDir Path directory;

  /** Reads of the history store, across the stores a test opens. */
  private final AtomicLong reads = new AtomicLong();

  private EngineConfig config(Path data) {
    return HistoryTesting.config(data, NOW)
        .withHistoryStore(
            dir -> new CountingStore(H2HistoryStore.open(dir.resolve("history")), reads));
  }

  @Test
  void shouldReplayNoJournalAndReadNoHistoryOnARestartAfterAStop() throws Exception {
    Path data = directory.resolve("restarts");
    try (Engine engine = Engine.start(config(data))) {
      engine.deploy(deployFixture("service-task-with-gateway.bpmn")).get();
      createAndComplete(engine, 10);
      for (int i = 0; i < 2; i++) { // runtime state the snapshot carries
        engine
            .createProcessInstance(create("service-task-with-gateway", Map.of("applicant", "R")))
            .get();
      }
    }
    assertBoundedRestart(data, 10);
    try (Engine engine = Engine.start(config(data))) {
      createAndComplete(engine, 40);
    }
    assertBoundedRestart(data, 50);
  }

  /** Starts the engine on {@code data}: from a snapshot, nothing replayed, nothing read. */
  private void assertBoundedRestart(Path data, long completed) throws Exception {
    long before = reads.get();
    try (Engine engine = Engine.start(config(data))) {
      long readByStart = reads.get() - before;
      assertThat(engine.recovery().snapshotPosition())
          .as("started from the stop's snapshot")
          .isNotNull();
      assertThat(engine.recovery().replayedRecords()).as("journal records replayed").isZero();
      assertThat(readByStart).as("history store reads during the start").isZero();
      assertThat(HistoryTesting.tiered(engine).runtime().processInstances())
          .as("only the running instances in the heap")
          .hasSize(2);
      assertThat(HistoryTesting.store(engine).count(HistoryKind.PROCESS_INSTANCE))
          .isEqualTo(completed);
    }
  }

  private static void createAndComplete(Engine engine, int count) throws Exception {
    for (int i = 0; i < count; i++) {
      engine
          .createProcessInstance(create("service-task-with-gateway", Map.of("applicant", "A")))
          .get();
    }
    for (int done = 0; done < count; ) {
      List<ActivatedJob> jobs = engine.activateJobs(activate("check")).get();
      for (ActivatedJob job : jobs) {
        engine.completeJob(new CompleteJob(job.jobKey(), Map.of("score", 70))).get();
      }
      done += jobs.size();
    }
  }

  /** A real store that counts its reads. */
  private record CountingStore(HistoryStore store, AtomicLong reads) implements HistoryStore {

    @Override
    public long exportedPosition() {
      return store.exportedPosition();
    }

    @Override
    public void write(long position, List<HistoryDocument> documents) {
      store.write(position, documents);
    }

    @Override
    public <R> Optional<R> get(HistoryKind<R> kind, String key) {
      reads.incrementAndGet();
      return store.get(kind, key);
    }

    @Override
    public <R> List<R> ofProcessInstance(HistoryKind<R> kind, long processInstanceKey) {
      reads.incrementAndGet();
      return store.ofProcessInstance(kind, processInstanceKey);
    }

    @Override
    public <R> List<R> all(HistoryKind<R> kind) {
      reads.incrementAndGet();
      return store.all(kind);
    }

    @Override
    public List<VariableRecord> variablesNamed(String name, String value) {
      reads.incrementAndGet();
      return store.variablesNamed(name, value);
    }

    @Override
    public long count(HistoryKind<?> kind) {
      reads.incrementAndGet();
      return store.count(kind);
    }

    @Override
    public long deleteExpired(long now) {
      return store.deleteExpired(now);
    }

    @Override
    public void clear(long position) {
      store.clear(position);
    }

    @Override
    public void sync() {
      store.sync();
    }

    @Override
    public void close() {
      store.close();
    }
  }
}
