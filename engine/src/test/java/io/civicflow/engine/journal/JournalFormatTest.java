package io.civicflow.engine.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.civicflow.engine.Engine;
import io.civicflow.engine.EngineConfig;
import io.civicflow.engine.api.Commands.ActivateJobs;
import io.civicflow.engine.api.Commands.CompleteJob;
import io.civicflow.engine.api.Commands.CreateProcessInstance;
import io.civicflow.engine.api.Commands.Deploy;
import io.civicflow.engine.api.Commands.DeployResource;
import io.civicflow.engine.event.EngineEvent;
import io.civicflow.engine.event.EventBatch;
import io.civicflow.engine.json.Json;
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
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins the journal format (version {@value FileJournal#FORMAT_VERSION}). Scripted scenarios on a
 * fixed clock must write exactly the records in {@code journal/golden-v1.jsonl} (one instance) and
 * {@code journal/all-events-v1.jsonl} (every {@link EngineEvent} type, checked below), and an
 * engine must recover from those records; the journal's mapper is strict, so a removed, renamed or
 * added field of any event fails here. If this fails because the format changed on purpose, that is
 * a decision: bump {@link FileJournal#FORMAT_VERSION}, keep reading the old version, and add new
 * golden files (regenerate with {@code -Dgolden.update=true}).
 */
class JournalFormatTest {

  private static final String GOLDEN = "/journal/golden-v1.jsonl";
  private static final String ALL_EVENTS = "/journal/all-events-v1.jsonl";
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

  @Test
  void shouldWriteEveryEventTypeAsPinned() throws Exception {
    Path data = directory.resolve("all-events");
    try (Engine engine = Engine.start(config(data))) {
      new AllEventsScenario(engine).run();
    }
    List<String> written = new ArrayList<>();
    try (FileJournal journal = new FileJournal(data)) {
      journal.replay(bytes -> written.add(new String(bytes, StandardCharsets.UTF_8)));
    }
    if (Boolean.getBoolean("golden.update")) {
      Files.write(Path.of("src/test/resources" + ALL_EVENTS), written, StandardCharsets.UTF_8);
    }
    assertThat(written).containsExactlyElementsOf(golden(ALL_EVENTS));
  }

  @Test
  void shouldPinEveryEventType() throws Exception {
    Set<String> pinned = new TreeSet<>();
    for (String line : golden(ALL_EVENTS)) {
      EventBatch batch = Json.MAPPER.readValue(line, EventBatch.class);
      batch.events().forEach(event -> pinned.add(event.getClass().getSimpleName()));
    }
    assertThat(pinned)
        .as("event types in %s", ALL_EVENTS)
        .containsExactlyInAnyOrderElementsOf(EngineEvents.names());
  }

  @Test
  void shouldReadEveryRecordStrictly() throws Exception {
    String line = golden(ALL_EVENTS).get(1);
    EventBatch batch = Json.MAPPER.readValue(line, EventBatch.class);
    assertThat(Json.MAPPER.writeValueAsString(batch)).as("read and written again").isEqualTo(line);

    String event = "{\"@\":\"JobCompleted\",\"key\":1}";
    String record = "{\"position\":1,\"timestamp\":0,\"lastKey\":1,\"events\":[%s]}";
    assertThat(Json.MAPPER.readValue(record.formatted(event), EventBatch.class).events())
        .singleElement()
        .isEqualTo(new EngineEvent.JobCompleted(1));
    assertThatThrownBy(
            () ->
                Json.MAPPER.readValue(
                    record.formatted(event.replace("}", ",\"worker\":\"w\"}")), EventBatch.class))
        .as("a field the event does not have")
        .isInstanceOf(UnrecognizedPropertyException.class);
    assertThatThrownBy(
            () ->
                Json.MAPPER.readValue(
                    record.formatted("{\"@\":\"JobActivated\",\"key\":1,\"worker\":\"w\"}"),
                    EventBatch.class))
        .as("a field the event has and the record lacks (deadline)")
        .isInstanceOf(MismatchedInputException.class)
        .hasMessageContaining("deadline");
  }

  @Test
  void shouldReadABatchOperationWrittenBeforeItsPlan() throws Exception {
    String record =
        "{\"position\":1,\"timestamp\":0,\"lastKey\":1,\"events\":[{\"@\":"
            + "\"BatchOperationCreated\",\"key\":1,\"type\":\"CANCEL_PROCESS_INSTANCE\","
            + "\"items\":[]}]}";
    assertThat(Json.MAPPER.readValue(record, EventBatch.class).events())
        .singleElement()
        .isEqualTo(new EngineEvent.BatchOperationCreated(1, "CANCEL_PROCESS_INSTANCE", List.of()));
  }

  @Test
  void shouldRecoverFromEveryEventType() throws Exception {
    Path data = directory.resolve("all-events-golden");
    try (FileJournal journal = new FileJournal(data)) {
      journal.append(
          golden(ALL_EVENTS).stream().map(line -> line.getBytes(StandardCharsets.UTF_8)).toList());
    }
    // recovery applies every record to the state (EventApplier) and the read model
    // (ReadModelProjection); both refuse an event type they neither handle nor ignore on purpose
    try (Engine engine = Engine.start(config(data))) {
      assertThat(engine.recovery().replayedRecords()).isEqualTo(golden(ALL_EVENTS).size());
      assertThat(engine.readModel().processInstances())
          .extracting(instance -> instance.bpmnProcessId() + ":" + instance.state())
          .containsExactlyInAnyOrder(AllEventsScenario.INSTANCES);
      assertThat(engine.readModel().userTasks()).hasSize(5);
      // the task created on version 1 and migrated reports version 2
      assertThat(engine.readModel().userTasks())
          .filteredOn(task -> task.bpmnProcessId().equals("golden-migrate"))
          .extracting(task -> task.elementId() + ":" + task.processDefinitionVersion())
          .containsExactlyInAnyOrder("Task_Review:2", "Task_Sign:2");
      assertThat(engine.readModel().incidents())
          .singleElement()
          .satisfies(incident -> assertThat(incident.errorMessage()).isEqualTo("没有预算"));
    }
  }

  private static List<String> golden() throws Exception {
    return golden(GOLDEN);
  }

  private static List<String> golden(String name) throws Exception {
    try (InputStream in = JournalFormatTest.class.getResourceAsStream(name)) {
      if (in == null) {
        return List.of("<missing golden file: run with -Dgolden.update=true once>");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }
}
