package io.civicflow.engine.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.civicflow.engine.Engine;
import io.civicflow.engine.EngineConfig;
import io.civicflow.engine.api.Commands.CreateProcessInstance;
import io.civicflow.engine.api.Commands.Deploy;
import io.civicflow.engine.api.Commands.DeployResource;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ending a process instance costs what that instance holds, not what the engine holds: with 2,000
 * jobs waiting in other instances, the history export looks at the ended instance's own records
 * only (counted, not timed) — before the per-instance index it looked at every active job, user
 * task, incident, subscription and decision once per ended instance. The index is derived state:
 * after a restart (snapshot restore or journal replay) it is rebuilt and eviction stays as cheap.
 */
class HistoryEvictionCostTest {

  private static final Instant NOW = Instant.parse("2016-10-01T08:00:00Z");
  private static final int WAITING = 2_000;

  @TempDir Path directory;

  @Test
  void shouldEvictAnEndedInstanceWithoutLookingAtOtherInstancesJobs() throws Exception {
    EngineConfig config =
        new EngineConfig(
            directory.resolve("data"), true, true, Duration.ofSeconds(2), InstantSource.fixed(NOW));
    List<Long> waiting = new ArrayList<>();
    try (Engine engine = Engine.start(config)) {
      engine.deploy(deploy("single-service-task.bpmn")).get();
      List<CompletableFuture<Long>> created = new ArrayList<>();
      for (int i = 0; i < WAITING + 1; i++) {
        created.add(
            engine
                .createProcessInstance(create("single-service-task"))
                .thenApply(r -> r.processInstanceKey()));
      }
      for (CompletableFuture<Long> c : created) {
        waiting.add(c.get());
      }
      ReadModelProjection runtime = runtime(engine);
      Awaitility.await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> runtime.jobs().size() == WAITING + 1);
      assertThat(runtime.jobsIndexedInstances()).isEqualTo(WAITING + 1);

      long ended = waiting.remove(0);
      long before = runtime.historyRecordsVisited();
      endAndAwait(engine, runtime, ended);

      // the ended instance's job (handed to the store, then evicted): 2 looks, not 2,001+
      assertThat(runtime.historyRecordsVisited() - before).isBetween(1L, 4L);
      assertThat(runtime.jobs()).hasSize(WAITING);
      assertThat(runtime.jobs()).noneMatch(j -> j.processInstanceKey() == ended);
      assertThat(runtime.jobsIndexedInstances()).isEqualTo(WAITING);
    }

    try (Engine engine = Engine.start(config)) {
      ReadModelProjection runtime = runtime(engine);
      Awaitility.await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> runtime.jobs().size() == WAITING);
      assertThat(runtime.jobsIndexedInstances()).as("rebuilt on restore").isEqualTo(WAITING);

      long ended = waiting.remove(0);
      long before = runtime.historyRecordsVisited();
      endAndAwait(engine, runtime, ended);

      assertThat(runtime.historyRecordsVisited() - before).isBetween(1L, 4L);
      assertThat(runtime.jobs()).hasSize(WAITING - 1);
      assertThat(runtime.jobsIndexedInstances()).isEqualTo(WAITING - 1);
    }
  }

  private static void endAndAwait(Engine engine, ReadModelProjection runtime, long key)
      throws Exception {
    engine.cancelProcessInstance(key).get();
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> runtime.processInstance(key).isEmpty());
  }

  private static ReadModelProjection runtime(Engine engine) {
    return ((TieredReadModel) engine.readModel()).runtime();
  }

  private static Deploy deploy(String name) throws Exception {
    try (InputStream in = HistoryEvictionCostTest.class.getResourceAsStream("/bpmn/" + name)) {
      return new Deploy(List.of(new DeployResource(name, in.readAllBytes())), null);
    }
  }

  private static CreateProcessInstance create(String id) {
    return new CreateProcessInstance(
        id, null, null, Map.of(), List.of(), List.of(), false, List.of(), 0, null);
  }
}
