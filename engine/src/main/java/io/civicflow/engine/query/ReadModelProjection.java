package io.civicflow.engine.query;

import io.civicflow.engine.api.Commands;
import io.civicflow.engine.event.EngineEvent;
import io.civicflow.engine.event.EngineEvent.ElementActivating;
import io.civicflow.engine.event.EngineEvent.ElementCompleted;
import io.civicflow.engine.event.EngineEvent.ElementTerminated;
import io.civicflow.engine.event.EngineEvent.IncidentCreated;
import io.civicflow.engine.event.EngineEvent.IncidentResolved;
import io.civicflow.engine.event.EngineEvent.JobActivated;
import io.civicflow.engine.event.EngineEvent.JobCanceled;
import io.civicflow.engine.event.EngineEvent.JobCompleted;
import io.civicflow.engine.event.EngineEvent.JobCreated;
import io.civicflow.engine.event.EngineEvent.JobErrorThrown;
import io.civicflow.engine.event.EngineEvent.JobFailed;
import io.civicflow.engine.event.EngineEvent.JobRecurred;
import io.civicflow.engine.event.EngineEvent.JobRetriesUpdated;
import io.civicflow.engine.event.EngineEvent.JobTimedOut;
import io.civicflow.engine.event.EngineEvent.JobTimeoutUpdated;
import io.civicflow.engine.event.EngineEvent.JobYielded;
import io.civicflow.engine.event.EngineEvent.Purged;
import io.civicflow.engine.event.EngineEvent.ResourceDeployed;
import io.civicflow.engine.event.EngineEvent.SequenceFlowTaken;
import io.civicflow.engine.event.EngineEvent.VariableCreated;
import io.civicflow.engine.event.EngineEvent.VariableUpdated;
import io.civicflow.engine.event.EventBatch;
import io.civicflow.engine.model.ElementKind;
import io.civicflow.engine.model.ExecutableElement;
import io.civicflow.engine.model.ExecutableProcess;
import io.civicflow.engine.query.Records.CorrelatedMessageSubscriptionRecord;
import io.civicflow.engine.query.Records.ElementInstanceRecord;
import io.civicflow.engine.query.Records.ElementInstanceState;
import io.civicflow.engine.query.Records.FormRecord;
import io.civicflow.engine.query.Records.IncidentRecord;
import io.civicflow.engine.query.Records.IncidentState;
import io.civicflow.engine.query.Records.JobRecord;
import io.civicflow.engine.query.Records.JobState;
import io.civicflow.engine.query.Records.MessageSubscriptionRecord;
import io.civicflow.engine.query.Records.ProcessDefinitionRecord;
import io.civicflow.engine.query.Records.ProcessInstanceRecord;
import io.civicflow.engine.query.Records.ProcessInstanceState;
import io.civicflow.engine.query.Records.SequenceFlowRecord;
import io.civicflow.engine.query.Records.VariableRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * Builds the read model from durable event batches, in journal order, on the writer thread. Keeps
 * history (completed and terminated instances, resolved incidents) as Camunda's secondary storage
 * does; a purge clears it.
 */
public final class ReadModelProjection implements ReadModel {

  /**
   * Events the read model leaves out on purpose: phases, joins, the clock, timers, buffered
   * messages and signal subscriptions, which no search answers. Every other event is applied here
   * or by a projection this one owns; an event that is neither is refused ({@code
   * JournalFormatTest} replays every event type).
   */
  public static final Set<Class<? extends EngineEvent>> NOT_NEEDED =
      Set.of(
          EngineEvent.ElementActivated.class,
          EngineEvent.ElementCompleting.class,
          EngineEvent.ElementTerminating.class,
          EngineEvent.JoinConsumed.class,
          EngineEvent.JoinTokensDiscarded.class,
          EngineEvent.ClockChanged.class,
          EngineEvent.TimerCreated.class,
          EngineEvent.TimerTriggered.class,
          EngineEvent.TimerCanceled.class,
          EngineEvent.MessagePublished.class,
          EngineEvent.MessageExpired.class,
          EngineEvent.MessageStartLockReleased.class,
          EngineEvent.SignalSubscriptionCreated.class,
          EngineEvent.SignalSubscriptionDeleted.class,
          EngineEvent.DeploymentContents.class);

