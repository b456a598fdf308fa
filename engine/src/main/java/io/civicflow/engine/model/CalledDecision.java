package io.civicflow.engine.model;

import io.civicflow.engine.feel.Expression;

/**
 * {@code zeebe:calledDecision} of a business rule task: the decision id (static or FEEL), the
 * variable the result is stored in, and how the decision's version is chosen.
 */
public record CalledDecision(
    Expression decisionId, String resultVariable, FormLink.Binding binding, String versionTag) {}
