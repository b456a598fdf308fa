package io.civicflow.engine.model;

import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.BusinessRuleTask;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import io.camunda.zeebe.model.bpmn.instance.UserTask;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeAssignmentDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledDecision;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeFormDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeHeader;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebePriorityDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskHeaders;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskListener;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskListenerEventType;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskListeners;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskSchedule;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeUserTask;
import io.civicflow.engine.feel.Expression;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the Zeebe extensions of user tasks, business rule tasks and start-event forms for {@link
 * BpmnTransformer}: assignments, schedule, priority, form links, called decisions. FEEL is parsed
 * here; values are checked when the task activates (as Zeebe does).
 */
final class UserTaskTransformer {

  /** What the transformer lends: FEEL parsing with problem reporting. */
  interface Support {
    Expression expression(BaseElement node, String text, String what);

    void report(BaseElement node, String message);
  }

  private final Support support;

  UserTaskTransformer(Support support) {
    this.support = support;
  }

  /** A user task element, or null (with a problem reported) if it cannot run. */
  ExecutableElement.UserTask userTask(UserTask task, ElementCore core) {
    boolean camunda = task.getSingleExtensionElement(ZeebeUserTask.class) != null;
    ZeebeAssignmentDefinition assignment =
        task.getSingleExtensionElement(ZeebeAssignmentDefinition.class);
    ZeebeTaskSchedule schedule = task.getSingleExtensionElement(ZeebeTaskSchedule.class);
    ZeebePriorityDefinition priority =
        task.getSingleExtensionElement(ZeebePriorityDefinition.class);
    FormLink form = form(task, task.getSingleExtensionElement(ZeebeFormDefinition.class), camunda);
    List<TaskListener> taskListeners = taskListeners(task, camunda);
    return new ExecutableElement.UserTask(
        core,
        new UserTaskDefinition(
            camunda,
            assignment == null ? null : optional(task, assignment.getAssignee(), "assignee"),
            assignment == null
                ? null
                : optional(task, assignment.getCandidateUsers(), "candidate users"),
            assignment == null
                ? null
                : optional(task, assignment.getCandidateGroups(), "candidate groups"),
            schedule == null ? null : optional(task, schedule.getDueDate(), "due date"),
            schedule == null ? null : optional(task, schedule.getFollowUpDate(), "follow-up date"),
            priority == null ? null : optional(task, priority.getPriority(), "priority"),
            form,
            headers(task),
            taskListeners));
  }

  /**
   * {@code zeebe:taskListeners}: only on Camunda user tasks (a job-based user task has no lifecycle
   * to pause).
   */
  private List<TaskListener> taskListeners(UserTask task, boolean camunda) {
    ZeebeTaskListeners listeners = task.getSingleExtensionElement(ZeebeTaskListeners.class);
    if (listeners == null || listeners.getTaskListeners().isEmpty()) {
      return List.of();
    }
    if (!camunda) {
      support.report(
          task,
          "task listeners (zeebe:taskListeners) are only supported on Camunda user tasks"
              + " (zeebe:userTask), not on job-based user tasks");
      return List.of();
    }
    List<TaskListener> result = new ArrayList<>();
    for (ZeebeTaskListener listener : listeners.getTaskListeners()) {
      if (blank(listener.getType())) {
        support.report(task, "a task listener must have a job type");
        continue;
      }
      TaskListener.Event eventType = eventType(listener.getEventType());
      if (eventType == null) {
        support.report(task, "a task listener must have an event type");
        continue;
      }
      String retries =
          blank(listener.getRetries()) ? ZeebeTaskListener.DEFAULT_RETRIES : listener.getRetries();
      result.add(
          new TaskListener(
              eventType,
              support.expression(task, listener.getType(), "task listener job type"),
              support.expression(task, retries, "task listener retries")));
    }
    return List.copyOf(result);
  }

  private static TaskListener.Event eventType(ZeebeTaskListenerEventType type) {
    if (type == null) {
      return null;
    }
    return switch (type) {
      case create, creating -> TaskListener.Event.CREATING;
      case assignment, assigning -> TaskListener.Event.ASSIGNING;
      case update, updating -> TaskListener.Event.UPDATING;
      case complete, completing -> TaskListener.Event.COMPLETING;
      case cancel, canceling -> TaskListener.Event.CANCELING;
    };
  }

  /** A none start event's form: a linked Camunda form or a custom form key. */
  FormLink startForm(StartEvent start) {
    return form(start, start.getSingleExtensionElement(ZeebeFormDefinition.class), true);
  }

  /** A business rule task with a called decision, or null (with a problem reported). */
  ExecutableElement.DecisionTask businessRuleTask(BusinessRuleTask task, ElementCore core) {
    ZeebeCalledDecision called = task.getSingleExtensionElement(ZeebeCalledDecision.class);
    if (called == null) {
      support.report(task, "must have a zeebe:calledDecision or a zeebe:taskDefinition");
      return null;
    }
    FormLink.Binding binding = FormLink.Binding.of(called.getBindingType());
    if (binding == FormLink.Binding.VERSION_TAG && blank(called.getVersionTag())) {
      support.report(
          task, "a called decision with binding type 'versionTag' must name a versionTag");
    }
    if (blank(called.getDecisionId()) || blank(called.getResultVariable())) {
      support.report(task, "a called decision must have a decisionId and a resultVariable");
      return null;
    }
    return new ExecutableElement.DecisionTask(
        core,
        new CalledDecision(
            support.expression(task, called.getDecisionId(), "decision id"),
            called.getResultVariable(),
            binding,
            called.getVersionTag()));
  }

  static boolean isJobBased(BusinessRuleTask task) {
    return task.getSingleExtensionElement(ZeebeTaskDefinition.class) != null;
  }

  private FormLink form(BaseElement node, ZeebeFormDefinition definition, boolean camundaUserTask) {
    if (definition == null) {
      return null;
    }
    if (!blank(definition.getFormId())) {
      FormLink.Binding binding = FormLink.Binding.of(definition.getBindingType());
      if (binding == FormLink.Binding.VERSION_TAG && blank(definition.getVersionTag())) {
        support.report(node, "a form link with binding type 'versionTag' must name a versionTag");
      }
      return new FormLink(definition.getFormId(), binding, definition.getVersionTag(), null);
    }
    String external =
        camundaUserTask && !blank(definition.getExternalReference())
            ? definition.getExternalReference()
            : definition.getFormKey();
    if (blank(external)) {
      external = definition.getExternalReference();
    }
    return blank(external) ? null : new FormLink(null, FormLink.Binding.LATEST, null, external);
  }

  private Expression optional(BaseElement node, String text, String what) {
    return blank(text) ? null : support.expression(node, text, what);
  }

  private static Map<String, String> headers(BaseElement node) {
    Map<String, String> headers = new LinkedHashMap<>();
    ZeebeTaskHeaders taskHeaders = node.getSingleExtensionElement(ZeebeTaskHeaders.class);
    if (taskHeaders != null) {
      for (ZeebeHeader header : taskHeaders.getHeaders()) {
        headers.put(header.getKey(), header.getValue());
      }
    }
    return Map.copyOf(headers);
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }
}
