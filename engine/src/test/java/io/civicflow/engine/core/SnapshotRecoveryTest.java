package io.civicflow.engine.core;

import static io.civicflow.engine.core.EngineTestSupport.create;
import static io.civicflow.engine.core.EngineTestSupport.deployFixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.civicflow.engine.Engine;
import io.civicflow.engine.EngineConfig;
import io.civicflow.engine.EngineConfig.SnapshotPolicy;
import io.civicflow.engine.api.Commands.ActivateJobs;
import io.civicflow.engine.api.Commands.CompleteJob;
import io.civicflow.engine.api.Results.ActivatedJob;
import io.civicflow.engine.processing.Partition;
import io.civicflow.engine.query.Records.ProcessInstanceState;
import io.civicflow.engine.snapshot.FileSnapshotStore;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Snapshots and compaction: a restart loads the newest usable snapshot and replays only the journal
 * after it, ending in exactly the state a full replay gives; an unusable snapshot is logged, moved
 * aside, and the engine falls back to an older one or the full journal — or refuses to start when
 * the journal no longer reaches back far enough (never silent data loss).
 *
 * <p>Each test runs the same deterministic scenario (fixed clock, so the same keys and timestamps)
 * on an engine that snapshots every few records and on one that never does, and compares the two
 * read models record for record.
 */
class SnapshotRecoveryTest {

  private static final Instant NOW = Instant.parse("2016-09-01T08:00:00Z");
  private static final int INSTANCES = 30;

  /** Journal records the scenario writes: deploy, creations, one activation, ten completions. */
  private static final long RECORDS = 1 + INSTANCES + 1 + 10;

  @TempDir Path directory;
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();

  @BeforeEach
  void captureLog() {
    log.start();
    ((Logger) LoggerFactory.getLogger(Partition.class.getPackageName())).addAppender(log);
  }

  @AfterEach
  void releaseLog() {
    ((Logger) LoggerFactory.getLogger(Partition.class.getPackageName())).detachAppender(log);
  }

  private static EngineConfig config(Path data, SnapshotPolicy snapshots) {
    return new EngineConfig(data, true, true, Duration.ofSeconds(2), InstantSource.fixed(NOW))
        .withSnapshots(snapshots);
  }

  private static EngineConfig snapshotting(Path data) {
    return config(data, SnapshotPolicy.everyRecords(10));
  }

  private static EngineConfig neverSnapshotting(Path data) {
    return config(data, SnapshotPolicy.everyRecords(Long.MAX_VALUE).withoutSnapshotOnStop());
  }

  /** Deploys, starts {@link #INSTANCES} instances waiting for a job, completes ten of the jobs. */
  private static void scenario(Engine engine) throws Exception {
    engine.deploy(deployFixture("service-task-with-gateway.bpmn")).get();
    for (int i = 0; i < INSTANCES; i++) {
      engine
          .createProcessInstance(create("service-task-with-gateway", Map.of("applicant", "A" + i)))
          .get();
    }
    completeJobs(engine, 10);
  }

  private static void completeJobs(Engine engine, int max) throws Exception {
    List<ActivatedJob> jobs =
        engine
            .activateJobs(new ActivateJobs("check", "test", 60_000, max, List.of(), -1, List.of()))
            .get();
    for (ActivatedJob job : jobs) {
      engine.completeJob(new CompleteJob(job.jobKey(), Map.of("score", 70))).get();
    }
  }

  private static long positionOf(Path snapshot) {
    return Long.parseLong(snapshot.getFileName().toString().replaceAll("\\D", ""));
  }

