package io.civicflow.engine.event;

import java.util.List;
import java.util.Map;

/**
 * The events of Camunda user tasks (dates are ISO-8601 UTC text, see {@code UserTaskBehavior}),
 * applied by {@code HumanTaskState}. Journal type names as for every {@link EngineEvent}: the
 * record's simple name.
 */
public sealed interface UserTaskEvent extends EngineEvent {

  record UserTaskCreated(
      long key,
      long elementInstanceKey,
      long processInstanceKey,
      long processDefinitionKey,
      String elementId,
      String assignee,
      List<String> candidateGroups,
      List<String> candidateUsers,
      String dueDate,
      String followUpDate,
      int priority,
      Long formKey,
      String externalFormReference,
      Map<String, String> customHeaders)
      implements UserTaskEvent {}

  /** {@code assignee} null: unassigned. */
  record UserTaskAssigned(long key, String assignee, String action) implements UserTaskEvent {}

  /** The task's attributes after an update; {@code changedAttributes} names what changed. */
  record UserTaskUpdated(
      long key,
      List<String> candidateGroups,
      List<String> candidateUsers,
      String dueDate,
      String followUpDate,
      int priority,
      List<String> changedAttributes,
      String action)
      implements UserTaskEvent {}

  record UserTaskCompleted(long key, String action) implements UserTaskEvent {}

  record UserTaskCanceled(long key) implements UserTaskEvent {}

  /**
   * A transition with task listeners began ({@code transition} CREATING, ASSIGNING, UPDATING or
   * COMPLETING): the task's data as the command proposes it, what it changes, and a completion's
   * variables; the task waits in that state for its listeners' jobs.
   */
  record UserTaskTransitionStarted(
      long key,
      String transition,
      String action,
      String assignee,
      List<String> candidateGroups,
      List<String> candidateUsers,
      String dueDate,
      String followUpDate,
      int priority,
      List<String> changedAttributes,
      Map<String, Object> variables)
      implements UserTaskEvent {}

  /** A task listener corrected the proposed data (applied when the transition ends). */
  record UserTaskCorrected(
      long key,
      String assignee,
      List<String> candidateGroups,
      List<String> candidateUsers,
      String dueDate,
      String followUpDate,
      int priority,
      List<String> changedAttributes)
      implements UserTaskEvent {}

  /** A task listener denied the transition: the task is CREATED again, unchanged. */
  record UserTaskTransitionDenied(long key, String deniedReason) implements UserTaskEvent {}

  /** Every task listener of the transition completed: the task takes the (corrected) data. */
  record UserTaskTransitionEnded(
      long key,
      String assignee,
      List<String> candidateGroups,
      List<String> candidateUsers,
      String dueDate,
      String followUpDate,
      int priority,
      List<String> changedAttributes)
      implements UserTaskEvent {}
}
