package io.civicflow.engine.model;

import io.civicflow.engine.feel.Expression;
import java.util.List;
import java.util.Map;

/**
 * A user task's Zeebe extensions. {@code camundaUserTask} is true with {@code zeebe:userTask} (the
 * engine manages the task's lifecycle); false for a job-based user task (a job of type {@code
 * io.camunda.zeebe:userTask}). Expressions are null when the attribute is absent.
 */
public record UserTaskDefinition(
    boolean camundaUserTask,
    Expression assignee,
    Expression candidateUsers,
    Expression candidateGroups,
    Expression dueDate,
    Expression followUpDate,
    Expression priority,
    FormLink form,
    Map<String, String> headers,
    List<TaskListener> taskListeners) {

  /** The task listeners of one event type, in model order. */
  public List<TaskListener> listeners(TaskListener.Event eventType) {
    return taskListeners.stream().filter(l -> l.eventType() == eventType).toList();
  }

  /** The job type of job-based user tasks. */
  public static final String JOB_TYPE = "io.camunda.zeebe:userTask";

  /** Zeebe's priority when none is defined. */
  public static final int DEFAULT_PRIORITY = 50;
}
