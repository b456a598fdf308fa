package io.civicflow.engine.state;

import io.civicflow.engine.model.ExecutableElement;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** A running element instance. Mutated only by {@link EventApplier}. */
public final class ElementInstance {

  public enum Phase {
    ACTIVATING,
    ACTIVATED,
    COMPLETING,
    TERMINATING
  }

  private final long key;

  /** Changed only by a migration ({@code ProcessInstanceMigrated}). */
  ExecutableElement element;

  private final long flowScopeKey;
  private final long processInstanceKey;
  long processDefinitionKey;
  private final Long parentProcessInstanceKey;
  private final Long parentElementInstanceKey;
  private final List<String> tags;
  Phase phase = Phase.ACTIVATING;

  /** Active child element instances, in creation order (containers only; empty otherwise). */
  LinkedHashSet<Long> children;

  Long jobKey;
  Long incidentKey;

  /** Containers: tokens waiting at joining gateways, by sequence flow id. */
  Map<String, Integer> joinTokens;

  /** Call activities: the process instance they called, while it runs. */
  Long calledProcessInstanceKey;

  /**
   * A completed activity of this scope whose compensation handler a compensation throw event may
   * still run: the handler's element id, and the id of the child of this scope that completed (the
   * activity itself, or the sub-process it completed in).
   */
  public record Compensable(String handlerId, String activityId) {}

  /** Containers: completed activities with a compensation handler, in order of completion. */
  List<Compensable> compensable;

  /** Child instances created, completed and terminated in this scope (multi-instance counts). */
  int createdChildren;

  int completedChildren;
  int terminatedChildren;

  ElementInstance(
      long key,
      ExecutableElement element,
      long flowScopeKey,
      long processInstanceKey,
      long processDefinitionKey,
      Long parentProcessInstanceKey,
      Long parentElementInstanceKey,
      List<String> tags) {
    this.key = key;
    this.element = element;
    this.flowScopeKey = flowScopeKey;
    this.processInstanceKey = processInstanceKey;
    this.processDefinitionKey = processDefinitionKey;
    this.parentProcessInstanceKey = parentProcessInstanceKey;
    this.parentElementInstanceKey = parentElementInstanceKey;
    this.tags = tags;
  }

  public long key() {
    return key;
  }

  public ExecutableElement element() {
    return element;
  }

  public long flowScopeKey() {
    return flowScopeKey;
  }

  public long processInstanceKey() {
    return processInstanceKey;
  }

  public long processDefinitionKey() {
    return processDefinitionKey;
  }

  public Long parentProcessInstanceKey() {
    return parentProcessInstanceKey;
  }

  public Long parentElementInstanceKey() {
    return parentElementInstanceKey;
  }

  public List<String> tags() {
    return tags;
  }

  public Phase phase() {
    return phase;
  }

  public int activeChildren() {
    return children == null ? 0 : children.size();
  }

  /** A copy of the active children's keys, in creation order. */
  public List<Long> childKeys() {
    return children == null ? List.of() : List.copyOf(children);
  }

  /** Completed activities with a compensation handler not yet run, in order of completion. */
  public List<Compensable> compensable() {
    return compensable == null ? List.of() : List.copyOf(compensable);
  }

  public Long jobKey() {
    return jobKey;
  }

  public Long incidentKey() {
    return incidentKey;
  }

  public Long calledProcessInstanceKey() {
    return calledProcessInstanceKey;
  }

  public int createdChildren() {
    return createdChildren;
  }

  public int completedChildren() {
    return completedChildren;
  }

  public int terminatedChildren() {
    return terminatedChildren;
  }

  public boolean isProcess() {
    return flowScopeKey < 0;
  }

  /** Tokens taken towards joins in this scope and not yet consumed. */
  public int pendingJoinTokens() {
    if (joinTokens == null) {
      return 0;
    }
    int sum = 0;
    for (int count : joinTokens.values()) {
      sum += count;
    }
    return sum;
  }

  public int joinTokens(String flowId) {
    return joinTokens == null ? 0 : joinTokens.getOrDefault(flowId, 0);
  }

  void addJoinToken(String flowId) {
    if (joinTokens == null) {
      joinTokens = new HashMap<>(4);
    }
    joinTokens.merge(flowId, 1, Integer::sum);
  }

  @Override
  public String toString() {
    return element + "#" + key + "(" + phase + ")";
  }
}
