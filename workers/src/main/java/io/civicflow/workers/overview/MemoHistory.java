package io.civicflow.workers.overview;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One page's view of the engine's history: each question asked once. A contract's audit trail
 * builds the contract page first and then reads the same instances' tasks, steps and variables
 * again; with this it sends each search once. Made per page, never kept: the history moves on.
 */
final class MemoHistory implements ProcessHistory {

  private final ProcessHistory history;
  private final Map<List<Object>, List<Instance>> instances = new ConcurrentHashMap<>();
  private final Map<Long, List<Instance>> children = new ConcurrentHashMap<>();
  private final Map<Long, Optional<Instance>> instance = new ConcurrentHashMap<>();
  private final Map<Long, List<Step>> steps = new ConcurrentHashMap<>();
  private final Map<Long, List<Task>> openTasks = new ConcurrentHashMap<>();
  private final Map<Long, List<Task>> tasks = new ConcurrentHashMap<>();
  private final Map<Long, Map<String, String>> variables = new ConcurrentHashMap<>();

  MemoHistory(ProcessHistory history) {
    this.history = history;
  }

  @Override
  public List<Instance> instances(String processDefinitionId, String name, Object value) {
    return instances.computeIfAbsent(
        java.util.Arrays.asList(processDefinitionId, name, value),
        k -> history.instances(processDefinitionId, name, value));
  }

  @Override
  public List<Instance> children(long parentProcessInstanceKey) {
    return children.computeIfAbsent(parentProcessInstanceKey, history::children);
  }

  @Override
  public Optional<Instance> instance(long processInstanceKey) {
    return instance.computeIfAbsent(processInstanceKey, history::instance);
  }

  @Override
  public List<Step> steps(long processInstanceKey) {
    return steps.computeIfAbsent(processInstanceKey, history::steps);
  }

  @Override
  public List<Task> openTasks(long processInstanceKey) {
    return openTasks.computeIfAbsent(processInstanceKey, history::openTasks);
  }

  @Override
  public List<Task> tasks(long processInstanceKey) {
    return tasks.computeIfAbsent(processInstanceKey, history::tasks);
  }

  @Override
  public Map<String, String> variables(long processInstanceKey) {
    return variables.computeIfAbsent(processInstanceKey, history::variables);
  }

  @Override
  public Map<Long, Map<String, String>> variables(
      Collection<Long> processInstanceKeys, Set<String> names) {
    return history.variables(processInstanceKeys, names);
  }
}
