package io.civicflow.engine.processing;

import io.civicflow.engine.model.EventType;
import io.civicflow.engine.model.ExecutableElement;
import io.civicflow.engine.state.ElementInstance;
import java.util.Map;

/**
 * Catches BPMN errors as Zeebe does: starting at the element that threw, then each enclosing scope in
 * turn, the first error boundary event whose error code matches (or that names no error code: a
 * catch-all) catches it. The activity it is attached to is terminated with everything inside it, then
 * the boundary event is activated with the error's variables. An error nobody catches is the caller's
 * to turn into an UNHANDLED_ERROR_EVENT incident.
 */
final class ErrorEventBehavior {

  private final BpmnLifecycle lifecycle;
  private final VariableBehavior variables;

  ErrorEventBehavior(BpmnLifecycle lifecycle, VariableBehavior variables) {
    this.lifecycle = lifecycle;
    this.variables = variables;
  }

  /** Returns true when the error was caught (and the catch is under way). */
  boolean throwError(ProcessingContext ctx, ElementInstance source, String errorCode, Map<String, Object> errorVariables) {
    ElementInstance scope = source;
    while (scope != null) {
      ExecutableElement boundary = matchingBoundary(scope.element(), errorCode);
      if (boundary != null) {
        catchAt(ctx, scope, boundary, errorVariables);
        return true;
      }
      scope = scope.isProcess() ? null : ctx.state().elementInstance(scope.flowScopeKey()).orElse(null);
    }
    return false;
  }

  private static ExecutableElement matchingBoundary(ExecutableElement activity, String errorCode) {
    ExecutableElement catchAll = null;
    for (ExecutableElement boundary : activity.boundaryEvents()) {
      if (boundary.eventType() != EventType.ERROR) {
        continue;
      }
      if (boundary.errorCode() == null) {
        catchAll = catchAll == null ? boundary : catchAll;
      } else if (boundary.errorCode().source().equals(errorCode)) {
        return boundary;
      }
    }
    return catchAll;
  }

  private void catchAt(ProcessingContext ctx, ElementInstance attached, ExecutableElement boundary, Map<String, Object> errorVariables) {
    ElementInstance flowScope = ctx.state().requireElementInstance(attached.flowScopeKey());
    lifecycle.terminate(ctx, attached);
    long boundaryKey = lifecycle.createChild(ctx, boundary, flowScope);
    ElementInstance event = ctx.state().requireElementInstance(boundaryKey);
    variables.setLocal(ctx, event, errorVariables);
  }
}
