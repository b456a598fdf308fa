package io.civicflow.engine.processing;

import io.civicflow.engine.model.ElementKind;
import io.civicflow.engine.model.ExecutableElement;
import io.civicflow.engine.model.ExecutableElement.Container;
import io.civicflow.engine.state.ElementInstance;

/**
 * Event sub-processes, once triggered (see {@link EventSubProcessBehavior}): activation starts the
 * start event that triggered them (an event sub-process has exactly one); they complete like an
 * embedded sub-process, when nothing inside is active any more.
 */
final class EventSubProcessProcessor implements ElementProcessor<Container> {

  private final BpmnLifecycle lifecycle;

  EventSubProcessProcessor(BpmnLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public Class<Container> elementType() {
    return Container.class;
  }

  @Override
  public void onActivate(ProcessingContext ctx, ElementInstance instance, Container element) {
    for (ExecutableElement child : element.children()) {
      if (child.kind() == ElementKind.START_EVENT) {
        lifecycle.createChild(ctx, child, instance);
        return;
      }
    }
  }

  @Override
  public void onChildEnded(ProcessingContext ctx, ElementInstance scope, BpmnLifecycle lifecycle) {
    lifecycle.completeScopeIfDone(ctx, scope);
  }
}
