package io.civicflow.engine.model;

import java.util.Map;

/** A deployed, validated process: its root element and every element and flow by id. */
public record ExecutableProcess(
    String bpmnProcessId,
    String name,
    String versionTag,
    ExecutableElement.Container root,
    Map<String, ExecutableElement> elements,
    Map<String, ExecutableSequenceFlow> flows) {

  public ExecutableElement element(String id) {
    return elements.get(id);
  }
}