  private final LongFunction<ExecutableProcess> processes;
  private final Map<Long, ProcessDefinitionRecord> definitions = new ConcurrentHashMap<>();
  private final Map<Long, FormRecord> forms = new ConcurrentHashMap<>();
  private final Map<Long, ProcessInstanceRecord> processInstances = new ConcurrentHashMap<>();
  private final Map<Long, ElementInstanceRecord> elementInstances = new ConcurrentHashMap<>();
  private final Map<Long, List<Long>> elementInstancesByProcess = new ConcurrentHashMap<>();
  private final Map<Long, VariableRecord> variables = new ConcurrentHashMap<>();
  private final Map<Long, List<Long>> variablesByProcess = new ConcurrentHashMap<>();
  private final Map<Long, JobRecord> jobs = new ConcurrentHashMap<>();
  private final Map<Long, IncidentRecord> incidents = new ConcurrentHashMap<>();
  private final Map<Long, Integer> openIncidentsByProcess = new ConcurrentHashMap<>();
  private final Map<Long, List<SequenceFlowRecord>> sequenceFlows = new ConcurrentHashMap<>();
  private final AtomicLong position = new AtomicLong();
  private final EventProjection events = new EventProjection();
  private final UserTaskProjection userTasks;
  private final DecisionProjection decisions = new DecisionProjection();
  private volatile long changeId;

  public ReadModelProjection(LongFunction<ExecutableProcess> processes) {
    this.processes = processes;
    this.userTasks = new UserTaskProjection(processes, definitions::get);
  }

  /** The change id of the last purge this read model reflects. */
  public long changeId() {
    return changeId;
  }

  public void apply(EventBatch batch) {
    long time = batch.timestamp();
    for (EngineEvent event : batch.events()) {
      apply(event, time);
    }
  }

