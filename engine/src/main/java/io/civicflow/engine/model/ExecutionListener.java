package io.civicflow.engine.model;

import io.civicflow.engine.feel.Expression;
import java.util.Map;

/**
 * One {@code zeebe:executionListener} of an element or a process: a job of kind {@code
 * EXECUTION_LISTENER} the element waits for before it is processed ({@code start}) or before it is
 * left ({@code end}). Listeners of one event type run one after the other, in model order.
 *
 * @param headers the element's {@code zeebe:taskHeaders}, handed to the listener's worker
 */
public record ExecutionListener(
    Event eventType, Expression type, Expression retries, Map<String, String> headers) {

  public enum Event {
    START,
    END
  }
}
