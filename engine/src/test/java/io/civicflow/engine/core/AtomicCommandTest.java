package io.civicflow.engine.core;

import static io.civicflow.engine.core.EngineTestSupport.activate;
import static io.civicflow.engine.core.EngineTestSupport.create;
import static io.civicflow.engine.core.EngineTestSupport.deployFixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.civicflow.engine.Engine;
import io.civicflow.engine.EngineConfig;
import io.civicflow.engine.EngineConfig.SnapshotPolicy;
import io.civicflow.engine.api.Commands.ActivateJobs;
import io.civicflow.engine.api.Commands.CompleteJob;
import io.civicflow.engine.api.Commands.SetVariables;
import io.civicflow.engine.api.Results.ActivatedJob;
import io.civicflow.engine.event.EngineEvent;
import io.civicflow.engine.event.EngineEvent.ElementActivating;
import io.civicflow.engine.event.EngineEvent.ElementCompleted;
import io.civicflow.engine.event.EngineEvent.ElementCompleting;
import io.civicflow.engine.event.EngineEvent.IncidentCreated;
import io.civicflow.engine.event.EngineEvent.JobCompleted;
import io.civicflow.engine.event.EngineEvent.VariableCreated;
import io.civicflow.engine.event.EngineEvent.VariableUpdated;
import io.civicflow.engine.event.EventBatch;
import io.civicflow.engine.journal.FileJournal;
import io.civicflow.engine.json.Json;
import io.civicflow.engine.processing.CommandFailedException;
import io.civicflow.engine.processing.CommandType;
import io.civicflow.engine.query.ReadModel;
import io.civicflow.engine.query.Records.IncidentRecord;
import io.civicflow.engine.query.Records.IncidentState;
import io.civicflow.engine.query.Records.ProcessInstanceState;
import io.civicflow.engine.query.Records.VariableRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command is all or nothing: one that fails after its first write (a bug, injected here through
 * the partition's test hook) or whose events the journal cannot hold (a value below the API's
 * checks) leaves the state, the read model and the journal as they were, and the engine goes on.
 */
class AtomicCommandTest {

  @TempDir Path dataDirectory;

  private static final Instant NOW = Instant.parse("2016-08-01T09:00:00Z");

  /** Jackson cannot write this as a plain number (the journal's setting): 100,000 zeros. */
  private static final BigDecimal UNWRITABLE = new BigDecimal("1e100000");

  private EngineConfig config() {
    return new EngineConfig(
        dataDirectory, true, true, Duration.ofSeconds(2), InstantSource.fixed(NOW));
  }

  @Test
  void shouldDiscardEveryEventOfACommandThatFailsAfterItsFirstWrite() throws Exception {
    long processInstanceKey;
    try (Engine engine = Engine.start(config())) {
      engine.deploy(deployFixture("service-task-with-gateway.bpmn")).get();
      processInstanceKey =
          engine
              .createProcessInstance(create("service-task-with-gateway", Map.of("applicant", "A")))
              .get()
              .processInstanceKey();
      ActivatedJob job = engine.activateJobs(activate("check")).get().get(0);
      List<String> seenBeforeTheFailure = new ArrayList<>();
      engine
          .partition()
          .onEventWritten(
              event -> {
                seenBeforeTheFailure.add(event.getClass().getSimpleName());
                if (event instanceof ElementCompleted) {
                  throw new IllegalStateException("injected failure");
                }
              });
      try {
        assertThatThrownBy(
                () -> engine.completeJob(new CompleteJob(job.jobKey(), Map.of("score", 70))).get())
            .isInstanceOf(ExecutionException.class)
            .hasCauseInstanceOf(CommandFailedException.class);
      } finally {
        engine.partition().onEventWritten(null);
      }
      assertThat(seenBeforeTheFailure)
          .as("the failure came after several writes")
          .contains("JobCompleted", "VariableCreated", "ElementCompleting");

      ReadModel readModel = engine.readModel();
      assertThat(readModel.processInstance(processInstanceKey).orElseThrow().state())
          .isEqualTo(ProcessInstanceState.ACTIVE);
      assertThat(variables(readModel, processInstanceKey)).containsOnlyKeys("applicant");

      // the live state is as before: the job is still activated and its completion takes the path
      // its own variables choose
      engine.completeJob(new CompleteJob(job.jobKey(), Map.of("score", 40))).get();
      assertThat(readModel.processInstance(processInstanceKey).orElseThrow().state())
          .isEqualTo(ProcessInstanceState.COMPLETED);
      assertThat(variables(readModel, processInstanceKey))
          .containsEntry("score", "40")
          .containsEntry("applicant", "\"A\"");
      assertThat(
              readModel.elementInstancesOf(processInstanceKey).stream()
                  .map(e -> e.elementId())
                  .toList())
          .contains("End_Rejected")
          .doesNotContain("End_Approved");

      // and it keeps serving
      engine.createProcessInstance(create("service-task-with-gateway", Map.of())).get();
    }

    List<EngineEvent> journaled = journaledEvents();
    assertThat(journaled).filteredOn(JobCompleted.class::isInstance).hasSize(1);
    assertThat(journaled)
        .filteredOn(VariableCreated.class::isInstance)
        .map(e -> ((VariableCreated) e).name() + "=" + ((VariableCreated) e).value())
        .containsExactlyInAnyOrder("applicant=\"A\"", "score=40");

    try (Engine engine = Engine.start(config())) {
      assertThat(engine.readModel().processInstance(processInstanceKey).orElseThrow().state())
          .isEqualTo(ProcessInstanceState.COMPLETED);
      assertThat(variables(engine.readModel(), processInstanceKey)).containsEntry("score", "40");
    }
  }

