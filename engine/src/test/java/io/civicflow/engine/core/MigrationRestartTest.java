package io.civicflow.engine.core;

import static io.civicflow.engine.core.EngineTestSupport.create;
import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.civicflow.engine.Engine;
import io.civicflow.engine.EngineConfig;
import io.civicflow.engine.EngineConfig.SnapshotPolicy;
import io.civicflow.engine.api.Commands.ActivateJobs;
import io.civicflow.engine.api.Commands.CompleteJob;
import io.civicflow.engine.api.Commands.Deploy;
import io.civicflow.engine.api.Commands.DeployResource;
import io.civicflow.engine.api.Commands.MappingInstruction;
import io.civicflow.engine.api.Commands.MigrateProcessInstance;
import io.civicflow.engine.api.Results.ActivatedJob;
import io.civicflow.engine.api.Results.DeployedProcess;
import io.civicflow.engine.query.Records.ElementInstanceState;
import io.civicflow.engine.query.Records.ProcessInstanceState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A migration is journaled: after a restart — replaying the journal, or loading a snapshot taken
 * after it — the instance goes on on the target version, and both ways end in the same read model.
 */
class MigrationRestartTest {

  private static final Instant NOW = Instant.parse("2016-08-01T09:00:00Z");

  @TempDir Path directory;

  private static EngineConfig config(Path data, SnapshotPolicy snapshots) {
    return new EngineConfig(data, true, true, Duration.ofSeconds(2), InstantSource.fixed(NOW))
        .withSnapshots(snapshots);
  }

  /** The two versions, converted once: the builder names flows at random. */
  private static final String V1 = Bpmn.convertToString(scoring(false));

  private static final String V2 = Bpmn.convertToString(scoring(true));

  private static BpmnModelInstance scoring(boolean withRanking) {
    var scored =
        Bpmn.createExecutableProcess("restart-migration")
            .startEvent("start")
            .serviceTask(
                "score",
                t ->
                    t.zeebeJobType("restart-score")
                        .multiInstance(
                            mi ->
                                mi.parallel()
                                    .zeebeInputCollectionExpression("experts")
                                    .zeebeInputElement("expert")));
    return withRanking
        ? scored.serviceTask("rank", t -> t.zeebeJobType("restart-rank")).endEvent("end").done()
        : scored.endEvent("end").done();
  }

  private static long deploy(Engine engine, String model) throws Exception {
    byte[] xml = model.getBytes(StandardCharsets.UTF_8);
    return engine
        .deploy(new Deploy(List.of(new DeployResource("scoring.bpmn", xml)), null))
        .get()
        .resources()
        .stream()
        .map(r -> ((DeployedProcess) r).processDefinitionKey())
        .findFirst()
        .orElseThrow();
  }

  private static List<ActivatedJob> activate(Engine engine, String type) throws Exception {
    return engine
        .activateJobs(new ActivateJobs(type, "test", 60_000, 10, List.of(), -1, List.of()))
        .get();
  }

  /** Starts an instance with two scoring jobs (one activated), migrates it; answers its key. */
  private static long migrated(Engine engine) throws Exception {
    deploy(engine, V1);
    long instance =
        engine
            .createProcessInstance(
                create("restart-migration", Map.of("experts", List.of("expert1", "expert2"))))
            .get()
            .processInstanceKey();
    long v2 = deploy(engine, V2);
    engine
        .migrateProcessInstance(
            new MigrateProcessInstance(
                instance, v2, List.of(new MappingInstruction("score", "score"))))
        .get();
    // some work after the migration, so the snapshotting engine takes a snapshot that holds it
    for (int i = 0; i < 6; i++) {
      engine.createProcessInstance(create("restart-migration", Map.of("experts", List.of()))).get();
    }
    return instance;
  }

  private static void finish(Engine engine, long instance, long v2) throws Exception {
    List<ActivatedJob> scores = activate(engine, "restart-score");
    assertThat(scores).hasSize(2);
    assertThat(scores).allSatisfy(job -> assertThat(job.processDefinitionKey()).isEqualTo(v2));
    for (ActivatedJob job : scores) {
      engine.completeJob(new CompleteJob(job.jobKey(), Map.of())).get();
    }
    List<ActivatedJob> rank =
        activate(engine, "restart-rank").stream()
            .filter(job -> job.processInstanceKey() == instance)
            .toList();
    assertThat(rank).singleElement();
    engine.completeJob(new CompleteJob(rank.get(0).jobKey(), Map.of())).get();
    assertThat(engine.readModel().processInstance(instance).orElseThrow().state())
        .isEqualTo(ProcessInstanceState.COMPLETED);
    assertThat(engine.readModel().elementInstancesOf(instance))
        .filteredOn(e -> e.elementId().equals("score"))
        .allSatisfy(
            e -> {
              assertThat(e.processDefinitionKey()).isEqualTo(v2);
              assertThat(e.state()).isEqualTo(ElementInstanceState.COMPLETED);
            });
  }

  @Test
  void shouldGoOnOnTheTargetVersionAfterAReplayAndFromASnapshot() throws Exception {
    Path replayed = directory.resolve("replayed");
    Path snapshotted = directory.resolve("snapshotted");
    long instance;
    long v2;
    try (Engine engine =
        Engine.start(
            config(replayed, SnapshotPolicy.everyRecords(1 << 30).withoutSnapshotOnStop()))) {
      instance = migrated(engine);
      v2 = engine.readModel().processInstance(instance).orElseThrow().processDefinitionKey();
    }
    try (Engine engine = Engine.start(config(snapshotted, SnapshotPolicy.everyRecords(4)))) {
      assertThat(migrated(engine)).isEqualTo(instance);
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> !snapshots(snapshotted).isEmpty());
    }

    String replayedModel;
    try (Engine engine =
        Engine.start(
            config(replayed, SnapshotPolicy.everyRecords(1 << 30).withoutSnapshotOnStop()))) {
      assertThat(engine.recovery().replayedRecords()).isPositive();
      finish(engine, instance, v2);
      replayedModel = readModelOf(engine);
    }
    try (Engine engine = Engine.start(config(snapshotted, SnapshotPolicy.everyRecords(1 << 30)))) {
      finish(engine, instance, v2);
      assertThat(readModelOf(engine)).isEqualTo(replayedModel);
    }
  }

  private static List<Path> snapshots(Path data) throws Exception {
    Path dir = data.resolve("snapshots");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".cfs")).toList();
    }
  }

  private static String readModelOf(Engine engine) throws Exception {
    return io.civicflow.engine.testing.ReadModelDump.of(engine);
  }
}