  private void apply(EngineEvent event, long time) {
    boolean byEvents = events.apply(event, time);
    if (userTasks.apply(event, time) || decisions.apply(event, time)) {
      return;
    }
    if (event instanceof ElementActivating e) {
      elementActivating(e, time);
    } else if (event instanceof ElementCompleted e) {
      elementEnded(e.key(), ElementInstanceState.COMPLETED, time);
    } else if (event instanceof ElementTerminated e) {
      elementEnded(e.key(), ElementInstanceState.TERMINATED, time);
    } else if (event instanceof SequenceFlowTaken e) {
      ExecutableProcess process = processes.apply(e.processDefinitionKey());
      sequenceFlows
          .computeIfAbsent(e.processInstanceKey(), k -> new CopyOnWriteArrayList<>())
          .add(
              new SequenceFlowRecord(
                  e.processInstanceKey(),
                  e.processDefinitionKey(),
                  process.bpmnProcessId(),
                  e.flowId(),
                  Commands.DEFAULT_TENANT));
    } else if (event instanceof VariableCreated e) {
      variables.put(
          e.key(),
          new VariableRecord(
              e.key(),
              e.name(),
              e.value(),
              e.scopeKey(),
              e.processInstanceKey(),
              Commands.DEFAULT_TENANT));
      variablesByProcess
          .computeIfAbsent(e.processInstanceKey(), k -> new CopyOnWriteArrayList<>())
          .add(e.key());
    } else if (event instanceof VariableUpdated e) {
      variables.put(
          e.key(),
          new VariableRecord(
              e.key(),
              e.name(),
              e.value(),
              e.scopeKey(),
              e.processInstanceKey(),
              Commands.DEFAULT_TENANT));
    } else if (event instanceof JobCreated e) {
      jobCreated(e);
    } else if (event instanceof JobActivated e) {
      updateJob(
          e.key(),
          j ->
              withJob(
                  j,
                  JobState.CREATED,
                  j.retries(),
                  e.worker(),
                  e.deadline(),
                  j.errorMessage(),
                  j.errorCode(),
                  null));
    } else if (event instanceof JobCompleted e) {
      updateJob(
          e.key(),
          j ->
              withJob(
                  j,
                  JobState.COMPLETED,
                  j.retries(),
                  j.worker(),
                  j.deadline(),
                  j.errorMessage(),
                  j.errorCode(),
                  time));
    } else if (event instanceof JobFailed e) {
      updateJob(
          e.key(),
          j ->
              withJob(
                  j,
                  JobState.FAILED,
                  e.retries(),
                  j.worker(),
                  j.deadline(),
                  e.errorMessage(),
                  j.errorCode(),
                  null));
    } else if (event instanceof JobRecurred e) {
      updateJob(
          e.key(),
          j ->
              withJob(
                  j,
                  JobState.FAILED,
                  j.retries(),
                  j.worker(),
                  j.deadline(),
                  j.errorMessage(),
                  j.errorCode(),
                  null));
    } else if (event instanceof JobTimedOut e) {
      updateJob(
          e.key(),
          j ->
              withJob(
                  j,
                  JobState.TIMED_OUT,
                  j.retries(),
                  j.worker(),
                  null,
                  j.errorMessage(),
                  j.errorCode(),
                  null));
    } else if (event instanceof JobYielded e) {
      // Camunda's job search has no YIELDED state: the job is back to waiting for a worker,
      // unlocked
      updateJob(
          e.key(),
          j ->
              withJob(
                  j,
                  JobState.CREATED,
                  j.retries(),
                  null,
                  null,
                  j.errorMessage(),
                  j.errorCode(),
                  null));
    } else if (event instanceof JobRetriesUpdated e) {
      updateJob(
          e.key(),
          j ->
              withJob(
                  j,
                  JobState.RETRIES_UPDATED,
                  e.retries(),
                  j.worker(),
                  j.deadline(),
                  j.errorMessage(),
                  j.errorCode(),
                  null));
    } else if (event instanceof JobTimeoutUpdated e) {
      updateJob(
          e.key(),
          j ->
              withJob(
                  j,
                  j.state(),
                  j.retries(),
                  j.worker(),
                  e.deadline(),
                  j.errorMessage(),
                  j.errorCode(),
                  null));
    } else if (event instanceof JobErrorThrown e) {
      updateJob(
          e.key(),
          j ->
              withJob(
                  j,
                  JobState.ERROR_THROWN,
                  j.retries(),
                  j.worker(),
                  j.deadline(),
                  e.errorMessage(),
                  e.errorCode(),
                  time));
    } else if (event instanceof JobCanceled e) {
      updateJob(
          e.key(),
          j ->
              j.state() == JobState.ERROR_THROWN
                  ? j
                  : withJob(
                      j,
                      JobState.CANCELED,
                      j.retries(),
                      j.worker(),
                      j.deadline(),
                      j.errorMessage(),
                      j.errorCode(),
                      time));
    } else if (event instanceof IncidentCreated e) {
      incidentCreated(e, time);
    } else if (event instanceof IncidentResolved e) {
      incidentResolved(e);
    } else if (event instanceof ResourceDeployed e) {
      resourceDeployed(e);
    } else if (event instanceof Purged e) {
      clear();
      changeId = e.changeId();
    } else if (!byEvents && !NOT_NEEDED.contains(event.getClass())) {
      throw new IllegalArgumentException("the read model does not consider " + event);
    }
  }

  private void elementActivating(ElementActivating e, long time) {
    ExecutableProcess process = processes.apply(e.processDefinitionKey());
    ExecutableElement element = process.element(e.elementId());
    if (e.flowScopeKey() < 0) {
      ProcessDefinitionRecord definition = definitions.get(e.processDefinitionKey());
      processInstances.put(
          e.key(),
          new ProcessInstanceRecord(
              e.key(),
              e.processDefinitionKey(),
              process.bpmnProcessId(),
              process.name() == null ? process.bpmnProcessId() : process.name(),
              definition == null ? 0 : definition.version(),
              process.versionTag(),
              time,
              null,
              ProcessInstanceState.ACTIVE,
              false,
              Commands.DEFAULT_TENANT,
              e.parentProcessInstanceKey(),
              e.parentElementInstanceKey(),
              e.tags() == null ? List.of() : e.tags()));
    }
    ElementKind kind = element.kind();
    elementInstances.put(
        e.key(),
        new ElementInstanceRecord(
            e.key(),
            e.processInstanceKey(),
            e.processDefinitionKey(),
            process.bpmnProcessId(),
            element.id(),
            element.name() == null ? element.id() : element.name(),
            kind.name(),
            ElementInstanceState.ACTIVE,
            time,
            null,
            false,
            null,
            Commands.DEFAULT_TENANT,
            e.flowScopeKey(),
            position.incrementAndGet()));
    elementInstancesByProcess
        .computeIfAbsent(e.processInstanceKey(), k -> new CopyOnWriteArrayList<>())
        .add(e.key());
  }

