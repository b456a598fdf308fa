package io.civicflow.engine.access;

/** Who an authorization is granted to: Camunda 8.8's owner types, by the same names. */
public enum OwnerType {
  USER,
  CLIENT,
  GROUP,
  ROLE,
  MAPPING_RULE
}
