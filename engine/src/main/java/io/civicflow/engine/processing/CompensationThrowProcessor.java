package io.civicflow.engine.processing;

import io.civicflow.engine.event.EngineEvent.ElementActivated;
import io.civicflow.engine.event.EngineEvent.ElementActivating;
import io.civicflow.engine.event.EngineEvent.ElementCompleted;
import io.civicflow.engine.event.EngineEvent.ElementCompleting;
import io.civicflow.engine.model.EventSpec;
import io.civicflow.engine.model.EventType;
import io.civicflow.engine.model.ExecutableElement;
import io.civicflow.engine.model.ExecutableElement.ThrowEvent;
import io.civicflow.engine.state.DeployedProcess;
import io.civicflow.engine.state.ElementInstance;
import io.civicflow.engine.state.ElementInstance.Phase;
import java.util.ArrayList;
import java.util.List;

/**
 * Compensation intermediate throw and end events (Camunda's semantics): the event runs the
 * compensation handlers of the <em>completed</em> activities of its flow scope — all of them, or
 * only the one its {@code activityRef} names — and stays active until every handler it started has
 * completed ({@code waitForCompletion} is always true in Zeebe). Activities that are still active,
 * or were terminated, are not compensated; a sub-process that completed hands on the compensable
 * activities inside it, so compensating it runs their handlers. Each activity is compensated once.
 *
 * <p>The handlers are activated at once, in reverse order of completion of their activities, in the
 * event's flow scope, so they see the variables of the compensated activity's scope. Before each
 * handler an element instance of its compensation boundary event is activated and completed in the
 * same scope (Zeebe's records; element-instance search shows it {@code COMPLETED}).
 */
final class CompensationThrowProcessor implements ElementProcessor<ThrowEvent> {

  private final BpmnLifecycle lifecycle;

  CompensationThrowProcessor(BpmnLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public Class<ThrowEvent> elementType() {
    return ThrowEvent.class;
  }

  @Override
  public void onActivate(ProcessingContext ctx, ElementInstance instance, ThrowEvent element) {
    String activityRef = ((EventSpec.Compensation) element.spec()).activityRef();
    ElementInstance scope = ctx.state().requireElementInstance(instance.flowScopeKey());
    List<ElementInstance.Compensable> due = new ArrayList<>();
    for (ElementInstance.Compensable compensable : scope.compensable()) {
      if (activityRef == null || activityRef.equals(compensable.activityId())) {
        due.add(compensable);
      }
    }
    if (due.isEmpty()) {
      lifecycle.complete(ctx, instance); // nothing completed that could be compensated
      return;
    }
    DeployedProcess process = ctx.state().process(instance.processDefinitionKey()).orElseThrow();
    for (int i = due.size() - 1; i >= 0; i--) {
      ExecutableElement handler = process.executable().element(due.get(i).handlerId());
      String boundaryId = handler.core().compensationBoundary();
      if (boundaryId != null) {
        // as in Zeebe, the compensation boundary event is activated and completed, then its
        // handler runs
        long key = ctx.nextKey();
        ctx.write(
            new ElementActivating(
                key,
                boundaryId,
                scope.key(),
                scope.processInstanceKey(),
                scope.processDefinitionKey(),
                null,
                null,
                null));
        ctx.write(new ElementActivated(key));
        ctx.write(new ElementCompleting(key));
        ctx.write(new ElementCompleted(key));
      }
      lifecycle.createChild(ctx, handler, scope);
    }
  }

  /**
   * A compensation handler completed in a scope: once no handler is active there any more, the
   * compensation throw events waiting in it complete.
   */
  static void handlerEnded(ProcessingContext ctx, ElementInstance scope, BpmnLifecycle lifecycle) {
    List<ElementInstance> waiting = new ArrayList<>();
    for (long childKey : scope.childKeys()) {
      ElementInstance child = ctx.state().elementInstance(childKey).orElse(null);
      if (child == null) {
        continue;
      }
      if (child.element().core().forCompensation()) {
        return; // another handler still runs
      }
      if (child.element().eventType() == EventType.COMPENSATION
          && child.element() instanceof ThrowEvent
          && child.phase() == Phase.ACTIVATED) {
        waiting.add(child);
      }
    }
    for (ElementInstance thrower : waiting) {
      lifecycle.complete(ctx, thrower);
    }
  }
}
