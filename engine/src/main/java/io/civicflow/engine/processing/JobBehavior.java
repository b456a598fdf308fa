package io.civicflow.engine.processing;

import io.civicflow.engine.event.EngineEvent.JobCanceled;
import io.civicflow.engine.event.EngineEvent.JobCreated;
import io.civicflow.engine.feel.FeelEngine;
import io.civicflow.engine.feel.FeelEvaluationException;
import io.civicflow.engine.model.JobDefinition;
import io.civicflow.engine.state.ElementInstance;
import java.util.Map;

/** Creates and cancels the job of a job-based element. */
final class JobBehavior {

  private final FeelEngine feel;
  private final VariableBehavior variables;
  private final IncidentBehavior incidents;

  JobBehavior(FeelEngine feel, VariableBehavior variables, IncidentBehavior incidents) {
    this.feel = feel;
    this.variables = variables;
    this.incidents = incidents;
  }

  /** Evaluates type and retries and creates the job, or opens an EXTRACT_VALUE_ERROR incident. */
  void createJob(ProcessingContext ctx, ElementInstance instance, JobDefinition definition) {
    Map<String, Object> context = variables.visible(ctx.state(), instance.key());
    String type;
    long retries;
    try {
      type = feel.evaluateString(definition.type(), context);
      retries = feel.evaluateLong(definition.retries(), context);
    } catch (FeelEvaluationException e) {
      incidents.raise(ctx, instance, IncidentBehavior.EXTRACT_VALUE_ERROR, e.getMessage());
      return;
    }
    ctx.write(
        new JobCreated(
            ctx.nextKey(),
            type,
            (int) retries,
            definition.headers(),
            instance.key(),
            instance.processInstanceKey()));
  }

  void cancelJob(ProcessingContext ctx, ElementInstance instance) {
    if (instance.jobKey() != null) {
      ctx.write(new JobCanceled(instance.jobKey()));
    }
  }
}
