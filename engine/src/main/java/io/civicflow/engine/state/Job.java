package io.civicflow.engine.state;

import java.util.Map;

/** A job that exists (not yet completed or canceled). Mutated only by {@link EventApplier}. */
public final class Job {

  public enum State {
    ACTIVATABLE,
    ACTIVATED,
    /** failed with retries left, waiting for its back-off to pass */
    BACKOFF,
    /** failed with no retries left: an incident is open */
    FAILED,
    /** threw an error nobody caught: an incident is open */
    ERROR_THROWN
  }

  private final long key;
  private final String type;
  private final Map<String, String> customHeaders;
  private final long elementInstanceKey;
  private final long processInstanceKey;
  State state = State.ACTIVATABLE;
  int retries;
  String worker;
  long deadline;
  long retryAt;
  String errorMessage;

  Job(
      long key,
      String type,
      int retries,
      Map<String, String> customHeaders,
      long elementInstanceKey,
      long processInstanceKey) {
    this.key = key;
    this.type = type;
    this.retries = retries;
    this.customHeaders = customHeaders;
    this.elementInstanceKey = elementInstanceKey;
    this.processInstanceKey = processInstanceKey;
  }

  public long key() {
    return key;
  }

  public String type() {
    return type;
  }

  public Map<String, String> customHeaders() {
    return customHeaders;
  }

  public long elementInstanceKey() {
    return elementInstanceKey;
  }

  public long processInstanceKey() {
    return processInstanceKey;
  }

  public State state() {
    return state;
  }

  public int retries() {
    return retries;
  }

  public String worker() {
    return worker;
  }

  public long deadline() {
    return deadline;
  }

  public long retryAt() {
    return retryAt;
  }

  public String errorMessage() {
    return errorMessage;
  }
}
