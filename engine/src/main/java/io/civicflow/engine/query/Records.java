package io.civicflow.engine.query;

import java.util.List;
import java.util.Map;

/**
 * The read model's documents: what search and get endpoints return, before the web layer renders
 * them in Camunda's JSON shapes. Times are epoch milliseconds of the engine clock (null while not
 * reached). Variable values are JSON text, as Camunda returns them.
 */
public final class Records {

  private Records() {}

  public record ProcessDefinitionRecord(
      long processDefinitionKey,
      String bpmnProcessId,
      String name,
      int version,
      String versionTag,
      String resourceName,
      String tenantId,
      long deploymentKey,
      boolean hasStartForm,
      String bpmnXml) {}

  public enum ProcessInstanceState {
    ACTIVE,
    COMPLETED,
    TERMINATED
  }

  public record ProcessInstanceRecord(
      long processInstanceKey,
      long processDefinitionKey,
      String bpmnProcessId,
      String processDefinitionName,
      int processDefinitionVersion,
      String processDefinitionVersionTag,
      long startDate,
      Long endDate,
      ProcessInstanceState state,
      boolean hasIncident,
      String tenantId,
      Long parentProcessInstanceKey,
      Long parentElementInstanceKey,
      List<String> tags) {}

  public enum ElementInstanceState {
    ACTIVE,
    COMPLETED,
    TERMINATED
  }

  /**
   * One flow-node instance. {@code type} is Camunda's element-instance type name (SERVICE_TASK,
   * EXCLUSIVE_GATEWAY, PROCESS, MULTI_INSTANCE_BODY, ...). {@code position} is the global order in
   * which instances were created, so "sort by startDate" breaks ties as the instances happened.
   */
  public record ElementInstanceRecord(
      long elementInstanceKey,
      long processInstanceKey,
      long processDefinitionKey,
      String bpmnProcessId,
      String elementId,
      String elementName,
      String type,
      ElementInstanceState state,
      long startDate,
      Long endDate,
      boolean hasIncident,
      Long incidentKey,
      String tenantId,
      long flowScopeKey,
      long position) {}

  public record VariableRecord(
      long variableKey,
      String name,
      String value,
      long scopeKey,
      long processInstanceKey,
      String tenantId) {}

  public enum JobState {
    CREATED,
    COMPLETED,
    FAILED,
    RETRIES_UPDATED,
    TIMED_OUT,
    CANCELED,
    ERROR_THROWN,
    MIGRATED
  }

  public record JobRecord(
      long jobKey,
      String type,
      String worker,
      JobState state,
      String kind,
      String listenerEventType,
      int retries,
      boolean isDenied,
      String deniedReason,
      boolean hasFailedWithRetriesLeft,
      String errorCode,
      String errorMessage,
      Map<String, String> customHeaders,
      Long deadline,
      Long endTime,
      String bpmnProcessId,
      long processDefinitionKey,
      long processInstanceKey,
      String elementId,
      long elementInstanceKey,
      String tenantId) {}

  public enum IncidentState {
    ACTIVE,
    RESOLVED
  }

  public record IncidentRecord(
      long incidentKey,
      String bpmnProcessId,
      long processDefinitionKey,
      long processInstanceKey,
      String errorType,
      String errorMessage,
      String elementId,
      long elementInstanceKey,
      Long jobKey,
      long creationTime,
      IncidentState state,
      String tenantId) {}

  /** A sequence flow taken in an instance (Camunda's process-instance sequence-flows query). */
  public record SequenceFlowRecord(
      long processInstanceKey,
      long processDefinitionKey,
      String bpmnProcessId,
      String sequenceFlowId,
      String tenantId) {}

  public record FormRecord(
      long formKey,
      String formId,
      int version,
      String schema,
      String resourceName,
      String tenantId,
      long deploymentKey) {}

  public enum MessageSubscriptionState {
    CREATED,
    CORRELATED,
    DELETED
  }

