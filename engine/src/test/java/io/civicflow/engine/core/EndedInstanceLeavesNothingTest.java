package io.civicflow.engine.core;

import static io.civicflow.engine.core.EngineTestSupport.activate;
import static io.civicflow.engine.core.EngineTestSupport.create;
import static io.civicflow.engine.core.EngineTestSupport.deployFixture;
import static org.assertj.core.api.Assertions.assertThat;

import io.civicflow.engine.Engine;
import io.civicflow.engine.EngineConfig;
import io.civicflow.engine.api.Commands.CompleteJob;
import io.civicflow.engine.api.Commands.CompleteUserTask;
import io.civicflow.engine.api.Commands.PublishMessage;
import io.civicflow.engine.api.Results.ActivatedJob;
import io.civicflow.engine.history.HistoryStore;
import io.civicflow.engine.journal.Journal;
import io.civicflow.engine.query.Records.UserTaskRecord;
import io.civicflow.engine.query.TieredReadModel;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ended instance leaves nothing behind in the runtime state: after instances that went through a
 * job, a user task, a timer, a message correlation and a call activity (and one canceled) ended,
 * every map and collection reachable from the engine — the read model's projections, the engine
 * state, the history export's bookkeeping, waiters, key maps — has the size it had before them. The
 * walk is over the real structures (by reflection, so a map added later is checked too), not a heap
 * measurement; the journal (bounded by snapshots) and the history store are where history is meant
 * to be, and are left out.
 */
class EndedInstanceLeavesNothingTest {

  private static final Instant NOW = Instant.parse("2016-10-01T08:00:00Z");

  @TempDir Path directory;

  @Test
  void shouldLeaveEveryRuntimeCollectionAtItsSizeBeforeTheInstances() throws Exception {
    EngineConfig config =
        new EngineConfig(
            directory.resolve("data"), true, true, Duration.ofSeconds(2), InstantSource.fixed(NOW));
    try (Engine engine = Engine.start(config)) {
      engine
          .deploy(
              deployFixture(
                  "crash-mixed-load.bpmn",
                  "call-activity-parent.bpmn",
                  "call-activity-child.bpmn",
                  "service-task-with-gateway.bpmn"))
          .get();
      round(engine, 0);
      Map<String, Integer> before = sizes(engine);
      for (int i = 1; i <= 2; i++) {
        round(engine, i);
      }
      Map<String, Integer> after = sizes(engine);

      assertThat(((TieredReadModel) engine.readModel()).runtime().processInstances()).isEmpty();
      assertThat(after).as("runtime collections after 2 more rounds").isEqualTo(before);
      assertThat(before.keySet())
          .as("the walk reached the read model, the engine state and the history export")
          .anyMatch(k -> k.endsWith("instances.processInstances"))
          .anyMatch(k -> k.endsWith(".elementInstances"))
          .anyMatch(k -> k.endsWith(".variablesByScope"))
          .anyMatch(k -> k.endsWith("history.rootOf"))
          .anyMatch(k -> k.endsWith(".jobs"));
    }
  }

  /** One instance of each kind, run to its end. */
  private static void round(Engine engine, int i) throws Exception {
    String orderId = "O-" + i;
    engine
        .createProcessInstance(
            create(
                "crash-mixed-load",
                Map.of(
                    "orderId",
                    orderId,
                    "workCount",
                    0,
                    "reviewCount",
                    0,
                    "timerCount",
                    0,
                    "replyCount",
                    0)))
        .get();
    engine.createProcessInstance(create("call-activity-parent", Map.of("case", "KS-" + i))).get();
    long canceled =
        engine
            .createProcessInstance(create("service-task-with-gateway", Map.of("applicant", "A")))
            .get()
            .processInstanceKey();
    engine.cancelProcessInstance(canceled).get();
    completeJobs(engine, "crash.work");
    completeJobs(engine, "child-work");
    UserTaskRecord task =
        Awaitility.await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () ->
                    engine.readModel().userTasks().stream()
                        .filter(t -> t.state().name().equals("CREATED"))
                        .findFirst(),
                t -> t.isPresent())
            .orElseThrow();
    engine.completeUserTask(new CompleteUserTask(task.userTaskKey(), Map.of(), null)).get();
    engine.addClockOffset(Duration.ofHours(2).toMillis() * (i + 1)).get();
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                !engine.readModel().messageSubscriptions().stream()
                    .filter(s -> s.state().name().equals("CREATED"))
                    .toList()
                    .isEmpty());
    engine.publishMessage(new PublishMessage("Reply", orderId, 0, null, Map.of(), null)).get();
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> ((TieredReadModel) engine.readModel()).runtime().processInstances().isEmpty());
  }

  private static void completeJobs(Engine engine, String type) throws Exception {
    for (ActivatedJob job : engine.activateJobs(activate(type)).get()) {
      engine.completeJob(new CompleteJob(job.jobKey(), Map.of("workCount", 1))).get();
    }
  }

  /** Path → size of every map and collection reachable from the engine through its own classes. */
  private static Map<String, Integer> sizes(Engine engine) throws IllegalAccessException {
    Map<String, Integer> sizes = new TreeMap<>();
    Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Object[]> todo = new ArrayDeque<>();
    todo.add(new Object[] {engine, "engine"});
    while (!todo.isEmpty()) {
      Object[] next = todo.poll();
      Object object = next[0];
      String path = (String) next[1];
      if (!seen.add(object)) {
        continue;
      }
      for (Class<?> c = object.getClass(); c != null && ours(c); c = c.getSuperclass()) {
        for (Field field : c.getDeclaredFields()) {
          if (Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()) {
            continue;
          }
          field.setAccessible(true);
          Object value = field.get(object);
          String at = path + "." + field.getName();
          if (value instanceof Map<?, ?> map) {
            sizes.put(at, map.size());
          } else if (value instanceof Collection<?> collection) {
            sizes.put(at, collection.size());
          } else if (value != null
              && ours(value.getClass())
              && !(value instanceof Journal)
              && !(value instanceof HistoryStore)
              && !value.getClass().isRecord()) {
            todo.add(new Object[] {value, at});
          }
        }
      }
    }
    return sizes;
  }

  private static boolean ours(Class<?> c) {
    return c.getName().startsWith("io.civicflow.engine.");
  }
}
