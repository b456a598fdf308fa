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
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskListeners;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskSchedule;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeUserTask;
import io.civicflow.engine.feel.Expression;
import java.util.LinkedHashMap;
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
    ZeebeTaskListeners listeners = task.getSingleExtensionElement(ZeebeTaskListeners.class);
    if (listeners != null && !listeners.getTaskListeners().isEmpty()) {
      support.report(
          task,
          "user task listeners (zeebe:taskListeners) are not supported by the CivicFlow engine yet");
      return null;
    }
    boolean camunda = task.getSingleExtensionElement(ZeebeUserTask.class) != null;
    ZeebeAssignmentDefinition assignment =
        task.getSingleExtensionElement(ZeebeAssignmentDefinition.class);
    ZeebeTaskSchedule schedule = task.getSingleExtensionElement(ZeebeTaskSchedule.class);
    ZeebePriorityDefinition priority =
        task.getSingleExtensionElement(ZeebePriorityDefinition.class);
    FormLink form = form(task, task.getSingleExtensionElement(ZeebeFormDefinition.class), camunda);
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
            headers(task)));
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