  public record MessageSubscriptionRecord(
      long messageSubscriptionKey,
      String bpmnProcessId,
      long processDefinitionKey,
      Long processInstanceKey,
      String elementId,
      Long elementInstanceKey,
      MessageSubscriptionState state,
      long lastUpdatedDate,
      String messageName,
      String correlationKey,
      String tenantId) {}

  public record CorrelatedMessageSubscriptionRecord(
      long subscriptionKey,
      long messageKey,
      String messageName,
      String correlationKey,
      long correlationTime,
      String elementId,
      Long elementInstanceKey,
      String bpmnProcessId,
      long processDefinitionKey,
      long processInstanceKey,
      String tenantId) {}

  // --- user tasks and decisions

  /** Camunda's UserTaskStateEnum (this engine uses CREATED, COMPLETED and CANCELED). */
  public enum UserTaskState {
    CREATING,
    CREATED,
    ASSIGNING,
    UPDATING,
    COMPLETING,
    COMPLETED,
    CANCELING,
    CANCELED,
    FAILED
  }

  /** A Camunda user task; due and follow-up dates are canonical ISO-8601 UTC text. */
  public record UserTaskRecord(
      long userTaskKey,
      long elementInstanceKey,
      long processInstanceKey,
      long processDefinitionKey,
      String bpmnProcessId,
      int processDefinitionVersion,
      String processName,
      String elementId,
      String name,
      UserTaskState state,
      String assignee,
      List<String> candidateGroups,
      List<String> candidateUsers,
      String dueDate,
      String followUpDate,
      long creationDate,
      Long completionDate,
      int priority,
      Long formKey,
      String externalFormReference,
      Map<String, String> customHeaders,
      String tenantId) {}

  public record DecisionDefinitionRecord(
      long decisionDefinitionKey,
      String decisionDefinitionId,
      String name,
      int version,
      String versionTag,
      String decisionType,
      long decisionRequirementsKey,
      String decisionRequirementsId,
      String tenantId) {}

  public record DecisionRequirementsRecord(
      long decisionRequirementsKey,
      String decisionRequirementsId,
      String name,
      int version,
      String resourceName,
      String tenantId,
      String xml) {}

  public enum DecisionInstanceState {
    EVALUATED,
    FAILED
  }

  /**
   * One evaluated decision of an evaluation; {@code id} is Camunda's {@code
   * decisionEvaluationInstanceKey}, {@code "<decisionEvaluationKey>-<n>"}. Values are JSON text.
   */
  public record DecisionInstanceRecord(
      String id,
      long decisionEvaluationKey,
      DecisionInstanceState state,
      long evaluationDate,
      String evaluationFailure,
      long decisionDefinitionKey,
      String decisionDefinitionId,
      String decisionDefinitionName,
      int decisionDefinitionVersion,
      String decisionDefinitionType,
      String result,
      String tenantId,
      long processDefinitionKey,
      long processInstanceKey,
      long elementInstanceKey,
      long rootDecisionDefinitionKey,
      List<io.civicflow.engine.dmn.DecisionOutcome.EvaluatedInput> evaluatedInputs,
      List<io.civicflow.engine.dmn.DecisionOutcome.MatchedRule> matchedRules) {}

  /**
   * A batch operation (Camunda's BatchOperationResponse): {@code state} ACTIVE, COMPLETED,
   * PARTIALLY_COMPLETED or FAILED; {@code endDate} null while it runs.
   */
  public record BatchOperationRecord(
      long batchOperationKey,
      String batchOperationType,
      String state,
      long startDate,
      Long endDate,
      int operationsTotalCount,
      int operationsFailedCount,
      int operationsCompletedCount) {}

  /** An item of a batch operation: {@code state} ACTIVE, COMPLETED or FAILED. */
  public record BatchOperationItemRecord(
      long batchOperationKey,
      String operationType,
      long itemKey,
      long processInstanceKey,
      String state,
      Long processedDate,
      String errorMessage) {}
}
