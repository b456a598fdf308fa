package io.civicflow.engine.model;

import io.civicflow.engine.feel.Expression;

/**
 * One {@code zeebe:input} or {@code zeebe:output}: a FEEL source and a (possibly dotted) target.
 */
public record Mapping(Expression source, String target) {}
