package io.civicflow.engine.dmn;

import java.util.List;

/**
 * The result of evaluating a decision with its required decisions: the output as JSON text, and one
 * entry per evaluated decision (required ones first, the called decision last). On failure {@code
 * failureMessage} says why and {@code failedDecisionId} names the decision that failed; the
 * decisions evaluated before it are still listed.
 */
public record DecisionOutcome(
    String output,
    List<EvaluatedDecision> evaluatedDecisions,
    String failureMessage,
    String failedDecisionId) {

  public boolean isFailure() {
    return failureMessage != null;
  }

  public record EvaluatedDecision(
      String decisionId,
      String decisionName,
      String decisionType,
      String output,
      List<EvaluatedInput> inputs,
      List<MatchedRule> matchedRules) {}

  /** {@code value} is JSON text. */
  public record EvaluatedInput(String inputId, String inputName, String value) {}

  /** {@code ruleIndex} counts from 1 in table order, as Camunda reports it. */
  public record MatchedRule(String ruleId, int ruleIndex, List<EvaluatedOutput> outputs) {}

  public record EvaluatedOutput(String outputId, String outputName, String value) {}
}
