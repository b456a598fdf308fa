package io.civicflow.engine.processing;

import io.civicflow.engine.api.Commands.AssignUserTask;
import io.civicflow.engine.api.Commands.CompleteUserTask;
import io.civicflow.engine.api.Commands.UnassignUserTask;
import io.civicflow.engine.api.Commands.UpdateUserTask;
import io.civicflow.engine.event.UserTaskEvent.UserTaskAssigned;
import io.civicflow.engine.event.UserTaskEvent.UserTaskUpdated;
import io.civicflow.engine.model.TaskListener;
import io.civicflow.engine.state.ElementInstance;
import io.civicflow.engine.state.UserTask;
import io.civicflow.engine.state.UserTask.Transition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The user-task commands of Camunda's API: assign (claim when overriding is not allowed), unassign,
 * update (due and follow-up dates, candidates, priority) and complete. A completed or canceled task
 * no longer exists: commands on it are NOT_FOUND, as in Zeebe. Completion variables follow job
 * completion's rule: local to the task when it has output mappings, else propagated.
 */
final class UserTaskCommandProcessor {

  private final TaskListenerBehavior taskListeners;

  UserTaskCommandProcessor(TaskListenerBehavior taskListeners) {
    this.taskListeners = taskListeners;
  }

  Outcome<Void> assign(ProcessingContext ctx, AssignUserTask command) {
    Outcome<UserTask> found = task(ctx, command.userTaskKey(), "assign");
    if (found.isRejected()) {
      return Outcome.rejected(found.rejection());
    }
    UserTask task = found.value();
    if (command.assignee() == null || command.assignee().isBlank()) {
      return Outcome.rejected(Rejection.invalidArgument("No assignee provided."));
    }
    boolean override = command.allowOverride() == null || command.allowOverride();
    if (!override && task.assignee() != null && !task.assignee().equals(command.assignee())) {
      return Outcome.rejected(
          Rejection.invalidState(
              "Expected to claim user task with key '%d', but it has already been assigned",
              task.key()));
    }
    String action = action(command.action(), override ? "assign" : "claim");
    if (!startAssignment(ctx, task, command.assignee(), action)) {
      ctx.write(new UserTaskAssigned(task.key(), command.assignee(), action));
    }
    return Outcome.done();
  }

  Outcome<Void> unassign(ProcessingContext ctx, UnassignUserTask command) {
    Outcome<UserTask> found = task(ctx, command.userTaskKey(), "unassign");
    if (found.isRejected()) {
      return Outcome.rejected(found.rejection());
    }
    UserTask task = found.value();
    if (!startAssignment(ctx, task, null, "unassign")) {
      ctx.write(new UserTaskAssigned(task.key(), null, "unassign"));
    }
    return Outcome.done();
  }

  Outcome<Void> update(ProcessingContext ctx, UpdateUserTask command) {
    Outcome<UserTask> found = task(ctx, command.userTaskKey(), "update");
    if (found.isRejected()) {
      return Outcome.rejected(found.rejection());
    }
    UserTask task = found.value();
    Rejection invalid = invalidDate(command.dueDate(), "dueDate");
    if (invalid == null) {
      invalid = invalidDate(command.followUpDate(), "followUpDate");
    }
    if (invalid == null
        && command.priority() != null
        && (command.priority() < 0 || command.priority() > 100)) {
      invalid =
          Rejection.invalidArgument(
              "The value for priority is '%d' but must be within the [0,100] range.",
              command.priority());
    }
    if (invalid != null) {
      return Outcome.rejected(invalid);
    }
    List<String> changed = new ArrayList<>();
    String dueDate = date(command.dueDate(), task.dueDate(), "dueDate", changed);
    String followUpDate =
        date(command.followUpDate(), task.followUpDate(), "followUpDate", changed);
    List<String> groups =
        list(command.candidateGroups(), task.candidateGroups(), "candidateGroupsList", changed);
    List<String> users =
        list(command.candidateUsers(), task.candidateUsers(), "candidateUsersList", changed);
    int priority = task.priority();
    if (command.priority() != null) {
      priority = command.priority();
      changed.add("priority");
    }
    String action = action(command.action(), "update");
    ElementInstance instance = ctx.state().requireElementInstance(task.elementInstanceKey());
    boolean listening =
        taskListeners.start(
            ctx,
            instance,
            task,
            new Transition(
                TaskListener.Event.UPDATING.name(),
                action,
                task.assignee(),
                groups,
                users,
                dueDate,
                followUpDate,
                priority,
                List.copyOf(changed),
                Map.of()));
    if (!listening) {
      ctx.write(
          new UserTaskUpdated(
              task.key(),
              groups,
              users,
              dueDate,
              followUpDate,
              priority,
              List.copyOf(changed),
              action));
    }
    return Outcome.done();
  }

