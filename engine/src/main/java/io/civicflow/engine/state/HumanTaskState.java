package io.civicflow.engine.state;

import io.civicflow.engine.event.EngineEvent.DecisionDeployed;
import io.civicflow.engine.event.EngineEvent.DeploymentContents;
import io.civicflow.engine.event.UserTaskEvent;
import io.civicflow.engine.event.UserTaskEvent.UserTaskAssigned;
import io.civicflow.engine.event.UserTaskEvent.UserTaskCanceled;
import io.civicflow.engine.event.UserTaskEvent.UserTaskCompleted;
import io.civicflow.engine.event.UserTaskEvent.UserTaskCorrected;
import io.civicflow.engine.event.UserTaskEvent.UserTaskCreated;
import io.civicflow.engine.event.UserTaskEvent.UserTaskTransitionDenied;
import io.civicflow.engine.event.UserTaskEvent.UserTaskTransitionEnded;
import io.civicflow.engine.event.UserTaskEvent.UserTaskTransitionStarted;
import io.civicflow.engine.event.UserTaskEvent.UserTaskUpdated;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The part of {@link EngineState} for user tasks, decisions and deployment contents, with the
 * appliers of their events (called by {@link EventApplier}; pure functions of state and event).
 */
public final class HumanTaskState {

  private final Map<Long, UserTask> userTasks = new HashMap<>();
  private final Map<Long, Long> userTaskByElementInstance = new HashMap<>();
  private final Map<Long, DeployedDecision> decisionsByKey = new HashMap<>();
  private final Map<String, List<DeployedDecision>> decisionVersions = new HashMap<>();
  private final Map<Long, Map<String, Long>> deployments = new HashMap<>();

  void clear() {
    userTasks.clear();
    userTaskByElementInstance.clear();
    decisionsByKey.clear();
    decisionVersions.clear();
    deployments.clear();
  }

  /** A copy of this part for a snapshot (see {@link EngineStateImage}). */
  public record Image(
      List<UserTaskImage> userTasks,
      Map<Long, Long> userTaskByElementInstance,
      List<DeployedDecision> decisions,
      Map<String, List<Long>> decisionVersions,
      Map<Long, Map<String, Long>> deployments) {}

  public record UserTaskImage(
      long key,
      long elementInstanceKey,
      long processInstanceKey,
      Long formKey,
      String externalFormReference,
      Map<String, String> customHeaders,
      String assignee,
      List<String> candidateGroups,
      List<String> candidateUsers,
      String dueDate,
      String followUpDate,
      int priority,
      UserTask.Transition transition) {}

  Image image() {
    List<UserTaskImage> tasks = new ArrayList<>();
    for (UserTask t : new TreeMap<>(userTasks).values()) {
      tasks.add(
          new UserTaskImage(
              t.key(),
              t.elementInstanceKey(),
              t.processInstanceKey(),
              t.formKey(),
              t.externalFormReference(),
              t.customHeaders(),
              t.assignee,
              t.candidateGroups,
              t.candidateUsers,
              t.dueDate,
              t.followUpDate,
              t.priority,
              t.transition));
    }
    Map<String, List<Long>> versions = new TreeMap<>();
    decisionVersions.forEach(
        (id, list) -> versions.put(id, list.stream().map(DeployedDecision::key).toList()));
    Map<Long, Map<String, Long>> contents = new TreeMap<>();
    deployments.forEach((key, resources) -> contents.put(key, new TreeMap<>(resources)));
    return new Image(
        tasks,
        new TreeMap<>(userTaskByElementInstance),
        List.copyOf(new TreeMap<>(decisionsByKey).values()),
        versions,
        contents);
  }

