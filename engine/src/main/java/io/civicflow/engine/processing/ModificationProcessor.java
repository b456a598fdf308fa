package io.civicflow.engine.processing;

import io.civicflow.engine.api.Commands.ActivateInstruction;
import io.civicflow.engine.api.Commands.ModifyProcessInstance;
import io.civicflow.engine.api.Commands.VariableInstruction;
import io.civicflow.engine.model.ElementKind;
import io.civicflow.engine.model.ExecutableElement;
import io.civicflow.engine.model.ExecutableProcess;
import io.civicflow.engine.state.ElementInstance;
import io.civicflow.engine.state.EngineState;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Modifies a running process instance (Camunda's process instance modification): activates elements
 * — in the one active instance of their flow scope, or the ancestor named — with variables set
 * first, then terminates element instances; a flow scope left with nothing active (no element
 * instance, no token at a join) is terminated too, up to the process instance. Every instruction is
 * checked before anything is written, so a refused modification changes nothing. An element whose
 * flow scope has no active instance, or activated in an ancestor above its flow scope, gets new
 * instances of the flow scopes between (as Zeebe: entered without their start events; one new scope
 * instance per ancestor and scope, shared by the instructions of one modification). Refused (by
 * Zeebe too): start events, boundary events, the catch events after an event-based gateway and
 * elements inside a multi-instance activity; here also flow scopes to create that are event or
 * ad-hoc sub-processes.
 */
final class ModificationProcessor {

  private final BpmnLifecycle lifecycle;
  private final VariableBehavior variables;

  ModificationProcessor(BpmnLifecycle lifecycle, VariableBehavior variables) {
    this.lifecycle = lifecycle;
    this.variables = variables;
  }

  /**
   * One checked activation: where (an existing ancestor, and the flow scopes to create below it,
   * top down), and which variables go to which scope instance, or to which created scope (by id).
   */
  private record Activation(
      ExecutableElement element,
      ElementInstance flowScope,
      List<ExecutableElement> missingScopes,
      List<Map<String, Object>> ownVariables,
      List<Map.Entry<ElementInstance, Map<String, Object>>> scopeVariables,
      List<Map.Entry<String, Map<String, Object>>> missingScopeVariables) {}

  Outcome<Void> modify(ProcessingContext ctx, ModifyProcessInstance command) {
    EngineState state = ctx.state();
    long key = command.processInstanceKey();
    ElementInstance process =
        state.elementInstance(key).filter(ElementInstance::isProcess).orElse(null);
    if (process == null) {
      return Outcome.rejected(
          Rejection.notFound(
              "Expected to modify process instance but no process instance found with key '%d'",
              key));
    }
    ExecutableProcess definition =
        state.process(process.processDefinitionKey()).orElseThrow().executable();
    String processId = definition.bpmnProcessId();

    List<Activation> activations = new ArrayList<>();
    List<ActivateInstruction> activate =
        command.activateInstructions() == null ? List.of() : command.activateInstructions();
    for (ActivateInstruction instruction : activate) {
      Outcome<Activation> checked = check(state, process, definition, instruction);
      if (checked.isRejected()) {
        return Outcome.rejected(checked.rejection());
      }
      activations.add(checked.value());
    }
    List<ElementInstance> terminations = new ArrayList<>();
    List<Long> terminate =
        command.terminateInstructions() == null ? List.of() : command.terminateInstructions();
    for (Long elementInstanceKey : terminate) {
      ElementInstance instance =
          elementInstanceKey == null
              ? null
              : state
                  .elementInstance(elementInstanceKey)
                  .filter(i -> i.processInstanceKey() == key && !i.isProcess())
                  .orElse(null);
      if (instance == null) {
        return Outcome.rejected(
            Rejection.invalidArgument(
                "Expected to modify instance of process '%s' but it contains one or more terminate"
                    + " instructions with an element instance that could not be found: '%s'",
                processId, elementInstanceKey));
      }
      terminations.add(instance);
    }
    if (activations.isEmpty() && terminations.isEmpty()) {
      return Outcome.rejected(
          Rejection.invalidArgument(
              "Expected to modify instance of process '%s' but it contains no activate or"
                  + " terminate instructions",
              processId));
    }

    Map<String, Long> createdScopes = new java.util.HashMap<>();
    Set<Long> activatedScopes = new java.util.HashSet<>(); // what an activation went into stays
    for (Activation activation : activations) {
      activate(ctx, activation, createdScopes, activatedScopes);
    }
    Set<Long> scopes = new LinkedHashSet<>();
    for (ElementInstance instance : terminations) {
      if (state.elementInstance(instance.key()).isEmpty()) {
        continue; // inside an element instance terminated before
      }
      lifecycle.terminate(ctx, instance);
      scopes.add(instance.flowScopeKey());
    }
    for (long scopeKey : scopes) {
      terminateIfEmpty(ctx, scopeKey, activatedScopes);
    }
    return Outcome.done();
  }

  /**
   * A flow scope with nothing left to do is terminated, and so on upwards. Children still
   * terminating (canceling task listeners hold them) count as gone: the scope is terminated with
   * them, once they are done (as Camunda), not completed afterwards.
   */
  private void terminateIfEmpty(ProcessingContext ctx, long scopeKey, Set<Long> activated) {
    ElementInstance scope = ctx.state().elementInstance(scopeKey).orElse(null);
    while (scope != null
        && !activated.contains(scope.key())
        && scope.phase() == ElementInstance.Phase.ACTIVATED
        && scope.element().kind().isContainer()
        && onlyTerminating(ctx, scope)
        && scope.pendingJoinTokens() == 0) {
      long parent = scope.flowScopeKey();
      boolean wasProcess = scope.isProcess();
      lifecycle.terminate(ctx, scope);
      scope = wasProcess ? null : ctx.state().elementInstance(parent).orElse(null);
    }
  }

  private static boolean onlyTerminating(ProcessingContext ctx, ElementInstance scope) {
    for (long key : scope.childKeys()) {
      ElementInstance child = ctx.state().elementInstance(key).orElse(null);
      if (child != null && child.phase() != ElementInstance.Phase.TERMINATING) {
        return false;
      }
    }
    return true;
  }

  /**
   * Checks the start instructions of a process instance about to be created (Camunda's {@code
   * startInstructions}): each element must exist and be one a modification could activate (the same
   * rules), and the flow scopes above it must be ones a modification creates. Null when all can be
   * started.
   */
  static Rejection checkStart(ExecutableProcess definition, List<String> elementIds) {
    String processId = definition.bpmnProcessId();
    for (String elementId : elementIds) {
      ExecutableElement element = elementId == null ? null : definition.element(elementId);
      if (element == null || element == definition.root()) {
        return Rejection.invalidArgument(
            "Expected to create instance of process '%s' with start instructions but no element"
                + " found with id '%s'",
            processId, elementId);
      }
      if (!activatable(element)) {
        return Rejection.invalidArgument(
            "Expected to create instance of process '%s' with start instructions but the element"
                + " with id '%s' cannot be started: start events, boundary events, the events"
                + " after an event-based gateway and elements inside a multi-instance activity"
                + " cannot be activated.",
            processId, elementId);
      }
      for (ExecutableElement m : between(element.flowScope(), definition.root())) {
        if (m.kind() != ElementKind.SUB_PROCESS) {
          return Rejection.invalidArgument(
              "Expected to create instance of process '%s' with start instructions but the"
                  + " element with id '%s' is inside '%s', which would have to be created: only"
                  + " embedded sub-processes are created around a start element here",
              processId, elementId, m.id());
        }
      }
    }
    return null;
  }

  /**
   * Activates the checked ({@link #checkStart}) start elements in a process instance just created
   * (still activating), each with the flow scopes above it created once and entered without their
   * start events — the activation of a modification; the process then enters no none start event
   * ({@link ContainerProcessor}: it has children already).
   */
  void start(ProcessingContext ctx, ElementInstance process, List<String> elementIds) {
    ExecutableProcess definition =
        ctx.state().process(process.processDefinitionKey()).orElseThrow().executable();
    Map<String, Long> createdScopes = new java.util.HashMap<>();
    for (String elementId : elementIds) {
      ExecutableElement element = definition.element(elementId);
      activate(
          ctx,
          new Activation(
              element,
              process,
              between(element.flowScope(), definition.root()),
              List.of(),
              List.of(),
              List.of()),
          createdScopes,
          new java.util.HashSet<>());
    }
  }

  /**
   * Creates the missing flow scopes of one activation below its flow scope instance (one per scope
   * and parent, shared through {@code createdScopes}) and the element in the innermost, with the
   * activation's variables; records in {@code activatedScopes} every scope it went into.
   */
  private void activate(
      ProcessingContext ctx,
      Activation activation,
      Map<String, Long> createdScopes,
      Set<Long> activatedScopes) {
    EngineState state = ctx.state();
    for (Map.Entry<ElementInstance, Map<String, Object>> scoped : activation.scopeVariables()) {
      variables.setLocal(ctx, scoped.getKey(), scoped.getValue());
    }
    ElementInstance parent = activation.flowScope();
    for (ExecutableElement missing : activation.missingScopes()) {
      String scopeKey = parent.key() + "/" + missing.id();
      Long existing = createdScopes.get(scopeKey);
      if (existing == null) {
        // created before its activation runs: the container then enters no start event
        existing = lifecycle.createChild(ctx, missing, parent);
        createdScopes.put(scopeKey, existing);
      }
      parent = state.requireElementInstance(existing);
      for (Map.Entry<String, Map<String, Object>> v : activation.missingScopeVariables()) {
        if (v.getKey().equals(missing.id())) {
          variables.setLocal(ctx, parent, v.getValue());
        }
      }
    }
    long created = lifecycle.createChild(ctx, activation.element(), parent);
    for (ElementInstance up = parent; up != null; ) {
      activatedScopes.add(up.key());
      up = up.isProcess() ? null : state.elementInstance(up.flowScopeKey()).orElse(null);
    }
    ElementInstance instance = state.requireElementInstance(created);
    for (Map<String, Object> own : activation.ownVariables()) {
      variables.setLocal(ctx, instance, own);
    }
  }

  private static Outcome<Activation> check(
      EngineState state,
      ElementInstance process,
      ExecutableProcess definition,
      ActivateInstruction instruction) {
    String processId = definition.bpmnProcessId();
    String elementId = instruction.elementId();
    ExecutableElement element = elementId == null ? null : definition.element(elementId);
    if (element == null || element == definition.root()) {
      return Outcome.rejected(
          Rejection.invalidArgument(
              "Expected to modify instance of process '%s' but it contains one or more activate"
                  + " instructions with an element that could not be found: '%s'",
              processId, elementId));
    }
    if (!activatable(element)) {
      return Outcome.rejected(
          Rejection.invalidArgument(
              "Expected to modify instance of process '%s' but it contains one or more activate"
                  + " instructions with an element that is unsupported: '%s'. Start events,"
                  + " boundary events, the events after an event-based gateway and elements inside"
                  + " a multi-instance activity cannot be activated.",
              processId, elementId));
    }
    ExecutableElement scopeElement = element.flowScope();
    ElementInstance scope;
    Long ancestor = instruction.ancestorElementInstanceKey();
    if (ancestor != null && ancestor > 0) {
      scope =
          state
              .elementInstance(ancestor)
              .filter(i -> i.processInstanceKey() == process.key())
              .filter(i -> i.phase() == ElementInstance.Phase.ACTIVATED)
              .orElse(null);
      if (scope == null) {
        return Outcome.rejected(
            Rejection.invalidArgument(
                "Expected to modify instance of process '%s' but it contains one or more activate"
                    + " instructions with an ancestor scope key that does not exist, or is not in"
                    + " an active state: '%d'",
                processId, ancestor));
      }
      if (between(scopeElement, scope.element()) == null) {
        return Outcome.rejected(
            Rejection.invalidArgument(
                "Expected to modify instance of process '%s' but it contains one or more"
                    + " activate instructions with an ancestor scope key that is not an"
                    + " ancestor of the element to activate: '%d'",
                processId, ancestor));
      }
    } else {
      // the nearest flow scope, from the element's upwards, with an active instance
      List<ElementInstance> candidates = new ArrayList<>();
      for (ExecutableElement s = scopeElement;
          candidates.isEmpty() && s != null;
          s = s.flowScope()) {
        if (s == definition.root()) {
          candidates.add(process);
        } else {
          for (ElementInstance i : state.elementInstances()) {
            if (i.processInstanceKey() == process.key()
                && i.element() == s
                && i.phase() == ElementInstance.Phase.ACTIVATED) {
              candidates.add(i);
            }
          }
        }
      }
      if (candidates.size() > 1) {
        return Outcome.rejected(
            Rejection.invalidArgument(
                "Expected to modify instance of process '%s' but it contains one or more activate"
                    + " instructions for an element that has a flow scope with more than one"
                    + " active instance: '%s'. Can't decide in which instance of the flow scope"
                    + " the element should be activated. Please specify an ancestor element"
                    + " instance key for this activate instruction.",
                processId, elementId));
      }
      scope = candidates.get(0);
    }
    List<ExecutableElement> missing = between(scopeElement, scope.element());
    for (ExecutableElement m : missing) {
      if (m.kind() != ElementKind.SUB_PROCESS) {
        return Outcome.rejected(
            Rejection.invalidArgument(
                "Expected to modify instance of process '%s' but it contains one or more activate"
                    + " instructions for an element whose flow scope '%s' would have to be"
                    + " created: only embedded sub-processes are created by a modification here",
                processId, m.id()));
      }
    }

    List<Map<String, Object>> own = new ArrayList<>();
    List<Map.Entry<ElementInstance, Map<String, Object>>> scoped = new ArrayList<>();
    List<Map.Entry<String, Map<String, Object>>> missingScoped = new ArrayList<>();
    List<VariableInstruction> variableInstructions =
        instruction.variableInstructions() == null ? List.of() : instruction.variableInstructions();
    for (VariableInstruction v : variableInstructions) {
      Map<String, Object> values = v.variables() == null ? Map.of() : v.variables();
      String scopeId = v.scopeId() == null ? "" : v.scopeId();
      if (scopeId.isEmpty()) {
        scoped.add(Map.entry(process, values));
      } else if (scopeId.equals(element.id())) {
        own.add(values);
      } else if (missing.stream().anyMatch(m -> m.id().equals(scopeId))) {
        missingScoped.add(Map.entry(scopeId, values));
      } else {
        ElementInstance target = null;
        for (ElementInstance s : state.scopeChain(scope.key())) {
          if (s.element().id().equals(scopeId)) {
            target = s;
            break;
          }
        }
        if (target == null) {
          return Outcome.rejected(
              Rejection.invalidArgument(
                  "Expected to modify instance of process '%s' but it contains one or more"
                      + " variable instructions with a scope element id that could not be found:"
                      + " '%s'. It must be the element to activate or one of its flow scopes.",
                  processId, scopeId));
        }
        scoped.add(Map.entry(target, values));
      }
    }
    return Outcome.of(new Activation(element, scope, missing, own, scoped, missingScoped));
  }

  /**
   * The flow scopes from below {@code ancestor} down to {@code scopeElement} (inclusive), top down:
   * empty when {@code ancestor} is the scope itself, null when it is no ancestor at all.
   */
  private static List<ExecutableElement> between(
      ExecutableElement scopeElement, ExecutableElement ancestor) {
    List<ExecutableElement> missing = new ArrayList<>();
    for (ExecutableElement s = scopeElement; s != null; s = s.flowScope()) {
      if (s == ancestor) {
        java.util.Collections.reverse(missing);
        return missing;
      }
      missing.add(s);
    }
    return null;
  }

  private static boolean activatable(ExecutableElement element) {
    if (element.kind() == ElementKind.START_EVENT || element.kind() == ElementKind.BOUNDARY_EVENT) {
      return false;
    }
    if (EventSubscriptionBehavior.followsEventGateway(element)) {
      return false;
    }
    for (ExecutableElement s = element.flowScope(); s != null; s = s.flowScope()) {
      if (s instanceof ExecutableElement.MultiInstanceBody) {
        return false;
      }
    }
    return true;
  }
}