  Outcome<Void> complete(ProcessingContext ctx, CompleteUserTask command) {
    Outcome<UserTask> found = task(ctx, command.userTaskKey(), "complete");
    if (found.isRejected()) {
      return Outcome.rejected(found.rejection());
    }
    UserTask task = found.value();
    ElementInstance instance = ctx.state().requireElementInstance(task.elementInstanceKey());
    String action = action(command.action(), "complete");
    Transition current = TaskListenerBehavior.proposal(task, TaskListener.Event.COMPLETING, action);
    boolean listening =
        taskListeners.start(
            ctx,
            instance,
            task,
            new Transition(
                current.transition(),
                action,
                current.assignee(),
                current.candidateGroups(),
                current.candidateUsers(),
                current.dueDate(),
                current.followUpDate(),
                current.priority(),
                List.of(),
                command.variables() == null ? Map.of() : command.variables()));
    if (!listening) {
      taskListeners.completeTask(ctx, instance, task, action, command.variables());
    }
    return Outcome.done();
  }

  /** Starts an assignment through the task's assigning listeners; false when it has none. */
  private boolean startAssignment(
      ProcessingContext ctx, UserTask task, String assignee, String action) {
    ElementInstance instance = ctx.state().requireElementInstance(task.elementInstanceKey());
    Transition current = TaskListenerBehavior.proposal(task, TaskListener.Event.ASSIGNING, action);
    return taskListeners.start(
        ctx,
        instance,
        task,
        new Transition(
            current.transition(),
            action,
            assignee,
            current.candidateGroups(),
            current.candidateUsers(),
            current.dueDate(),
            current.followUpDate(),
            current.priority(),
            List.of("assignee"),
            Map.of()));
  }

  /**
   * The task, if it exists and is CREATED; a task whose transition waits for its listeners refuses
   * other commands ({@code INVALID_STATE}), as in Camunda.
   */
  private static Outcome<UserTask> task(ProcessingContext ctx, long key, String action) {
    return ctx.state()
        .humanTasks()
        .userTask(key)
        .map(
            task ->
                task.transition() == null
                    ? Outcome.of(task)
                    : Outcome.<UserTask>rejected(
                        Rejection.invalidState(
                            "Expected to %s user task with key '%d', but it is in state '%s'",
                            action, key, task.lifecycleState())))
        .orElseGet(
            () ->
                Outcome.rejected(
                    Rejection.notFound(
                        "Expected to %s user task with key '%d', but no such user task was found",
                        action, key)));
  }

  /** The rejection of a date that is given, not blank, and not RFC 3339; else null. */
  private static Rejection invalidDate(String given, String name) {
    if (given == null || given.isBlank() || UserTaskDates.canonical(given) != null) {
      return null;
    }
    return Rejection.invalidArgument(
        "The provided %s '%s' cannot be parsed as a date according to RFC 3339, section 5.6.",
        name, given);
  }

  private static String action(String given, String fallback) {
    return given == null || given.isBlank() ? fallback : given;
  }

  private static String date(String given, String current, String name, List<String> changed) {
    if (given == null) {
      return current;
    }
    changed.add(name);
    if (given.isBlank()) {
      return null;
    }
    return UserTaskDates.canonical(given); // checked by invalidDate
  }

  private static List<String> list(
      List<String> given, List<String> current, String name, List<String> changed) {
    if (given == null) {
      return current;
    }
    changed.add(name);
    return given.stream().filter(Objects::nonNull).toList();
  }
}
