package io.civicflow.engine.query;

import io.civicflow.engine.event.EngineEvent;
import io.civicflow.engine.event.EngineEvent.Purged;
import io.civicflow.engine.event.EventBatch;
import io.civicflow.engine.event.IdentityEvent;
import io.civicflow.engine.history.HistoryExportStatus;
import io.civicflow.engine.history.HistoryRetention;
import io.civicflow.engine.history.HistoryStore;
import io.civicflow.engine.model.ExecutableProcess;
import io.civicflow.engine.query.Records.CorrelatedMessageSubscriptionRecord;
import io.civicflow.engine.query.Records.ElementInstanceRecord;
import io.civicflow.engine.query.Records.FormRecord;
import io.civicflow.engine.query.Records.IncidentRecord;
import io.civicflow.engine.query.Records.JobRecord;
import io.civicflow.engine.query.Records.MessageSubscriptionRecord;
import io.civicflow.engine.query.Records.ProcessDefinitionRecord;
import io.civicflow.engine.query.Records.ProcessInstanceRecord;
import io.civicflow.engine.query.Records.SequenceFlowRecord;
import io.civicflow.engine.query.Records.VariableRecord;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;

/**
 * Builds the read model from durable event batches, in journal order, on the writer thread. Holds
 * what is running; the history of a root instance that ended moves to the {@link HistoryStore}
 * ({@link HistoryExport}), and {@link TieredReadModel} answers from both. A purge clears both.
 *
 * <p>This class dispatches every event and owns the snapshot image; the records live in one
 * projection per family: {@link DefinitionProjection} (process definitions, forms), {@link
 * InstanceProjection} (process and element instances, variables, sequence flows), {@link
 * JobProjection}, {@link IncidentProjection}, {@link UserTaskProjection}, {@link EventProjection}
 * (message subscriptions and correlations) and {@link DecisionProjection}.
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
          EngineEvent.DeploymentContents.class,
          // identity: read from the engine state's published IdentityDirectory (EngineApi.identity)
          IdentityEvent.UserCreated.class,
          IdentityEvent.UserUpdated.class,
          IdentityEvent.UserDeleted.class,
          IdentityEvent.GroupCreated.class,
          IdentityEvent.GroupUpdated.class,
          IdentityEvent.GroupDeleted.class,
          IdentityEvent.RoleCreated.class,
          IdentityEvent.RoleUpdated.class,
          IdentityEvent.RoleDeleted.class,
          IdentityEvent.TenantCreated.class,
          IdentityEvent.TenantUpdated.class,
          IdentityEvent.TenantDeleted.class,
          IdentityEvent.MappingRuleCreated.class,
          IdentityEvent.MappingRuleUpdated.class,
          IdentityEvent.MappingRuleDeleted.class,
          IdentityEvent.MembershipAdded.class,
          IdentityEvent.MembershipRemoved.class,
          IdentityEvent.AuthorizationCreated.class,
          IdentityEvent.AuthorizationUpdated.class,
          IdentityEvent.AuthorizationDeleted.class,
          IdentityEvent.IdentitySeeded.class);

  private final DefinitionProjection definitions;
  private final InstanceProjection instances;
  private final JobProjection jobs;
  private final IncidentProjection incidents;
  private final EventProjection events;
  private final UserTaskProjection userTasks;
  private final DecisionProjection decisions = new DecisionProjection();
  private final BatchOperationProjection batches = new BatchOperationProjection();
  private volatile long changeId;
  private final LongFunction<ExecutableProcess> processes;

  private final HistoryExport history;
  private final LongSupplier now;

  /**
   * A read model that moves history into {@code store} (kept for {@code retention}, counted on
   * {@code now}, the engine clock) and holds only what is running.
   */
  public ReadModelProjection(
      LongFunction<ExecutableProcess> processes,
      HistoryStore store,
      HistoryRetention retention,
      LongSupplier now) {
    this.processes = processes;
    this.now = now;
    this.definitions = new DefinitionProjection(processes);
    this.events = new EventProjection(definitions::definitionOrNull);
    this.instances = new InstanceProjection(processes, definitions::definitionOrNull);
    this.jobs = new JobProjection(instances::elementInstanceOrNull);
    this.incidents = new IncidentProjection(instances);
    this.userTasks = new UserTaskProjection(processes, definitions::definitionOrNull);
    this.history =
        new HistoryExport(
            store,
            retention,
            key -> instances.processInstance(key).orElse(null),
            List.of(
                new HistoryExport.Holder(instances::history, instances::evict),
                new HistoryExport.Holder(jobs::history, jobs::evict),
                new HistoryExport.Holder(incidents::history, incidents::evict),
                new HistoryExport.Holder(userTasks::history, userTasks::evict),
                new HistoryExport.Holder(events::history, events::evict),
                new HistoryExport.Holder(decisions::history, decisions::evict)),
            List.of(decisions.standalone(), batches.standalone()));
  }

  /**
   * How many records the history export looked at to hand ended instances to the store and evict
   * them (for tests: it grows with the ended instances' records, not with the active work).
   */
  long historyRecordsVisited() {
    return jobs.historyVisits()
        + incidents.historyVisits()
        + userTasks.historyVisits()
        + events.historyVisits()
        + decisions.historyVisits();
  }

  /** How many process instances the jobs' per-instance index holds (for tests). */
  int jobsIndexedInstances() {
    return jobs.indexedInstances();
  }

  /** Where the history this read model no longer holds is. */
  public HistoryStore historyStore() {
    return history.store();
  }

  /**
   * Writer thread, at a snapshot marker: records in the store that everything up to {@code
   * position} is exported (a batch that ended no instance moves the store's position only so), so a
   * snapshot at {@code position} is never ahead of the store — unless exports are pending, whose
   * instances the snapshot then carries.
   *
   * @return the store's exported position for the snapshot to record ({@code position} itself when
   *     nothing is pending), or -1 if the store refused: the snapshot must not be written
   */
  public long exportedThrough(long position) {
    return history.exportedThrough(position, now.getAsLong());
  }

  /** Writer thread, between batches: retries pending history exports whose back-off passed. */
  public void retryHistoryExport() {
    history.retry(now.getAsLong());
  }

  /** How the history export stands (any thread). */
  public HistoryExportStatus historyExport() {
    return history.status();
  }

  /** Makes the exported history durable (before a snapshot of this read model is written). */
  public void syncHistory() {
    history.store().sync();
  }

  /**
   * After {@link #restore} from the snapshot at {@code position}: follows the running instance
   * trees again and exports what ended in the image (exports pending when the snapshot was taken; a
   * snapshot of format 4 still held all history).
   *
   * @param historyPosition the store's exported position the snapshot recorded (0: unknown)
   * @throws IllegalStateException if the history store is behind what the snapshot recorded of it
   *     (the snapshot is then unusable and an older one or the full journal is replayed)
   */
  public void restoredAt(long position, long historyPosition) {
    history.restored(
        position, historyPosition, List.copyOf(instances.processInstances()), now.getAsLong());
  }

  /** The change id of the last purge this read model reflects. */
  public long changeId() {
    return changeId;
  }

  /**
   * Applies a durable batch, then exports the history of the root instances that ended in it (see
   * {@link HistoryExport}).
   */
  public void apply(EventBatch batch) {
    apply(List.of(batch));
  }

  /**
   * Applies durable batches in journal order, then exports in one write the history of the root
   * instances that ended in them (see {@link HistoryExport}).
   */
  public void apply(List<EventBatch> batches) {
    for (EventBatch batch : batches) {
      long time = batch.timestamp();
      for (EngineEvent event : batch.events()) {
        if (event instanceof Purged) {
          history.purged(batch.position(), now.getAsLong());
        }
        history.observe(event);
        apply(event, time);
      }
      history.afterBatch(batch.position(), now.getAsLong());
    }
    history.flush(now.getAsLong());
  }

  private void apply(EngineEvent event, long time) {
    boolean byEvents = events.apply(event, time);
    if (userTasks.apply(event, time)
        || decisions.apply(event, time)
        || instances.apply(event, time)
        || jobs.apply(event, time)
        || incidents.apply(event, time)
        || batches.apply(event, time)
        || definitions.apply(event)) {
      return;
    }
    if (event instanceof EngineEvent.ProcessInstanceMigrated e) {
      ExecutableProcess target = processes.apply(e.targetProcessDefinitionKey());
      new MigratedInstance(target, definitions.definitionOrNull(e.targetProcessDefinitionKey()))
          .apply(e, time, instances, jobs, userTasks, incidents, events);
    } else if (event instanceof Purged e) {
      clear();
      changeId = e.changeId();
    } else if (!byEvents && !NOT_NEEDED.contains(event.getClass())) {
      throw new IllegalArgumentException("the read model does not consider " + event);
    }
  }

  private void clear() {
    definitions.clear();
    instances.clear();
    jobs.clear();
    incidents.clear();
    userTasks.clear();
    decisions.clear();
    batches.clear();
  }

  // ---------------------------------------------------------------- snapshots

  /** A copy of everything, for a snapshot; called on the writer thread between batches. */
  public ReadModelImage image() {
    return new ReadModelImage(
        changeId,
        instances.position(),
        definitions.definitionsImage(),
        definitions.formsImage(),
        instances.processInstancesImage(),
        instances.elementInstancesImage(),
        instances.elementInstancesByProcessImage(),
        instances.variablesImage(),
        instances.variablesByProcessImage(),
        jobs.image(),
        incidents.image(),
        incidents.openByProcessImage(),
        instances.sequenceFlowsImage(),
        events.subscriptionsImage(),
        events.correlationsImage(),
        userTasks.image(),
        decisions.definitionsImage(),
        decisions.requirementsImage(),
        decisions.instancesImage(),
        batches.batchesImage(),
        batches.itemsImage());
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
            List.of(), List.of(), List.of(), List.of()));
  }

  /**
   * Replaces everything with a snapshot's image (on start, before the journal tail is replayed).
   */
  public void restore(ReadModelImage image) {
    clear();
    history.clear();
    changeId = image.changeId();
    definitions.restore(image.processDefinitions(), image.forms());
    instances.restore(image);
    jobs.restore(image.jobs());
    incidents.restore(image.incidents(), image.openIncidentsByProcess());
    events.restore(image.messageSubscriptions(), image.correlations());
    userTasks.restore(image.userTasks());
    decisions.restore(
        image.decisionDefinitions(), image.decisionRequirements(), image.decisionInstances());
    batches.restore(image.batchOperations(), image.batchOperationItems());
  }

  @Override
  public Collection<Records.BatchOperationRecord> batchOperations() {
    return batches.batchOperations();
  }

  @Override
  public Optional<Records.BatchOperationRecord> batchOperation(long batchOperationKey) {
    return batches.batchOperation(batchOperationKey);
  }

  @Override
  public List<Records.BatchOperationItemRecord> batchOperationItems() {
    return batches.items();
  }

  @Override
  public List<Records.BatchOperationItemRecord> batchOperationItemsOf(long batchOperationKey) {
    return batches.itemsOf(batchOperationKey);
  }

  // ---------------------------------------------------------------- ReadModel

  @Override
  public Collection<ProcessDefinitionRecord> processDefinitions() {
    return definitions.definitions();
  }

  @Override
  public Optional<ProcessDefinitionRecord> processDefinition(long key) {
    return Optional.ofNullable(definitions.definitionOrNull(key));
  }

  @Override
  public Collection<ProcessInstanceRecord> processInstances() {
    return instances.processInstances();
  }

  @Override
  public Optional<ProcessInstanceRecord> processInstance(long key) {
    return instances.processInstance(key);
  }

  @Override
  public Collection<ElementInstanceRecord> elementInstances() {
    return instances.elementInstances();
  }

  @Override
  public List<ElementInstanceRecord> elementInstancesOf(long processInstanceKey) {
    return instances.elementInstancesOf(processInstanceKey);
  }

  @Override
  public Optional<ElementInstanceRecord> elementInstance(long key) {
    return Optional.ofNullable(instances.elementInstanceOrNull(key));
  }

  @Override
  public Collection<VariableRecord> variables() {
    return instances.variables();
  }

  @Override
  public List<VariableRecord> variablesOf(long processInstanceKey) {
    return instances.variablesOf(processInstanceKey);
  }

  @Override
  public Optional<VariableRecord> variable(long key) {
    return instances.variable(key);
  }

  @Override
  public Collection<JobRecord> jobs() {
    return jobs.all();
  }

  @Override
  public Optional<JobRecord> job(long key) {
    return jobs.get(key);
  }

  @Override
  public Collection<IncidentRecord> incidents() {
    return incidents.all();
  }

  @Override
  public Optional<IncidentRecord> incident(long key) {
    return incidents.get(key);
  }

  @Override
  public List<SequenceFlowRecord> sequenceFlowsOf(long processInstanceKey) {
    return instances.sequenceFlowsOf(processInstanceKey);
  }

  @Override
  public Collection<FormRecord> forms() {
    return definitions.forms();
  }

  @Override
  public Optional<FormRecord> form(long key) {
    return definitions.form(key);
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
    return definitions.startForm(processDefinitionKey);
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
}
