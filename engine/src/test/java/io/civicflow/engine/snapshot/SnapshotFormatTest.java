package io.civicflow.engine.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.civicflow.engine.Engine;
import io.civicflow.engine.EngineConfig;
import io.civicflow.engine.EngineConfig.SnapshotPolicy;
import io.civicflow.engine.api.Commands.ActivateJobs;
import io.civicflow.engine.api.Commands.CompleteJob;
import io.civicflow.engine.api.Commands.CreateProcessInstance;
import io.civicflow.engine.api.Commands.Deploy;
import io.civicflow.engine.api.Commands.DeployResource;
import io.civicflow.engine.api.Commands.PublishMessage;
import io.civicflow.engine.json.Json;
import io.civicflow.engine.query.Records.ProcessInstanceState;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins the snapshot payload (format version {@value FileSnapshotStore#FORMAT_VERSION}). A scripted
 * scenario on a fixed clock — a deployment, an instance whose job is activated, a buffered message
 * — must snapshot exactly {@code snapshot/golden-v6.json}, and an engine must start from that
 * snapshot alone and carry on. If this fails because the format changed on purpose, that is a
 * decision: bump {@link FileSnapshotStore#FORMAT_VERSION} (an engine then falls back to the journal
 * or refuses a compacted one — see the README), and add a new golden file (regenerate with {@code
 * -Dgolden.update=true}).
 */
class SnapshotFormatTest {

  private static final String GOLDEN = "/snapshot/golden-v6.json";

  /** Format 5: no {@code historyPosition}; still read. */
  private static final String GOLDEN_V5 = "/snapshot/golden-v5.json";

  private static final Instant NOW = Instant.parse("2016-07-01T02:00:00Z");
  private static final long POSITION = 4;

  @TempDir Path directory;

  private static EngineConfig config(Path data) {
    return new EngineConfig(data, true, true, Duration.ofMillis(200), InstantSource.fixed(NOW))
        .withSnapshots(SnapshotPolicy.everyRecords(POSITION));
  }

  @Test
  void shouldWriteTheGoldenSnapshot() throws Exception {
    Path data = directory.resolve("written");
    try (Engine engine = Engine.start(config(data))) {
      engine
          .deploy(
              new Deploy(
                  List.of(
                      new DeployResource("golden.bpmn", resource("/journal/golden-process.bpmn"))),
                  null))
          .get();
      engine
          .createProcessInstance(
              new CreateProcessInstance(
                  "service-task-with-gateway",
                  null,
                  null,
                  Map.of("applicant", "社工机构"),
                  List.of(),
                  List.of(),
                  false,
                  List.of(),
                  0,
                  null))
          .get();
      engine
          .activateJobs(new ActivateJobs("check", "golden", 60_000, 1, List.of(), 1_000, List.of()))
          .get();
      engine
          .publishMessage(
              new PublishMessage(
                  "BidSubmitted",
                  "KS-2016-ZP-Y1",
                  3_600_000,
                  "bid-1",
                  Map.of("amountFen", 1_250_000),
                  null))
          .get();
      awaitSnapshot(data);
    }
    JsonNode written =
        new FileSnapshotStore(data.resolve("snapshots")).read(POSITION, Json.MAPPER::readTree);
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(
          Path.of("src/test/resources" + GOLDEN),
          Json.MAPPER.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(written)
              + "\n");
    }
    assertThat(written).isEqualTo(golden());
  }

  @Test
  void shouldStartFromTheGoldenSnapshotAlone() throws Exception {
    Path data = directory.resolve("golden");
    byte[] payload = Json.MAPPER.writeValueAsBytes(golden());
    new FileSnapshotStore(data.resolve("snapshots")).write(POSITION, out -> out.write(payload));

    try (Engine engine = Engine.start(config(data))) {
      assertThat(engine.recovery().snapshotPosition()).isEqualTo(POSITION);
      assertThat(engine.recovery().replayedRecords()).isZero();
      var instance = engine.readModel().processInstances().iterator().next();
      assertThat(instance.state()).isEqualTo(ProcessInstanceState.ACTIVE);
      var job = engine.readModel().jobs().iterator().next();
      assertThat(job.worker()).isEqualTo("golden");

      engine.completeJob(new CompleteJob(job.jobKey(), Map.of("score", 90))).get();
      assertThat(
              engine
                  .readModel()
                  .processInstance(instance.processInstanceKey())
                  .orElseThrow()
                  .state())
          .isEqualTo(ProcessInstanceState.COMPLETED);
      assertThat(engine.readModel().variables())
          .extracting(v -> v.name() + "=" + v.value())
          .contains("applicant=\"社工机构\"", "score=90");
      long next =
          engine
              .publishMessage(
                  new PublishMessage("BidSubmitted", "KS-2016-ZP-Y1", 0, null, Map.of(), null))
              .get()
              .messageKey();
      assertThat(next).as("keys continue after the snapshot's").isGreaterThan(job.jobKey());
    }
  }

  /**
   * The identity state was added to the snapshot compatibly: a snapshot written before it (the
   * golden file of then) still starts the engine, with an empty identity state to seed.
   */
  @Test
  void shouldStartFromASnapshotWithoutTheIdentityState() throws Exception {
    Path data = directory.resolve("before-identity");
    com.fasterxml.jackson.databind.node.ObjectNode image =
        (com.fasterxml.jackson.databind.node.ObjectNode) golden();
    assertThat(
            ((com.fasterxml.jackson.databind.node.ObjectNode) image.get("state"))
                .remove("identity"))
        .isNotNull();
    byte[] payload = Json.MAPPER.writeValueAsBytes(image);
    new FileSnapshotStore(data.resolve("snapshots")).write(POSITION, out -> out.write(payload));

    try (Engine engine = Engine.start(config(data))) {
      assertThat(engine.recovery().snapshotPosition()).isEqualTo(POSITION);
      assertThat(engine.readModel().jobs()).isNotEmpty();
      assertThat(engine.identity().users()).isEmpty();
    }
  }

  /** A v3 snapshot taken before batch operations existed still starts the engine, with none. */
  @Test
  void shouldStartFromASnapshotWithoutBatchOperations() throws Exception {
    Path data = directory.resolve("before-batches");
    com.fasterxml.jackson.databind.node.ObjectNode image =
        (com.fasterxml.jackson.databind.node.ObjectNode) golden();
    assertThat(
            ((com.fasterxml.jackson.databind.node.ObjectNode) image.get("state"))
                .remove("batchOperations"))
        .isNotNull();
    com.fasterxml.jackson.databind.node.ObjectNode readModel =
        (com.fasterxml.jackson.databind.node.ObjectNode) image.get("readModel");
    assertThat(readModel.remove("batchOperations")).isNotNull();
    assertThat(readModel.remove("batchOperationItems")).isNotNull();
    byte[] payload = Json.MAPPER.writeValueAsBytes(image);
    new FileSnapshotStore(data.resolve("snapshots")).write(POSITION, out -> out.write(payload));

    try (Engine engine = Engine.start(config(data))) {
      assertThat(engine.recovery().snapshotPosition()).isEqualTo(POSITION);
      assertThat(engine.readModel().jobs()).isNotEmpty();
    }
  }

  /**
   * A format 5 snapshot (the golden file of then) lacks the history store's position: it is read,
   * and the engine starts from it and carries on.
   */
  @Test
  void shouldStartFromAFormat5Snapshot() throws Exception {
    Path data = directory.resolve("format-5");
    JsonNode image = golden(GOLDEN_V5);
    assertThat(image.has("historyPosition")).isFalse();
    byte[] payload = Json.MAPPER.writeValueAsBytes(image);
    new FileSnapshotStore(data.resolve("snapshots")).write(POSITION, out -> out.write(payload));
    Path file = data.resolve("snapshots").resolve(String.format("snapshot-%020d.cfs", POSITION));
    try (java.nio.channels.FileChannel channel =
        java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
      channel.write(java.nio.ByteBuffer.allocate(4).putInt(0, 5), 4); // format version 5
    }

    try (Engine engine = Engine.start(config(data))) {
      assertThat(engine.recovery().snapshotPosition()).isEqualTo(POSITION);
      assertThat(engine.recovery().replayedRecords()).isZero();
      var job = engine.readModel().jobs().iterator().next();
      engine.completeJob(new CompleteJob(job.jobKey(), Map.of("score", 90))).get();
      assertThat(engine.readModel().processInstances())
          .extracting(p -> p.state())
          .containsExactly(ProcessInstanceState.COMPLETED);
    }
  }

  /**
   * A format 4 snapshot still held the history of ended instances in its read model: it is read,
   * and that history moves to the history store at the snapshot's position, exactly once.
   */
  @Test
  void shouldMoveTheHistoryOfAFormat4SnapshotToTheHistoryStore() throws Exception {
    Path data = directory.resolve("format-4");
    com.fasterxml.jackson.databind.node.ObjectNode image =
        (com.fasterxml.jackson.databind.node.ObjectNode) golden(GOLDEN_V5);
    com.fasterxml.jackson.databind.node.ObjectNode readModel =
        (com.fasterxml.jackson.databind.node.ObjectNode) image.get("readModel");
    long ended = 2251799813685200L;
    com.fasterxml.jackson.databind.node.ObjectNode instance =
        readModel.withArray("processInstances").get(0).deepCopy();
    instance.put("processInstanceKey", ended).put("state", "COMPLETED").put("endDate", 1_000L);
    readModel.withArray("processInstances").insert(0, instance);
    com.fasterxml.jackson.databind.node.ObjectNode element =
        readModel.withArray("elementInstances").get(0).deepCopy();
    element.put("elementInstanceKey", ended).put("processInstanceKey", ended);
    element.put("state", "COMPLETED").put("endDate", 1_000L);
    readModel.withArray("elementInstances").insert(0, element);
    com.fasterxml.jackson.databind.node.ObjectNode variable =
        readModel.withArray("variables").get(0).deepCopy();
    variable.put("variableKey", ended + 1).put("processInstanceKey", ended).put("scopeKey", ended);
    readModel.withArray("variables").insert(0, variable);
    readModel.with("elementInstancesByProcess").putArray(Long.toString(ended)).add(ended);
    readModel.with("variablesByProcess").putArray(Long.toString(ended)).add(ended + 1);
    byte[] payload = Json.MAPPER.writeValueAsBytes(image);
    new FileSnapshotStore(data.resolve("snapshots")).write(POSITION, out -> out.write(payload));
    Path file = data.resolve("snapshots").resolve(String.format("snapshot-%020d.cfs", POSITION));
    try (java.nio.channels.FileChannel channel =
        java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
      channel.write(java.nio.ByteBuffer.allocate(4).putInt(0, 4), 4); // format version 4
    }

    for (int start = 0; start < 2; start++) {
      try (Engine engine = Engine.start(config(data))) {
        assertThat(engine.recovery().snapshotPosition()).isEqualTo(POSITION);
        var tiered = (io.civicflow.engine.query.TieredReadModel) engine.readModel();
        assertThat(tiered.runtime().processInstance(ended)).isEmpty();
        assertThat(engine.readModel().processInstance(ended).orElseThrow().state())
            .isEqualTo(ProcessInstanceState.COMPLETED);
        assertThat(engine.readModel().variablesOf(ended))
            .extracting(v -> v.name())
            .containsExactly("applicant");
        assertThat(engine.readModel().processInstances()).hasSize(2);
        assertThat(
                tiered
                    .runtime()
                    .historyStore()
                    .count(io.civicflow.engine.history.HistoryKind.PROCESS_INSTANCE))
            .isEqualTo(1);
        assertThat(tiered.runtime().historyStore().exportedPosition()).isEqualTo(POSITION);
      }
    }
  }

  private static void awaitSnapshot(Path data) throws InterruptedException {
    Path file = data.resolve("snapshots").resolve(String.format("snapshot-%020d.cfs", POSITION));
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(10))
        .until(() -> Files.exists(file));
  }

  private static byte[] resource(String name) throws Exception {
    try (InputStream in = SnapshotFormatTest.class.getResourceAsStream(name)) {
      return in.readAllBytes();
    }
  }

  private static JsonNode golden() throws Exception {
    return golden(GOLDEN);
  }

  private static JsonNode golden(String name) throws Exception {
    try (InputStream in = SnapshotFormatTest.class.getResourceAsStream(name)) {
      if (in == null) {
        return Json.MAPPER.readTree(
            "\"<missing golden file: run with -Dgolden.update=true once>\"");
      }
      return Json.MAPPER.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