  private void elementEnded(long key, ElementInstanceState state, long time) {
    ElementInstanceRecord ended =
        elementInstances.computeIfPresent(
            key,
            (k, r) ->
                new ElementInstanceRecord(
                    r.elementInstanceKey(),
                    r.processInstanceKey(),
                    r.processDefinitionKey(),
                    r.bpmnProcessId(),
                    r.elementId(),
                    r.elementName(),
                    r.type(),
                    state,
                    r.startDate(),
                    time,
                    r.hasIncident(),
                    r.incidentKey(),
                    r.tenantId(),
                    r.flowScopeKey(),
                    r.position()));
    if (ended != null && ended.flowScopeKey() < 0) {
      ProcessInstanceState piState =
          state == ElementInstanceState.COMPLETED
              ? ProcessInstanceState.COMPLETED
              : ProcessInstanceState.TERMINATED;
      processInstances.computeIfPresent(
          key,
          (k, p) ->
              new ProcessInstanceRecord(
                  p.processInstanceKey(),
                  p.processDefinitionKey(),
                  p.bpmnProcessId(),
                  p.processDefinitionName(),
                  p.processDefinitionVersion(),
                  p.processDefinitionVersionTag(),
                  p.startDate(),
                  time,
                  piState,
                  p.hasIncident(),
                  p.tenantId(),
                  p.parentProcessInstanceKey(),
                  p.parentElementInstanceKey(),
                  p.tags()));
    }
  }

  private void jobCreated(JobCreated e) {
    ElementInstanceRecord element = elementInstances.get(e.elementInstanceKey());
    jobs.put(
        e.key(),
        new JobRecord(
            e.key(),
            e.type(),
            null,
            JobState.CREATED,
            "BPMN_ELEMENT",
            "UNSPECIFIED",
            e.retries(),
            false,
            null,
            false,
            null,
            null,
            e.customHeaders(),
            null,
            null,
            element.bpmnProcessId(),
            element.processDefinitionKey(),
            e.processInstanceKey(),
            element.elementId(),
            e.elementInstanceKey(),
            Commands.DEFAULT_TENANT));
  }

  private interface JobUpdate {
    JobRecord apply(JobRecord job);
  }

  private void updateJob(long key, JobUpdate update) {
    jobs.computeIfPresent(key, (k, j) -> update.apply(j));
  }

  private static JobRecord withJob(
      JobRecord j,
      JobState state,
      int retries,
      String worker,
      Long deadline,
      String errorMessage,
      String errorCode,
      Long endTime) {
    boolean failedWithRetriesLeft = state == JobState.FAILED && retries > 0;
    return new JobRecord(
        j.jobKey(),
        j.type(),
        worker,
        state,
        j.kind(),
        j.listenerEventType(),
        retries,
        j.isDenied(),
        j.deniedReason(),
        failedWithRetriesLeft,
        errorCode,
        errorMessage,
        j.customHeaders(),
        deadline,
        endTime,
        j.bpmnProcessId(),
        j.processDefinitionKey(),
        j.processInstanceKey(),
        j.elementId(),
        j.elementInstanceKey(),
        j.tenantId());
  }

  private void incidentCreated(IncidentCreated e, long time) {
    ElementInstanceRecord element = elementInstances.get(e.elementInstanceKey());
    incidents.put(
        e.key(),
        new IncidentRecord(
            e.key(),
            element.bpmnProcessId(),
            element.processDefinitionKey(),
            e.processInstanceKey(),
            e.errorType(),
            e.errorMessage(),
            element.elementId(),
            e.elementInstanceKey(),
            e.jobKey(),
            time,
            IncidentState.ACTIVE,
            Commands.DEFAULT_TENANT));
    markIncident(e.elementInstanceKey(), e.key(), true);
    if (openIncidentsByProcess.merge(e.processInstanceKey(), 1, Integer::sum) == 1) {
      markProcessIncident(e.processInstanceKey(), true);
    }
  }

