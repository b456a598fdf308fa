package io.civicflow.engine.state;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.OptBoolean;
import io.civicflow.engine.access.IdentityDirectory;
import io.civicflow.engine.event.EngineEvent.BatchOperationItem;
import io.civicflow.engine.event.EngineEvent.ResourceDeployed;
import io.civicflow.engine.json.Json;
import io.civicflow.engine.model.ExecutableElement;
import io.civicflow.engine.state.ElementInstance.Phase;
import io.civicflow.engine.state.EngineState.Due;
import io.civicflow.engine.state.EventApplier.ProcessParser;
import io.civicflow.engine.state.EventState.BufferedMessage;
import io.civicflow.engine.state.EventState.MessageSubscription;
import io.civicflow.engine.state.EventState.SignalSubscription;
import io.civicflow.engine.state.EventState.Timer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable copy of {@link EngineState} for a snapshot: every map, index and counter, with the
 * order of every ordered collection kept (activatable jobs oldest first, children in creation
 * order, versions oldest first). Executables are not copied: they are parsed again from the
 * deployed XML on restore, as replaying a {@code ResourceDeployed} event does. Part of the snapshot
 * format ({@code SnapshotFormatTest}): changing a component is a format change, except that {@code
 * identity} was added compatibly: a snapshot written before it restores an empty identity, which
 * the users file seeds again at start, and {@code batchOperations} (none running before it).
 */
