package io.civicflow.engine.processing;

import io.civicflow.engine.event.EngineEvent.JobCreated;
import io.civicflow.engine.event.UserTaskEvent.UserTaskCanceled;
import io.civicflow.engine.event.UserTaskEvent.UserTaskCreated;
import io.civicflow.engine.feel.Expression;
import io.civicflow.engine.feel.FeelEngine;
import io.civicflow.engine.feel.FeelEvaluationException;
import io.civicflow.engine.json.Json;
import io.civicflow.engine.model.ExecutableElement.UserTask;
import io.civicflow.engine.model.FormLink;
import io.civicflow.engine.model.TaskListener;
import io.civicflow.engine.model.UserTaskDefinition;
import io.civicflow.engine.state.DeployedResource;
import io.civicflow.engine.state.ElementInstance;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * User tasks, as Zeebe runs them. On activation the assignment ({@code assignee} a string, {@code
 * candidateUsers}/{@code candidateGroups} lists of strings), the schedule ({@code dueDate}, {@code
 * followUpDate}: ISO-8601 date-times) and the priority (an integer 0–100, default 50) are evaluated
 * (a wrong type opens an EXTRACT_VALUE_ERROR incident) and a linked form is resolved by its binding
 * type (missing: a FORM_NOT_FOUND incident; resolving it after deploying the form retries). Then
 *
 * <ul>
 *   <li>a Camunda user task ({@code zeebe:userTask}) is created and waits to be completed through
 *       the user-task API ({@link UserTaskCommandProcessor});
 *   <li>a job-based user task creates a job of type {@code io.camunda.zeebe:userTask} whose headers
 *       carry the evaluated assignment, schedule and form key, as Zeebe's do.
 * </ul>
 *
 * Terminating the element cancels the task (state CANCELED) or the job.
 */
final class UserTaskProcessor implements ElementProcessor<UserTask> {

  static final String FORM_NOT_FOUND = "FORM_NOT_FOUND";

  private final FeelEngine feel;
  private final VariableBehavior variables;
  private final IncidentBehavior incidents;
  private final JobBehavior jobs;
  private final TaskListenerBehavior taskListeners;

  UserTaskProcessor(
      FeelEngine feel,
      VariableBehavior variables,
      IncidentBehavior incidents,
      JobBehavior jobs,
      TaskListenerBehavior taskListeners) {
    this.feel = feel;
    this.variables = variables;
    this.incidents = incidents;
    this.jobs = jobs;
    this.taskListeners = taskListeners;
  }

  private record Evaluated(
      String assignee,
      List<String> candidateGroups,
      List<String> candidateUsers,
      String dueDate,
      String followUpDate,
      int priority) {}

  @Override
  public Class<UserTask> elementType() {
    return UserTask.class;
  }

  @Override
  public void onActivate(ProcessingContext ctx, ElementInstance instance, UserTask element) {
    Optional<io.civicflow.engine.state.UserTask> existing =
        ctx.state().humanTasks().userTaskOf(instance.key());
    if (existing.isPresent()) {
      // an incident on a task listener's job creation was resolved: its transition runs again
      if (existing.get().transition() != null) {
        taskListeners.retry(ctx, instance, existing.get());
      }
      return;
    }
    UserTaskDefinition definition = element.definition();
    Evaluated values;
    try {
      values = evaluate(definition, variables.visible(ctx.state(), instance.key()));
    } catch (FeelEvaluationException e) {
      incidents.raise(ctx, instance, IncidentBehavior.EXTRACT_VALUE_ERROR, e.getMessage());
      return;
    }
    FormLink form = definition.form();
    Long formKey = null;
    if (form != null && form.isLinked()) {
      Optional<DeployedResource> resolved =
          LinkedResources.form(
              ctx.state(), form, instance.processDefinitionKey(), form.versionTag());
      if (resolved.isEmpty()) {
        incidents.raise(ctx, instance, FORM_NOT_FOUND, formNotFound(ctx, form, instance));
        return;
      }
      formKey = resolved.get().key();
    }
    String external = form == null ? null : form.externalReference();
    if (!definition.camundaUserTask()) {
      createJob(
          ctx, instance, definition, values, formKey == null ? external : Long.toString(formKey));
      return;
    }
    boolean creatingListeners = !definition.listeners(TaskListener.Event.CREATING).isEmpty();
    // with listeners, the task is created unassigned and then assigned (assigning listeners run)
    boolean assignLater =
        values.assignee() != null
            && (creatingListeners || !definition.listeners(TaskListener.Event.ASSIGNING).isEmpty());
    ctx.write(
        new UserTaskCreated(
            ctx.nextKey(),
            instance.key(),
            instance.processInstanceKey(),
            instance.processDefinitionKey(),
            instance.element().id(),
            assignLater ? null : values.assignee(),
            values.candidateGroups(),
            values.candidateUsers(),
            values.dueDate(),
            values.followUpDate(),
            values.priority(),
            formKey,
            external,
            definition.headers()));
    if (!creatingListeners && !assignLater) {
      return;
    }
    io.civicflow.engine.state.UserTask task =
        ctx.state().humanTasks().userTaskOf(instance.key()).orElseThrow();
    if (creatingListeners) {
      // the creating listeners see the first assignee; it is assigned when they are done
      io.civicflow.engine.state.UserTask.Transition t =
          TaskListenerBehavior.proposal(task, TaskListener.Event.CREATING, "");
      taskListeners.start(
          ctx,
          instance,
          task,
          new io.civicflow.engine.state.UserTask.Transition(
              t.transition(),
              t.action(),
              values.assignee(),
              t.candidateGroups(),
              t.candidateUsers(),
              t.dueDate(),
              t.followUpDate(),
              t.priority(),
              List.of(),
              Map.of()));
    } else {
      taskListeners.assignAfterCreation(ctx, instance, values.assignee());
    }
  }

