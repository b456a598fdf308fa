package io.civicflow.engine.model;

import io.camunda.zeebe.model.bpmn.instance.Activity;
import io.camunda.zeebe.model.bpmn.instance.AdHocSubProcess;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.EndEvent;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.ScriptTask;
import io.camunda.zeebe.model.bpmn.instance.ThrowEvent;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeAdHoc;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeExecutionListener;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeExecutionListenerEventType;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeExecutionListeners;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeHeader;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeIoMapping;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeMapping;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeScript;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskHeaders;
import io.civicflow.engine.feel.Expression;
import io.civicflow.engine.feel.FeelEngine;
import io.civicflow.engine.feel.FeelEvaluationException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Builds the job-based and script elements (service, send, script and job-based business rule
 * tasks, message throw events as jobs, ad-hoc sub-processes) and reads what every element may
 * carry: {@code zeebe:ioMapping} and {@code zeebe:executionListeners}. Part of {@link
 * BpmnTransformer}; problems are reported through its {@link UserTaskTransformer.Support}.
 */
final class TaskTransformer {

  private static final Pattern VARIABLE_PATH =
      Pattern.compile("[A-Za-z_][\\w]*(\\.[A-Za-z_][\\w]*)*");

  private final FeelEngine feel;
  private final UserTaskTransformer.Support support;

  TaskTransformer(FeelEngine feel, UserTaskTransformer.Support support) {
    this.feel = feel;
    this.support = support;
  }

  private static ElementCore core(FlowNode node, ElementKind kind) {
    return new ElementCore(node.getId(), node.getName(), kind);
  }

  ExecutableElement adHocSubProcess(AdHocSubProcess node) {
    ZeebeAdHoc adHoc = node.getSingleExtensionElement(ZeebeAdHoc.class);
    String active = adHoc == null ? null : adHoc.getActiveElementsCollection();
    Expression activeElements =
        active == null || active.isBlank()
            ? null
            : support.expression(node, active, "activeElementsCollection");
    Expression completion = null;
    if (node.getCompletionCondition() != null) {
      String text = node.getCompletionCondition().getTextContent();
      if (text != null && !text.isBlank()) {
        String trimmed = text.strip();
        completion =
            support.expression(
                node, trimmed.startsWith("=") ? trimmed : "=" + trimmed, "completionCondition");
      }
    }
    String outputCollection = adHoc == null ? null : blankToNull(adHoc.getOutputCollection());
    String outputText = adHoc == null ? null : blankToNull(adHoc.getOutputElement());
    Expression outputElement = null;
    // both or neither: Zeebe's model validator refuses the deployment otherwise
    if (outputCollection != null && outputText != null) {
      outputElement =
          support.expression(
              node, outputText.startsWith("=") ? outputText : "=" + outputText, "outputElement");
    }
    return new ExecutableElement.AdHocSubProcess(
        core(node, ElementKind.AD_HOC_SUB_PROCESS),
        activeElements,
        completion,
        node.isCancelRemainingInstances(),
        node.getSingleExtensionElement(ZeebeTaskDefinition.class) == null
            ? null
            : jobDefinition(node),
        AdHocElements.describe(node),
        outputElement == null ? null : outputCollection,
        outputElement);
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }

  ExecutableElement messageThrow(ThrowEvent event) {
    JobDefinition job = jobDefinition(event);
    if (job == null) {
      return null;
    }
    return new ExecutableElement.ThrowEvent(
        core(
            event,
            event instanceof EndEvent
                ? ElementKind.END_EVENT
                : ElementKind.INTERMEDIATE_THROW_EVENT),
        new EventSpec.MessageJob(job));
  }

  ExecutableElement jobTask(Activity task, ElementKind kind) {
    JobDefinition job = jobDefinition(task);
    return job == null ? null : new ExecutableElement.JobTask(core(task, kind), job);
  }

  JobDefinition jobDefinition(FlowNode task) {
    ZeebeTaskDefinition definition = task.getSingleExtensionElement(ZeebeTaskDefinition.class);
    if (definition == null || definition.getType() == null || definition.getType().isBlank()) {
      support.report(task, "must have a zeebe:taskDefinition with a job type");
      return null;
    }
    Map<String, String> headers = new LinkedHashMap<>();
    ZeebeTaskHeaders taskHeaders = task.getSingleExtensionElement(ZeebeTaskHeaders.class);
    if (taskHeaders != null) {
      for (ZeebeHeader header : taskHeaders.getHeaders()) {
        headers.put(header.getKey(), header.getValue());
      }
    }
    String retries =
        definition.getRetries() == null
            ? ZeebeTaskDefinition.DEFAULT_RETRIES
            : definition.getRetries();
    return new JobDefinition(
        support.expression(task, definition.getType(), "job type"),
        support.expression(task, retries, "job retries"),
        Map.copyOf(headers));
  }

