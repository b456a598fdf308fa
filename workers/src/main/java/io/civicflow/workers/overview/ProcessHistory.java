package io.civicflow.workers.overview;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the overview reads from the engine's history (Camunda's {@code /v2} searches): instances,
 * their elements, their user tasks with the fields each task's form showed, and variables. Read
 * with the application's own credentials; who may see the answer is decided by {@code
 * OverviewController} from the caller's groups.
 */
public interface ProcessHistory {

  /**
   * Instances of {@code processDefinitionId} whose variable {@code name} equals {@code value}
   * (every instance when {@code name} is null).
   */
  List<Instance> instances(String processDefinitionId, String name, Object value);

  /** Instances called from {@code parentProcessInstanceKey}. */
  List<Instance> children(long parentProcessInstanceKey);

  /** One instance, if it exists. */
  java.util.Optional<Instance> instance(long processInstanceKey);

  /** The instance's elements (not the process itself), oldest first. */
  List<Step> steps(long processInstanceKey);

  /** The instance's open user tasks, without their form fields (cheap: one search). */
  List<Task> openTasks(long processInstanceKey);

  /** The instance's user tasks, oldest first, each with the values of its form's fields. */
  List<Task> tasks(long processInstanceKey);

  /** The instance's variables (every scope; the process scope's win), as JSON text. */
  Map<String, String> variables(long processInstanceKey);

  /**
   * The named variables of several instances at once: instance key → name → JSON text (the process
   * scope's value wins); an instance without any of them is left out. The engine's implementation
   * asks once for all of them.
   */
  default Map<Long, Map<String, String>> variables(
      java.util.Collection<Long> processInstanceKeys, java.util.Set<String> names) {
    Map<Long, Map<String, String>> all = new java.util.HashMap<>();
    for (Long key : processInstanceKeys) {
      Map<String, String> some = new java.util.HashMap<>(variables(key));
      some.keySet().retainAll(names);
      if (!some.isEmpty()) {
        all.put(key, some);
      }
    }
    return all;
  }

  /** A process instance. */
  record Instance(
      long key,
      String processDefinitionId,
      String processName,
      String state,
      Instant start,
      Instant end,
      Long parentKey) {}

  /** One element instance: a task, event, gateway or call. */
  record Step(
      long key,
      String elementId,
      String name,
      String type,
      String state,
      Instant start,
      Instant end) {}

  /**
   * One user task.
   *
   * @param fields the form's fields as officials read them: label → value (JSON text), in form
   *     order; the task's own variables first, else the instance's
   */
  record Task(
      long key,
      String elementId,
      String name,
      String state,
      String assignee,
      List<String> candidateGroups,
      Instant created,
      Instant completed,
      Instant due,
      Map<String, String> fields) {}
}