  private void incidentResolved(IncidentResolved e) {
    IncidentRecord incident =
        incidents.computeIfPresent(
            e.key(),
            (k, i) ->
                new IncidentRecord(
                    i.incidentKey(),
                    i.bpmnProcessId(),
                    i.processDefinitionKey(),
                    i.processInstanceKey(),
                    i.errorType(),
                    i.errorMessage(),
                    i.elementId(),
                    i.elementInstanceKey(),
                    i.jobKey(),
                    i.creationTime(),
                    IncidentState.RESOLVED,
                    i.tenantId()));
    if (incident == null) {
      return;
    }
    markIncident(incident.elementInstanceKey(), null, false);
    Integer open =
        openIncidentsByProcess.computeIfPresent(
            incident.processInstanceKey(), (k, n) -> n > 1 ? n - 1 : null);
    if (open == null) {
      markProcessIncident(incident.processInstanceKey(), false);
    }
  }

  private void markIncident(long elementInstanceKey, Long incidentKey, boolean hasIncident) {
    elementInstances.computeIfPresent(
        elementInstanceKey,
        (k, r) ->
            new ElementInstanceRecord(
                r.elementInstanceKey(),
                r.processInstanceKey(),
                r.processDefinitionKey(),
                r.bpmnProcessId(),
                r.elementId(),
                r.elementName(),
                r.type(),
                r.state(),
                r.startDate(),
                r.endDate(),
                hasIncident,
                incidentKey,
                r.tenantId(),
                r.flowScopeKey(),
                r.position()));
  }

  private void markProcessIncident(long processInstanceKey, boolean hasIncident) {
    processInstances.computeIfPresent(
        processInstanceKey,
        (k, p) ->
            new ProcessInstanceRecord(
                p.processInstanceKey(),
                p.processDefinitionKey(),
                p.bpmnProcessId(),
                p.processDefinitionName(),
                p.processDefinitionVersion(),
                p.processDefinitionVersionTag(),
                p.startDate(),
                p.endDate(),
                p.state(),
                hasIncident,
                p.tenantId(),
                p.parentProcessInstanceKey(),
                p.parentElementInstanceKey(),
                p.tags()));
  }

  private void resourceDeployed(ResourceDeployed e) {
    if ("process".equals(e.kind())) {
      ExecutableProcess process = processes.apply(e.key());
      definitions.put(
          e.key(),
          new ProcessDefinitionRecord(
              e.key(),
              e.id(),
              process.name() == null ? e.id() : process.name(),
              e.version(),
              process.versionTag(),
              e.resourceName(),
              e.tenantId(),
              e.deploymentKey(),
              process.root().noneStartEvent() != null
                  && process.root().noneStartEvent().startForm() != null,
              e.content()));
    } else if ("form".equals(e.kind())) {
      forms.put(
          e.key(),
          new FormRecord(
              e.key(),
              e.id(),
              e.version(),
              e.content(),
              e.resourceName(),
              e.tenantId(),
              e.deploymentKey()));
    }
  }

  private void clear() {
    definitions.clear();
    forms.clear();
    processInstances.clear();
    elementInstances.clear();
    elementInstancesByProcess.clear();
    variables.clear();
    variablesByProcess.clear();
    jobs.clear();
    incidents.clear();
    openIncidentsByProcess.clear();
    sequenceFlows.clear();
    userTasks.clear();
    decisions.clear();
  }

  // ---------------------------------------------------------------- snapshots

