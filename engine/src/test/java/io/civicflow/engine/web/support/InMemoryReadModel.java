package io.civicflow.engine.web.support;

import io.civicflow.engine.query.ReadModel;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** A read model over hand-made records, for tests of the web layer without the engine core. */
public final class InMemoryReadModel implements ReadModel {

  public final List<ProcessDefinitionRecord> processDefinitions = new CopyOnWriteArrayList<>();
  public final List<ProcessInstanceRecord> processInstances = new CopyOnWriteArrayList<>();
  public final List<ElementInstanceRecord> elementInstances = new CopyOnWriteArrayList<>();
  public final List<VariableRecord> variables = new CopyOnWriteArrayList<>();
  public final List<JobRecord> jobs = new CopyOnWriteArrayList<>();
  public final List<IncidentRecord> incidents = new CopyOnWriteArrayList<>();
  public final List<SequenceFlowRecord> sequenceFlows = new CopyOnWriteArrayList<>();
  public final List<FormRecord> forms = new CopyOnWriteArrayList<>();
  public final List<MessageSubscriptionRecord> messageSubscriptions = new CopyOnWriteArrayList<>();
  public final List<CorrelatedMessageSubscriptionRecord> correlatedMessageSubscriptions =
      new CopyOnWriteArrayList<>();

  public void clear() {
    processDefinitions.clear();
    processInstances.clear();
    elementInstances.clear();
    variables.clear();
    jobs.clear();
    incidents.clear();
    sequenceFlows.clear();
    forms.clear();
    messageSubscriptions.clear();
    correlatedMessageSubscriptions.clear();
  }

  @Override
  public Collection<ProcessDefinitionRecord> processDefinitions() {
    return processDefinitions;
  }

  @Override
  public Optional<ProcessDefinitionRecord> processDefinition(long key) {
    return first(processDefinitions, r -> r.processDefinitionKey() == key);
  }

  @Override
  public Collection<ProcessInstanceRecord> processInstances() {
    return processInstances;
  }

  @Override
  public Optional<ProcessInstanceRecord> processInstance(long key) {
    return first(processInstances, r -> r.processInstanceKey() == key);
  }

  @Override
  public Collection<ElementInstanceRecord> elementInstances() {
    return elementInstances;
  }

  @Override
  public List<ElementInstanceRecord> elementInstancesOf(long processInstanceKey) {
    return elementInstances.stream()
        .filter(r -> r.processInstanceKey() == processInstanceKey)
        .toList();
  }

  @Override
  public Optional<ElementInstanceRecord> elementInstance(long key) {
    return first(elementInstances, r -> r.elementInstanceKey() == key);
  }

  @Override
  public Collection<VariableRecord> variables() {
    return variables;
  }

  @Override
  public List<VariableRecord> variablesOf(long processInstanceKey) {
    return variables.stream().filter(r -> r.processInstanceKey() == processInstanceKey).toList();
  }

  @Override
  public Optional<VariableRecord> variable(long key) {
    return first(variables, r -> r.variableKey() == key);
  }

  @Override
  public Collection<JobRecord> jobs() {
    return jobs;
  }

  @Override
  public Optional<JobRecord> job(long key) {
    return first(jobs, r -> r.jobKey() == key);
  }

  @Override
  public Collection<IncidentRecord> incidents() {
    return incidents;
  }

  @Override
  public Optional<IncidentRecord> incident(long key) {
    return first(incidents, r -> r.incidentKey() == key);
  }

  @Override
  public List<SequenceFlowRecord> sequenceFlowsOf(long processInstanceKey) {
    return sequenceFlows.stream()
        .filter(r -> r.processInstanceKey() == processInstanceKey)
        .toList();
  }

  @Override
  public Collection<FormRecord> forms() {
    return forms;
  }

  @Override
  public Optional<FormRecord> form(long key) {
    return first(forms, r -> r.formKey() == key);
  }

  @Override
  public Collection<MessageSubscriptionRecord> messageSubscriptions() {
    return messageSubscriptions;
  }

  @Override
  public Collection<CorrelatedMessageSubscriptionRecord> correlatedMessageSubscriptions() {
    return correlatedMessageSubscriptions;
  }

  private static <T> Optional<T> first(List<T> records, Predicate<T> matches) {
    return records.stream().filter(matches).findFirst();
  }
}
