package io.civicflow.engine.processing;

import io.civicflow.engine.api.Commands.EvaluateDecision;
import io.civicflow.engine.api.Results.DecisionEvaluation;
import io.civicflow.engine.event.EngineEvent.DecisionEvaluated;
import io.civicflow.engine.state.DeployedDecision;
import java.util.Map;

/**
 * Standalone decision evaluation ({@code POST /v2/decision-definitions/evaluation}): by key, or the
 * latest version of an id. An unknown decision is NOT_FOUND; a failing evaluation is answered (and
 * recorded) with its failure message and the id of the decision that failed, as Zeebe does.
 */
final class DecisionCommandProcessor {

  private final DecisionBehavior decisions;

  DecisionCommandProcessor(DecisionBehavior decisions) {
    this.decisions = decisions;
  }

  Outcome<DecisionEvaluation> evaluate(ProcessingContext ctx, EvaluateDecision command) {
    DeployedDecision decision;
    if (command.decisionKey() != null && command.decisionKey() > 0) {
      decision = ctx.state().humanTasks().decision(command.decisionKey()).orElse(null);
      if (decision == null) {
        return Outcome.rejected(
            Rejection.notFound(
                "Expected to evaluate decision with key '%d', but no such decision was found",
                command.decisionKey()));
      }
    } else {
      String id = command.decisionId();
      if (id == null || id.isBlank()) {
        return Outcome.rejected(
            Rejection.invalidArgument(
                "Expected either a decision id or a decision key, but none provided"));
      }
      decision = ctx.state().humanTasks().latestDecision(command.tenantId(), id).orElse(null);
      if (decision == null) {
        return Outcome.rejected(
            Rejection.notFound(
                "Expected to evaluate decision '%s', but no decision found for id '%s'", id, id));
      }
    }
    Map<String, Object> variables = command.variables() == null ? Map.of() : command.variables();
    DecisionEvaluated e = decisions.evaluate(ctx, decision, variables, -1, -1, -1, null);
    return Outcome.of(
        new DecisionEvaluation(
            e.key(),
            e.decisionKey(),
            e.decisionId(),
            e.decisionName(),
            e.decisionVersion(),
            e.decisionRequirementsKey(),
            e.decisionRequirementsId(),
            e.output(),
            e.failedDecisionId(),
            e.failureMessage(),
            e.tenantId(),
            e.evaluatedDecisions().stream()
                .map(
                    d ->
                        new io.civicflow.engine.api.Results.EvaluatedDecision(
                            d.decisionKey(),
                            d.decisionId(),
                            d.decisionName(),
                            d.decisionVersion(),
                            d.decisionType(),
                            d.output(),
                            d.inputs(),
                            d.matchedRules()))
                .toList()));
  }
}