  /** A copy of everything, for a snapshot; called on the writer thread between batches. */
  public ReadModelImage image() {
    return new ReadModelImage(
        changeId,
        position.get(),
        ReadModelImage.sorted(definitions.values(), ProcessDefinitionRecord::processDefinitionKey),
        ReadModelImage.sorted(forms.values(), FormRecord::formKey),
        ReadModelImage.sorted(processInstances.values(), ProcessInstanceRecord::processInstanceKey),
        ReadModelImage.sorted(elementInstances.values(), ElementInstanceRecord::elementInstanceKey),
        ReadModelImage.copyLists(elementInstancesByProcess),
        ReadModelImage.sorted(variables.values(), VariableRecord::variableKey),
        ReadModelImage.copyLists(variablesByProcess),
        ReadModelImage.sorted(jobs.values(), JobRecord::jobKey),
        ReadModelImage.sorted(incidents.values(), IncidentRecord::incidentKey),
        new java.util.TreeMap<>(openIncidentsByProcess),
        ReadModelImage.copyLists(sequenceFlows),
        events.subscriptionsImage(),
        events.correlationsImage(),
        userTasks.image(),
        decisions.definitionsImage(),
        decisions.requirementsImage(),
        decisions.instancesImage());
  }

  /**
   * Empties the read model completely (before falling back to another snapshot or the full
   * journal).
   */
  public void reset() {
    restore(
        new ReadModelImage(
            0, 0, List.of(), List.of(), List.of(), List.of(), Map.of(), List.of(), Map.of(),
            List.of(), List.of(), Map.of(), Map.of(), List.of(), List.of(), List.of(), List.of(),
            List.of(), List.of()));
  }

  /**
   * Replaces everything with a snapshot's image (on start, before the journal tail is replayed).
   */
  public void restore(ReadModelImage image) {
    clear();
    changeId = image.changeId();
    position.set(image.position());
    image.processDefinitions().forEach(r -> definitions.put(r.processDefinitionKey(), r));
    image.forms().forEach(r -> forms.put(r.formKey(), r));
    image.processInstances().forEach(r -> processInstances.put(r.processInstanceKey(), r));
    image.elementInstances().forEach(r -> elementInstances.put(r.elementInstanceKey(), r));
    image
        .elementInstancesByProcess()
        .forEach((k, v) -> elementInstancesByProcess.put(k, new CopyOnWriteArrayList<>(v)));
    image.variables().forEach(r -> variables.put(r.variableKey(), r));
    image
        .variablesByProcess()
        .forEach((k, v) -> variablesByProcess.put(k, new CopyOnWriteArrayList<>(v)));
    image.jobs().forEach(r -> jobs.put(r.jobKey(), r));
    image.incidents().forEach(r -> incidents.put(r.incidentKey(), r));
    openIncidentsByProcess.putAll(image.openIncidentsByProcess());
    image.sequenceFlows().forEach((k, v) -> sequenceFlows.put(k, new CopyOnWriteArrayList<>(v)));
    events.restore(image.messageSubscriptions(), image.correlations());
    userTasks.restore(image.userTasks());
    decisions.restore(
        image.decisionDefinitions(), image.decisionRequirements(), image.decisionInstances());
  }

  // ---------------------------------------------------------------- ReadModel

  @Override
  public Collection<ProcessDefinitionRecord> processDefinitions() {
    return Collections.unmodifiableCollection(definitions.values());
  }

  @Override
  public Optional<ProcessDefinitionRecord> processDefinition(long key) {
    return Optional.ofNullable(definitions.get(key));
  }

  @Override
  public Collection<ProcessInstanceRecord> processInstances() {
    return Collections.unmodifiableCollection(processInstances.values());
  }

  @Override
  public Optional<ProcessInstanceRecord> processInstance(long key) {
    return Optional.ofNullable(processInstances.get(key));
  }

  @Override
  public Collection<ElementInstanceRecord> elementInstances() {
    return Collections.unmodifiableCollection(elementInstances.values());
  }

  @Override
  public List<ElementInstanceRecord> elementInstancesOf(long processInstanceKey) {
    return resolve(elementInstancesByProcess.get(processInstanceKey), elementInstances);
  }

  @Override
  public Optional<ElementInstanceRecord> elementInstance(long key) {
    return Optional.ofNullable(elementInstances.get(key));
  }

  @Override
  public Collection<VariableRecord> variables() {
    return Collections.unmodifiableCollection(variables.values());
  }

  @Override
  public List<VariableRecord> variablesOf(long processInstanceKey) {
    return resolve(variablesByProcess.get(processInstanceKey), variables);
  }

  @Override
  public Optional<VariableRecord> variable(long key) {
    return Optional.ofNullable(variables.get(key));
  }

