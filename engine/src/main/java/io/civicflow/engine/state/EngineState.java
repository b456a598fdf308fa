package io.civicflow.engine.state;

import io.civicflow.engine.clock.EngineClock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Everything the engine needs to process the next command: deployed definitions and the runtime
 * (element instances, variables, jobs, incidents). Owned by the processing thread; changed only by
 * {@link EventApplier}. History for queries lives in the read model, not here.
 */
public final class EngineState {

  /** A due date in an index: ordered by time, then key. */
  public record Due(long time, long key) implements Comparable<Due> {
    @Override
    public int compareTo(Due other) {
      int byTime = Long.compare(time, other.time);
      return byTime != 0 ? byTime : Long.compare(key, other.key);
    }
  }

  final EngineClock clock;
  final Map<Long, DeployedProcess> processesByKey = new HashMap<>();
  final Map<String, List<DeployedProcess>> processVersions = new HashMap<>();
  final Map<String, List<DeployedResource>> resourceVersions = new HashMap<>();
  final Map<Long, ElementInstance> elementInstances = new HashMap<>();
  final Map<Long, Map<String, Variable>> variablesByScope = new HashMap<>();
  final Map<Long, Job> jobs = new HashMap<>();
  final Map<String, LinkedHashSet<Long>> activatableJobsByType = new HashMap<>();
  final NavigableSet<Due> jobDeadlines = new TreeSet<>();
  final NavigableSet<Due> jobBackoffs = new TreeSet<>();
  final Map<Long, Incident> incidents = new HashMap<>();
  final EventState events = new EventState();
  final HumanTaskState humanTasks = new HumanTaskState();
  final IdentityState identity = new IdentityState();

  /** Batch operations still running, by key, in creation order. */
  final Map<Long, BatchOperation> batchOperations = new java.util.LinkedHashMap<>();

  /**
   * A running batch operation: its items in order, the keys of those executed, what a migration or
   * modification does to each (null for the others), and whether it is suspended.
   */
  public record BatchOperation(
      long key,
      String type,
      List<io.civicflow.engine.event.EngineEvent.BatchOperationItem> items,
      java.util.Set<Long> executed,
      io.civicflow.engine.event.EngineEvent.BatchOperationPlan plan,
      boolean suspended) {

    /** The items not executed yet, in order. */
    public List<io.civicflow.engine.event.EngineEvent.BatchOperationItem> pending() {
      return items.stream().filter(i -> !executed.contains(i.itemKey())).toList();
    }
  }

  public java.util.Optional<BatchOperation> batchOperation(long key) {
    return java.util.Optional.ofNullable(batchOperations.get(key));
  }

  long lastKey;
  long lastPosition;
  long changeId;

  public EngineState(EngineClock clock) {
    this.clock = clock;
  }

  void clear() {
    processesByKey.clear();
    processVersions.clear();
    resourceVersions.clear();
    elementInstances.clear();
    variablesByScope.clear();
    jobs.clear();
    activatableJobsByType.clear();
    jobDeadlines.clear();
    jobBackoffs.clear();
    incidents.clear();
    events.clear();
    humanTasks.clear();
    batchOperations.clear();
  }

  /** Users, groups, roles, tenants, mapping rules and authorizations (kept by a purge). */
  public IdentityState identity() {
    return identity;
  }

  /** User tasks, decisions and deployment contents. */
  public HumanTaskState humanTasks() {
    return humanTasks;
  }

  /**
   * Every deployed version of a non-process resource ({@code kind}: form, decision-requirements).
   */
  public List<DeployedResource> resourceVersions(String kind, String id) {
    return resourceVersions.getOrDefault(kind + ":" + id, List.of());
  }

  public EngineClock clock() {
    return clock;
  }

  public long lastKey() {
    return lastKey;
  }

  public long lastPosition() {
    return lastPosition;
  }

  /** The position for the next journal record. Called by the processing thread when it commits. */
  public long nextPosition() {
    return ++lastPosition;
  }

  /** Resumes the position counter from a replayed record. */
  public void lastPositionResume(long position) {
    lastPosition = Math.max(lastPosition, position);
  }

  public int jobCount() {
    return jobs.size();
  }

  public long changeId() {
    return changeId;
  }

  // --- definitions

  public Optional<DeployedProcess> process(long key) {
    return Optional.ofNullable(processesByKey.get(key));
  }

  /** The latest version of a process in the default tenant. */
  public Optional<DeployedProcess> latestProcess(String bpmnProcessId) {
    return latestProcess(io.civicflow.engine.api.Commands.DEFAULT_TENANT, bpmnProcessId);
  }

  /** The latest version of a process in a tenant: versions count per tenant, as in Camunda. */
  public Optional<DeployedProcess> latestProcess(String tenantId, String bpmnProcessId) {
    String tenant = io.civicflow.engine.api.Commands.tenantOrDefault(tenantId);
    return processVersions.getOrDefault(bpmnProcessId, List.of()).stream()
        .filter(p -> tenant.equals(io.civicflow.engine.api.Commands.tenantOrDefault(p.tenantId())))
        .reduce((older, newer) -> newer);
  }