  ExecutableElement scriptTask(ScriptTask task) {
    if (task.getSingleExtensionElement(ZeebeTaskDefinition.class) != null) {
      return jobTask(task, ElementKind.SCRIPT_TASK);
    }
    ZeebeScript script = task.getSingleExtensionElement(ZeebeScript.class);
    if (script == null || script.getExpression() == null) {
      support.report(
          task, "must have a zeebe:script with a FEEL expression, or a zeebe:taskDefinition");
      return null;
    }
    String text = script.getExpression().strip();
    Expression expression = null;
    try {
      expression = feel.parseFeel(text.startsWith("=") ? text.substring(1) : text, text);
    } catch (FeelEvaluationException e) {
      support.report(task, "script expression is not valid FEEL: " + e.getMessage());
    }
    String resultVariable = script.getResultVariable();
    if (resultVariable == null || resultVariable.isBlank()) {
      support.report(task, "a FEEL script task must name a resultVariable");
    }
    return new ExecutableElement.ScriptTask(
        core(task, ElementKind.SCRIPT_TASK), expression, resultVariable);
  }

  /**
   * {@code zeebe:executionListeners}: which elements may have them, and of which event type, is
   * checked by Zeebe's design-time validators above (start events and boundary events have no start
   * listeners, gateways and error end events no end listeners, no duplicate type).
   */
  void readExecutionListeners(BaseElement node, ElementCore element) {
    ZeebeExecutionListeners listeners =
        node.getSingleExtensionElement(ZeebeExecutionListeners.class);
    if (listeners == null) {
      return;
    }
    Map<String, String> headers = new LinkedHashMap<>();
    ZeebeTaskHeaders taskHeaders = node.getSingleExtensionElement(ZeebeTaskHeaders.class);
    if (taskHeaders != null) {
      for (ZeebeHeader header : taskHeaders.getHeaders()) {
        headers.put(header.getKey(), header.getValue());
      }
    }
    List<ExecutionListener> start = new ArrayList<>();
    List<ExecutionListener> end = new ArrayList<>();
    for (ZeebeExecutionListener listener : listeners.getExecutionListeners()) {
      if (listener.getType() == null || listener.getType().isBlank()) {
        support.report(node, "an execution listener must have a job type");
        continue;
      }
      String retries =
          listener.getRetries() == null || listener.getRetries().isBlank()
              ? ZeebeExecutionListener.DEFAULT_RETRIES
              : listener.getRetries();
      ExecutionListener.Event eventType =
          listener.getEventType() == ZeebeExecutionListenerEventType.end
              ? ExecutionListener.Event.END
              : ExecutionListener.Event.START;
      ExecutionListener executable =
          new ExecutionListener(
              eventType,
              support.expression(node, listener.getType(), "execution listener job type"),
              support.expression(node, retries, "execution listener retries"),
              Map.copyOf(headers));
      (eventType == ExecutionListener.Event.START ? start : end).add(executable);
    }
    element.startListeners = List.copyOf(start);
    element.endListeners = List.copyOf(end);
  }

  void readMappings(BaseElement node, ElementCore element) {
    ZeebeIoMapping mapping = node.getSingleExtensionElement(ZeebeIoMapping.class);
    if (mapping == null) {
      return;
    }
    element.inputs = mappings(node, mapping.getInputs());
    element.outputs = mappings(node, mapping.getOutputs());
  }

  List<Mapping> mappings(BaseElement node, Collection<? extends ZeebeMapping> source) {
    List<Mapping> result = new ArrayList<>();
    for (ZeebeMapping mapping : source) {
      String target = mapping.getTarget();
      if (target == null || !VARIABLE_PATH.matcher(target).matches()) {
        support.report(node, "mapping target '" + target + "' is not a variable name or path");
        continue;
      }
      String text = mapping.getSource() == null ? "=null" : mapping.getSource();
      result.add(
          new Mapping(
              support.expression(node, text, "mapping source of '" + target + "'"), target));
    }
    return List.copyOf(result);
  }
}
