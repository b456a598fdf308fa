package io.civicflow.engine.state;

/** An open incident. */
public record Incident(
    long key,
    String errorType,
    String errorMessage,
    long elementInstanceKey,
    long processInstanceKey,
    Long jobKey) {}
