package io.civicflow.engine.query;

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
import java.util.Optional;

/**
 * Read-only views over everything the engine has recorded (runtime and history), fed by the event
 * stream after each batch is durable. Safe to call from any thread. Collections are snapshots or
 * weakly consistent views; callers filter, sort and page them.
 *
 * <p>The {@code ...Of(processInstanceKey)} methods are the indexed fast path most searches take.
 */
public interface ReadModel {

  Collection<ProcessDefinitionRecord> processDefinitions();

  Optional<ProcessDefinitionRecord> processDefinition(long processDefinitionKey);

  Collection<ProcessInstanceRecord> processInstances();

  Optional<ProcessInstanceRecord> processInstance(long processInstanceKey);

  Collection<ElementInstanceRecord> elementInstances();

  List<ElementInstanceRecord> elementInstancesOf(long processInstanceKey);

  Optional<ElementInstanceRecord> elementInstance(long elementInstanceKey);

  Collection<VariableRecord> variables();

  List<VariableRecord> variablesOf(long processInstanceKey);

  Optional<VariableRecord> variable(long variableKey);

  Collection<JobRecord> jobs();

  Optional<JobRecord> job(long jobKey);

  Collection<IncidentRecord> incidents();

  Optional<IncidentRecord> incident(long incidentKey);

  List<SequenceFlowRecord> sequenceFlowsOf(long processInstanceKey);

  // --- lookups a search takes instead of a scan when its filter pins them (defaults: the scan)

  /**
   * What is running, without history: a search that only matches records in a state nothing ended
   * is in (an {@code ACTIVE} process instance, a {@code CREATED} user task) reads this instead of
   * the history too. History holds only what ended with its root instance, so its process instances
   * are completed or terminated and its user tasks completed or cancelled.
   */
  default ReadModel live() {
    return this;
  }

  /**
   * The history store a search over {@code kind} may page, sort and count in (its {@link
   * io.civicflow.engine.history.HistoryQuery}s), with the conditions this view restricts every
   * query to (an authorized view: the caller's processes and tenants); empty when searches must
   * filter the records themselves (the default, and for what a view cannot say as conditions). The
   * records still in the heap are read from {@link #live()}.
   */
  default java.util.Optional<StoredHistory> history(
      io.civicflow.engine.history.HistoryKind<?> kind) {
    return java.util.Optional.empty();
  }

  /**
   * A store, the conditions a view adds to every query over it, and how the view reads it ({@code
   * reads}: a store that cannot be read becomes the view's rejection, 503 {@code UNAVAILABLE}).
   */
  record StoredHistory(
      io.civicflow.engine.history.HistoryStore store,
      List<io.civicflow.engine.history.HistoryQuery.Condition> restriction,
      Reads reads) {

    /** The same store and reads, restricted to {@code conditions}. */
    public StoredHistory restrictedTo(
        List<io.civicflow.engine.history.HistoryQuery.Condition> conditions) {
      return new StoredHistory(store, conditions, reads);
    }
  }

  /** Runs reads of a history store. */
  interface Reads {
    <T> T read(java.util.function.Supplier<T> read);
  }

  /**
   * The variables named {@code name}, with exactly this value (JSON text) unless {@code value} is
   * null.
   */
  default Collection<VariableRecord> variablesNamed(String name, String value) {
    return variables().stream()
        .filter(
            v ->
                v.name().equals(name)
                    && (value == null || java.util.Objects.equals(value, v.value())))
        .toList();
  }

  default List<JobRecord> jobsOf(long processInstanceKey) {
    return jobs().stream().filter(j -> j.processInstanceKey() == processInstanceKey).toList();
  }

  default List<IncidentRecord> incidentsOf(long processInstanceKey) {
    return incidents().stream().filter(i -> i.processInstanceKey() == processInstanceKey).toList();
  }

  default List<Records.UserTaskRecord> userTasksOf(long processInstanceKey) {
    return userTasks().stream().filter(t -> t.processInstanceKey() == processInstanceKey).toList();
  }

  Collection<FormRecord> forms();

  Optional<FormRecord> form(long formKey);

  Collection<MessageSubscriptionRecord> messageSubscriptions();

  Collection<CorrelatedMessageSubscriptionRecord> correlatedMessageSubscriptions();

  // --- user tasks and decisions (defaults for read models that predate them)

  default Collection<Records.UserTaskRecord> userTasks() {
    return List.of();
  }

  default Optional<Records.UserTaskRecord> userTask(long userTaskKey) {
    return Optional.empty();
  }

  /** The form a process definition's none start event links, if it links a deployed one. */
  default Optional<FormRecord> startForm(long processDefinitionKey) {
    return Optional.empty();
  }

  default Collection<Records.DecisionDefinitionRecord> decisionDefinitions() {
    return List.of();
  }

  default Optional<Records.DecisionDefinitionRecord> decisionDefinition(
      long decisionDefinitionKey) {
    return Optional.empty();
  }

  default Collection<Records.DecisionRequirementsRecord> decisionRequirements() {
    return List.of();
  }

  default Optional<Records.DecisionRequirementsRecord> decisionRequirements(
      long decisionRequirementsKey) {
    return Optional.empty();
  }

  default Collection<Records.DecisionInstanceRecord> decisionInstances() {
    return List.of();
  }

  default Optional<Records.DecisionInstanceRecord> decisionInstance(
      String decisionEvaluationInstanceKey) {
    return Optional.empty();
  }

  /** Batch operations, oldest first. */
  default Collection<Records.BatchOperationRecord> batchOperations() {
    return List.of();
  }

  default Optional<Records.BatchOperationRecord> batchOperation(long batchOperationKey) {
    return Optional.empty();
  }

  /** The items of every batch operation, each batch's in the order they run. */
  default List<Records.BatchOperationItemRecord> batchOperationItems() {
    return List.of();
  }

  default List<Records.BatchOperationItemRecord> batchOperationItemsOf(long batchOperationKey) {
    return List.of();
  }
}
