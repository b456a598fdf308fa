package io.civicflow.engine.processing;

import io.civicflow.engine.event.EngineEvent.IncidentCreated;
import io.civicflow.engine.event.EngineEvent.IncidentResolved;
import io.civicflow.engine.state.ElementInstance;

/** Opens and closes incidents. Error types are Camunda's ({@code JOB_NO_RETRIES}, ...). */
final class IncidentBehavior {

  static final String JOB_NO_RETRIES = "JOB_NO_RETRIES";
  static final String EXECUTION_LISTENER_NO_RETRIES = "EXECUTION_LISTENER_NO_RETRIES";
  static final String TASK_LISTENER_NO_RETRIES = "TASK_LISTENER_NO_RETRIES";
  static final String AD_HOC_SUB_PROCESS_NO_RETRIES = "AD_HOC_SUB_PROCESS_NO_RETRIES";
  static final String IO_MAPPING_ERROR = "IO_MAPPING_ERROR";
  static final String CONDITION_ERROR = "CONDITION_ERROR";
  static final String EXTRACT_VALUE_ERROR = "EXTRACT_VALUE_ERROR";
  static final String UNHANDLED_ERROR_EVENT = "UNHANDLED_ERROR_EVENT";
  static final String CALLED_ELEMENT_ERROR = "CALLED_ELEMENT_ERROR";

  /** A command on the element failed unexpectedly (a bug): {@link FailureIncident}. */
  static final String UNKNOWN = "UNKNOWN";

  void raise(ProcessingContext ctx, ElementInstance instance, String errorType, String message) {
    raise(ctx, instance, errorType, message, null);
  }

  void raise(
      ProcessingContext ctx,
      ElementInstance instance,
      String errorType,
      String message,
      Long jobKey) {
    ctx.write(
        new IncidentCreated(
            ctx.nextKey(),
            errorType,
            message,
            instance.key(),
            instance.processInstanceKey(),
            jobKey));
  }

  /** Closes the open incident of an element instance, if any (e.g. when it is terminated). */
  void resolveOf(ProcessingContext ctx, ElementInstance instance) {
    if (instance.incidentKey() != null) {
      ctx.write(new IncidentResolved(instance.incidentKey()));
    }
  }
}
