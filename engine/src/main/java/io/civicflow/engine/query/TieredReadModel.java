package io.civicflow.engine.query;

import io.civicflow.engine.api.EngineRejection;
import io.civicflow.engine.api.RejectionType;
import io.civicflow.engine.history.HistoryKind;
import io.civicflow.engine.history.HistoryStore;
import io.civicflow.engine.query.Records.BatchOperationItemRecord;
import io.civicflow.engine.query.Records.BatchOperationRecord;
import io.civicflow.engine.query.Records.CorrelatedMessageSubscriptionRecord;
import io.civicflow.engine.query.Records.DecisionDefinitionRecord;
import io.civicflow.engine.query.Records.DecisionInstanceRecord;
import io.civicflow.engine.query.Records.DecisionRequirementsRecord;
import io.civicflow.engine.query.Records.ElementInstanceRecord;
import io.civicflow.engine.query.Records.FormRecord;
import io.civicflow.engine.query.Records.IncidentRecord;
import io.civicflow.engine.query.Records.JobRecord;
import io.civicflow.engine.query.Records.MessageSubscriptionRecord;
import io.civicflow.engine.query.Records.ProcessDefinitionRecord;
import io.civicflow.engine.query.Records.ProcessInstanceRecord;
import io.civicflow.engine.query.Records.SequenceFlowRecord;
import io.civicflow.engine.query.Records.UserTaskRecord;
import io.civicflow.engine.query.Records.VariableRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read model every search and get-by-key reads: what is running (the {@link
 * ReadModelProjection} in the heap) together with the history in the {@link HistoryStore}. The heap
 * is read first and the store second: the writer stores a record before it removes it from the
 * heap, so a reader finds it in one of them (in both, it is taken once, from the heap). Every
 * answered command is in one of them, since the writer exports before it answers.
 */
public final class TieredReadModel implements ReadModel {

  private final ReadModelProjection runtime;
  private static final Logger LOG = LoggerFactory.getLogger(TieredReadModel.class);

  private final HistoryStore store;
  private volatile String readError;

  public TieredReadModel(ReadModelProjection runtime) {
    this.runtime = runtime;
    this.store = runtime.historyStore();
  }

  /**
   * Why the last read of the history store failed, {@code null} if it succeeded (or none failed):
   * the management endpoint's health shows it.
   */
  public String storeReadError() {
    return readError;
  }

  /**
   * Reads the history store; a store that cannot answer (Elasticsearch down or unreachable) makes
   * the search or get an {@link RejectionType#UNAVAILABLE} rejection (503), not an unexpected
   * failure. What the heap answers alone (running instances, open user tasks) never comes here.
   */
  private <T> T read(Supplier<T> read) {
    T result;
    try {
      result = read.get();
    } catch (EngineRejection e) {
      throw e;
    } catch (RuntimeException e) {
      String reason = String.valueOf(e.getMessage());
      if (readError == null) {
        LOG.warn("The history store cannot be read: {}", reason, e);
      } else {
        LOG.debug("The history store still cannot be read: {}", reason);
      }
      readError = reason;
      throw new EngineRejection(
          RejectionType.UNAVAILABLE,
          "The history store cannot be read ("
              + reason
              + "); what has ended is answered again when it is back, what is running (such as"
              + " active process instances and created user tasks) is answered meanwhile");
    }
    if (readError != null) {
      LOG.info("The history store can be read again");
      readError = null;
    }
    return result;
  }

  /** What is running, without history. */
  public ReadModelProjection runtime() {
    return runtime;
  }

  private <R> Collection<R> union(
      Collection<R> live, HistoryKind<R> kind, Function<R, Object> identity) {
    List<R> result = new ArrayList<>(live);
    Set<Object> seen = new HashSet<>();
    result.forEach(r -> seen.add(identity.apply(r)));
    for (R stored : read(() -> store.all(kind))) {
      if (!seen.contains(identity.apply(stored))) {
        result.add(stored);
      }
    }
    return result;
  }

  /**
   * An instance's records are evicted together after its process instance record: if that is still
   * in the heap after reading them there, they were all there.
   */
  private <R> List<R> unionOf(List<R> live, HistoryKind<R> kind, long processInstanceKey) {
    return runtime.processInstance(processInstanceKey).isPresent()
        ? live
        : read(() -> store.ofProcessInstance(kind, processInstanceKey));
  }

