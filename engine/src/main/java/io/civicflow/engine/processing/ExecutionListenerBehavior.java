package io.civicflow.engine.processing;

import io.civicflow.engine.event.EngineEvent.ListenerJobCreated;
import io.civicflow.engine.feel.FeelEngine;
import io.civicflow.engine.feel.FeelEvaluationException;
import io.civicflow.engine.model.ExecutionListener;
import io.civicflow.engine.state.ElementInstance;
import io.civicflow.engine.state.Job;
import java.util.List;
import java.util.Map;

/**
 * Execution listeners (Camunda 8.6+): each listener of an element is a job of kind {@code
 * EXECUTION_LISTENER} the element waits for. Start listeners run after the input mappings and
 * before the element subscribes to events or does its work (it stays ACTIVATING); end listeners
 * after the output mappings and before the element is left (it stays COMPLETING). Listeners of one
 * event type run one after the other, in model order: the next one's job is created when the
 * previous one's completes. A failed evaluation of a listener's type or retries is an {@code
 * EXTRACT_VALUE_ERROR} incident; resolving it runs that event type's listeners again from the first
 * (as in Camunda).
 */
final class ExecutionListenerBehavior {

  private final FeelEngine feel;
  private final VariableBehavior variables;
  private final IncidentBehavior incidents;

  ExecutionListenerBehavior(
      FeelEngine feel, VariableBehavior variables, IncidentBehavior incidents) {
    this.feel = feel;
    this.variables = variables;
    this.incidents = incidents;
  }

  static List<ExecutionListener> listeners(
      ElementInstance instance, ExecutionListener.Event eventType) {
    return instance.element().core().listeners(eventType);
  }

  /**
   * Creates the job of the element's listener {@code index} of that event type; answers false when
   * its type or retries could not be evaluated (an incident is open).
   */
  boolean createJob(
      ProcessingContext ctx,
      ElementInstance instance,
      ExecutionListener.Event eventType,
      int index) {
    ExecutionListener listener = listeners(instance, eventType).get(index);
    Map<String, Object> context = variables.visible(ctx.state(), instance.key());
    String type;
    long retries;
    try {
      type = feel.evaluateString(listener.type(), context);
      retries = feel.evaluateLong(listener.retries(), context);
    } catch (FeelEvaluationException e) {
      incidents.raise(ctx, instance, IncidentBehavior.EXTRACT_VALUE_ERROR, e.getMessage());
      return false;
    }
    ctx.write(
        new ListenerJobCreated(
            ctx.nextKey(),
            type,
            (int) retries,
            listener.headers(),
            instance.key(),
            instance.processInstanceKey(),
            Job.EXECUTION_LISTENER,
            eventType.name(),
            index));
    return true;
  }
}
