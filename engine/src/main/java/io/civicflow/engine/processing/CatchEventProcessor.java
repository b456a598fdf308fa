package io.civicflow.engine.processing;

import io.civicflow.engine.state.ElementInstance;

/**
 * Intermediate timer, message and signal catch events and receive tasks: they wait for their event
 * (the subscription was opened on activation, see {@link EventSubscriptionBehavior}); the event
 * completes them (see {@link EventTriggerBehavior}). A catch event entered from an event-based
 * gateway was triggered there and completes at once.
 */
final class CatchEventProcessor implements ElementProcessor {

  private final BpmnLifecycle lifecycle;

  CatchEventProcessor(BpmnLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public void onActivate(ProcessingContext ctx, ElementInstance instance) {
    if (EventSubscriptionBehavior.followsEventGateway(instance.element())) {
      lifecycle.complete(ctx, instance);
    }
  }
}