  private <R> Optional<R> either(Supplier<Optional<R>> live, HistoryKind<R> kind, Object key) {
    Optional<R> found = live.get();
    return found.isPresent() ? found : read(() -> store.get(kind, String.valueOf(key)));
  }

  @Override
  public Collection<ProcessDefinitionRecord> processDefinitions() {
    return runtime.processDefinitions();
  }

  @Override
  public Optional<ProcessDefinitionRecord> processDefinition(long key) {
    return runtime.processDefinition(key);
  }

  @Override
  public Collection<ProcessInstanceRecord> processInstances() {
    return union(
        runtime.processInstances(),
        HistoryKind.PROCESS_INSTANCE,
        ProcessInstanceRecord::processInstanceKey);
  }

  @Override
  public Optional<ProcessInstanceRecord> processInstance(long key) {
    return either(() -> runtime.processInstance(key), HistoryKind.PROCESS_INSTANCE, key);
  }

  @Override
  public Collection<ElementInstanceRecord> elementInstances() {
    return union(
        runtime.elementInstances(),
        HistoryKind.ELEMENT_INSTANCE,
        ElementInstanceRecord::elementInstanceKey);
  }

  @Override
  public List<ElementInstanceRecord> elementInstancesOf(long processInstanceKey) {
    return unionOf(
        runtime.elementInstancesOf(processInstanceKey),
        HistoryKind.ELEMENT_INSTANCE,
        processInstanceKey);
  }

  @Override
  public Optional<ElementInstanceRecord> elementInstance(long key) {
    return either(() -> runtime.elementInstance(key), HistoryKind.ELEMENT_INSTANCE, key);
  }

  @Override
  public Collection<VariableRecord> variables() {
    return union(runtime.variables(), HistoryKind.VARIABLE, VariableRecord::variableKey);
  }

  @Override
  public List<VariableRecord> variablesOf(long processInstanceKey) {
    return unionOf(
        runtime.variablesOf(processInstanceKey), HistoryKind.VARIABLE, processInstanceKey);
  }

  @Override
  public Optional<VariableRecord> variable(long key) {
    return either(() -> runtime.variable(key), HistoryKind.VARIABLE, key);
  }

  @Override
  public Collection<JobRecord> jobs() {
    return union(runtime.jobs(), HistoryKind.JOB, JobRecord::jobKey);
  }

  @Override
  public Optional<JobRecord> job(long key) {
    return either(() -> runtime.job(key), HistoryKind.JOB, key);
  }

  @Override
  public Collection<IncidentRecord> incidents() {
    return union(runtime.incidents(), HistoryKind.INCIDENT, IncidentRecord::incidentKey);
  }

  @Override
  public Optional<IncidentRecord> incident(long key) {
    return either(() -> runtime.incident(key), HistoryKind.INCIDENT, key);
  }

  @Override
  public ReadModel live() {
    return runtime;
  }

  @Override
  public Optional<StoredHistory> history(HistoryKind<?> kind) {
    return store.searches(kind)
        ? Optional.of(new StoredHistory(store, List.of(), this::read))
        : Optional.empty();
  }

  @Override
  public Collection<VariableRecord> variablesNamed(String name, String value) {
    List<VariableRecord> result = new ArrayList<>(runtime.variablesNamed(name, value));
    Set<Long> seen = new HashSet<>();
    result.forEach(v -> seen.add(v.variableKey()));
    for (VariableRecord stored : read(() -> store.variablesNamed(name, value))) {
      if (!seen.contains(stored.variableKey())) {
        result.add(stored);
      }
    }
    return result;
  }

  @Override
  public List<JobRecord> jobsOf(long processInstanceKey) {
    return unionOf(runtime.jobsOf(processInstanceKey), HistoryKind.JOB, processInstanceKey);
  }

  @Override
  public List<IncidentRecord> incidentsOf(long processInstanceKey) {
    return unionOf(
        runtime.incidentsOf(processInstanceKey), HistoryKind.INCIDENT, processInstanceKey);
  }

  @Override
  public List<UserTaskRecord> userTasksOf(long processInstanceKey) {
    return unionOf(
        runtime.userTasksOf(processInstanceKey), HistoryKind.USER_TASK, processInstanceKey);
  }

