package io.civicflow.engine.state;

/** A variable in a scope; {@code value} is JSON text. */
public record Variable(long key, String name, String value) {}
