package io.civicflow.engine.processing;

import io.civicflow.engine.dmn.DecisionEngine;
import io.civicflow.engine.dmn.DecisionOutcome;
import io.civicflow.engine.event.EngineEvent.DecisionEvaluated;
import io.civicflow.engine.event.EngineEvent.EvaluatedDecision;
import io.civicflow.engine.state.DeployedDecision;
import io.civicflow.engine.state.DeployedResource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates a deployed decision (with the decisions it requires) and records the evaluation as a
 * {@link DecisionEvaluated} event, successful or failed — the decision instances Camunda's API
 * searches.
 */
final class DecisionBehavior {

  private final DecisionEngine engine;

  DecisionBehavior(DecisionEngine engine) {
    this.engine = engine;
  }

  DecisionEngine engine() {
    return engine;
  }

  /** Process keys are -1 for a standalone evaluation, as Camunda reports them. */
  DecisionEvaluated evaluate(
      ProcessingContext ctx,
      DeployedDecision decision,
      Map<String, Object> variables,
      long processDefinitionKey,
      long processInstanceKey,
      long elementInstanceKey,
      String elementId) {
    Optional<DeployedResource> drg = LinkedResources.requirementsOf(ctx.state(), decision);
    DecisionOutcome outcome =
        drg.isEmpty()
            ? new DecisionOutcome(
                "null",
                List.of(),
                "the decision requirements graph of decision '"
                    + decision.decisionId()
                    + "' is missing",
                decision.decisionId())
            : engine.evaluate(
                drg.get().key(),
                drg.get().checksum(),
                drg.get().content(),
                decision.decisionId(),
                variables);
    Map<String, DeployedDecision> siblings = new HashMap<>();
    for (DeployedDecision d :
        ctx.state().humanTasks().decisionsOf(decision.decisionRequirementsKey())) {
      siblings.put(d.decisionId(), d);
    }
    List<EvaluatedDecision> evaluated = new ArrayList<>();
    for (DecisionOutcome.EvaluatedDecision e : outcome.evaluatedDecisions()) {
      DeployedDecision d = siblings.getOrDefault(e.decisionId(), decision);
      evaluated.add(
          new EvaluatedDecision(
              d.key(),
              e.decisionId(),
              e.decisionName(),
              d.version(),
              e.decisionType(),
              e.output(),
              e.inputs(),
              e.matchedRules()));
    }
    DecisionEvaluated event =
        new DecisionEvaluated(
            ctx.nextKey(),
            decision.key(),
            decision.decisionId(),
            decision.name(),
            decision.version(),
            decision.decisionType(),
            decision.decisionRequirementsKey(),
            decision.decisionRequirementsId(),
            outcome.output(),
            outcome.failureMessage(),
            outcome.failedDecisionId(),
            List.copyOf(evaluated),
            processDefinitionKey,
            processInstanceKey,
            elementInstanceKey,
            elementId,
            decision.tenantId());
    ctx.write(event);
    return event;
  }
}
