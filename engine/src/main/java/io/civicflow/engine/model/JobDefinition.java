package io.civicflow.engine.model;

import io.civicflow.engine.feel.Expression;
import java.util.Map;

/** {@code zeebe:taskDefinition} and {@code zeebe:taskHeaders} of a job-based element. */
public record JobDefinition(Expression type, Expression retries, Map<String, String> headers) {}
