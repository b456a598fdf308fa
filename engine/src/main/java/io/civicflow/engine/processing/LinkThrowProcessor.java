package io.civicflow.engine.processing;

import io.civicflow.engine.model.EventSpec;
import io.civicflow.engine.model.EventType;
import io.civicflow.engine.model.ExecutableElement;
import io.civicflow.engine.model.ExecutableElement.ThrowEvent;
import io.civicflow.engine.state.ElementInstance;

/**
 * Intermediate link throw events: the event completes and the flow goes on at the intermediate link
 * catch event of the same name in the same flow scope (a "go to" within one diagram level; Zeebe's
 * validators make sure at deployment that exactly one such catch event exists). The catch event is
 * activated like the target of a sequence flow and passes through.
 */
final class LinkThrowProcessor implements ElementProcessor<ThrowEvent> {

  private final BpmnLifecycle lifecycle;

  LinkThrowProcessor(BpmnLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public Class<ThrowEvent> elementType() {
    return ThrowEvent.class;
  }

  @Override
  public void onActivate(ProcessingContext ctx, ElementInstance instance, ThrowEvent element) {
    lifecycle.complete(ctx, instance);
  }

  @Override
  public void afterCompleted(
      ProcessingContext ctx, ElementInstance instance, BpmnLifecycle lifecycle) {
    String name = ((EventSpec.Link) element(instance).spec()).name();
    ElementInstance scope = ctx.state().requireElementInstance(instance.flowScopeKey());
    for (ExecutableElement candidate : instance.element().flowScope().children()) {
      if (candidate instanceof ExecutableElement.CatchEvent catchEvent
          && catchEvent.eventType() == EventType.LINK
          && name.equals(((EventSpec.Link) catchEvent.spec()).name())) {
        lifecycle.createChild(ctx, catchEvent, scope);
        return;
      }
    }
    throw new IllegalStateException("no link catch event '" + name + "' for " + instance.element());
  }
}
