package io.civicflow.engine.model;

/** Why a model cannot be deployed: the element (id and BPMN type) and the reason. */
public record ModelProblem(String elementId, String elementType, String message) {

  @Override
  public String toString() {
    return "- Element: " + elementId + " (" + elementType + ")\n    - ERROR: " + message;
  }
}
