package io.civicflow.engine.query;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.OptBoolean;
import io.civicflow.engine.json.Json;
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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * An immutable copy of the whole read model — history included: completed and terminated instances,
 * resolved incidents, decision instances, correlations — for a snapshot. Records are immutable, so
 * the copy is shallow. Part of the snapshot format ({@code SnapshotFormatTest}).
 */
public record ReadModelImage(
    long changeId,
    long position,
    List<ProcessDefinitionRecord> processDefinitions,
    List<FormRecord> forms,
    List<ProcessInstanceRecord> processInstances,
    List<ElementInstanceRecord> elementInstances,
    Map<Long, List<Long>> elementInstancesByProcess,
    List<VariableRecord> variables,
    Map<Long, List<Long>> variablesByProcess,
    List<JobRecord> jobs,
    List<IncidentRecord> incidents,
    Map<Long, Integer> openIncidentsByProcess,
    Map<Long, List<SequenceFlowRecord>> sequenceFlows,
    List<MessageSubscriptionRecord> messageSubscriptions,
    List<CorrelatedMessageSubscriptionRecord> correlations,
    List<UserTaskRecord> userTasks,
    List<DecisionDefinitionRecord> decisionDefinitions,
    List<DecisionRequirementsRecord> decisionRequirements,
    List<DecisionInstanceRecord> decisionInstances,
    List<Records.BatchOperationRecord> batchOperations,
    List<Records.BatchOperationItemRecord> batchOperationItems) {

  /**
   * The snapshot reader's constructor: {@code batchOperations} and {@code batchOperationItems} were
   * added compatibly and read as {@code null} (none) from snapshots written before them.
   */
  @JsonCreator
  public ReadModelImage(
      @JsonProperty("changeId") long changeId,
      @JsonProperty("position") long position,
      @JsonProperty("processDefinitions") List<ProcessDefinitionRecord> processDefinitions,
      @JsonProperty("forms") List<FormRecord> forms,
      @JsonProperty("processInstances") List<ProcessInstanceRecord> processInstances,
      @JsonProperty("elementInstances") List<ElementInstanceRecord> elementInstances,
      @JsonProperty("elementInstancesByProcess") Map<Long, List<Long>> elementInstancesByProcess,
      @JsonProperty("variables") List<VariableRecord> variables,
      @JsonProperty("variablesByProcess") Map<Long, List<Long>> variablesByProcess,
      @JsonProperty("jobs") List<JobRecord> jobs,
      @JsonProperty("incidents") List<IncidentRecord> incidents,
      @JsonProperty("openIncidentsByProcess") Map<Long, Integer> openIncidentsByProcess,
      @JsonProperty("sequenceFlows") Map<Long, List<SequenceFlowRecord>> sequenceFlows,
      @JsonProperty("messageSubscriptions") List<MessageSubscriptionRecord> messageSubscriptions,
      @JsonProperty("correlations") List<CorrelatedMessageSubscriptionRecord> correlations,
      @JsonProperty("userTasks") List<UserTaskRecord> userTasks,
      @JsonProperty("decisionDefinitions") List<DecisionDefinitionRecord> decisionDefinitions,
      @JsonProperty("decisionRequirements") List<DecisionRequirementsRecord> decisionRequirements,
      @JsonProperty("decisionInstances") List<DecisionInstanceRecord> decisionInstances,
      @JsonProperty("batchOperations")
          @JacksonInject(value = Json.ABSENT_BEFORE, useInput = OptBoolean.TRUE)
          List<Records.BatchOperationRecord> batchOperations,
      @JsonProperty("batchOperationItems")
          @JacksonInject(value = Json.ABSENT_BEFORE, useInput = OptBoolean.TRUE)
          List<Records.BatchOperationItemRecord> batchOperationItems) {
    this.changeId = changeId;
    this.position = position;
    this.processDefinitions = processDefinitions;
    this.forms = forms;
    this.processInstances = processInstances;
    this.elementInstances = elementInstances;
    this.elementInstancesByProcess = elementInstancesByProcess;
    this.variables = variables;
    this.variablesByProcess = variablesByProcess;
    this.jobs = jobs;
    this.incidents = incidents;
    this.openIncidentsByProcess = openIncidentsByProcess;
    this.sequenceFlows = sequenceFlows;
    this.messageSubscriptions = messageSubscriptions;
    this.correlations = correlations;
    this.userTasks = userTasks;
    this.decisionDefinitions = decisionDefinitions;
    this.decisionRequirements = decisionRequirements;
    this.decisionInstances = decisionInstances;
    this.batchOperations = batchOperations;
    this.batchOperationItems = batchOperationItems;
  }

  /** How many history and runtime records the image holds (for log lines). */
  public long recordCount() {
    return (long) processInstances.size()
        + elementInstances.size()
        + variables.size()
        + jobs.size()
        + incidents.size()
        + userTasks.size()
        + decisionInstances.size()
        + correlations.size();
  }

  static <T> List<T> sorted(Collection<T> values, ToLongFunction<T> key) {
    List<T> list = new ArrayList<>(values);
    list.sort(Comparator.comparingLong(key));
    return list;
  }

  static <V> Map<Long, List<V>> copyLists(Map<Long, List<V>> index) {
    Map<Long, List<V>> copy = new TreeMap<>();
    index.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    return copy;
  }
}
