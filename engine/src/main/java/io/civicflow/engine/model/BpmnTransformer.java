package io.civicflow.engine.model;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.Activity;
import io.camunda.zeebe.model.bpmn.instance.AdHocSubProcess;
import io.camunda.zeebe.model.bpmn.instance.Association;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.BusinessRuleTask;
import io.camunda.zeebe.model.bpmn.instance.CallActivity;
import io.camunda.zeebe.model.bpmn.instance.CompensateEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.Event;
import io.camunda.zeebe.model.bpmn.instance.EventBasedGateway;
import io.camunda.zeebe.model.bpmn.instance.ExclusiveGateway;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.InclusiveGateway;
import io.camunda.zeebe.model.bpmn.instance.ManualTask;
import io.camunda.zeebe.model.bpmn.instance.MessageEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.ParallelGateway;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.ReceiveTask;
import io.camunda.zeebe.model.bpmn.instance.ScriptTask;
import io.camunda.zeebe.model.bpmn.instance.SendTask;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.ServiceTask;
import io.camunda.zeebe.model.bpmn.instance.SubProcess;
import io.camunda.zeebe.model.bpmn.instance.Task;
import io.camunda.zeebe.model.bpmn.instance.ThrowEvent;
import io.camunda.zeebe.model.bpmn.instance.Transaction;
import io.camunda.zeebe.model.bpmn.instance.UserTask;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeVersionTag;
import io.camunda.zeebe.model.bpmn.validation.zeebe.ZeebeDesignTimeValidators;
import io.civicflow.engine.feel.Expression;
import io.civicflow.engine.feel.FeelEngine;
import io.civicflow.engine.feel.FeelEvaluationException;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.camunda.bpm.model.xml.validation.ValidationResult;
import org.camunda.bpm.model.xml.validation.ValidationResultType;
import org.camunda.bpm.model.xml.validation.ValidationResults;

/**
 * Reads BPMN with {@code zeebe-bpmn-model}, validates it with Zeebe's own design-time validators
 * and the engine's support rules, parses every FEEL expression, and builds the immutable {@link
 * ExecutableProcess} graph the processors run. The only class that sees BPMN XML.
 *
 * <p>Everything the engine cannot execute is rejected here with the element id and reason, so
 * nothing is ever accepted and then half-run. See {@code engine/README.md} for the
 * supported-elements table.
 */
public final class BpmnTransformer {

  private final FeelEngine feel;
  private final EventElementReader events;

  public BpmnTransformer(FeelEngine feel) {
    this.feel = feel;
    this.events = new EventElementReader(feel);
  }

