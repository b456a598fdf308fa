package io.civicflow.engine.core;

import static io.civicflow.engine.core.EngineTestSupport.create;
import static io.civicflow.engine.core.EngineTestSupport.deployFixture;
import static org.assertj.core.api.Assertions.assertThat;

import io.civicflow.engine.Engine;
import io.civicflow.engine.EngineConfig;
import io.civicflow.engine.api.Commands.AssignUserTask;
import io.civicflow.engine.api.Commands.CompleteJob;
import io.civicflow.engine.api.Commands.CompleteUserTask;
import io.civicflow.engine.api.Commands.EvaluateDecision;
import io.civicflow.engine.query.Records.ProcessInstanceState;
import io.civicflow.engine.query.Records.UserTaskRecord;
import io.civicflow.engine.query.Records.UserTaskState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Open user tasks, their assignment, a transition waiting for its task listeners, and deployed
 * decisions survive a restart.
 */
class UserTaskAndDecisionRestartTest {

  @TempDir Path dataDirectory;

  private EngineConfig config() {
    return new EngineConfig(
        dataDirectory,
        true,
        true,
        Duration.ofSeconds(2),
        InstantSource.fixed(Instant.parse("2025-08-01T09:00:00Z")));
  }

  @Test
  void shouldCompleteAnAssignedTaskAndEvaluateADecisionAfterARestart() throws Exception {
    long processInstanceKey;
    long userTaskKey;
    try (Engine engine = Engine.start(config())) {
      engine.deploy(deployFixture("user-task-with-assignment.bpmn", "evaluation-grade.dmn")).get();
      processInstanceKey =
          engine
              .createProcessInstance(
                  create(
                      "user-task-with-assignment",
                      Map.of("reviewer", "zhang", "dueAt", "2025-09-01T00:00:00Z", "urgency", 3)))
              .get()
              .processInstanceKey();
      userTaskKey = engine.readModel().userTasks().iterator().next().userTaskKey();
      engine.assignUserTask(new AssignUserTask(userTaskKey, "li", null, null)).get();
    }

    try (Engine engine = Engine.start(config())) {
      UserTaskRecord task = engine.readModel().userTask(userTaskKey).orElseThrow();
      assertThat(task.assignee()).isEqualTo("li");
      assertThat(task.dueDate()).isEqualTo("2025-09-01T00:00:00.000Z");

      engine
          .completeUserTask(new CompleteUserTask(userTaskKey, Map.of("approved", true), null))
          .get();
      assertThat(engine.readModel().userTask(userTaskKey).orElseThrow().state())
          .isEqualTo(UserTaskState.COMPLETED);
      assertThat(engine.readModel().processInstance(processInstanceKey).orElseThrow().state())
          .isEqualTo(ProcessInstanceState.COMPLETED);

      var evaluation =
          engine
              .evaluateDecision(
                  new EvaluateDecision(null, "evaluation-grade", Map.of("score", 72), null))
              .get();
      assertThat(evaluation.output()).isEqualTo("\"合格\"");
    }
  }

  @Test
  void shouldFinishACompletionWaitingForItsTaskListenersAfterARestartFromASnapshot()
      throws Exception {
    EngineConfig config = config().withSnapshots(EngineConfig.SnapshotPolicy.everyRecords(1));
    long processInstanceKey;
    long userTaskKey;
    long listenerJobKey;
    try (Engine engine = Engine.start(config)) {
      engine.deploy(deployFixture("task-listener-lifecycle.bpmn")).get();
      processInstanceKey =
          engine
              .createProcessInstance(create("task-listener-lifecycle", Map.of("reviewer", "")))
              .get()
              .processInstanceKey();
      engine.completeJob(new CompleteJob(activate(engine, "tl-creating"), Map.of())).get();
      userTaskKey = engine.readModel().userTasks().iterator().next().userTaskKey();
      // answered only when its listeners are done: not waited for here
      engine.completeUserTask(new CompleteUserTask(userTaskKey, Map.of("approved", true), null));
      listenerJobKey = activate(engine, "tl-completing-1");
    }

    try (Engine engine = Engine.start(config)) {
      assertThat(engine.readModel().userTask(userTaskKey).orElseThrow().state())
          .isEqualTo(UserTaskState.COMPLETING);
      engine.completeJob(new CompleteJob(listenerJobKey, Map.of())).get();
      engine.completeJob(new CompleteJob(activate(engine, "tl-completing-2"), Map.of())).get();

      assertThat(engine.readModel().userTask(userTaskKey).orElseThrow().state())
          .isEqualTo(UserTaskState.COMPLETED);
      assertThat(engine.readModel().processInstance(processInstanceKey).orElseThrow().state())
          .isEqualTo(ProcessInstanceState.COMPLETED);
    }
  }

  private static long activate(Engine engine, String type) throws Exception {
    return engine.activateJobs(EngineTestSupport.activate(type)).get().get(0).jobKey();
  }
}
