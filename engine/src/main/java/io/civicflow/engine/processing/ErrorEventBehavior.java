package io.civicflow.engine.processing;

import io.civicflow.engine.model.EventType;
import io.civicflow.engine.state.ElementInstance;
import java.util.Map;

/**
 * Catches BPMN errors as Zeebe does: the nearest matching error boundary event or error event
 * sub-process, from the element that threw outwards, through call activities into the calling
 * process (see {@link CatchEventBehavior}). An interrupting boundary terminates the activity it is
 * attached to, with everything inside it (a called process instance too), then activates with the
 * error's variables; an error event sub-process terminates everything else in its scope. An error
 * nobody catches is the caller's to turn into an UNHANDLED_ERROR_EVENT incident.
 */
final class ErrorEventBehavior {

  private final CatchEventBehavior catches;

  ErrorEventBehavior(BpmnLifecycle lifecycle, VariableBehavior variables) {
    this.catches = new CatchEventBehavior(lifecycle, variables);
  }

  /** Returns true when the error was caught (and the catch is under way). */
  boolean throwError(
      ProcessingContext ctx,
      ElementInstance source,
      String errorCode,
      Map<String, Object> errorVariables) {
    return catches
        .find(ctx, source, EventType.ERROR, errorCode)
        .map(
            found -> {
              catches.trigger(ctx, found, errorVariables);
              return true;
            })
        .orElse(false);
  }
}