public record EngineStateImage(
    long lastPosition,
    long changeId,
    long clockOffsetMillis,
    Long clockPinnedMillis,
    List<ResourceDeployed> resources,
    List<ElementInstanceImage> elementInstances,
    List<ScopeVariables> variables,
    List<JobImage> jobs,
    Map<String, List<Long>> activatableJobs,
    List<Due> jobDeadlines,
    List<Due> jobBackoffs,
    List<Incident> incidents,
    EventStateImage events,
    HumanTaskState.Image humanTasks,
    IdentityDirectory.Image identity,
    List<BatchOperationImage> batchOperations) {

  /** A batch operation still running: its items and which of them were executed. */
  public record BatchOperationImage(
      long key,
      String type,
      List<BatchOperationItem> items,
      List<Long> executed,
      @JacksonInject(value = Json.ABSENT_BEFORE, useInput = OptBoolean.TRUE)
          io.civicflow.engine.event.EngineEvent.BatchOperationPlan plan,
      @JacksonInject(value = Json.ABSENT_BEFORE, useInput = OptBoolean.TRUE) Boolean suspended) {}

  /** The canonical constructor, as the snapshot reader calls it: {@code identity} may be absent. */
  @JsonCreator
  public EngineStateImage(
      @JsonProperty("lastPosition") long lastPosition,
      @JsonProperty("changeId") long changeId,
      @JsonProperty("clockOffsetMillis") long clockOffsetMillis,
      @JsonProperty("clockPinnedMillis") Long clockPinnedMillis,
      @JsonProperty("resources") List<ResourceDeployed> resources,
      @JsonProperty("elementInstances") List<ElementInstanceImage> elementInstances,
      @JsonProperty("variables") List<ScopeVariables> variables,
      @JsonProperty("jobs") List<JobImage> jobs,
      @JsonProperty("activatableJobs") Map<String, List<Long>> activatableJobs,
      @JsonProperty("jobDeadlines") List<Due> jobDeadlines,
      @JsonProperty("jobBackoffs") List<Due> jobBackoffs,
      @JsonProperty("incidents") List<Incident> incidents,
      @JsonProperty("events") EventStateImage events,
      @JsonProperty("humanTasks") HumanTaskState.Image humanTasks,
      @JsonProperty("identity")
          @JacksonInject(value = Json.ABSENT_BEFORE, useInput = OptBoolean.TRUE)
          IdentityDirectory.Image identity,
      @JsonProperty("batchOperations")
          @JacksonInject(value = Json.ABSENT_BEFORE, useInput = OptBoolean.TRUE)
          List<BatchOperationImage> batchOperations) {
    this.lastPosition = lastPosition;
    this.changeId = changeId;
    this.clockOffsetMillis = clockOffsetMillis;
    this.clockPinnedMillis = clockPinnedMillis;
    this.resources = resources;
    this.elementInstances = elementInstances;
    this.variables = variables;
    this.jobs = jobs;
    this.activatableJobs = activatableJobs;
    this.jobDeadlines = jobDeadlines;
    this.jobBackoffs = jobBackoffs;
    this.incidents = incidents;
    this.events = events;
    this.humanTasks = humanTasks;
    this.identity = identity;
    this.batchOperations = batchOperations;
  }

  public record ElementInstanceImage(
      long key,
      String elementId,
      long flowScopeKey,
      long processInstanceKey,
      long processDefinitionKey,
      Long parentProcessInstanceKey,
      Long parentElementInstanceKey,
      List<String> tags,
      Phase phase,
      List<Long> children,
      Long jobKey,
      Long incidentKey,
      Map<String, Integer> joinTokens,
      Long calledProcessInstanceKey,
      int createdChildren,
      int completedChildren,
      int terminatedChildren,
      List<ElementInstance.Compensable> compensable) {}

  public record ScopeVariables(long scopeKey, List<Variable> variables) {}

  public record JobImage(
      long key,
      String type,
      Map<String, String> customHeaders,
      long elementInstanceKey,
      long processInstanceKey,
      Job.State state,
      int retries,
      String worker,
      long deadline,
      long retryAt,
      String errorMessage,
      String kind,
      String listenerEventType,
      int listenerIndex) {}

  public record EventStateImage(
      List<Timer> timers,
      List<Due> timerDueDates,
      List<MessageSubscription> messageSubscriptions,
      Map<String, List<Long>> messageSubscriptionsByKey,
      Map<String, List<Long>> messageStartSubscriptionsByName,
      List<BufferedMessage> messages,
      Map<String, List<Long>> messagesByKey,
      List<Due> messageDeadlines,
      List<SignalSubscription> signalSubscriptions,
      Map<String, List<Long>> signalSubscriptionsByName,
      Map<Long, List<Long>> byOwner,
      Map<String, Long> messageStartLocks,
      Map<Long, String> lockByInstance) {}

  /** Copies the state; called on the processing thread, between commands. */
  public static EngineStateImage capture(EngineState state) {
    List<ResourceDeployed> resources = new ArrayList<>();
    for (DeployedProcess p : state.processesByKey.values()) {
      resources.add(
          new ResourceDeployed(
              p.deploymentKey(),
              EventApplier.KIND_PROCESS,
              p.key(),
              p.bpmnProcessId(),
              p.version(),
              p.resourceName(),
              p.checksum(),
              p.xml(),
              p.tenantId()));
    }
    for (List<DeployedResource> versions : state.resourceVersions.values()) {
      for (DeployedResource r : versions) {
        resources.add(
            new ResourceDeployed(
                r.deploymentKey(),
                r.kind(),
                r.key(),
                r.id(),
                r.version(),
                r.resourceName(),
                r.checksum(),
                r.content(),
                r.tenantId()));
      }
    }
    resources.sort(Comparator.comparingLong(ResourceDeployed::key));

    List<ElementInstanceImage> instances = new ArrayList<>();
    for (ElementInstance i : sortedByKey(state.elementInstances)) {
      instances.add(
          new ElementInstanceImage(
              i.key(),
              i.element().lookupId(),
              i.flowScopeKey(),
              i.processInstanceKey(),
              i.processDefinitionKey(),
              i.parentProcessInstanceKey(),
              i.parentElementInstanceKey(),
              i.tags(),
              i.phase,
              i.children == null ? null : List.copyOf(i.children),
              i.jobKey,
              i.incidentKey,
              i.joinTokens == null ? null : new TreeMap<>(i.joinTokens),
              i.calledProcessInstanceKey,
              i.createdChildren,
              i.completedChildren,
              i.terminatedChildren,
              i.compensable == null ? null : List.copyOf(i.compensable)));
    }
    List<ScopeVariables> variables = new ArrayList<>();
    new TreeMap<>(state.variablesByScope)
        .forEach(
            (scope, vars) -> {
              List<Variable> list = new ArrayList<>(vars.values());
              list.sort(Comparator.comparingLong(Variable::key));
              variables.add(new ScopeVariables(scope, list));
            });
    List<JobImage> jobs = new ArrayList<>();
    for (Job j : sortedByKey(state.jobs)) {
      jobs.add(
          new JobImage(
              j.key(),
              j.type(),
              j.customHeaders(),
              j.elementInstanceKey(),
              j.processInstanceKey(),
              j.state,
              j.retries,
              j.worker,
              j.deadline,
              j.retryAt,
              j.errorMessage,
              j.kind(),
              j.listenerEventType(),
              j.listenerIndex()));
    }
    List<Incident> incidents = new ArrayList<>(sortedByKey(state.incidents));
    return new EngineStateImage(
        state.lastPosition,
        state.changeId,
        state.clock.offsetMillis(),
        state.clock.pinnedMillis(),
        resources,
        instances,
        variables,
        jobs,
        copyIndex(state.activatableJobsByType),
        List.copyOf(state.jobDeadlines),
        List.copyOf(state.jobBackoffs),
        incidents,
        captureEvents(state.events),
        state.humanTasks.image(),
        state.identity.directory().image(),
        state.batchOperations.values().stream()
            .map(
                b ->
                    new BatchOperationImage(
                        b.key(),
                        b.type(),
                        List.copyOf(b.items()),
                        List.copyOf(b.executed()),
                        b.plan(),
                        b.suspended()))
            .toList());
  }

  private static EventStateImage captureEvents(EventState e) {
    List<BufferedMessage> messages = new ArrayList<>();
    for (BufferedMessage m : sortedByKey(e.messages)) {
      // the set of correlated processes is changed in place by the applier: copy it
      messages.add(
          new BufferedMessage(
              m.key(),
              m.name(),
              m.correlationKey(),
              m.messageId(),
              m.deadline(),
              new LinkedHashMap<>(m.variables()),
              new java.util.TreeSet<>(m.correlatedProcesses())));
    }
    return new EventStateImage(
        sortedByKey(e.timers),
        List.copyOf(e.timerDueDates),
        sortedByKey(e.messageSubscriptions),
        copyIndex(e.messageSubscriptionsByKey),
        copyIndex(e.messageStartSubscriptionsByName),
        messages,
        copyIndex(e.messagesByKey),
        List.copyOf(e.messageDeadlines),
        sortedByKey(e.signalSubscriptions),
        copyIndex(e.signalSubscriptionsByName),
        copyIndex(e.byOwner),
        new TreeMap<>(e.messageStartLocks),
        new TreeMap<>(e.lockByInstance));
  }

  /**
   * Empties a state completely, counters and clock included (before falling back to another
   * snapshot).
   */
  public static void reset(EngineState state) {
    state.clear();
    state.lastPosition = 0;
    state.changeId = 0;
    state.clock.set(0, null);
  }

  /**
   * Fills an empty state from this image (on start, before the journal tail is replayed). Deployed
   * processes are parsed again through {@code parser}, which also fills the executable catalog.
   */
  public void restoreInto(EngineState state, ProcessParser parser) {
    state.clear();
    state.lastPosition = lastPosition;
    state.changeId = changeId;
    state.clock.set(clockOffsetMillis, clockPinnedMillis);
    for (ResourceDeployed r : resources) {
      if (EventApplier.KIND_PROCESS.equals(r.kind())) {
        DeployedProcess process =
            new DeployedProcess(
                r.key(),
                r.id(),
                r.version(),
                r.resourceName(),
                r.checksum(),
                r.content(),
                r.deploymentKey(),
                r.tenantId(),
                parser.parse(r));
        state.processesByKey.put(r.key(), process);
        state.processVersions.computeIfAbsent(r.id(), id -> new ArrayList<>()).add(process);
      } else {
        state
            .resourceVersions
            .computeIfAbsent(r.kind() + ":" + r.id(), id -> new ArrayList<>())
            .add(
                new DeployedResource(
                    r.kind(),
                    r.key(),
                    r.id(),
                    r.version(),
                    r.resourceName(),
                    r.checksum(),
                    r.content(),
                    r.deploymentKey(),
                    r.tenantId()));
      }
    }
    for (ElementInstanceImage i : elementInstances) {
      DeployedProcess process = state.processesByKey.get(i.processDefinitionKey());
      if (process == null) {
        throw new IllegalStateException(
            "element instance "
                + i.key()
                + " refers to process definition "
                + i.processDefinitionKey()
                + ", which the snapshot does not contain");
      }
      ExecutableElement element = process.executable().element(i.elementId());
      ElementInstance instance =
          new ElementInstance(
              i.key(),
              element,
              i.flowScopeKey(),
              i.processInstanceKey(),
              i.processDefinitionKey(),
              i.parentProcessInstanceKey(),
              i.parentElementInstanceKey(),
              i.tags());
      instance.phase = i.phase();
      instance.children = i.children() == null ? null : new LinkedHashSet<>(i.children());
      instance.jobKey = i.jobKey();
      instance.incidentKey = i.incidentKey();
      instance.joinTokens = i.joinTokens() == null ? null : new HashMap<>(i.joinTokens());
      instance.calledProcessInstanceKey = i.calledProcessInstanceKey();
      instance.createdChildren = i.createdChildren();
      instance.completedChildren = i.completedChildren();
      instance.terminatedChildren = i.terminatedChildren();
      instance.compensable = i.compensable() == null ? null : new ArrayList<>(i.compensable());
      state.elementInstances.put(i.key(), instance);
    }
    for (ScopeVariables scope : variables) {
      Map<String, Variable> vars = new HashMap<>(8);
      scope.variables().forEach(v -> vars.put(v.name(), v));
      state.variablesByScope.put(scope.scopeKey(), vars);
    }
    for (JobImage j : jobs) {
      Job job =
          new Job(
              j.key(),
              j.type(),
              j.retries(),
              j.customHeaders(),
              j.elementInstanceKey(),
              j.processInstanceKey(),
              j.kind(),
              j.listenerEventType(),
              j.listenerIndex());
      job.state = j.state();
      job.worker = j.worker();
      job.deadline = j.deadline();
      job.retryAt = j.retryAt();
      job.errorMessage = j.errorMessage();
      state.jobs.put(j.key(), job);
    }
    restoreIndex(activatableJobs, state.activatableJobsByType);
    state.jobDeadlines.addAll(jobDeadlines);
    state.jobBackoffs.addAll(jobBackoffs);
    incidents.forEach(i -> state.incidents.put(i.key(), i));
    restoreEvents(state.events);
    state.humanTasks.restore(humanTasks);
    state.identity.restore(identity == null ? null : identity.directory());
    if (batchOperations != null) {
      for (BatchOperationImage b : batchOperations) {
        state.batchOperations.put(
            b.key(),
            new EngineState.BatchOperation(
                b.key(),
                b.type(),
                b.items(),
                new LinkedHashSet<>(b.executed()),
                b.plan(),
                Boolean.TRUE.equals(b.suspended())));
      }
    }
  }

  private void restoreEvents(EventState e) {
    EventStateImage image = events;
    image.timers().forEach(t -> e.timers.put(t.key(), t));
    e.timerDueDates.addAll(image.timerDueDates());
    image.messageSubscriptions().forEach(s -> e.messageSubscriptions.put(s.key(), s));
    restoreIndex(image.messageSubscriptionsByKey(), e.messageSubscriptionsByKey);
    restoreIndex(image.messageStartSubscriptionsByName(), e.messageStartSubscriptionsByName);
    for (BufferedMessage m : image.messages()) {
      java.util.Set<String> correlated = EventState.newProcessSet();
      correlated.addAll(m.correlatedProcesses());
      e.messages.put(
          m.key(),
          new BufferedMessage(
              m.key(),
              m.name(),
              m.correlationKey(),
              m.messageId(),
              m.deadline(),
              m.variables() == null ? Map.of() : new LinkedHashMap<>(m.variables()),
              correlated));
    }
    restoreIndex(image.messagesByKey(), e.messagesByKey);
    e.messageDeadlines.addAll(image.messageDeadlines());
    image.signalSubscriptions().forEach(s -> e.signalSubscriptions.put(s.key(), s));
    restoreIndex(image.signalSubscriptionsByName(), e.signalSubscriptionsByName);
    restoreIndex(image.byOwner(), e.byOwner);
    e.messageStartLocks.putAll(image.messageStartLocks());
    e.lockByInstance.putAll(image.lockByInstance());
  }

  static <K extends Comparable<K>> Map<K, List<Long>> copyIndex(Map<K, LinkedHashSet<Long>> index) {
    Map<K, List<Long>> copy = new TreeMap<>();
    index.forEach((k, keys) -> copy.put(k, List.copyOf(keys)));
    return copy;
  }

  static <K> void restoreIndex(Map<K, List<Long>> image, Map<K, LinkedHashSet<Long>> index) {
    image.forEach((k, keys) -> index.put(k, new LinkedHashSet<>(keys)));
  }

  private static <T> List<T> sortedByKey(Map<Long, T> map) {
    List<T> values = new ArrayList<>(map.size());
    new TreeMap<>(map).values().forEach(values::add);
    return values;
  }
}