  void restore(Image image) {
    clear();
    for (UserTaskImage i : image.userTasks()) {
      UserTask task =
          new UserTask(
              i.key(),
              i.elementInstanceKey(),
              i.processInstanceKey(),
              i.formKey(),
              i.externalFormReference(),
              i.customHeaders());
      task.assignee = i.assignee();
      task.candidateGroups = i.candidateGroups();
      task.candidateUsers = i.candidateUsers();
      task.dueDate = i.dueDate();
      task.followUpDate = i.followUpDate();
      task.priority = i.priority();
      task.transition = i.transition();
      userTasks.put(i.key(), task);
    }
    userTaskByElementInstance.putAll(image.userTaskByElementInstance());
    image.decisions().forEach(d -> decisionsByKey.put(d.key(), d));
    image
        .decisionVersions()
        .forEach(
            (id, keys) ->
                decisionVersions.put(
                    id, new ArrayList<>(keys.stream().map(decisionsByKey::get).toList())));
    image.deployments().forEach((key, resources) -> deployments.put(key, Map.copyOf(resources)));
  }

  // --- queries

  public Optional<UserTask> userTask(long key) {
    return Optional.ofNullable(userTasks.get(key));
  }

  public Optional<UserTask> userTaskOf(long elementInstanceKey) {
    Long key = userTaskByElementInstance.get(elementInstanceKey);
    return key == null ? Optional.empty() : Optional.ofNullable(userTasks.get(key));
  }

  public Optional<DeployedDecision> decision(long key) {
    return Optional.ofNullable(decisionsByKey.get(key));
  }

  /** Every version of a decision id, oldest first. */
  public List<DeployedDecision> decisionVersions(String decisionId) {
    return decisionVersions.getOrDefault(decisionId, List.of());
  }

  public Optional<DeployedDecision> latestDecision(String decisionId) {
    return latestDecision(io.civicflow.engine.api.Commands.DEFAULT_TENANT, decisionId);
  }

  /** The latest version of a decision in a tenant: versions count per tenant, as in Camunda. */
  public Optional<DeployedDecision> latestDecision(String tenantId, String decisionId) {
    return decisionVersions(tenantId, decisionId).stream().reduce((older, newer) -> newer);
  }

  /** Every version of a decision id in a tenant, oldest first. */
  public List<DeployedDecision> decisionVersions(String tenantId, String decisionId) {
    String tenant = io.civicflow.engine.api.Commands.tenantOrDefault(tenantId);
    return decisionVersions(decisionId).stream()
        .filter(d -> tenant.equals(io.civicflow.engine.api.Commands.tenantOrDefault(d.tenantId())))
        .toList();
  }

  /** Forgets the decisions of a deleted graph (applier of ResourceDeleted). */
  void removeDecisionsOf(long decisionRequirementsKey) {
    decisionsByKey.values().removeIf(d -> d.decisionRequirementsKey() == decisionRequirementsKey);
    decisionVersions
        .values()
        .forEach(
            list -> list.removeIf(d -> d.decisionRequirementsKey() == decisionRequirementsKey));
    decisionVersions.values().removeIf(List::isEmpty);
  }

  /** The decisions of one deployed graph. */
  public List<DeployedDecision> decisionsOf(long decisionRequirementsKey) {
    List<DeployedDecision> result = new ArrayList<>();
    for (DeployedDecision d : decisionsByKey.values()) {
      if (d.decisionRequirementsKey() == decisionRequirementsKey) {
        result.add(d);
      }
    }
    return result;
  }

  /** The key of the resource {@code kind:id} as a deployment contained it (new or unchanged). */
  public Optional<Long> deployedWith(long deploymentKey, String kind, String id) {
    Map<String, Long> contents = deployments.get(deploymentKey);
    return contents == null ? Optional.empty() : Optional.ofNullable(contents.get(kind + ":" + id));
  }

  // --- appliers

