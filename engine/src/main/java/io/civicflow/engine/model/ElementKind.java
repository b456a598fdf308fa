package io.civicflow.engine.model;

/** The element kinds the engine knows; names are Camunda's element-instance {@code type} values. */
public enum ElementKind {
  PROCESS,
  SUB_PROCESS,
  EVENT_SUB_PROCESS,
  AD_HOC_SUB_PROCESS,
  START_EVENT,
  INTERMEDIATE_CATCH_EVENT,
  INTERMEDIATE_THROW_EVENT,
  BOUNDARY_EVENT,
  END_EVENT,
  SERVICE_TASK,
  SEND_TASK,
  RECEIVE_TASK,
  USER_TASK,
  MANUAL_TASK,
  TASK,
  SCRIPT_TASK,
  BUSINESS_RULE_TASK,
  CALL_ACTIVITY,
  EXCLUSIVE_GATEWAY,
  PARALLEL_GATEWAY,
  INCLUSIVE_GATEWAY,
  EVENT_BASED_GATEWAY,
  MULTI_INSTANCE_BODY;

  public boolean isContainer() {
    return this == PROCESS || this == SUB_PROCESS || this == EVENT_SUB_PROCESS;
  }
}
