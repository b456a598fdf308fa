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
 * checked before anything is written, so a refused modification changes nothing. Not supported here
 * (refused with the reason): activating an element whose flow scope has no active instance (Zeebe
 * creates it), or in an ancestor that is not its direct flow scope; activating start events,
 * boundary events, the catch events after an event-based gateway and elements inside a
 * multi-instance activity (refused by Zeebe too).
 */
final class ModificationProcessor {

  private final BpmnLifecycle lifecycle;
  private final VariableBehavior variables;

  ModificationProcessor(BpmnLifecycle lifecycle, VariableBehavior variables) {
    this.lifecycle = lifecycle;
    this.variables = variables;
  }

  /** One checked activation: where, and which variables go to which scope instance. */
  private record Activation(
      ExecutableElement element,
      ElementInstance flowScope,
      List<Map<String, Object>> ownVariables,
      List<Map.Entry<ElementInstance, Map<String, Object>>> scopeVariables) {}

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

    for (Activation activation : activations) {
      for (Map.Entry<ElementInstance, Map<String, Object>> scoped : activation.scopeVariables()) {
        variables.setLocal(ctx, scoped.getKey(), scoped.getValue());
      }
      long created = lifecycle.createChild(ctx, activation.element(), activation.flowScope());
      ElementInstance instance = state.requireElementInstance(created);
      for (Map<String, Object> own : activation.ownVariables()) {
        variables.setLocal(ctx, instance, own);
      }
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
      terminateIfEmpty(ctx, scopeKey);
    }
    return Outcome.done();
  }

  /** A flow scope with nothing left to do is terminated, and so on upwards. */
  private void terminateIfEmpty(ProcessingContext ctx, long scopeKey) {
    ElementInstance scope = ctx.state().elementInstance(scopeKey).orElse(null);
    while (scope != null
        && scope.phase() == ElementInstance.Phase.ACTIVATED
        && scope.element().kind().isContainer()
        && scope.activeChildren() == 0
        && scope.pendingJoinTokens() == 0) {
      long parent = scope.flowScopeKey();
      boolean wasProcess = scope.isProcess();
      lifecycle.terminate(ctx, scope);
      scope = wasProcess ? null : ctx.state().elementInstance(parent).orElse(null);
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
      if (scope.element() != scopeElement) {
        boolean isAncestor = false;
        for (ExecutableElement s = scopeElement; s != null; s = s.flowScope()) {
          isAncestor |= s == scope.element();
        }
        return Outcome.rejected(
            isAncestor
                ? Rejection.invalidState(
                    "Expected to modify instance of process '%s' but the ancestor '%d' of element"
                        + " '%s' is not its flow scope '%s': creating the flow scopes between"
                        + " them is not supported by this engine; activate the flow scope first",
                    processId, ancestor, elementId, scopeElement.id())
                : Rejection.invalidArgument(
                    "Expected to modify instance of process '%s' but it contains one or more"
                        + " activate instructions with an ancestor scope key that is not an"
                        + " ancestor of the element to activate: '%d'",
                    processId, ancestor));
      }
    } else {
      List<ElementInstance> candidates = new ArrayList<>();
      if (scopeElement == definition.root()) {
        candidates.add(process);
      } else {
        for (ElementInstance i : state.elementInstances()) {
          if (i.processInstanceKey() == process.key()
              && i.element() == scopeElement
              && i.phase() == ElementInstance.Phase.ACTIVATED) {
            candidates.add(i);
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
      if (candidates.isEmpty()) {
        return Outcome.rejected(
            Rejection.invalidState(
                "Expected to modify instance of process '%s' but the flow scope '%s' of element"
                    + " '%s' has no active instance: activating an element together with its flow"
                    + " scope is not supported by this engine; activate the flow scope first",
                processId, scopeElement.id(), elementId));
      }
      scope = candidates.get(0);
    }

    List<Map<String, Object>> own = new ArrayList<>();
    List<Map.Entry<ElementInstance, Map<String, Object>>> scoped = new ArrayList<>();
    List<VariableInstruction> variableInstructions =
        instruction.variableInstructions() == null ? List.of() : instruction.variableInstructions();
    for (VariableInstruction v : variableInstructions) {
      Map<String, Object> values = v.variables() == null ? Map.of() : v.variables();
      String scopeId = v.scopeId() == null ? "" : v.scopeId();
      if (scopeId.isEmpty()) {
        scoped.add(Map.entry(process, values));
      } else if (scopeId.equals(element.id())) {
        own.add(values);
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
    return Outcome.of(new Activation(element, scope, own, scoped));
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
