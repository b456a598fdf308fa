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

  Collection<FormRecord> forms();

  Optional<FormRecord> form(long formKey);

  Collection<MessageSubscriptionRecord> messageSubscriptions();

  Collection<CorrelatedMessageSubscriptionRecord> correlatedMessageSubscriptions();
}
