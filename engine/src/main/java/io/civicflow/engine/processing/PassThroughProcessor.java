package io.civicflow.engine.processing;

import io.civicflow.engine.model.ExecutableElement;
import io.civicflow.engine.state.ElementInstance;

/**
 * Elements that complete as soon as they are active: none start and intermediate throw events,
 * undefined and manual tasks, boundary events once triggered, and parallel gateways (whose joining
 * is done when a token arrives, see {@link BpmnLifecycle#takeFlow}).
 */
final class PassThroughProcessor implements ElementProcessor<ExecutableElement> {

  private final BpmnLifecycle lifecycle;

  PassThroughProcessor(BpmnLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public Class<ExecutableElement> elementType() {
    return ExecutableElement.class;
  }

  @Override
  public void onActivate(
      ProcessingContext ctx, ElementInstance instance, ExecutableElement element) {
    lifecycle.complete(ctx, instance);
  }
}