  /** Applies a user task event. */
  void apply(UserTaskEvent event) {
    if (event instanceof UserTaskCreated e) {
      apply(e);
    } else if (event instanceof UserTaskAssigned e) {
      apply(e);
    } else if (event instanceof UserTaskUpdated e) {
      apply(e);
    } else if (event instanceof UserTaskCompleted e) {
      apply(e);
    } else if (event instanceof UserTaskCanceled e) {
      apply(e);
    } else if (event instanceof UserTaskTransitionStarted e) {
      apply(e);
    } else if (event instanceof UserTaskCorrected e) {
      apply(e);
    } else if (event instanceof UserTaskTransitionDenied e) {
      apply(e);
    } else if (event instanceof UserTaskTransitionEnded e) {
      apply(e);
    } else {
      throw new IllegalArgumentException("no applier for " + event);
    }
  }

  void apply(UserTaskCreated e) {
    UserTask task =
        new UserTask(
            e.key(),
            e.elementInstanceKey(),
            e.processInstanceKey(),
            e.formKey(),
            e.externalFormReference(),
            e.customHeaders());
    task.assignee = e.assignee();
    task.candidateGroups = e.candidateGroups();
    task.candidateUsers = e.candidateUsers();
    task.dueDate = e.dueDate();
    task.followUpDate = e.followUpDate();
    task.priority = e.priority();
    userTasks.put(e.key(), task);
    userTaskByElementInstance.put(e.elementInstanceKey(), e.key());
  }

  void apply(UserTaskAssigned e) {
    userTasks.get(e.key()).assignee = e.assignee();
  }

  void apply(UserTaskUpdated e) {
    UserTask task = userTasks.get(e.key());
    task.candidateGroups = e.candidateGroups();
    task.candidateUsers = e.candidateUsers();
    task.dueDate = e.dueDate();
    task.followUpDate = e.followUpDate();
    task.priority = e.priority();
  }

  void apply(UserTaskTransitionStarted e) {
    userTasks.get(e.key()).transition =
        new UserTask.Transition(
            e.transition(),
            e.action(),
            e.assignee(),
            e.candidateGroups(),
            e.candidateUsers(),
            e.dueDate(),
            e.followUpDate(),
            e.priority(),
            e.changedAttributes(),
            e.variables());
  }

  void apply(UserTaskCorrected e) {
    UserTask task = userTasks.get(e.key());
    UserTask.Transition t = task.transition;
    task.transition =
        new UserTask.Transition(
            t.transition(),
            t.action(),
            e.assignee(),
            e.candidateGroups(),
            e.candidateUsers(),
            e.dueDate(),
            e.followUpDate(),
            e.priority(),
            e.changedAttributes(),
            t.variables());
  }

  void apply(UserTaskTransitionDenied e) {
    userTasks.get(e.key()).transition = null;
  }

  void apply(UserTaskTransitionEnded e) {
    UserTask task = userTasks.get(e.key());
    task.transition = null;
    task.assignee = e.assignee();
    task.candidateGroups = e.candidateGroups();
    task.candidateUsers = e.candidateUsers();
    task.dueDate = e.dueDate();
    task.followUpDate = e.followUpDate();
    task.priority = e.priority();
  }

  void apply(UserTaskCompleted e) {
    remove(e.key());
  }

  void apply(UserTaskCanceled e) {
    remove(e.key());
  }

  private void remove(long key) {
    UserTask task = userTasks.remove(key);
    if (task != null) {
      userTaskByElementInstance.remove(task.elementInstanceKey());
    }
  }

  void apply(DeploymentContents e) {
    deployments.put(e.deploymentKey(), Map.copyOf(e.resources()));
  }

  void apply(DecisionDeployed e) {
    DeployedDecision decision =
        new DeployedDecision(
            e.key(),
            e.decisionId(),
            e.name(),
            e.version(),
            e.versionTag(),
            e.decisionType(),
            e.decisionRequirementsKey(),
            e.decisionRequirementsId(),
            e.deploymentKey(),
            e.resourceName(),
            e.tenantId());
    decisionsByKey.put(e.key(), decision);
    decisionVersions.computeIfAbsent(e.decisionId(), id -> new ArrayList<>()).add(decision);
  }
}
