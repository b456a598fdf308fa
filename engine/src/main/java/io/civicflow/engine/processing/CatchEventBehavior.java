package io.civicflow.engine.processing;

import io.civicflow.engine.model.ElementKind;
import io.civicflow.engine.model.EventType;
import io.civicflow.engine.model.ExecutableElement;
import io.civicflow.engine.state.ElementInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds and triggers the catch event for a thrown error or escalation, as Zeebe does: starting at
 * the element that threw, then each enclosing scope in turn — and from a called process instance on
 * to the call activity that called it — the first level with a matching catch event catches. At one
 * level the candidates are the start events of the scope's event sub-processes and the boundary
 * events attached to it; a catch event naming the thrown code wins over a catch-all, and at equal
 * match an event sub-process (inside the scope) wins over a boundary event (outside it). An event
 * sub-process never catches what is thrown inside itself.
 */
final class CatchEventBehavior {

  /**
   * A catch event and the instance it catches at: the attached activity, or the sub-process's
   * scope.
   */
  record Catch(ElementInstance scope, ExecutableElement event) {}

  private final BpmnLifecycle lifecycle;
  private final VariableBehavior variables;
  private final EventSubProcessBehavior eventSubProcesses;

  CatchEventBehavior(BpmnLifecycle lifecycle, VariableBehavior variables) {
    this.lifecycle = lifecycle;
    this.variables = variables;
    this.eventSubProcesses = new EventSubProcessBehavior(lifecycle, variables);
  }

  Optional<Catch> find(ProcessingContext ctx, ElementInstance source, EventType type, String code) {
    ElementInstance current = source;
    ElementInstance cameFrom = null;
    while (current != null) {
      ExecutableElement event = match(current, cameFrom, type, code);
      if (event != null) {
        return Optional.of(new Catch(current, event));
      }
      cameFrom = current;
      if (current.isProcess()) {
        Long caller = current.parentElementInstanceKey();
        current = caller == null ? null : ctx.state().elementInstance(caller).orElse(null);
      } else {
        current = ctx.state().elementInstance(current.flowScopeKey()).orElse(null);
      }
    }
    return Optional.empty();
  }

  /**
   * Triggers a catch event. A boundary event: an interrupting one terminates the activity first;
   * the event is activated next to the activity with the event's variables. An event sub-process:
   * see {@link EventSubProcessBehavior#trigger}.
   */
  void trigger(ProcessingContext ctx, Catch found, Map<String, Object> eventVariables) {
    ExecutableElement event = found.event();
    if (event.kind() != ElementKind.BOUNDARY_EVENT) {
      eventSubProcesses.trigger(ctx, found.scope(), event, eventVariables);
      return;
    }
    ElementInstance attached = found.scope();
    ElementInstance flowScope = ctx.state().requireElementInstance(attached.flowScopeKey());
    if (EventSubscriptionBehavior.interrupting(event)) {
      lifecycle.terminate(ctx, attached);
    }
    long boundaryKey = lifecycle.createChild(ctx, event, flowScope);
    variables.setLocal(ctx, ctx.state().requireElementInstance(boundaryKey), eventVariables);
  }

  private static ExecutableElement match(
      ElementInstance scope, ElementInstance cameFrom, EventType type, String code) {
    List<ExecutableElement> candidates = new ArrayList<>();
    for (ExecutableElement child : scope.element().children()) {
      if (child.kind() == ElementKind.EVENT_SUB_PROCESS
          && (cameFrom == null || cameFrom.element() != child)) {
        for (ExecutableElement start : child.children()) {
          if (start.kind() == ElementKind.START_EVENT && start.eventType() == type) {
            candidates.add(start);
          }
        }
      }
    }
    for (ExecutableElement boundary : scope.element().boundaryEvents()) {
      if (boundary.eventType() == type) {
        candidates.add(boundary);
      }
    }
    for (ExecutableElement candidate : candidates) {
      String caught = caughtCode(candidate);
      if (caught != null && caught.equals(code)) {
        return candidate;
      }
    }
    for (ExecutableElement candidate : candidates) {
      if (caughtCode(candidate) == null) {
        return candidate;
      }
    }
    return null;
  }

  private static String caughtCode(ExecutableElement event) {
    var expression = event instanceof ExecutableElement.Event caught ? caught.spec().code() : null;
    return expression == null ? null : expression.source();
  }
}