  public Optional<DeployedProcess> processVersion(
      String tenantId, String bpmnProcessId, int version) {
    String tenant = io.civicflow.engine.api.Commands.tenantOrDefault(tenantId);
    List<DeployedProcess> versions = processVersions.getOrDefault(bpmnProcessId, List.of());
    return versions.stream()
        .filter(p -> p.version() == version)
        .filter(p -> tenant.equals(io.civicflow.engine.api.Commands.tenantOrDefault(p.tenantId())))
        .findFirst();
  }

  /** The latest version of a resource (form, DRG) in the default tenant. */
  public Optional<DeployedResource> latestResource(String kind, String id) {
    return latestResource(io.civicflow.engine.api.Commands.DEFAULT_TENANT, kind, id);
  }

  /** The latest version of a resource (form, DRG) in a tenant. */
  public Optional<DeployedResource> latestResource(String tenantId, String kind, String id) {
    String tenant = io.civicflow.engine.api.Commands.tenantOrDefault(tenantId);
    return resourceVersions.getOrDefault(kind + ":" + id, List.of()).stream()
        .filter(r -> tenant.equals(io.civicflow.engine.api.Commands.tenantOrDefault(r.tenantId())))
        .reduce((older, newer) -> newer);
  }

  /** A deployed form or decision requirements graph by its key. */
  public Optional<DeployedResource> resource(long key) {
    for (List<DeployedResource> versions : resourceVersions.values()) {
      for (DeployedResource resource : versions) {
        if (resource.key() == key) {
          return Optional.of(resource);
        }
      }
    }
    return Optional.empty();
  }

  /** Whether an element instance of the process definition runs. */
  public boolean hasRunningInstances(long processDefinitionKey) {
    for (ElementInstance instance : elementInstances.values()) {
      if (instance.processDefinitionKey() == processDefinitionKey) {
        return true;
      }
    }
    return false;
  }

  /** The tenant of a deployed process (the default tenant for a key not deployed). */
  public String tenantOf(long processDefinitionKey) {
    DeployedProcess process = processesByKey.get(processDefinitionKey);
    return io.civicflow.engine.api.Commands.tenantOrDefault(
        process == null ? null : process.tenantId());
  }

  // --- runtime

  public Optional<ElementInstance> elementInstance(long key) {
    return Optional.ofNullable(elementInstances.get(key));
  }

  public ElementInstance requireElementInstance(long key) {
    ElementInstance instance = elementInstances.get(key);
    if (instance == null) {
      throw new IllegalStateException("no element instance " + key);
    }
    return instance;
  }

  public Collection<ElementInstance> elementInstances() {
    return elementInstances.values();
  }

  /** Variables defined directly in a scope (never null). */
  public Map<String, Variable> localVariables(long scopeKey) {
    return variablesByScope.getOrDefault(scopeKey, Map.of());
  }

  /** The scope chain from an element instance up to its process instance. */
  public List<ElementInstance> scopeChain(long elementInstanceKey) {
    List<ElementInstance> chain = new ArrayList<>();
    ElementInstance current = elementInstances.get(elementInstanceKey);
    while (current != null) {
      chain.add(current);
      current = current.isProcess() ? null : elementInstances.get(current.flowScopeKey());
    }
    return chain;
  }

  public Optional<Job> job(long key) {
    return Optional.ofNullable(jobs.get(key));
  }

  /** Activatable jobs of a type, oldest first. */
  public Collection<Long> activatableJobs(String type) {
    return activatableJobsByType.getOrDefault(type, new LinkedHashSet<>());
  }

  public boolean hasActivatableJobs(String type) {
    LinkedHashSet<Long> jobs = activatableJobsByType.get(type);
    return jobs != null && !jobs.isEmpty();
  }

  public NavigableSet<Due> jobDeadlines() {
    return jobDeadlines;
  }

  public NavigableSet<Due> jobBackoffs() {
    return jobBackoffs;
  }

  /** Timers, message and signal subscriptions, buffered messages. */
  public EventState events() {
    return events;
  }

  public Optional<Incident> incident(long key) {
    return Optional.ofNullable(incidents.get(key));
  }

  /**
   * The earliest time at which something becomes due (job timeout, retry back-off, timer, message
   * TTL), or MAX_VALUE.
   */
  public long nextDueDate() {
    long next = Long.MAX_VALUE;
    if (!jobDeadlines.isEmpty()) {
      next = Math.min(next, jobDeadlines.first().time());
    }
    if (!jobBackoffs.isEmpty()) {
      next = Math.min(next, jobBackoffs.first().time());
    }
    next = Math.min(next, events.nextDueDate());
    return next;
  }
}
