package io.civicflow.engine.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.civicflow.engine.Engine;
import io.civicflow.engine.EngineConfig;
import io.civicflow.engine.api.Commands.ActivateJobs;
import io.civicflow.engine.api.Commands.CompleteJob;
import io.civicflow.engine.api.Commands.CreateProcessInstance;
import io.civicflow.engine.api.Commands.Deploy;
import io.civicflow.engine.api.Commands.DeployResource;
import io.civicflow.engine.query.Records.ProcessInstanceState;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins the journal format (version {@value FileJournal#FORMAT_VERSION}). A scripted scenario on a
 * fixed clock must write exactly the records in {@code journal/golden-v1.jsonl}, and an engine must
 * recover from those records. If this fails because the format changed on purpose, that is a
 * decision: bump {@link FileJournal#FORMAT_VERSION}, keep reading the old version, and add a new
 * golden file (regenerate with {@code -Dgolden.update=true}).
 */
class JournalFormatTest {

  private static final String GOLDEN = "/journal/golden-v1.jsonl";
  private static final Instant NOW = Instant.parse("2016-07-01T02:00:00Z");

  @TempDir Path directory;

  private EngineConfig config(Path dataDirectory) {
    return new EngineConfig(
        dataDirectory, true, true, Duration.ofMillis(200), InstantSource.fixed(NOW));
  }

  @Test
  void shouldWriteTheGoldenRecords() throws Exception {
    Path data = directory.resolve("written");
    try (Engine engine = Engine.start(config(data))) {
      byte[] bpmn;
      try (InputStream in = getClass().getResourceAsStream("/journal/golden-process.bpmn")) {
        bpmn = in.readAllBytes();
      }
      engine.deploy(new Deploy(List.of(new DeployResource("golden.bpmn", bpmn)), null)).get();
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
      var job =
          engine
              .activateJobs(
                  new ActivateJobs("check", "golden", 60_000, 1, List.of(), 1_000, List.of()))
              .get()
              .get(0);
      engine.completeJob(new CompleteJob(job.jobKey(), Map.of("score", 90))).get();
    }
    List<String> written = new ArrayList<>();
    try (FileJournal journal = new FileJournal(data)) {
      journal.replay(bytes -> written.add(new String(bytes, StandardCharsets.UTF_8)));
    }
    if (Boolean.getBoolean("golden.update")) {
      Files.write(Path.of("src/test/resources" + GOLDEN), written, StandardCharsets.UTF_8);
    }
    assertThat(written).containsExactlyElementsOf(golden());
  }

  @Test
  void shouldRecoverFromTheGoldenRecords() throws Exception {
    Path data = directory.resolve("golden");
    try (FileJournal journal = new FileJournal(data)) {
      journal.append(golden().stream().map(line -> line.getBytes(StandardCharsets.UTF_8)).toList());
    }
    try (Engine engine = Engine.start(config(data))) {
      assertThat(engine.readModel().processInstances())
          .singleElement()
          .satisfies(
              instance -> assertThat(instance.state()).isEqualTo(ProcessInstanceState.COMPLETED));
      assertThat(engine.readModel().variables())
          .extracting(v -> v.name() + "=" + v.value())
          .contains("applicant=\"社工机构\"", "score=90");
    }
  }

  private static List<String> golden() throws Exception {
    try (InputStream in = JournalFormatTest.class.getResourceAsStream(GOLDEN)) {
      if (in == null) {
        return List.of("<missing golden file: run with -Dgolden.update=true once>");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }
}
