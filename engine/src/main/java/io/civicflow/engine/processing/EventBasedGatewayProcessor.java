package io.civicflow.engine.processing;

import io.civicflow.engine.model.ExecutableElement;
import io.civicflow.engine.state.ElementInstance;

/**
 * Event-based gateway: on activation it subscribes to the events of the catch events after it (see
 * {@link EventSubscriptionBehavior}) and waits. The first of them to occur completes the gateway
 * and takes only the flow to that catch event; the other timers and subscriptions are closed (see
 * {@link EventTriggerBehavior}).
 */
final class EventBasedGatewayProcessor implements ElementProcessor<ExecutableElement> {

  @Override
  public Class<ExecutableElement> elementType() {
    return ExecutableElement.class;
  }

  @Override
  public void onActivate(
      ProcessingContext ctx, ElementInstance instance, ExecutableElement element) {
    // waits for the first event
  }

  @Override
  public void afterCompleted(
      ProcessingContext ctx, ElementInstance instance, BpmnLifecycle lifecycle) {
    // the trigger takes the flow to the event that occurred
  }
}
