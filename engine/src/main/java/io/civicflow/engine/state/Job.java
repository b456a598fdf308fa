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

  /** Camunda's job kind: BPMN_ELEMENT, or EXECUTION_LISTENER / TASK_LISTENER for a listener's. */
  private final String kind;

  /** UNSPECIFIED, or the listener's event (START, END; CREATING, ASSIGNING, …). */
  private final String listenerEventType;

  /** Which of the element's listeners of that event this job runs; 0 for BPMN_ELEMENT jobs. */
  private final int listenerIndex;

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
    this(
        key,
        type,
        retries,
        customHeaders,
        elementInstanceKey,
        processInstanceKey,
        BPMN_ELEMENT,
        UNSPECIFIED,
        0);
  }

  public static final String BPMN_ELEMENT = "BPMN_ELEMENT";
  public static final String EXECUTION_LISTENER = "EXECUTION_LISTENER";
  public static final String TASK_LISTENER = "TASK_LISTENER";

  /** The job of an ad-hoc sub-process implemented by a job worker (Camunda 8.8). */
  public static final String AD_HOC_SUB_PROCESS = "AD_HOC_SUB_PROCESS";

  public static final String UNSPECIFIED = "UNSPECIFIED";

  Job(
      long key,
      String type,
      int retries,
      Map<String, String> customHeaders,
      long elementInstanceKey,
      long processInstanceKey,
      String kind,
      String listenerEventType,
      int listenerIndex) {
    this.kind = kind;
    this.listenerEventType = listenerEventType;
    this.listenerIndex = listenerIndex;
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

  public String kind() {
    return kind;
  }

  public String listenerEventType() {
    return listenerEventType;
  }

  public int listenerIndex() {
    return listenerIndex;
  }

  public boolean isExecutionListener() {
    return EXECUTION_LISTENER.equals(kind);
  }

  public boolean isAdHocSubProcess() {
    return AD_HOC_SUB_PROCESS.equals(kind);
  }

  public boolean isTaskListener() {
    return TASK_LISTENER.equals(kind);
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
