package io.civicflow.engine.model;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.Activity;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.BusinessRuleTask;
import io.camunda.zeebe.model.bpmn.instance.EndEvent;
import io.camunda.zeebe.model.bpmn.instance.ErrorEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.Event;
import io.camunda.zeebe.model.bpmn.instance.EventBasedGateway;
import io.camunda.zeebe.model.bpmn.instance.EventDefinition;
import io.camunda.zeebe.model.bpmn.instance.ExclusiveGateway;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.InclusiveGateway;
import io.camunda.zeebe.model.bpmn.instance.IntermediateThrowEvent;
import io.camunda.zeebe.model.bpmn.instance.ManualTask;
import io.camunda.zeebe.model.bpmn.instance.ParallelGateway;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.ReceiveTask;
import io.camunda.zeebe.model.bpmn.instance.ScriptTask;
import io.camunda.zeebe.model.bpmn.instance.SendTask;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.ServiceTask;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import io.camunda.zeebe.model.bpmn.instance.SubProcess;
import io.camunda.zeebe.model.bpmn.instance.Task;
import io.camunda.zeebe.model.bpmn.instance.TerminateEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.UserTask;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeHeader;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeIoMapping;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeMapping;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeScript;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskHeaders;
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
import java.util.regex.Pattern;
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

  private static final Pattern VARIABLE_PATH =
      Pattern.compile("[A-Za-z_][\\w]*(\\.[A-Za-z_][\\w]*)*");

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
    private final Map<ExecutableElement, String> pendingDefaults = new LinkedHashMap<>();
    private final StructureTransformer structure = new StructureTransformer(feel, this::report);
    private final UserTaskTransformer userTasks =
        new UserTaskTransformer(
            new UserTaskTransformer.Support() {
              @Override
              public Expression expression(BaseElement node, String text, String what) {
                return ProcessBuilder.this.expression(node, text, what);
              }

              @Override
              public void report(BaseElement node, String message) {
                ProcessBuilder.this.report(node, message);
              }
            });

    ProcessBuilder(Process process, List<ModelProblem> problems) {
      this.process = process;
      this.problems = problems;
    }

    ExecutableProcess build() {
      ExecutableElement root =
          new ExecutableElement(
              process.getId(), process.getName(), ElementKind.PROCESS, EventType.NONE);
      elements.put(root.id(), root);
      addScope(root, process.getFlowElements());
      events.validate(elements.values(), problems::add);
      for (ExecutableElement element : elements.values()) {
        element.seal();
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
      List<BoundaryEvent> boundaries = new ArrayList<>();
      for (FlowElement flowElement : flowElements) {
        if (flowElement instanceof SequenceFlow flow) {
          sequenceFlows.add(flow);
        } else if (flowElement instanceof FlowNode node) {
          ExecutableElement element = createElement(node);
          if (element == null) {
            continue;
          }
          ExecutableElement body = structure.multiInstanceBody(node, element);
          ExecutableElement placed = body == null ? element : body;
          placed.flowScope = scope;
          scope.children.add(placed);
          elements.put(placed.id(), placed);
          if (body != null) {
            element.flowScope = body; // the inner activity lives in its body
            body.children.add(element);
            elements.put(element.lookupId(), element);
          }
          if (node instanceof BoundaryEvent boundary) {
            boundaries.add(boundary);
          }
          if (element.kind() == ElementKind.START_EVENT && element.eventType() == EventType.NONE) {
            scope.noneStartEvent = element;
          }
          if (node instanceof SubProcess sub) {
            addScope(element, sub.getFlowElements());
            if (element.kind() == ElementKind.EVENT_SUB_PROCESS) {
              structure.checkEventSubProcess(sub, element);
            } else if (element.noneStartEvent() == null) {
              report(node, "an embedded sub-process must have exactly one none start event");
            }
          }
        }
        // data objects, associations and the like carry no behaviour and are ignored
      }
      for (BoundaryEvent boundary : boundaries) {
        ExecutableElement event = elements.get(boundary.getId());
        ExecutableElement activity = elements.get(boundary.getAttachedTo().getId());
        if (event != null && activity != null) {
          event.attachedTo = activity;
          event.interrupting = boundary.cancelActivity();
          activity.boundaryEvents.add(event);
        }
      }
      for (SequenceFlow sequenceFlow : sequenceFlows) {
        addFlow(sequenceFlow);
      }
      pendingDefaults.forEach((gateway, flowId) -> gateway.defaultFlow = flows.get(flowId));
      for (ExecutableElement child : scope.children()) {
        checkGateway(child);
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
      flow.source.outgoing.add(flow);
      flow.target.incoming.add(flow);
      flows.put(flow.id(), flow);
    }

    private void checkGateway(ExecutableElement element) {
      if ((element.kind() == ElementKind.EXCLUSIVE_GATEWAY
              || element.kind() == ElementKind.INCLUSIVE_GATEWAY)
          && element.outgoing().size() > 1) {
        for (ExecutableSequenceFlow flow : element.outgoing()) {
          if (flow.condition() == null && flow != element.defaultFlow()) {
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
    private ExecutableElement createElement(FlowNode node) {
      ExecutableElement element;
      if (EventElementReader.isEventSubProcessStart(node) && events.handles(node)) {
        // timer, message and signal starts of event sub-processes: subscriptions of the enclosing
        // scope
        element = events.create(node, problems::add);
        if (element != null) {
          element.interrupting = ((StartEvent) node).isInterrupting();
        }
      } else if (structure.handles(node)) {
        // first: start events of event sub-processes and escalation events are the structure's
        element = structure.create(node);
      } else if (events.handles(node)) {
        element = events.create(node, problems::add);
      } else if (node instanceof StartEvent start) {
        element = event(start, ElementKind.START_EVENT, EventType.NONE);
        if (element != null) {
          element.startForm = userTasks.startForm(start);
        }
      } else if (node instanceof EndEvent end) {
        element = endEvent(end);
      } else if (node instanceof IntermediateThrowEvent thr) {
        element = event(thr, ElementKind.INTERMEDIATE_THROW_EVENT, EventType.NONE);
      } else if (node instanceof BoundaryEvent boundary) {
        element = boundaryEvent(boundary);
      } else if (node instanceof ServiceTask task) {
        element = jobTask(task, ElementKind.SERVICE_TASK);
      } else if (node instanceof SendTask task) {
        element = jobTask(task, ElementKind.SEND_TASK);
      } else if (node instanceof ScriptTask task) {
        element = scriptTask(task);
      } else if (node instanceof UserTask task) {
        element = userTasks.userTask(task, plain(task, ElementKind.USER_TASK));
      } else if (node instanceof BusinessRuleTask task) {
        element =
            UserTaskTransformer.isJobBased(task)
                ? jobTask(task, ElementKind.BUSINESS_RULE_TASK)
                : userTasks.businessRuleTask(task, plain(task, ElementKind.BUSINESS_RULE_TASK));
      } else if (node instanceof ManualTask task) {
        element = plain(task, ElementKind.MANUAL_TASK);
      } else if (node instanceof ExclusiveGateway gateway) {
        element = exclusiveGateway(gateway);
      } else if (node instanceof InclusiveGateway gateway) {
        element = plain(gateway, ElementKind.INCLUSIVE_GATEWAY);
        if (gateway.getDefault() != null) {
          pendingDefaults.put(element, gateway.getDefault().getId());
        }
      } else if (node instanceof ParallelGateway gateway) {
        element = plain(gateway, ElementKind.PARALLEL_GATEWAY);
      } else if (node instanceof ReceiveTask task) {
        element = plain(task, ElementKind.RECEIVE_TASK);
        if (element != null) {
          element.trigger = events.receiveTaskMessage(task, task.getMessage(), problems::add);
        }
      } else if (node instanceof EventBasedGateway gateway) {
        element = plain(gateway, ElementKind.EVENT_BASED_GATEWAY);
      } else if (node instanceof SubProcess sub) {
        element = subProcess(sub);
      } else if (isPlainTask(node)) {
        element = plain(node, ElementKind.TASK);
      } else {
        element = unsupported(node);
      }
      if (element != null) {
        readMappings(node, element);
      }
      return element;
    }

    private boolean isPlainTask(FlowNode node) {
      return node.getElementType().getTypeName().equals("task") && node instanceof Task;
    }

    private ExecutableElement unsupported(FlowNode node) {
      report(
          node,
          "elements of type '"
              + node.getElementType().getTypeName()
              + "' are not supported by the CivicFlow engine");
      return null;
    }

    private ExecutableElement plain(FlowNode node, ElementKind kind) {
      return new ExecutableElement(node.getId(), node.getName(), kind, EventType.NONE);
    }

    private ExecutableElement event(Event event, ElementKind kind, EventType none) {
      Collection<EventDefinition> definitions = eventDefinitions(event);
      if (!definitions.isEmpty()) {
        report(
            event,
            "'"
                + definitions.iterator().next().getElementType().getTypeName()
                + "' on a "
                + event.getElementType().getTypeName()
                + " is not supported yet");
        return null;
      }
      return new ExecutableElement(event.getId(), event.getName(), kind, none);
    }

    private ExecutableElement endEvent(EndEvent end) {
      Collection<EventDefinition> definitions = end.getEventDefinitions();
      if (definitions.isEmpty()) {
        return new ExecutableElement(
            end.getId(), end.getName(), ElementKind.END_EVENT, EventType.NONE);
      }
      EventDefinition definition = definitions.iterator().next();
      if (definition instanceof TerminateEventDefinition) {
        return new ExecutableElement(
            end.getId(), end.getName(), ElementKind.END_EVENT, EventType.TERMINATE);
      }
      if (definition instanceof ErrorEventDefinition error) {
        ExecutableElement element =
            new ExecutableElement(
                end.getId(), end.getName(), ElementKind.END_EVENT, EventType.ERROR);
        if (error.getError() == null || error.getError().getErrorCode() == null) {
          report(end, "an error end event must reference an error with an error code");
          return null;
        }
        element.errorCode = expression(end, error.getError().getErrorCode(), "error code");
        return element;
      }
      return event(end, ElementKind.END_EVENT, EventType.NONE);
    }

    private ExecutableElement boundaryEvent(BoundaryEvent boundary) {
      Collection<EventDefinition> definitions = boundary.getEventDefinitions();
      if (definitions.size() == 1
          && definitions.iterator().next() instanceof ErrorEventDefinition error) {
        ExecutableElement element =
            new ExecutableElement(
                boundary.getId(), boundary.getName(), ElementKind.BOUNDARY_EVENT, EventType.ERROR);
        if (error.getError() != null && error.getError().getErrorCode() != null) {
          element.errorCode = new Expression.Static(error.getError().getErrorCode());
        }
        return element;
      }
      return event(boundary, ElementKind.BOUNDARY_EVENT, EventType.NONE);
    }

    private ExecutableElement jobTask(Activity task, ElementKind kind) {
      ExecutableElement element = plain(task, kind);
      if (element == null) {
        return null;
      }
      ZeebeTaskDefinition definition = task.getSingleExtensionElement(ZeebeTaskDefinition.class);
      if (definition == null || definition.getType() == null || definition.getType().isBlank()) {
        report(task, "must have a zeebe:taskDefinition with a job type");
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
      element.job =
          new JobDefinition(
              expression(task, definition.getType(), "job type"),
              expression(task, retries, "job retries"),
              Map.copyOf(headers));
      return element;
    }

    private ExecutableElement scriptTask(ScriptTask task) {
      if (task.getSingleExtensionElement(ZeebeTaskDefinition.class) != null) {
        return jobTask(task, ElementKind.SCRIPT_TASK);
      }
      ExecutableElement element = plain(task, ElementKind.SCRIPT_TASK);
      ZeebeScript script = task.getSingleExtensionElement(ZeebeScript.class);
      if (element == null || script == null || script.getExpression() == null) {
        if (element != null) {
          report(
              task, "must have a zeebe:script with a FEEL expression, or a zeebe:taskDefinition");
        }
        return null;
      }
      String text = script.getExpression().strip();
      try {
        element.script = feel.parseFeel(text.startsWith("=") ? text.substring(1) : text, text);
      } catch (FeelEvaluationException e) {
        report(task, "script expression is not valid FEEL: " + e.getMessage());
      }
      element.resultVariable = script.getResultVariable();
      if (element.resultVariable == null || element.resultVariable.isBlank()) {
        report(task, "a FEEL script task must name a resultVariable");
      }
      return element;
    }

    private ExecutableElement exclusiveGateway(ExclusiveGateway gateway) {
      ExecutableElement element = plain(gateway, ElementKind.EXCLUSIVE_GATEWAY);
      if (gateway.getDefault() != null) {
        // resolved after flows exist
        pendingDefaults.put(element, gateway.getDefault().getId());
      }
      return element;
    }

    private ExecutableElement subProcess(SubProcess sub) {
      if (sub.triggeredByEvent()) {
        return new ExecutableElement(
            sub.getId(), sub.getName(), ElementKind.EVENT_SUB_PROCESS, EventType.NONE);
      }
      return plain(sub, ElementKind.SUB_PROCESS);
    }

    private void readMappings(BaseElement node, ExecutableElement element) {
      ZeebeIoMapping mapping = node.getSingleExtensionElement(ZeebeIoMapping.class);
      if (mapping == null) {
        return;
      }
      element.inputs = mappings(node, mapping.getInputs());
      element.outputs = mappings(node, mapping.getOutputs());
    }

    private List<Mapping> mappings(BaseElement node, Collection<? extends ZeebeMapping> source) {
      List<Mapping> result = new ArrayList<>();
      for (ZeebeMapping mapping : source) {
        String target = mapping.getTarget();
        if (target == null || !VARIABLE_PATH.matcher(target).matches()) {
          report(node, "mapping target '" + target + "' is not a variable name or path");
          continue;
        }
        String text = mapping.getSource() == null ? "=null" : mapping.getSource();
        result.add(
            new Mapping(expression(node, text, "mapping source of '" + target + "'"), target));
      }
      return List.copyOf(result);
    }

    private Expression expression(BaseElement node, String text, String what) {
      try {
        return feel.parse(text);
      } catch (FeelEvaluationException e) {
        report(node, what + " is not valid FEEL: " + e.getMessage());
        return new Expression.Static(text);
      }
    }

    private Collection<EventDefinition> eventDefinitions(Event event) {
      if (event instanceof io.camunda.zeebe.model.bpmn.instance.CatchEvent catchEvent) {
        return catchEvent.getEventDefinitions();
      }
      if (event instanceof io.camunda.zeebe.model.bpmn.instance.ThrowEvent throwEvent) {
        return throwEvent.getEventDefinitions();
      }
      return List.of();
    }

    private void report(BaseElement element, String message) {
      problems.add(
          new ModelProblem(element.getId(), element.getElementType().getTypeName(), message));
    }
  }
}
