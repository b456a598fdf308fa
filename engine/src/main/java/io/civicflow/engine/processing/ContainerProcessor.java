package io.civicflow.engine.processing;

import io.civicflow.engine.model.ExecutableElement.Container;
import io.civicflow.engine.state.ElementInstance;
import java.util.List;
import java.util.Map;

/**
 * Processes and embedded sub-processes: activation starts the none start event inside; the
 * container completes when its last path ends with nothing active and no token waiting at a join.
 */
final class ContainerProcessor implements ElementProcessor<Container> {

  /** Told when a process instance ends, before its variables are gone. */
  interface ProcessInstanceListener {
    void onCompleted(
        ProcessingContext ctx, ElementInstance processInstance, Map<String, Object> variables);

    void onTerminated(ProcessingContext ctx, ElementInstance processInstance);
  }

  private final BpmnLifecycle lifecycle;
  private final VariableBehavior variables;
  private final List<ProcessInstanceListener> listeners;

  /**
   * The variables of the process instance being completed, from {@link #beforeCompleted} to {@link
   * #afterCompleted} (both in one step of one command).
   */
  private Map<String, Object> completedProcessVariables;

  /**
   * @param listeners told in this order when a process instance ends
   */
  ContainerProcessor(
      BpmnLifecycle lifecycle,
      VariableBehavior variables,
      List<ProcessInstanceListener> listeners) {
    this.lifecycle = lifecycle;
    this.variables = variables;
    this.listeners = List.copyOf(listeners);
  }

  @Override
  public Class<Container> elementType() {
    return Container.class;
  }

  @Override
  public void onActivate(ProcessingContext ctx, ElementInstance instance, Container element) {
    if (instance.activeChildren()
        == 0) { // else a timer, message or signal start event was entered already
      lifecycle.createChild(ctx, element.noneStartEvent(), instance);
    } else if (!element.core().startListeners().isEmpty()) {
      // that start event waited for the process's start listeners (BpmnLifecycle.activate)
      for (long child : instance.childKeys()) {
        ctx.state()
            .elementInstance(child)
            .filter(c -> c.phase() == ElementInstance.Phase.ACTIVATING)
            .ifPresent(c -> ctx.followUp(() -> lifecycle.activate(ctx, c.key())));
      }
    }
  }

  @Override
  public void onChildEnded(ProcessingContext ctx, ElementInstance scope, BpmnLifecycle lifecycle) {
    // a process instance's listener is told in afterCompleted (after its end listeners)
    lifecycle.completeScopeIfDone(ctx, scope);
  }

  @Override
  public void beforeCompleted(ProcessingContext ctx, ElementInstance instance) {
    if (instance.isProcess()) {
      // capture the variables while the scope still exists; completion removes them
      completedProcessVariables = variables.local(ctx.state(), instance.key());
    }
  }

  @Override
  public void afterCompleted(
      ProcessingContext ctx, ElementInstance instance, BpmnLifecycle lifecycle) {
    lifecycle.leave(ctx, instance);
    if (instance.isProcess()) {
      Map<String, Object> finalVariables = completedProcessVariables;
      completedProcessVariables = null;
      listeners.forEach(listener -> listener.onCompleted(ctx, instance, finalVariables));
    }
  }

  @Override
  public void onTerminate(ProcessingContext ctx, ElementInstance instance) {
    if (instance.isProcess()) {
      listeners.forEach(listener -> listener.onTerminated(ctx, instance));
    }
  }
}
