package io.civicflow.engine.processing;

import io.civicflow.engine.model.ElementKind;
import io.civicflow.engine.model.ExecutableElement;
import io.civicflow.engine.state.ElementInstance;
import io.civicflow.engine.state.ElementInstance.Phase;

/**
 * Terminations that do not end in one step: a user task with canceling task listeners (Camunda 8.8)
 * stays {@code TERMINATING} while its listener jobs run, and so does every scope above it that is
 * being terminated with it. What the termination was for waits: an interrupting boundary event or
 * event sub-process is created at once but activated only when what it interrupted has ended; a
 * scope that was to complete or terminate once its children were gone does so when the held child
 * ends. No state of its own: the phases of the element instances say what waits.
 */
final class HeldTermination {

  private HeldTermination() {}

  /**
   * Whether an element instance being activated must wait: a boundary event whose activity, or an
   * interrupting event sub-process whose siblings, are still terminating.
   */
  static boolean waits(ProcessingContext ctx, ElementInstance instance, ElementInstance scope) {
    ExecutableElement element = instance.element();
    boolean boundary = element instanceof ExecutableElement.BoundaryEvent;
    if (!boundary && !interruptingEventSubProcess(element)) {
      return false;
    }
    for (long key : scope.childKeys()) {
      ElementInstance sibling = ctx.state().elementInstance(key).orElse(null);
      if (sibling != null
          && sibling.key() != instance.key()
          && sibling.phase() == Phase.TERMINATING
          && (!boundary
              || sibling.element() == ((ExecutableElement.BoundaryEvent) element).attachedTo())) {
        return true;
      }
    }
    return false;
  }

  private static boolean interruptingEventSubProcess(ExecutableElement element) {
    if (element.kind() != ElementKind.EVENT_SUB_PROCESS) {
      return false;
    }
    for (ExecutableElement child : element.children()) {
      if (child.kind() == ElementKind.START_EVENT) {
        return EventSubscriptionBehavior.interrupting(child);
      }
    }
    return false;
  }

  /** A held termination ended: what waited for the element goes on. */
  static void ended(ProcessingContext ctx, ElementInstance ended, BpmnLifecycle lifecycle) {
    if (ended.isProcess()) {
      Long caller = ended.parentElementInstanceKey();
      if (caller != null) {
        ctx.state()
            .elementInstance(caller)
            .filter(c -> c.phase() == Phase.TERMINATING)
            .ifPresent(c -> lifecycle.resumeTermination(ctx, c));
      }
      return;
    }
    ElementInstance scope = ctx.state().elementInstance(ended.flowScopeKey()).orElse(null);
    if (scope == null) {
      return;
    }
    if (scope.phase() == Phase.TERMINATING) {
      if (scope.activeChildren() == 0) {
        lifecycle.resumeTermination(ctx, scope);
      }
      return;
    }
    boolean activated = false;
    for (long key : scope.childKeys()) {
      ElementInstance child = ctx.state().elementInstance(key).orElse(null);
      if (child != null
          && child.phase() == Phase.ACTIVATING
          && child.incidentKey() == null
          && child.jobKey() == null
          && (child.element() instanceof ExecutableElement.BoundaryEvent
              || interruptingEventSubProcess(child.element()))
          && !waits(ctx, child, scope)) {
        lifecycle.activate(ctx, key);
        activated = true;
      }
    }
    if (!activated && (scope.phase() == Phase.ACTIVATED || scope.phase() == Phase.COMPLETING)) {
      lifecycle.processor(scope.element()).onChildEnded(ctx, scope, lifecycle);
    }
  }
}