  @Override
  public List<SequenceFlowRecord> sequenceFlowsOf(long processInstanceKey) {
    return unionOf(
        runtime.sequenceFlowsOf(processInstanceKey), HistoryKind.SEQUENCE_FLOW, processInstanceKey);
  }

  @Override
  public Collection<FormRecord> forms() {
    return runtime.forms();
  }

  @Override
  public Optional<FormRecord> form(long key) {
    return runtime.form(key);
  }

  @Override
  public Collection<MessageSubscriptionRecord> messageSubscriptions() {
    return union(
        runtime.messageSubscriptions(),
        HistoryKind.MESSAGE_SUBSCRIPTION,
        MessageSubscriptionRecord::messageSubscriptionKey);
  }

  @Override
  public Collection<CorrelatedMessageSubscriptionRecord> correlatedMessageSubscriptions() {
    return union(
        runtime.correlatedMessageSubscriptions(),
        HistoryKind.CORRELATED_MESSAGE,
        c -> c.subscriptionKey() + ":" + c.messageKey());
  }

  @Override
  public Collection<UserTaskRecord> userTasks() {
    return union(runtime.userTasks(), HistoryKind.USER_TASK, UserTaskRecord::userTaskKey);
  }

  @Override
  public Optional<UserTaskRecord> userTask(long key) {
    return either(() -> runtime.userTask(key), HistoryKind.USER_TASK, key);
  }

  @Override
  public Optional<FormRecord> startForm(long processDefinitionKey) {
    return runtime.startForm(processDefinitionKey);
  }

  @Override
  public Collection<DecisionDefinitionRecord> decisionDefinitions() {
    return runtime.decisionDefinitions();
  }

  @Override
  public Optional<DecisionDefinitionRecord> decisionDefinition(long key) {
    return runtime.decisionDefinition(key);
  }

  @Override
  public Collection<DecisionRequirementsRecord> decisionRequirements() {
    return runtime.decisionRequirements();
  }

  @Override
  public Optional<DecisionRequirementsRecord> decisionRequirements(long key) {
    return runtime.decisionRequirements(key);
  }

  @Override
  public Collection<DecisionInstanceRecord> decisionInstances() {
    return union(
        runtime.decisionInstances(), HistoryKind.DECISION_INSTANCE, DecisionInstanceRecord::id);
  }

  @Override
  public Optional<DecisionInstanceRecord> decisionInstance(String id) {
    return either(() -> runtime.decisionInstance(id), HistoryKind.DECISION_INSTANCE, id);
  }

  @Override
  public Collection<BatchOperationRecord> batchOperations() {
    List<BatchOperationRecord> all =
        new ArrayList<>(
            union(
                runtime.batchOperations(),
                HistoryKind.BATCH_OPERATION,
                BatchOperationRecord::batchOperationKey));
    all.sort(java.util.Comparator.comparingLong(BatchOperationRecord::batchOperationKey));
    return all;
  }

  @Override
  public Optional<BatchOperationRecord> batchOperation(long key) {
    return either(() -> runtime.batchOperation(key), HistoryKind.BATCH_OPERATION, key);
  }

  /** Each batch's items in the order they run, batches oldest first. */
  @Override
  public List<BatchOperationItemRecord> batchOperationItems() {
    List<BatchOperationItemRecord> all = new ArrayList<>(runtime.batchOperationItems());
    Set<Long> live = new HashSet<>();
    all.forEach(i -> live.add(i.batchOperationKey()));
    for (BatchOperationItemRecord stored :
        read(() -> store.all(HistoryKind.BATCH_OPERATION_ITEM))) {
      if (!live.contains(stored.batchOperationKey())) {
        all.add(stored);
      }
    }
    all.sort(java.util.Comparator.comparingLong(BatchOperationItemRecord::batchOperationKey));
    return all;
  }

  /**
   * A finished batch leaves the heap before its items: if it is still there after reading its
   * items, they were all there.
   */
  @Override
  public List<BatchOperationItemRecord> batchOperationItemsOf(long key) {
    List<BatchOperationItemRecord> live = runtime.batchOperationItemsOf(key);
    if (runtime.batchOperation(key).isPresent()) {
      return live;
    }
    return read(() -> store.all(HistoryKind.BATCH_OPERATION_ITEM)).stream()
        .filter(i -> i.batchOperationKey() == key)
        .toList();
  }
}
