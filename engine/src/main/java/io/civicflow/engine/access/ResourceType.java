package io.civicflow.engine.access;

/** What an authorization is about: Camunda 8.8's resource types, by the same names. */
public enum ResourceType {
  AUTHORIZATION,
  BATCH,
  COMPONENT,
  DECISION_DEFINITION,
  DECISION_REQUIREMENTS_DEFINITION,
  DOCUMENT,
  GROUP,
  MAPPING_RULE,
  MESSAGE,
  PROCESS_DEFINITION,
  RESOURCE,
  ROLE,
  SYSTEM,
  TENANT,
  USER
}