  @Override
  public Collection<JobRecord> jobs() {
    return Collections.unmodifiableCollection(jobs.values());
  }

  @Override
  public Optional<JobRecord> job(long key) {
    return Optional.ofNullable(jobs.get(key));
  }

  @Override
  public Collection<IncidentRecord> incidents() {
    return Collections.unmodifiableCollection(incidents.values());
  }

  @Override
  public Optional<IncidentRecord> incident(long key) {
    return Optional.ofNullable(incidents.get(key));
  }

  @Override
  public List<SequenceFlowRecord> sequenceFlowsOf(long processInstanceKey) {
    return List.copyOf(sequenceFlows.getOrDefault(processInstanceKey, List.of()));
  }

  @Override
  public Collection<FormRecord> forms() {
    return Collections.unmodifiableCollection(forms.values());
  }

  @Override
  public Optional<FormRecord> form(long key) {
    return Optional.ofNullable(forms.get(key));
  }

  @Override
  public Collection<MessageSubscriptionRecord> messageSubscriptions() {
    return events.messageSubscriptions();
  }

  @Override
  public Collection<CorrelatedMessageSubscriptionRecord> correlatedMessageSubscriptions() {
    return events.correlatedMessageSubscriptions();
  }

  @Override
  public Collection<Records.UserTaskRecord> userTasks() {
    return userTasks.all();
  }

  @Override
  public Optional<Records.UserTaskRecord> userTask(long key) {
    return userTasks.get(key);
  }

  /** Resolves the start form like a user task's: latest, deployed together, or by version tag. */
  @Override
  public Optional<FormRecord> startForm(long processDefinitionKey) {
    ExecutableProcess process = processes.apply(processDefinitionKey);
    ProcessDefinitionRecord definition = definitions.get(processDefinitionKey);
    if (process == null || definition == null || process.root().noneStartEvent() == null) {
      return Optional.empty();
    }
    io.civicflow.engine.model.FormLink link = process.root().noneStartEvent().startForm();
    if (link == null || !link.isLinked()) {
      return Optional.empty();
    }
    java.util.stream.Stream<FormRecord> candidates =
        forms.values().stream().filter(f -> f.formId().equals(link.formId()));
    if (link.binding() == io.civicflow.engine.model.FormLink.Binding.DEPLOYMENT) {
      candidates = candidates.filter(f -> f.deploymentKey() == definition.deploymentKey());
    } else if (link.binding() == io.civicflow.engine.model.FormLink.Binding.VERSION_TAG) {
      candidates = candidates.filter(f -> link.versionTag().equals(formVersionTag(f.schema())));
    }
    return candidates.max(java.util.Comparator.comparingInt(FormRecord::version));
  }

  private static String formVersionTag(String schema) {
    try {
      com.fasterxml.jackson.databind.JsonNode tag =
          io.civicflow.engine.json.Json.VALUES.readTree(schema).get("versionTag");
      return tag == null || !tag.isTextual() ? null : tag.asText();
    } catch (java.io.IOException e) {
      return null;
    }
  }

  @Override
  public Collection<Records.DecisionDefinitionRecord> decisionDefinitions() {
    return decisions.definitions();
  }

  @Override
  public Optional<Records.DecisionDefinitionRecord> decisionDefinition(long key) {
    return decisions.definition(key);
  }

  @Override
  public Collection<Records.DecisionRequirementsRecord> decisionRequirements() {
    return decisions.requirements();
  }

  @Override
  public Optional<Records.DecisionRequirementsRecord> decisionRequirements(long key) {
    return decisions.requirements(key);
  }

  @Override
  public Collection<Records.DecisionInstanceRecord> decisionInstances() {
    return decisions.instances();
  }

  @Override
  public Optional<Records.DecisionInstanceRecord> decisionInstance(String id) {
    return decisions.instance(id);
  }

  private static <T> List<T> resolve(List<Long> keys, Map<Long, T> records) {
    if (keys == null) {
      return List.of();
    }
    List<T> result = new ArrayList<>(keys.size());
    for (Long key : keys) {
      T record = records.get(key);
      if (record != null) {
        result.add(record);
      }
    }
    return result;
  }
}