  /** Parses and validates a BPMN resource; returns its executable processes (one per process). */
  public List<ExecutableProcess> transform(String resourceName, byte[] xml)
      throws InvalidModelException {
    BpmnModelInstance model;
    try {
      model = Bpmn.readModelFromStream(new ByteArrayInputStream(xml));
    } catch (RuntimeException e) {
      throw new InvalidModelException(resourceName, "not a readable BPMN model: " + rootMessage(e));
    }
    List<ModelProblem> problems = new ArrayList<>();
    ValidationResults results = model.validate(ZeebeDesignTimeValidators.VALIDATORS);
    for (Map.Entry<ModelElementInstance, List<ValidationResult>> entry :
        results.getResults().entrySet()) {
      for (ValidationResult result : entry.getValue()) {
        if (result.getType() == ValidationResultType.ERROR) {
          problems.add(problem(entry.getKey(), result.getMessage()));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidModelException(resourceName, problems);
    }

    List<ExecutableProcess> processes = new ArrayList<>();
    for (Process process : model.getModelElementsByType(Process.class)) {
      if (process.isExecutable()) {
        processes.add(new ProcessBuilder(process, problems).build());
      }
    }
    if (processes.isEmpty() && problems.isEmpty()) {
      throw new InvalidModelException(resourceName, "contains no executable process");
    }
    if (!problems.isEmpty()) {
      throw new InvalidModelException(resourceName, problems);
    }
    return processes;
  }

  private static ModelProblem problem(ModelElementInstance element, String message) {
    String id = element.getAttributeValue("id");
    return new ModelProblem(id == null ? "?" : id, element.getElementType().getTypeName(), message);
  }

  static String unsupported(FlowNode node) {
    return "elements of type '"
        + node.getElementType().getTypeName()
        + "' are not supported by the CivicFlow engine";
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  /** Builds one process; collects problems instead of stopping at the first. */
  private final class ProcessBuilder {
    private final Process process;
    private final List<ModelProblem> problems;
    private final Map<String, ExecutableElement> elements = new LinkedHashMap<>();
    private final Map<String, ExecutableSequenceFlow> flows = new LinkedHashMap<>();
    private final StructureTransformer structure = new StructureTransformer(feel, this::report);
    private final UserTaskTransformer.Support support =
        new UserTaskTransformer.Support() {
          @Override
          public Expression expression(BaseElement node, String text, String what) {
            return ProcessBuilder.this.expression(node, text, what);
          }

          @Override
          public void report(BaseElement node, String message) {
            ProcessBuilder.this.report(node, message);
          }
        };
    private final UserTaskTransformer userTasks = new UserTaskTransformer(support);
    private final TaskTransformer tasks = new TaskTransformer(feel, support);
    private final EventTransformer eventElements;

    ProcessBuilder(Process process, List<ModelProblem> problems) {
      this.process = process;
      this.problems = problems;
      this.eventElements =
          new EventTransformer(events, structure, userTasks, support, problems::add);
    }

    ExecutableProcess build() {
      ExecutableElement.Container root =
          new ExecutableElement.Container(
              new ElementCore(process.getId(), process.getName(), ElementKind.PROCESS));
      elements.put(root.id(), root);
      tasks.readExecutionListeners(process, root.core());
      addScope(root, process.getFlowElements());
      events.validate(elements.values(), problems::add);
      for (ExecutableElement element : elements.values()) {
        element.core().seal();
      }
      ZeebeVersionTag versionTag = process.getSingleExtensionElement(ZeebeVersionTag.class);
      return new ExecutableProcess(
          process.getId(),
          process.getName(),
          versionTag == null ? null : versionTag.getValue(),
          root,
          Map.copyOf(elements),
          Map.copyOf(flows));
    }

    private void addScope(ExecutableElement scope, Collection<FlowElement> flowElements) {
      List<SequenceFlow> sequenceFlows = new ArrayList<>();
      List<FlowNode> nodes = new ArrayList<>();
      for (FlowElement flowElement : flowElements) {
        if (flowElement instanceof SequenceFlow flow) {
          sequenceFlows.add(flow);
        } else if (flowElement instanceof FlowNode node) {
          nodes.add(node);
        }
        // data objects, associations and the like carry no behaviour and are ignored
      }
      // boundary events last: each is built with the activity it is attached to
      ExecutableElement[] placed = new ExecutableElement[nodes.size()];
      for (int i = 0; i < nodes.size(); i++) {
        if (!(nodes.get(i) instanceof BoundaryEvent)) {
          placed[i] = place(scope, nodes.get(i), null);
        }
      }
      for (int i = 0; i < nodes.size(); i++) {
        if (nodes.get(i) instanceof BoundaryEvent boundary && isCompensation(boundary)) {
          linkCompensationHandler(boundary);
        } else if (nodes.get(i) instanceof BoundaryEvent boundary) {
          placed[i] = place(scope, boundary, elements.get(boundary.getAttachedTo().getId()));
        }
      }
      for (ExecutableElement element : placed) {
        if (element != null) {
          scope.core().children.add(element);
        }
      }
      for (SequenceFlow sequenceFlow : sequenceFlows) {
        addFlow(sequenceFlow);
      }
      for (ExecutableElement child : scope.children()) {
        checkGateway(child);
      }
    }

    private static boolean isCompensation(BoundaryEvent boundary) {
      return boundary.getEventDefinitions().size() == 1
          && boundary.getEventDefinitions().iterator().next() instanceof CompensateEventDefinition;
    }

    /**
     * A compensation boundary event names, through an association, the compensation handler of the
     * activity it is attached to. The activity records the handler when it completes (see the
     * engine's state), and a compensation throw event runs it, completing an instance of the
     * boundary event first.
     */
    private void linkCompensationHandler(BoundaryEvent boundary) {
      ExecutableElement activity = elements.get(boundary.getAttachedTo().getId());
      String handler = null;
      for (Association association :
          boundary.getModelInstance().getModelElementsByType(Association.class)) {
        if (association.getSource() != null
            && boundary.getId().equals(association.getSource().getId())
            && association.getTarget() != null) {
          handler = association.getTarget().getId();
        }
      }
      ExecutableElement target = handler == null ? null : elements.get(handler);
      if (target == null || !target.core().forCompensation()) {
        report(
            boundary,
            "a compensation boundary event must be associated with a compensation handler (an"
                + " activity with isForCompensation=\"true\")");
        return;
      }
      if (activity != null) {
        activity.core().compensationHandler = target.lookupId();
        // an element of its own only for its element instance, completed when the handler runs;
        // it subscribes to nothing (not among the activity's boundary events)
        ExecutableElement marker =
            new ExecutableElement.BoundaryEvent(
                core(boundary, ElementKind.BOUNDARY_EVENT),
                new EventSpec.Compensation(null),
                activity,
                false);
        marker.core().flowScope = activity.flowScope();
        elements.put(marker.id(), marker);
        target.core().compensationBoundary = marker.lookupId();
      }
    }

    /** Builds a node (wrapped in its multi-instance body, if any) and its scope's children. */
    private ExecutableElement place(
        ExecutableElement scope, FlowNode node, ExecutableElement attachedTo) {
      ExecutableElement element = createElement(node, attachedTo);
      if (element == null) {
        return null;
      }
      ExecutableElement.MultiInstanceBody body = structure.multiInstanceBody(node, element);
      ExecutableElement placed = body == null ? element : body;
      placed.core().flowScope = scope;
      elements.put(placed.id(), placed);
      if (body != null) {
        element.core().flowScope = body; // the inner activity lives in its body
        body.core().children.add(element);
        elements.put(element.lookupId(), element);
      }
      if (attachedTo != null) {
        attachedTo.core().boundaryEvents.add(element);
      }
      if (node instanceof SubProcess sub) {
        addScope(element, sub.getFlowElements());
        if (element.kind() == ElementKind.EVENT_SUB_PROCESS) {
          structure.checkEventSubProcess(sub, element);
        } else if (element.kind() == ElementKind.AD_HOC_SUB_PROCESS) {
          checkAdHocSubProcess(sub, element);
        } else if (((ExecutableElement.Container) element).noneStartEvent() == null) {
          report(node, "an embedded sub-process must have exactly one none start event");
        }
      }
      return placed;
    }

    /** Zeebe's constraints: at least one activity, no start or end events. */
    private void checkAdHocSubProcess(SubProcess node, ExecutableElement element) {
      boolean activity = false;
      for (ExecutableElement child : element.core().children()) {
        ExecutableElement inner =
            child instanceof ExecutableElement.MultiInstanceBody body
                ? body.core().children().get(0)
                : child;
        if (inner.kind() == ElementKind.START_EVENT || inner.kind() == ElementKind.END_EVENT) {
          report(node, "an ad-hoc sub-process must not have start events or end events");
          return;
        }
        activity |=
            !(inner instanceof ExecutableElement.Event)
                && !(inner instanceof ExecutableElement.Gateway);
      }
      if (!activity) {
        report(node, "an ad-hoc sub-process must have at least one activity");
      }
    }

    private void addFlow(SequenceFlow sequenceFlow) {
      Expression condition = null;
      if (sequenceFlow.getConditionExpression() != null) {
        String text = sequenceFlow.getConditionExpression().getTextContent();
        if (text != null && !text.isBlank()) {
          String trimmed = text.strip();
          String feelText = trimmed.startsWith("=") ? trimmed.substring(1) : trimmed;
          try {
            condition = feel.parseFeel(feelText, trimmed);
          } catch (FeelEvaluationException e) {
            report(sequenceFlow, "condition expression is not valid FEEL: " + e.getMessage());
          }
        }
      }
      ExecutableSequenceFlow flow = new ExecutableSequenceFlow(sequenceFlow.getId(), condition);
      flow.source = elements.get(sequenceFlow.getSource().getId());
      flow.target = elements.get(sequenceFlow.getTarget().getId());
      if (flow.source == null || flow.target == null) {
        return; // an unsupported end was already reported
      }
      flow.source.core().outgoing.add(flow);
      flow.target.core().incoming.add(flow);
      flows.put(flow.id(), flow);
    }

    private void checkGateway(ExecutableElement element) {
      if ((element.kind() == ElementKind.EXCLUSIVE_GATEWAY
              || element.kind() == ElementKind.INCLUSIVE_GATEWAY)
          && element instanceof ExecutableElement.Gateway gateway
          && element.outgoing().size() > 1) {
        for (ExecutableSequenceFlow flow : element.outgoing()) {
          if (flow.condition() == null && flow != gateway.defaultFlow()) {
            problems.add(
                new ModelProblem(
                    flow.id(),
                    "sequenceFlow",
                    "a sequence flow leaving "
                        + (element.kind() == ElementKind.EXCLUSIVE_GATEWAY
                            ? "exclusive"
                            : "inclusive")
                        + " gateway '"
                        + element.id()
                        + "' must have a condition or be the gateway's default flow"));
          }
        }
      }
    }

    /** The element for a flow node, or null (with a problem reported) if unsupported. */
    private ExecutableElement createElement(FlowNode node, ExecutableElement attachedTo) {
      ExecutableElement element;
      String notExecuted = notExecutedByCamunda(node);
      if (notExecuted != null) {
        report(node, notExecuted);
        return null;
      }
      if (node instanceof ThrowEvent throwEvent
          && throwEvent.getEventDefinitions().size() == 1
          && throwEvent.getEventDefinitions().iterator().next() instanceof MessageEventDefinition) {
        element = tasks.messageThrow(throwEvent);
      } else if (node instanceof Event event) {
        element = eventElements.create(event, attachedTo);
      } else if (node instanceof CallActivity call) {
        element = structure.callActivity(call);
      } else if (node instanceof ServiceTask task) {
        element = tasks.jobTask(task, ElementKind.SERVICE_TASK);
      } else if (node instanceof SendTask task) {
        element = tasks.jobTask(task, ElementKind.SEND_TASK);
      } else if (node instanceof ScriptTask task) {
        element = tasks.scriptTask(task);
      } else if (node instanceof UserTask task) {
        element = userTasks.userTask(task, core(task, ElementKind.USER_TASK));
      } else if (node instanceof BusinessRuleTask task) {
        element =
            UserTaskTransformer.isJobBased(task)
                ? tasks.jobTask(task, ElementKind.BUSINESS_RULE_TASK)
                : userTasks.businessRuleTask(task, core(task, ElementKind.BUSINESS_RULE_TASK));
      } else if (node instanceof ManualTask task) {
        element = new ExecutableElement.Task(core(task, ElementKind.MANUAL_TASK));
      } else if (node instanceof ExclusiveGateway gateway) {
        element = gateway(gateway, ElementKind.EXCLUSIVE_GATEWAY, gateway.getDefault());
      } else if (node instanceof InclusiveGateway gateway) {
        element = gateway(gateway, ElementKind.INCLUSIVE_GATEWAY, gateway.getDefault());
      } else if (node instanceof ParallelGateway gateway) {
        element = gateway(gateway, ElementKind.PARALLEL_GATEWAY, null);
      } else if (node instanceof ReceiveTask task) {
        EventTrigger.Message message =
            events.receiveTaskMessage(task, task.getMessage(), problems::add);
        element = new ExecutableElement.ReceiveTask(core(task, ElementKind.RECEIVE_TASK), message);
      } else if (node instanceof EventBasedGateway gateway) {
        element = gateway(gateway, ElementKind.EVENT_BASED_GATEWAY, null);
      } else if (node instanceof AdHocSubProcess adHoc) {
        element = tasks.adHocSubProcess(adHoc);
      } else if (node instanceof SubProcess sub) {
        element =
            new ExecutableElement.Container(
                core(
                    sub,
                    sub.triggeredByEvent()
                        ? ElementKind.EVENT_SUB_PROCESS
                        : ElementKind.SUB_PROCESS));
      } else if (isPlainTask(node)) {
        element = new ExecutableElement.Task(core(node, ElementKind.TASK));
      } else {
        element = unsupported(node);
      }
      if (element != null) {
        element.core().forCompensation =
            node instanceof Activity activity && activity.isForCompensation();
        tasks.readMappings(node, element.core());
        tasks.readExecutionListeners(node, element.core());
      }
      return element;
    }

    /**
     * Elements Zeebe's model reads as a kind the engine runs (an ad-hoc sub-process or a
     * transaction is a sub-process to it) but that must not run as that kind: the reason, or null.
     */
    private String notExecutedByCamunda(FlowNode node) {
      if (node instanceof Transaction) {
        return "transaction sub-processes are not supported (Camunda 8.8 does not execute them"
            + " either)";
      }
      if (node instanceof ReceiveTask task && task.instantiate()) {
        return "instantiating receive tasks are not supported (Camunda 8.8 does not execute them"
            + " either); use a message start event";
      }
      return null;
    }

    private boolean isPlainTask(FlowNode node) {
      return node.getElementType().getTypeName().equals("task") && node instanceof Task;
    }

    private ExecutableElement unsupported(FlowNode node) {
      report(node, BpmnTransformer.unsupported(node));
      return null;
    }

    private ElementCore core(FlowNode node, ElementKind kind) {
      return new ElementCore(node.getId(), node.getName(), kind);
    }

    private ExecutableElement.Gateway gateway(
        FlowNode gateway, ElementKind kind, SequenceFlow defaultFlow) {
      // the default flow is found among the outgoing flows once they exist
      return new ExecutableElement.Gateway(
          core(gateway, kind), defaultFlow == null ? null : defaultFlow.getId());
    }

    /** A message intermediate throw or end event: a job, as Camunda runs it. */
    /** {@code zeebe:taskDefinition} and {@code zeebe:taskHeaders}, or null (reported). */
    private Expression expression(BaseElement node, String text, String what) {
      try {
        return feel.parse(text);
      } catch (FeelEvaluationException e) {
        report(node, what + " is not valid FEEL: " + e.getMessage());
        return new Expression.Static(text);
      }
    }

    private void report(BaseElement element, String message) {
      problems.add(
          new ModelProblem(element.getId(), element.getElementType().getTypeName(), message));
    }
  }
}