  /**
   * A Camunda user task with canceling listeners is not terminated at once: it enters {@code
   * CANCELING} and its canceling listeners run, one job after the other; the last one's completion
   * resumes the termination ({@link TaskListenerBehavior}).
   */
  @Override
  public boolean holdTermination(ProcessingContext ctx, ElementInstance instance) {
    io.civicflow.engine.state.UserTask task =
        ctx.state().humanTasks().userTaskOf(instance.key()).orElse(null);
    if (task == null
        || TaskListenerBehavior.listeners(instance, TaskListener.Event.CANCELING).isEmpty()) {
      return false;
    }
    taskListeners.startCanceling(ctx, instance, task);
    return true;
  }

  @Override
  public void onTerminate(ProcessingContext ctx, ElementInstance instance) {
    ctx.state()
        .humanTasks()
        .userTaskOf(instance.key())
        .ifPresent(
            task -> {
              taskListeners.canceled(ctx, task);
              ctx.write(new UserTaskCanceled(task.key()));
            });
    jobs.cancelJob(ctx, instance);
  }

  private Evaluated evaluate(UserTaskDefinition d, Map<String, Object> context)
      throws FeelEvaluationException {
    String assignee = d.assignee() == null ? null : feel.evaluateString(d.assignee(), context);
    int priority = UserTaskDefinition.DEFAULT_PRIORITY;
    if (d.priority() != null) {
      long value = feel.evaluateLong(d.priority(), context);
      if (value < 0 || value > 100) {
        throw new FeelEvaluationException(
            "Expected priority to be in the range [0,100], but was '" + value + "'.");
      }
      priority = (int) value;
    }
    return new Evaluated(
        assignee == null || assignee.isBlank() ? null : assignee,
        d.candidateGroups() == null
            ? List.of()
            : feel.evaluateStringList(d.candidateGroups(), context),
        d.candidateUsers() == null
            ? List.of()
            : feel.evaluateStringList(d.candidateUsers(), context),
        date(d.dueDate(), context),
        date(d.followUpDate(), context),
        priority);
  }

  /**
   * An ISO-8601 date-time (text or FEEL date and time), in canonical form; null when absent or
   * empty.
   */
  private String date(Expression expression, Map<String, Object> context)
      throws FeelEvaluationException {
    if (expression == null) {
      return null;
    }
    Object value = FeelEngine.plain(feel.evaluate(expression, context));
    if (value == null || (value instanceof String s && s.isBlank())) {
      return null;
    }
    String canonical = value instanceof String s ? UserTaskDates.canonical(s) : null;
    if (canonical == null) {
      throw new FeelEvaluationException(
          "Expected result of the expression '"
              + expression.source()
              + "' to be a valid date-time string (ISO 8601), but was '"
              + value
              + "'");
    }
    return canonical;
  }

  private void createJob(
      ProcessingContext ctx,
      ElementInstance instance,
      UserTaskDefinition definition,
      Evaluated values,
      String formKey) {
    Map<String, String> headers = new LinkedHashMap<>(definition.headers());
    if (values.assignee() != null) {
      headers.put("io.camunda.zeebe:assignee", values.assignee());
    }
    if (!values.candidateGroups().isEmpty()) {
      headers.put("io.camunda.zeebe:candidateGroups", Json.write(values.candidateGroups()));
    }
    if (!values.candidateUsers().isEmpty()) {
      headers.put("io.camunda.zeebe:candidateUsers", Json.write(values.candidateUsers()));
    }
    if (values.dueDate() != null) {
      headers.put("io.camunda.zeebe:dueDate", values.dueDate());
    }
    if (values.followUpDate() != null) {
      headers.put("io.camunda.zeebe:followUpDate", values.followUpDate());
    }
    if (formKey != null) {
      headers.put("io.camunda.zeebe:formKey", formKey);
    }
    ctx.write(
        new JobCreated(
            ctx.nextKey(),
            UserTaskDefinition.JOB_TYPE,
            1,
            Map.copyOf(headers),
            instance.key(),
            instance.processInstanceKey()));
  }

  private static String formNotFound(
      ProcessingContext ctx, FormLink form, ElementInstance instance) {
    return switch (form.binding()) {
      case LATEST ->
          String.format(
              "Expected to find a form with id '%s', but no form with this id is found, at least a form with this id should be available. "
                  + "To resolve the Incident please deploy a form with the same id",
              form.formId());
      case DEPLOYMENT ->
          String.format(
              "Expected to use a form with id '%s' with binding type 'deployment', but no such form found in the deployment with key %s "
                  + "which contained the current process. To resolve this incident, migrate the process instance to a process definition "
                  + "that is deployed together with the intended form to use.",
              form.formId(),
              LinkedResources.deploymentOf(ctx.state(), instance.processDefinitionKey())
                  .map(String::valueOf)
                  .orElse("?"));
      case VERSION_TAG ->
          String.format(
              "Expected to use a form with id '%s' and version tag '%s', but no such form found. "
                  + "To resolve the incident, deploy a form with the given id and version tag.",
              form.formId(), form.versionTag());
    };
  }
}
