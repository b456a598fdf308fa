package io.civicflow.engine.processing;

import io.civicflow.engine.api.Commands.CompleteJob;
import io.civicflow.engine.api.Commands.JobResult;
import io.civicflow.engine.api.Commands.JobResultCorrections;
import io.civicflow.engine.event.EngineEvent.ListenerJobCreated;
import io.civicflow.engine.event.UserTaskEvent.UserTaskAssigned;
import io.civicflow.engine.event.UserTaskEvent.UserTaskCompleted;
import io.civicflow.engine.event.UserTaskEvent.UserTaskCorrected;
import io.civicflow.engine.event.UserTaskEvent.UserTaskTransitionDenied;
import io.civicflow.engine.event.UserTaskEvent.UserTaskTransitionEnded;
import io.civicflow.engine.event.UserTaskEvent.UserTaskTransitionStarted;
import io.civicflow.engine.feel.FeelEngine;
import io.civicflow.engine.feel.FeelEvaluationException;
import io.civicflow.engine.model.ExecutableElement;
import io.civicflow.engine.model.TaskListener;
import io.civicflow.engine.state.ElementInstance;
import io.civicflow.engine.state.Job;
import io.civicflow.engine.state.UserTask;
import io.civicflow.engine.state.UserTask.Transition;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * User task listeners (Camunda 8.8, {@code zeebe:taskListeners}). A transition of a Camunda user
 * task — creating, assigning (also unassigning), updating, completing — that has listeners of its
 * event type does not happen at once: the task enters the transitional state ({@code ASSIGNING} …)
 * with the data the command proposes, and each listener, in model order, is a job of kind {@code
 * TASK_LISTENER} the transition waits for. A listener's job result may correct the proposed data
 * (assignee, dates, candidates, priority; later listeners see the corrections) or, on assigning,
 * updating and completing, deny the transition: the task is {@code CREATED} again, unchanged, and
 * the command is refused. When the last listener completes the task takes the data and the
 * transition ends (a completion then completes the element with the command's variables).
 *
 * <p>A task created with an assignee is created unassigned and then assigned, so assigning
 * listeners run for the first assignee too (after the creating listeners), as in 8.8.
 */
final class TaskListenerBehavior {

  private final FeelEngine feel;
  private final VariableBehavior variables;
  private final IncidentBehavior incidents;
  private final BpmnLifecycle lifecycle;
  private final UserTaskWaiters waiters;

  TaskListenerBehavior(
      FeelEngine feel,
      VariableBehavior variables,
      IncidentBehavior incidents,
      BpmnLifecycle lifecycle,
      UserTaskWaiters waiters) {
    this.feel = feel;
    this.variables = variables;
    this.incidents = incidents;
    this.lifecycle = lifecycle;
    this.waiters = waiters;
  }

  static List<TaskListener> listeners(ElementInstance instance, TaskListener.Event eventType) {
    return ((ExecutableElement.UserTask) instance.element()).definition().listeners(eventType);
  }

  /** The task's current data as a proposal of a transition (to be changed by the caller). */
  static Transition proposal(UserTask task, TaskListener.Event eventType, String action) {
    return new Transition(
        eventType.name(),
        action,
        task.assignee(),
        task.candidateGroups(),
        task.candidateUsers(),
        task.dueDate(),
        task.followUpDate(),
        task.priority(),
        List.of(),
        Map.of());
  }

  /**
   * Starts the transition if the task has listeners of its event type, and answers true; false when
   * it has none (the caller makes the change at once).
   */
  boolean start(ProcessingContext ctx, ElementInstance instance, UserTask task, Transition t) {
    TaskListener.Event eventType = TaskListener.Event.valueOf(t.transition());
    if (listeners(instance, eventType).isEmpty()) {
      return false;
    }
    ctx.write(
        new UserTaskTransitionStarted(
            task.key(),
            t.transition(),
            t.action(),
            t.assignee(),
            t.candidateGroups(),
            t.candidateUsers(),
            t.dueDate(),
            t.followUpDate(),
            t.priority(),
            t.changedAttributes(),
            t.variables()));
    createJob(ctx, instance, eventType, 0);
    return true;
  }

  /**
   * Creates the job of the task's listener {@code index} of that event type; answers false when its
   * type or retries could not be evaluated (an {@code EXTRACT_VALUE_ERROR} incident is open;
   * resolving it runs the transition's listeners again from the first).
   */
  boolean createJob(
      ProcessingContext ctx, ElementInstance instance, TaskListener.Event eventType, int index) {
    TaskListener listener = listeners(instance, eventType).get(index);
    Map<String, Object> context = variables.visible(ctx.state(), instance.key());
    String type;
    long retries;
    try {
      type = feel.evaluateString(listener.type(), context);
      retries = feel.evaluateLong(listener.retries(), context);
    } catch (FeelEvaluationException e) {
      incidents.raise(ctx, instance, IncidentBehavior.EXTRACT_VALUE_ERROR, e.getMessage());
      return false;
    }
    ctx.write(
        new ListenerJobCreated(
            ctx.nextKey(),
            type,
            (int) retries,
            ((ExecutableElement.UserTask) instance.element()).definition().headers(),
            instance.key(),
            instance.processInstanceKey(),
            Job.TASK_LISTENER,
            eventType.name(),
            index));
    return true;
  }

  /** Re-runs the listeners of the task's transition from the first (an incident was resolved). */
  void retry(ProcessingContext ctx, ElementInstance instance, UserTask task) {
    createJob(ctx, instance, TaskListener.Event.valueOf(task.transition().transition()), 0);
  }

  /** The refusal of a task listener job's completion, or null; checked before any write. */
  static Rejection check(Job job, CompleteJob command) {
    if (command.variables() != null && !command.variables().isEmpty()) {
      return Rejection.invalidArgument(
          "Expected to complete task listener job with key '%d' without variables, but variables"
              + " were given: task listeners cannot set variables",
          job.key());
    }
    JobResult result = command.result();
    if (result == null) {
      return null;
    }
    if (result.type() != null && !JobResult.USER_TASK.equals(result.type())) {
      return Rejection.invalidArgument(
          "Expected a job result of type '%s' for task listener job with key '%d', but it was '%s'",
          JobResult.USER_TASK, job.key(), result.type());
    }
    TaskListener.Event eventType = TaskListener.Event.valueOf(job.listenerEventType());
    if (result.denied() && !eventType.mayDeny()) {
      return Rejection.invalidArgument(
          "Expected to complete task listener job with key '%d', but a '%s' listener cannot deny"
              + " the transition (only assigning, updating and completing listeners can)",
          job.key(), eventType.name().toLowerCase(java.util.Locale.ROOT));
    }
    JobResultCorrections c = result.corrections();
    if (c == null) {
      return null;
    }
    if (eventType == TaskListener.Event.CANCELING && !c.isEmpty()) {
      return Rejection.invalidArgument(
          "Expected to complete task listener job with key '%d', but a 'canceling' listener cannot"
              + " correct the user task: it is being canceled",
          job.key());
    }
    if (c.priority() != null && (c.priority() < 0 || c.priority() > 100)) {
      return Rejection.invalidArgument(
          "The value for priority is '%d' but must be within the [0,100] range.", c.priority());
    }
    for (String[] date :
        new String[][] {{c.dueDate(), "dueDate"}, {c.followUpDate(), "followUpDate"}}) {
      if (date[0] != null && !date[0].isBlank() && UserTaskDates.canonical(date[0]) == null) {
        return Rejection.invalidArgument(
            "The provided %s '%s' cannot be parsed as a date according to RFC 3339, section 5.6.",
            date[1], date[0]);
      }
    }
    return null;
  }

  /**
   * A listener's job completed (checked by {@link #check}): the transition is denied, or takes the
   * corrections and goes on with the next listener, or ends.
   */
  void jobCompleted(ProcessingContext ctx, Job job, JobResult result) {
    ElementInstance instance = ctx.state().requireElementInstance(job.elementInstanceKey());
    UserTask task = ctx.state().humanTasks().userTaskOf(instance.key()).orElseThrow();
    TaskListener.Event eventType = TaskListener.Event.valueOf(job.listenerEventType());
    if (eventType == TaskListener.Event.CANCELING) {
      int following = job.listenerIndex() + 1;
      if (following < listeners(instance, eventType).size()) {
        createJob(ctx, instance, eventType, following);
      } else {
        // the task is canceled, then its element terminated (and what waited for it goes on)
        ctx.write(new io.civicflow.engine.event.UserTaskEvent.UserTaskCanceled(task.key()));
        long root = rootProcessInstanceKey(ctx, instance);
        lifecycle.resumeTermination(ctx, instance);
        if (ctx.state().elementInstance(root).isEmpty()) {
          waiters.ended(ctx, root); // a cancellation waited for the instance to be terminated
        }
      }
      return;
    }
    if (result != null && result.denied()) {
      ctx.write(new UserTaskTransitionDenied(task.key(), result.deniedReason()));
      waiters.refused(ctx, task.key(), denied(task.key(), eventType, result.deniedReason()));
      return;
    }
    if (result != null && result.corrections() != null && !result.corrections().isEmpty()) {
      correct(ctx, task, result.corrections());
    }
    int next = job.listenerIndex() + 1;
    if (next < listeners(instance, eventType).size()) {
      createJob(ctx, instance, eventType, next);
    } else {
      end(ctx, instance, task);
    }
  }

  private static void correct(ProcessingContext ctx, UserTask task, JobResultCorrections c) {
    Transition t = task.transition();
    Set<String> changed = new LinkedHashSet<>(t.changedAttributes());
    String assignee = t.assignee();
    if (c.assignee() != null) {
      assignee = c.assignee().isBlank() ? null : c.assignee();
      changed.add("assignee");
    }
    String dueDate = t.dueDate();
    if (c.dueDate() != null) {
      dueDate = c.dueDate().isBlank() ? null : UserTaskDates.canonical(c.dueDate());
      changed.add("dueDate");
    }
    String followUpDate = t.followUpDate();
    if (c.followUpDate() != null) {
      followUpDate = c.followUpDate().isBlank() ? null : UserTaskDates.canonical(c.followUpDate());
      changed.add("followUpDate");
    }
    List<String> groups = t.candidateGroups();
    if (c.candidateGroups() != null) {
      groups = c.candidateGroups().stream().filter(Objects::nonNull).toList();
      changed.add("candidateGroupsList");
    }
    List<String> users = t.candidateUsers();
    if (c.candidateUsers() != null) {
      users = c.candidateUsers().stream().filter(Objects::nonNull).toList();
      changed.add("candidateUsersList");
    }
    int priority = t.priority();
    if (c.priority() != null) {
      priority = c.priority();
      changed.add("priority");
    }
    ctx.write(
        new UserTaskCorrected(
            task.key(),
            assignee,
            groups,
            users,
            dueDate,
            followUpDate,
            priority,
            List.copyOf(changed)));
  }

  /** Every listener of the transition completed: the task takes the data. */
  private void end(ProcessingContext ctx, ElementInstance instance, UserTask task) {
    Transition t = task.transition();
    TaskListener.Event eventType = TaskListener.Event.valueOf(t.transition());
    // created unassigned: the first assignee is assigned after the creation
    String assignee = eventType == TaskListener.Event.CREATING ? null : t.assignee();
    ctx.write(
        new UserTaskTransitionEnded(
            task.key(),
            assignee,
            t.candidateGroups(),
            t.candidateUsers(),
            t.dueDate(),
            t.followUpDate(),
            t.priority(),
            t.changedAttributes()));
    switch (eventType) {
      case CREATING -> assignAfterCreation(ctx, instance, t.assignee());
      case COMPLETING -> {
        completeTask(ctx, instance, task, t.action(), t.variables());
        waiters.ended(ctx, task.key());
      }
      default -> waiters.ended(ctx, task.key());
    }
  }

  /**
   * The task was created: its first assignee (from the model, or a creating listener's correction)
   * is assigned, through the assigning listeners if it has any.
   */
  void assignAfterCreation(ProcessingContext ctx, ElementInstance instance, String assignee) {
    if (assignee == null) {
      return;
    }
    UserTask task = ctx.state().humanTasks().userTaskOf(instance.key()).orElseThrow();
    Transition current = proposal(task, TaskListener.Event.ASSIGNING, "assign");
    Transition assigning =
        new Transition(
            current.transition(),
            current.action(),
            assignee,
            current.candidateGroups(),
            current.candidateUsers(),
            current.dueDate(),
            current.followUpDate(),
            current.priority(),
            List.of("assignee"),
            Map.of());
    if (!start(ctx, instance, task, assigning)) {
      ctx.write(new UserTaskAssigned(task.key(), assignee, "assign"));
    }
  }

  /**
   * Completes the task and its element: the variables are local to the task when it has output
   * mappings, else propagated (as a job completion's).
   */
  void completeTask(
      ProcessingContext ctx,
      ElementInstance instance,
      UserTask task,
      String action,
      Map<String, Object> completionVariables) {
    ctx.write(new UserTaskCompleted(task.key(), action));
    Map<String, Object> values = completionVariables == null ? Map.of() : completionVariables;
    if (instance.element().outputs().isEmpty()) {
      variables.merge(ctx, instance.key(), values);
    } else {
      variables.setLocal(ctx, instance, values);
    }
    lifecycle.complete(ctx, instance);
  }

  /**
   * The task's element is being terminated and the task has canceling listeners: it enters {@code
   * CANCELING} and the listeners run (a transition it was in is refused and its listener job
   * canceled). Called again while it is canceling (the element's termination is resumed or
   * repeated), it only re-runs the listeners from the first when none is waiting — an incident on a
   * listener's job creation was resolved.
   */
  void startCanceling(ProcessingContext ctx, ElementInstance instance, UserTask task) {
    Transition current = task.transition();
    if (current != null && TaskListener.Event.CANCELING.name().equals(current.transition())) {
      if (instance.jobKey() == null && instance.incidentKey() == null) {
        retry(ctx, instance, task);
      }
      return;
    }
    if (current != null) {
      canceled(ctx, task);
      if (instance.jobKey() != null) {
        ctx.write(new io.civicflow.engine.event.EngineEvent.JobCanceled(instance.jobKey()));
      }
      if (instance.incidentKey() != null) {
        ctx.write(
            new io.civicflow.engine.event.EngineEvent.IncidentResolved(instance.incidentKey()));
      }
    }
    start(ctx, instance, task, proposal(task, TaskListener.Event.CANCELING, ""));
  }

  private static long rootProcessInstanceKey(ProcessingContext ctx, ElementInstance instance) {
    ElementInstance process = ctx.state().requireElementInstance(instance.processInstanceKey());
    while (process.parentProcessInstanceKey() != null) {
      ElementInstance parent =
          ctx.state().elementInstance(process.parentProcessInstanceKey()).orElse(null);
      if (parent == null) {
        break;
      }
      process = parent;
    }
    return process.key();
  }

  /** The task was canceled (its element terminated) while a transition waited. */
  void canceled(ProcessingContext ctx, UserTask task) {
    if (task.transition() != null) {
      waiters.refused(
          ctx,
          task.key(),
          Rejection.invalidState(
              "Expected to %s user task with key '%d', but it was canceled",
              task.transition().action(), task.key()));
    }
  }

  private static Rejection denied(long key, TaskListener.Event eventType, String reason) {
    String what =
        switch (eventType) {
          case ASSIGNING -> "Assignment";
          case UPDATING -> "Update";
          default -> "Completion";
        };
    return Rejection.invalidState(
        "%s of the user task with key '%d' was denied by a task listener. Reason to deny: '%s'",
        what, key, reason == null ? "" : reason);
  }

  /** What a task listener job sees of its task. */
  static io.civicflow.engine.api.Results.UserTaskProperties properties(UserTask task) {
    Transition t = task.transition();
    if (t == null) {
      return null;
    }
    return new io.civicflow.engine.api.Results.UserTaskProperties(
        task.key(),
        t.action(),
        t.assignee(),
        t.candidateGroups() == null ? List.of() : t.candidateGroups(),
        t.candidateUsers() == null ? List.of() : t.candidateUsers(),
        new ArrayList<>(t.changedAttributes()),
        t.dueDate(),
        t.followUpDate(),
        task.formKey(),
        t.priority());
  }
}
