package io.civicflow.engine.processing;

import io.civicflow.engine.model.ExecutableElement;
import io.civicflow.engine.state.ElementInstance;

/**
 * The behaviour of one element kind. {@link BpmnLifecycle} runs the steps shared by all kinds
 * (input and output mappings, lifecycle events, incidents) and calls these hooks in between.
 */
interface ElementProcessor<E extends ExecutableElement> {

  /** The element family this processor runs; the lifecycle hands its elements over as this type. */
  Class<E> elementType();

  /** The instance's element as this processor's family. */
  default E element(ElementInstance instance) {
    return elementType().cast(instance.element());
  }

  /** The element is active (input mappings applied): start what it waits for, or complete it. */
  void onActivate(ProcessingContext ctx, ElementInstance instance, E element);

  /**
   * An incident on the active element was resolved: re-run the step that raised it. By default the
   * element's work ({@link #onActivate}).
   */
  default void onRetry(ProcessingContext ctx, ElementInstance instance) {
    onActivate(ctx, instance, element(instance));
  }

  /**
   * The element is being terminated: cancel what it waits for (children are already terminated).
   */
  default void onTerminate(ProcessingContext ctx, ElementInstance instance) {}

  /**
   * The element is being terminated (its children are terminated): answer true to hold the
   * termination — the element stays {@code TERMINATING} until {@link
   * BpmnLifecycle#resumeTermination} is called (a user task's canceling listeners run).
   */
  default boolean holdTermination(ProcessingContext ctx, ElementInstance instance) {
    return false;
  }

  /**
   * The element is about to be written completed (output mappings and end listeners done; its
   * variables still exist).
   */
  default void beforeCompleted(ProcessingContext ctx, ElementInstance instance) {}

  /** The element completed: leave it. By default every outgoing flow is taken, or the path ends. */
  default void afterCompleted(
      ProcessingContext ctx, ElementInstance instance, BpmnLifecycle lifecycle) {
    lifecycle.leave(ctx, instance);
  }

  /**
   * Scopes: a child is about to complete (its output mappings are applied, it still exists). Return
   * false after opening an incident on the child to stop its completion.
   */
  default boolean beforeChildCompleted(
      ProcessingContext ctx, ElementInstance scope, ElementInstance child) {
    return true;
  }

  /** Containers: one of the children ended its path (completed without outgoing flows). */
  default void onChildEnded(
      ProcessingContext ctx, ElementInstance scope, BpmnLifecycle lifecycle) {}
}
