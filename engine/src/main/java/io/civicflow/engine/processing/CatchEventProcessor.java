package io.civicflow.engine.processing;

import io.civicflow.engine.model.ExecutableElement;
import io.civicflow.engine.state.ElementInstance;

/**
 * Intermediate timer, message and signal catch events and receive tasks: they wait for their event
 * (the subscription was opened on activation, see {@link EventSubscriptionBehavior}); the event
 * completes them (see {@link EventTriggerBehavior}). A catch event entered from an event-based
 * gateway was triggered there and completes at once.
 */
final class CatchEventProcessor implements ElementProcessor<ExecutableElement> {

  private final BpmnLifecycle lifecycle;

  CatchEventProcessor(BpmnLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public Class<ExecutableElement> elementType() {
    return ExecutableElement.class;
  }

  @Override
  public void onActivate(
      ProcessingContext ctx, ElementInstance instance, ExecutableElement element) {
    if (EventSubscriptionBehavior.followsEventGateway(instance.element())) {
      lifecycle.complete(ctx, instance);
    }
  }
}
