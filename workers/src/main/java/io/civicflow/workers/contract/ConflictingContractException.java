package io.civicflow.workers.contract;

/**
 * A contract number was recorded again with another unit, provider or value, or a final contract
 * was asked to end differently. A retry repeats the same data, so this is a bug in the caller, not
 * a retry: it surfaces as an incident, never as a BPMN error.
 */
public final class ConflictingContractException extends IllegalStateException {

  public ConflictingContractException(String message) {
    super(message);
  }
}
