package io.civicflow.engine.dmn;

import java.util.List;

/**
 * A parsed DMN resource: its decision requirements graph (the {@code definitions} element) and the
 * decisions in it, in model order.
 */
public record DecisionRequirements(String id, String name, List<Decision> decisions) {

  /** One decision; {@code type} is Camunda's DecisionDefinitionType (DECISION_TABLE, ...). */
  public record Decision(String id, String name, String type, String versionTag) {}
}
