package io.civicflow.engine.processing;

import io.civicflow.engine.event.EngineEvent.SequenceFlowTaken;
import io.civicflow.engine.model.ElementKind;
import io.civicflow.engine.model.ExecutableElement;
import io.civicflow.engine.model.ExecutableSequenceFlow;
import io.civicflow.engine.state.ElementInstance;
import io.civicflow.engine.state.ElementInstance.Phase;
import java.util.Map;

/**
 * What happens when a timer, message or signal occurs for an element instance that waits for it
 * (the subscription's owner), following Zeebe:
 *
 * <ul>
 *   <li>intermediate catch event: it completes with the event's variables as its local variables
 *       (output mappings, or propagation to the flow scope without them);
 *   <li>receive task: like a job completion — the variables propagate from the task (without output
 *       mappings) or are local to it (with them), then it completes;
 *   <li>boundary event: interrupting terminates the activity (and everything in it, closing its
 *       other subscriptions) first; then the boundary event is activated in the activity's flow
 *       scope with the event's variables; non-interrupting leaves the activity running;
 *   <li>start event of an event sub-process: the event sub-process starts in the scope that owns
 *       the subscription (interrupting ones terminate the rest of the scope first);
 *   <li>event-based gateway: the gateway completes (closing its other subscriptions), only the flow
 *       to the catch event that occurred is taken, and that catch event completes with the
 *       variables.
 * </ul>
 *
 * An owner that is not ACTIVATED (being completed or terminated) is not triggered.
 */
final class EventTriggerBehavior {

  private final BpmnLifecycle lifecycle;
  private final VariableBehavior variables;
  private final EventSubProcessBehavior eventSubProcesses;

  EventTriggerBehavior(BpmnLifecycle lifecycle, VariableBehavior variables) {
    this.lifecycle = lifecycle;
    this.variables = variables;
    this.eventSubProcesses = new EventSubProcessBehavior(lifecycle, variables);
  }

  /** The owner if it exists and is active (it can be triggered), else null. */
  ElementInstance triggerable(ProcessingContext ctx, long ownerKey) {
    ElementInstance owner = ctx.state().elementInstance(ownerKey).orElse(null);
    return owner != null && owner.phase() == Phase.ACTIVATED ? owner : null;
  }

  /** The catch element with this id in the owner's process. */
  ExecutableElement element(ProcessingContext ctx, ElementInstance owner, String elementId) {
    return ctx.state()
        .process(owner.processDefinitionKey())
        .orElseThrow()
        .executable()
        .element(elementId);
  }

  void trigger(
      ProcessingContext ctx,
      ElementInstance owner,
      ExecutableElement catchEvent,
      Map<String, Object> eventVariables) {
    Map<String, Object> values = eventVariables == null ? Map.of() : eventVariables;
    if (EventSubscriptionBehavior.isEventSubProcessStart(catchEvent)) {
      // the owner is the process or sub-process that contains the event sub-process
      eventSubProcesses.trigger(ctx, owner, catchEvent, values);
    } else if (catchEvent.kind() == ElementKind.BOUNDARY_EVENT) {
      ElementInstance flowScope = ctx.state().requireElementInstance(owner.flowScopeKey());
      if (EventSubscriptionBehavior.interrupting(catchEvent)) {
        lifecycle.terminate(ctx, owner);
      }
      long key = lifecycle.createChild(ctx, catchEvent, flowScope);
      variables.setLocal(ctx, ctx.state().requireElementInstance(key), values);
    } else if (owner.element().kind() == ElementKind.EVENT_BASED_GATEWAY) {
      lifecycle.complete(ctx, owner);
      ElementInstance flowScope = ctx.state().requireElementInstance(owner.flowScopeKey());
      for (ExecutableSequenceFlow flow : owner.element().outgoing()) {
        if (flow.target() == catchEvent) {
          ctx.write(
              new SequenceFlowTaken(
                  ctx.nextKey(),
                  flow.id(),
                  flowScope.key(),
                  flowScope.processInstanceKey(),
                  flowScope.processDefinitionKey()));
          long key = lifecycle.createChild(ctx, catchEvent, flowScope);
          variables.setLocal(ctx, ctx.state().requireElementInstance(key), values);
        }
      }
    } else if (owner.element().kind() == ElementKind.RECEIVE_TASK) {
      if (owner.element().outputs().isEmpty()) {
        variables.merge(ctx, owner.key(), values);
      } else {
        variables.setLocal(ctx, owner, values);
      }
      lifecycle.complete(ctx, owner);
    } else {
      variables.setLocal(ctx, owner, values);
      lifecycle.complete(ctx, owner);
    }
  }
}
