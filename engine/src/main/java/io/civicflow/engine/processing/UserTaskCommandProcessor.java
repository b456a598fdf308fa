package io.civicflow.engine.processing;

import io.civicflow.engine.api.Commands.AssignUserTask;
import io.civicflow.engine.api.Commands.CompleteUserTask;
import io.civicflow.engine.api.Commands.UnassignUserTask;
import io.civicflow.engine.api.Commands.UpdateUserTask;
import io.civicflow.engine.api.EngineRejection;
import io.civicflow.engine.event.EngineEvent.UserTaskAssigned;
import io.civicflow.engine.event.EngineEvent.UserTaskCompleted;
import io.civicflow.engine.event.EngineEvent.UserTaskUpdated;
import io.civicflow.engine.state.ElementInstance;
import io.civicflow.engine.state.UserTask;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The user-task commands of Camunda's API: assign (claim when overriding is not allowed), unassign,
 * update (due and follow-up dates, candidates, priority) and complete. A completed or canceled task
 * no longer exists: commands on it are NOT_FOUND, as in Zeebe. Completion variables follow job
 * completion's rule: local to the task when it has output mappings, else propagated.
 */
final class UserTaskCommandProcessor {

  private final BpmnLifecycle lifecycle;
  private final VariableBehavior variables;

  UserTaskCommandProcessor(BpmnLifecycle lifecycle, VariableBehavior variables) {
    this.lifecycle = lifecycle;
    this.variables = variables;
  }

  void assign(ProcessingContext ctx, AssignUserTask command) {
    UserTask task = require(ctx, command.userTaskKey(), "assign");
    if (command.assignee() == null || command.assignee().isBlank()) {
      throw EngineRejection.invalidArgument("No assignee provided.");
    }
    boolean override = command.allowOverride() == null || command.allowOverride();
    if (!override && task.assignee() != null && !task.assignee().equals(command.assignee())) {
      throw EngineRejection.invalidState(
          "Expected to claim user task with key '%d', but it has already been assigned",
          task.key());
    }
    ctx.write(
        new UserTaskAssigned(
            task.key(),
            command.assignee(),
            action(command.action(), override ? "assign" : "claim")));
  }

  void unassign(ProcessingContext ctx, UnassignUserTask command) {
    UserTask task = require(ctx, command.userTaskKey(), "unassign");
    ctx.write(new UserTaskAssigned(task.key(), null, "unassign"));
  }

  void update(ProcessingContext ctx, UpdateUserTask command) {
    UserTask task = require(ctx, command.userTaskKey(), "update");
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
      if (command.priority() < 0 || command.priority() > 100) {
        throw EngineRejection.invalidArgument(
            "The value for priority is '%d' but must be within the [0,100] range.",
            command.priority());
      }
      priority = command.priority();
      changed.add("priority");
    }
    ctx.write(
        new UserTaskUpdated(
            task.key(),
            groups,
            users,
            dueDate,
            followUpDate,
            priority,
            List.copyOf(changed),
            action(command.action(), "update")));
  }

  void complete(ProcessingContext ctx, CompleteUserTask command) {
    UserTask task = require(ctx, command.userTaskKey(), "complete");
    ElementInstance instance = ctx.state().requireElementInstance(task.elementInstanceKey());
    ctx.write(new UserTaskCompleted(task.key(), action(command.action(), "complete")));
    if (instance.element().outputs().isEmpty()) {
      variables.merge(ctx, instance.key(), command.variables());
    } else {
      variables.setLocal(ctx, instance, command.variables());
    }
    lifecycle.complete(ctx, instance);
  }

  private static UserTask require(ProcessingContext ctx, long key, String action) {
    return ctx.state()
        .humanTasks()
        .userTask(key)
        .orElseThrow(
            () ->
                EngineRejection.notFound(
                    "Expected to %s user task with key '%d', but no such user task was found",
                    action, key));
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
    String canonical = UserTaskDates.canonical(given);
    if (canonical == null) {
      throw EngineRejection.invalidArgument(
          "The provided %s '%s' cannot be parsed as a date according to RFC 3339, section 5.6.",
          name, given);
    }
    return canonical;
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