  @Test
  void shouldRaiseAnIncidentOnTheElementOfACommandThatFailedPartWay() throws Exception {
    long processInstanceKey;
    ActivatedJob job;
    try (Engine engine = Engine.start(config())) {
      engine.deploy(deployFixture("service-task-with-gateway.bpmn")).get();
      processInstanceKey =
          engine
              .createProcessInstance(create("service-task-with-gateway", Map.of("applicant", "A")))
              .get()
              .processInstanceKey();
      job = engine.activateJobs(activate("check")).get().get(0);
      engine.partition().onEventWritten(AtomicCommandTest::failOnElementCompleted);
      try {
        // when: the completion fails after its first writes, twice
        for (int attempt = 0; attempt < 2; attempt++) {
          assertThatThrownBy(
                  () ->
                      engine.completeJob(new CompleteJob(job.jobKey(), Map.of("score", 70))).get())
              .hasCauseInstanceOf(CommandFailedException.class);
        }
      } finally {
        engine.partition().onEventWritten(null);
      }

      // then: one incident on the job's element, in Operate's terms; nothing else changed
      ReadModel readModel = engine.readModel();
      assertThat(readModel.incidents())
          .singleElement()
          .satisfies(
              incident -> {
                assertThat(incident.errorType()).isEqualTo("UNKNOWN");
                assertThat(incident.elementId()).isEqualTo(job.elementId());
                assertThat(incident.elementInstanceKey()).isEqualTo(job.elementInstanceKey());
                assertThat(incident.processInstanceKey()).isEqualTo(processInstanceKey);
                assertThat(incident.jobKey()).isNull();
                assertThat(incident.state()).isEqualTo(IncidentState.ACTIVE);
                assertThat(incident.errorMessage()).contains("injected failure");
              });
      assertThat(readModel.processInstance(processInstanceKey).orElseThrow().state())
          .isEqualTo(ProcessInstanceState.ACTIVE);
      assertThat(variables(readModel, processInstanceKey)).containsOnlyKeys("applicant");

      // resolving it acknowledges it and re-runs nothing: no second job, the first still locked
      long incidentKey = readModel.incidents().iterator().next().incidentKey();
      engine.resolveIncident(incidentKey).get();
      assertThat(readModel.incident(incidentKey).orElseThrow().state())
          .isEqualTo(IncidentState.RESOLVED);
      assertThat(engine.activateJobs(activate("check")).get()).isEmpty();

      // and the engine serves: the worker sends the completion again and the instance ends
      engine.completeJob(new CompleteJob(job.jobKey(), Map.of("score", 70))).get();
      assertThat(readModel.processInstance(processInstanceKey).orElseThrow().state())
          .isEqualTo(ProcessInstanceState.COMPLETED);
    }

    List<EngineEvent> journaled = journaledEvents();
    assertThat(journaled)
        .filteredOn(IncidentCreated.class::isInstance)
        .singleElement()
        .satisfies(
            e -> {
              IncidentCreated created = (IncidentCreated) e;
              assertThat(created.errorType()).isEqualTo("UNKNOWN");
              assertThat(created.elementInstanceKey()).isEqualTo(job.elementInstanceKey());
            });
    assertThat(journaled).filteredOn(JobCompleted.class::isInstance).hasSize(1);
    assertThat(journaled)
        .filteredOn(e -> e instanceof ElementCompleted c && c.key() == job.elementInstanceKey())
        .hasSize(1);
  }

