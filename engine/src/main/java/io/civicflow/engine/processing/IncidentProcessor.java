package io.civicflow.engine.processing;

import io.civicflow.engine.event.EngineEvent.IncidentResolved;
import io.civicflow.engine.state.ElementInstance;
import io.civicflow.engine.state.Incident;
import io.civicflow.engine.state.Job;

/**
 * Resolves incidents. A job incident makes the job activatable again if it has retries (update the
 * retries first, as in Zeebe); with none, a new incident opens at once. A failed command's ({@link
 * FailureIncident}) is only acknowledged. Any other incident re-runs the step that failed.
 */
final class IncidentProcessor {

  private final BpmnLifecycle lifecycle;
  private final IncidentBehavior incidents;

  IncidentProcessor(BpmnLifecycle lifecycle, IncidentBehavior incidents) {
    this.lifecycle = lifecycle;
    this.incidents = incidents;
  }

  Outcome<Void> resolve(ProcessingContext ctx, long incidentKey) {
    Incident incident = ctx.state().incident(incidentKey).orElse(null);
    if (incident == null) {
      return Outcome.rejected(
          Rejection.notFound(
              "Expected to resolve incident with key '%d', but no such incident was found",
              incidentKey));
    }
    ctx.write(new IncidentResolved(incidentKey));
    ElementInstance instance =
        ctx.state().elementInstance(incident.elementInstanceKey()).orElse(null);
    if (instance == null || IncidentBehavior.UNKNOWN.equals(incident.errorType())) {
      // a failed command's incident stopped no step: whoever sent it sends it again
      return Outcome.done();
    }
    if (incident.jobKey() != null) {
      Job job = ctx.state().job(incident.jobKey()).orElse(null);
      if (job != null && job.retries() <= 0) {
        incidents.raise(ctx, instance, incident.errorType(), incident.errorMessage(), job.key());
      }
      return Outcome.done();
    }
    lifecycle.retry(ctx, instance);
    return Outcome.done();
  }
}
