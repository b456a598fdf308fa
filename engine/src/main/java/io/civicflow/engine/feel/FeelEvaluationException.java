package io.civicflow.engine.feel;

/** A FEEL expression could not be parsed or evaluated; the message says which and why. */
public final class FeelEvaluationException extends Exception {
  public FeelEvaluationException(String message) {
    super(message, null, false, false);
  }
}