  @Test
  void shouldResolveAFailedCommandsIncidentWhenTheElementCompletes() throws Exception {
    try (Engine engine = Engine.start(config())) {
      engine.deploy(deployFixture("timer-intermediate-catch-duration.bpmn")).get();
      long waiting =
          engine
              .createProcessInstance(create("timer-intermediate-catch-duration", Map.of()))
              .get()
              .processInstanceKey();
      engine
          .partition()
          .onEventWritten(
              event -> {
                if (event instanceof ElementCompleting) {
                  throw new IllegalStateException("injected failure in due work");
                }
              });
      engine.addClockOffset(Duration.ofDays(1).toMillis()).get();

      // the timer's trigger failed: an incident on the catch event, which still waits
      ReadModel readModel = engine.readModel();
      assertThat(readModel.incidents())
          .singleElement()
          .satisfies(
              incident -> {
                assertThat(incident.errorType()).isEqualTo("UNKNOWN");
                assertThat(incident.processInstanceKey()).isEqualTo(waiting);
                assertThat(incident.state()).isEqualTo(IncidentState.ACTIVE);
                assertThat(
                        readModel.elementInstancesOf(waiting).stream()
                            .filter(e -> e.elementInstanceKey() == incident.elementInstanceKey())
                            .map(e -> e.type())
                            .toList())
                    .containsExactly("INTERMEDIATE_CATCH_EVENT");
              });

      // due work is tried again by itself; once it succeeds, the element completes and the
      // incident is resolved with it
      engine.partition().onEventWritten(null);
      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  readModel.processInstance(waiting).orElseThrow().state()
                      == ProcessInstanceState.COMPLETED);
      assertThat(readModel.incidents())
          .singleElement()
          .extracting(IncidentRecord::state)
          .isEqualTo(IncidentState.RESOLVED);
    }
  }

  @Test
  void shouldRaiseNoIncidentForAFailedCreation() throws Exception {
    try (Engine engine = Engine.start(config())) {
      engine.deploy(deployFixture("service-task-with-gateway.bpmn")).get();
      engine.partition().onEventWritten(AtomicCommandTest::failOnElementCompleted);
      try {
        assertThatThrownBy(
                () ->
                    engine
                        .createProcessInstance(create("service-task-with-gateway", Map.of()))
                        .get())
            .hasCauseInstanceOf(CommandFailedException.class);
      } finally {
        engine.partition().onEventWritten(null);
      }
      assertThat(engine.readModel().processInstances()).isEmpty();
      assertThat(engine.readModel().incidents()).isEmpty();
    }
  }

  private static void failOnElementCompleted(EngineEvent event) {
    if (event instanceof ElementCompleted) {
      throw new IllegalStateException("injected failure");
    }
  }

  @Test
  void shouldChangeNothingWhenACommandsEventsCannotBeJournaled() throws Exception {
    long processInstanceKey;
    try (Engine engine = Engine.start(config())) {
      engine.deploy(deployFixture("service-task-with-gateway.bpmn")).get();

      // a creation
      assertThatThrownBy(
              () ->
                  engine
                      .partition()
                      .createProcessInstance(
                          create("service-task-with-gateway", Map.of("z", UNWRITABLE)))
                      .get())
          .hasCauseInstanceOf(CommandFailedException.class);
      assertThat(engine.readModel().processInstances()).isEmpty();

      processInstanceKey =
          engine
              .createProcessInstance(create("service-task-with-gateway", Map.of("applicant", "A")))
              .get()
              .processInstanceKey();
      ActivatedJob job = engine.activateJobs(activate("check")).get().get(0);

      // a job completion
      assertThatThrownBy(
              () ->
                  engine
                      .partition()
                      .submit(
                          CommandType.COMPLETE_JOB,
                          new CompleteJob(job.jobKey(), Map.of("score", 70, "z", UNWRITABLE)))
                      .get())
          .hasCauseInstanceOf(CommandFailedException.class);

      // setting variables
      assertThatThrownBy(
              () ->
                  engine
                      .partition()
                      .submit(
                          CommandType.SET_VARIABLES,
                          new SetVariables(
                              processInstanceKey, Map.of("applicant", "B", "z", UNWRITABLE), false))
                      .get())
          .hasCauseInstanceOf(CommandFailedException.class);

      assertThat(engine.readModel().processInstances()).hasSize(1);
      assertThat(variables(engine.readModel(), processInstanceKey))
          .containsExactly(Map.entry("applicant", "\"A\""));
      assertThat(engine.activateJobs(activate("check")).get())
          .as("the job is still locked by the first activation")
          .isEmpty();

      // the engine goes on: the job completes, the instance ends
      engine.completeJob(new CompleteJob(job.jobKey(), Map.of("score", 70))).get();
      assertThat(engine.readModel().processInstance(processInstanceKey).orElseThrow().state())
          .isEqualTo(ProcessInstanceState.COMPLETED);
    }

    List<EngineEvent> journaled = journaledEvents();
    assertThat(journaled)
        .filteredOn(e -> e instanceof ElementActivating a && a.flowScopeKey() == -1)
        .as("one process instance was created")
        .hasSize(1);
    assertThat(journaled)
        .filteredOn(e -> e instanceof VariableCreated || e instanceof VariableUpdated)
        .map(Object::toString)
        .noneMatch(e -> e.contains("name=z"))
        .noneMatch(e -> e.contains("\"B\""));

    try (Engine engine = Engine.start(config())) {
      assertThat(engine.readModel().processInstance(processInstanceKey).orElseThrow().state())
          .isEqualTo(ProcessInstanceState.COMPLETED);
    }
  }

  @Test
  void shouldRestoreFromTheLastSnapshotAndTheJournalAfterIt() throws Exception {
    EngineConfig snapshotting = config().withSnapshots(SnapshotPolicy.everyRecords(4));
    List<Long> instances = new ArrayList<>();
    List<ActivatedJob> jobs;
    try (Engine engine = Engine.start(snapshotting)) {
      engine.deploy(deployFixture("service-task-with-gateway.bpmn")).get();
      for (int i = 0; i < 12; i++) {
        instances.add(
            engine
                .createProcessInstance(create("service-task-with-gateway", Map.of("n", i)))
                .get()
                .processInstanceKey());
      }
      jobs =
          engine
              .activateJobs(
                  new ActivateJobs("check", "test", 600_000, 100, List.of(), 0, List.of()))
              .get();
      assertThat(jobs).hasSize(12);
      for (ActivatedJob job : jobs.subList(0, 5)) {
        engine.completeJob(new CompleteJob(job.jobKey(), Map.of("score", 70))).get();
      }
      failOnce(engine, jobs.get(5));
      for (ActivatedJob job : jobs.subList(5, 8)) {
        engine.completeJob(new CompleteJob(job.jobKey(), Map.of("score", 70))).get();
      }
    }
    try (Engine engine = Engine.start(snapshotting)) {
      assertThat(engine.recovery().snapshotPosition()).as("started from a snapshot").isNotNull();
      failOnce(engine, jobs.get(8));
      for (ActivatedJob job : jobs.subList(8, 12)) {
        engine.completeJob(new CompleteJob(job.jobKey(), Map.of("score", 70))).get();
      }
      assertThat(instances)
          .allSatisfy(
              pi ->
                  assertThat(engine.readModel().processInstance(pi).orElseThrow().state())
                      .isEqualTo(ProcessInstanceState.COMPLETED));
    }
  }

  @Test
  void shouldTryFailedDueWorkAgainLaterAndServeCommandsMeanwhile() throws Exception {
    try (Engine engine = Engine.start(config())) {
      engine.deploy(deployFixture("timer-intermediate-catch-duration.bpmn")).get();
      engine.deploy(deployFixture("service-task-with-gateway.bpmn")).get();
      long waiting =
          engine
              .createProcessInstance(create("timer-intermediate-catch-duration", Map.of()))
              .get()
              .processInstanceKey();
      engine
          .partition()
          .onEventWritten(
              event -> {
                if (event instanceof EngineEvent.TimerTriggered) {
                  throw new IllegalStateException("injected failure in due work");
                }
              });
      engine.addClockOffset(Duration.ofDays(1).toMillis()).get();
      assertThat(engine.readModel().processInstance(waiting).orElseThrow().state())
          .as("the timer's effects were discarded")
          .isEqualTo(ProcessInstanceState.ACTIVE);
      // other work is served while the due work waits for its next try
      long other =
          engine
              .createProcessInstance(create("service-task-with-gateway", Map.of()))
              .get()
              .processInstanceKey();
      assertThat(engine.readModel().processInstance(other)).isPresent();

      engine.partition().onEventWritten(null);
      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  engine.readModel().processInstance(waiting).orElseThrow().state()
                      == ProcessInstanceState.COMPLETED);
    }
  }

  /** Completing the job fails once, after its first writes; nothing of it may remain. */
  private static void failOnce(Engine engine, ActivatedJob job) {
    engine
        .partition()
        .onEventWritten(
            event -> {
              if (event instanceof ElementCompleted) {
                throw new IllegalStateException("injected failure");
              }
            });
    try {
      assertThatThrownBy(
              () -> engine.completeJob(new CompleteJob(job.jobKey(), Map.of("score", 1))).get())
          .hasCauseInstanceOf(CommandFailedException.class);
    } finally {
      engine.partition().onEventWritten(null);
    }
  }

  private static Map<String, String> variables(ReadModel readModel, long processInstanceKey) {
    return readModel.variablesOf(processInstanceKey).stream()
        .collect(Collectors.toMap(VariableRecord::name, VariableRecord::value));
  }

  private List<EngineEvent> journaledEvents() {
    List<EngineEvent> events = new ArrayList<>();
    try (FileJournal journal = new FileJournal(dataDirectory)) {
      journal.replay(
          1,
          bytes -> {
            try {
              events.addAll(Json.MAPPER.readValue(bytes, EventBatch.class).events());
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    }
    return events;
  }
}