  /** Snapshots are written in the background; the engine takes the next one it owes when idle. */
  private static void awaitTwoSnapshots(Path data) throws InterruptedException {
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(30))
        .until(() -> snapshotFiles(data).size() >= 2);
  }

  private static List<Path> snapshotFiles(Path data) {
    Path dir = data.resolve("snapshots");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".cfs")).sorted().toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String readModelOf(Engine engine) throws Exception {
    return io.civicflow.engine.testing.ReadModelDump.of(engine);
  }

  /**
   * The read model the never-snapshotting engine ends with after the scenario (full replay on its
   * restart).
   */
  private String reference() throws Exception {
    Path data = directory.resolve("reference");
    try (Engine engine = Engine.start(neverSnapshotting(data))) {
      scenario(engine);
    }
    try (Engine engine = Engine.start(neverSnapshotting(data))) {
      assertThat(engine.recovery().snapshotPosition()).isNull();
      assertThat(engine.recovery().replayedRecords()).isEqualTo(RECORDS);
      return readModelOf(engine);
    }
  }

  @Test
  void shouldReplayOnlyTheTailAfterTheSnapshotAndEndInTheSameState() throws Exception {
    String reference = reference();
    Path data = directory.resolve("snapshotting");
    try (Engine engine = Engine.start(snapshotting(data))) {
      scenario(engine);
      awaitTwoSnapshots(data);
    }
    assertThat(data.resolve("journal.log"))
        .as("the first segment is covered by a snapshot and deleted")
        .doesNotExist();
    assertThat(snapshotFiles(data)).as("one every ten records, two retained").hasSize(2);

    try (Engine engine = Engine.start(snapshotting(data))) {
      Partition.RecoveryReport recovery = engine.recovery();
      assertThat(recovery.snapshotPosition())
          .as("loaded a snapshot")
          .isNotNull()
          .isGreaterThanOrEqualTo(20L);
      assertThat(recovery.replayedRecords())
          .as("only the tail after the snapshot")
          .isEqualTo(RECORDS - recovery.snapshotPosition());
      assertThat(readModelOf(engine)).isEqualTo(reference);
      assertThat(log.list)
          .extracting(ILoggingEvent::getFormattedMessage)
          .anySatisfy(
              m ->
                  assertThat(m)
                      .startsWith(
                          "Loaded the snapshot at journal position "
                              + recovery.snapshotPosition()));

      completeJobs(engine, INSTANCES);
      assertThat(engine.readModel().processInstances())
          .hasSize(INSTANCES)
          .allSatisfy(i -> assertThat(i.state()).isEqualTo(ProcessInstanceState.COMPLETED));
    }
  }

  @Test
  void shouldFallBackToTheOlderSnapshotWhenTheNewestIsCorrupted() throws Exception {
    String reference = reference();
    Path data = directory.resolve("snapshotting");
    try (Engine engine = Engine.start(snapshotting(data))) {
      scenario(engine);
      awaitTwoSnapshots(data);
    }
    List<Path> snapshots = snapshotFiles(data);
    assertThat(snapshots).as("two retained").hasSize(2);
    Path newest = snapshots.get(1);
    flipAByteInTheMiddle(newest);

    try (Engine engine = Engine.start(snapshotting(data))) {
      long older = positionOf(snapshots.get(0));
      assertThat(engine.recovery().snapshotPosition()).isEqualTo(older);
      assertThat(readModelOf(engine)).isEqualTo(reference);
      assertThat(log.list)
          .extracting(ILoggingEvent::getFormattedMessage)
          .anySatisfy(
              m ->
                  assertThat(m)
                      .contains("is unusable")
                      .contains("checksum mismatch")
                      .contains("falls back to an older snapshot or the full journal"));
      assertThat(Path.of(newest + ".corrupt")).as("kept for inspection").exists();
    }
  }

  @Test
  void shouldFallBackToTheOlderSnapshotWhenTheNewestCannotBeReadAtAll() throws Exception {
    String reference = reference();
    Path data = directory.resolve("snapshotting");
    try (Engine engine = Engine.start(snapshotting(data))) {
      scenario(engine);
      awaitTwoSnapshots(data);
    }
    List<Path> snapshots = snapshotFiles(data);
    Path newest = snapshots.get(1);
    // an input/output error rather than damage: the file cannot even be opened for reading
    java.nio.file.Files.delete(newest);
    java.nio.file.Files.createDirectory(newest);

    try (Engine engine = Engine.start(snapshotting(data))) {
      assertThat(engine.recovery().snapshotPosition()).isEqualTo(positionOf(snapshots.get(0)));
      assertThat(readModelOf(engine)).isEqualTo(reference);
      assertThat(log.list)
          .extracting(ILoggingEvent::getFormattedMessage)
          .anySatisfy(m -> assertThat(m).contains("is unusable").contains("cannot be read"));
    }
  }

  @Test
  void shouldReplayTheFullJournalWhenTheOnlySnapshotIsUnusable() throws Exception {
    String reference = reference();
    Path data = directory.resolve("reference");
    new FileSnapshotStore(data.resolve("snapshots"))
        .write(
            20, out -> out.write("{\"position\":20,\"state\":".getBytes(StandardCharsets.UTF_8)));

    try (Engine engine = Engine.start(neverSnapshotting(data))) {
      assertThat(engine.recovery().snapshotPosition()).isNull();
      assertThat(engine.recovery().replayedRecords()).isEqualTo(RECORDS);
      assertThat(readModelOf(engine)).isEqualTo(reference);
      assertThat(log.list)
          .filteredOn(e -> e.getLevel() == ch.qos.logback.classic.Level.ERROR)
          .extracting(ILoggingEvent::getFormattedMessage)
          .anySatisfy(
              m -> assertThat(m).startsWith("The snapshot at journal position 20 is unusable"));
    }
  }

  @Test
  void shouldRefuseToStartWhenNoUsableSnapshotCoversTheCompactedJournal() throws Exception {
    Path data = directory.resolve("snapshotting");
    try (Engine engine = Engine.start(snapshotting(data))) {
      scenario(engine);
      awaitTwoSnapshots(data);
    }
    for (Path snapshot : snapshotFiles(data)) {
      flipAByteInTheMiddle(snapshot);
    }
    assertThatThrownBy(() -> Engine.start(snapshotting(data)))
        .hasMessageContaining("acknowledged records would be missing")
        .hasMessageContaining("Unusable snapshots")
        .hasMessageContaining("restore the data directory from a backup");
  }

  private static void flipAByteInTheMiddle(Path file) throws Exception {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      long middle = raf.length() / 2;
      raf.seek(middle);
      int b = raf.read();
      raf.seek(middle);
      raf.write(b ^ 0x01);
    }
  }
}
