package io.civicflow.engine.event;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.civicflow.engine.access.IdentityDirectory.Kind;
import io.civicflow.engine.access.OwnerType;
import io.civicflow.engine.access.PermissionType;
import io.civicflow.engine.access.ResourceType;
import java.util.List;
import java.util.Map;

/**
 * A fact the engine recorded. Commands are processed into events; state changes only by applying
 * events; the journal stores events. Events carry every key and value they introduce, so applying
 * them needs no clock and makes no keys. The type names below are part of the journal format:
 * renaming one is a format change (see {@code JournalFormatTest}).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "@")
@JsonSubTypes({
  @JsonSubTypes.Type(value = EngineEvent.ResourceDeployed.class, name = "ResourceDeployed"),
  @JsonSubTypes.Type(value = EngineEvent.ElementActivating.class, name = "ElementActivating"),
  @JsonSubTypes.Type(value = EngineEvent.ElementActivated.class, name = "ElementActivated"),
  @JsonSubTypes.Type(value = EngineEvent.ElementCompleting.class, name = "ElementCompleting"),
  @JsonSubTypes.Type(value = EngineEvent.ElementCompleted.class, name = "ElementCompleted"),
  @JsonSubTypes.Type(value = EngineEvent.ElementTerminating.class, name = "ElementTerminating"),
  @JsonSubTypes.Type(value = EngineEvent.ElementTerminated.class, name = "ElementTerminated"),
  @JsonSubTypes.Type(value = EngineEvent.SequenceFlowTaken.class, name = "SequenceFlowTaken"),
  @JsonSubTypes.Type(value = EngineEvent.JoinConsumed.class, name = "JoinConsumed"),
  @JsonSubTypes.Type(value = EngineEvent.VariableCreated.class, name = "VariableCreated"),
  @JsonSubTypes.Type(value = EngineEvent.VariableUpdated.class, name = "VariableUpdated"),
  @JsonSubTypes.Type(value = EngineEvent.JobCreated.class, name = "JobCreated"),
  @JsonSubTypes.Type(value = EngineEvent.ListenerJobCreated.class, name = "ListenerJobCreated"),
  @JsonSubTypes.Type(value = EngineEvent.JobActivated.class, name = "JobActivated"),
  @JsonSubTypes.Type(value = EngineEvent.JobCompleted.class, name = "JobCompleted"),
  @JsonSubTypes.Type(value = EngineEvent.JobFailed.class, name = "JobFailed"),
  @JsonSubTypes.Type(value = EngineEvent.JobRecurred.class, name = "JobRecurred"),
  @JsonSubTypes.Type(value = EngineEvent.JobTimedOut.class, name = "JobTimedOut"),
  @JsonSubTypes.Type(value = EngineEvent.JobYielded.class, name = "JobYielded"),
  @JsonSubTypes.Type(value = EngineEvent.JobRetriesUpdated.class, name = "JobRetriesUpdated"),
  @JsonSubTypes.Type(value = EngineEvent.JobTimeoutUpdated.class, name = "JobTimeoutUpdated"),
  @JsonSubTypes.Type(value = EngineEvent.JobErrorThrown.class, name = "JobErrorThrown"),
  @JsonSubTypes.Type(value = EngineEvent.JobCanceled.class, name = "JobCanceled"),
  @JsonSubTypes.Type(value = EngineEvent.IncidentCreated.class, name = "IncidentCreated"),
  @JsonSubTypes.Type(value = EngineEvent.IncidentResolved.class, name = "IncidentResolved"),
  @JsonSubTypes.Type(value = EngineEvent.ClockChanged.class, name = "ClockChanged"),
  @JsonSubTypes.Type(value = EngineEvent.Purged.class, name = "Purged"),
  @JsonSubTypes.Type(value = EngineEvent.TimerCreated.class, name = "TimerCreated"),
  @JsonSubTypes.Type(value = EngineEvent.TimerTriggered.class, name = "TimerTriggered"),
  @JsonSubTypes.Type(value = EngineEvent.TimerCanceled.class, name = "TimerCanceled"),
  @JsonSubTypes.Type(value = EngineEvent.MessagePublished.class, name = "MessagePublished"),
  @JsonSubTypes.Type(value = EngineEvent.MessageExpired.class, name = "MessageExpired"),
  @JsonSubTypes.Type(
      value = EngineEvent.MessageSubscriptionCreated.class,
      name = "MessageSubscriptionCreated"),
  @JsonSubTypes.Type(value = EngineEvent.MessageCorrelated.class, name = "MessageCorrelated"),
  @JsonSubTypes.Type(
      value = EngineEvent.MessageSubscriptionDeleted.class,
      name = "MessageSubscriptionDeleted"),
  @JsonSubTypes.Type(
      value = EngineEvent.MessageStartLockReleased.class,
      name = "MessageStartLockReleased"),
  @JsonSubTypes.Type(
      value = EngineEvent.SignalSubscriptionCreated.class,
      name = "SignalSubscriptionCreated"),
  @JsonSubTypes.Type(
      value = EngineEvent.SignalSubscriptionDeleted.class,
      name = "SignalSubscriptionDeleted"),
  @JsonSubTypes.Type(value = EngineEvent.JoinTokensDiscarded.class, name = "JoinTokensDiscarded"),
  @JsonSubTypes.Type(value = EngineEvent.UserTaskCreated.class, name = "UserTaskCreated"),
  @JsonSubTypes.Type(value = EngineEvent.UserTaskAssigned.class, name = "UserTaskAssigned"),
  @JsonSubTypes.Type(value = EngineEvent.UserTaskUpdated.class, name = "UserTaskUpdated"),
  @JsonSubTypes.Type(value = EngineEvent.UserTaskCompleted.class, name = "UserTaskCompleted"),
  @JsonSubTypes.Type(value = EngineEvent.UserTaskCanceled.class, name = "UserTaskCanceled"),
  @JsonSubTypes.Type(
      value = EngineEvent.UserTaskTransitionStarted.class,
      name = "UserTaskTransitionStarted"),
  @JsonSubTypes.Type(value = EngineEvent.UserTaskCorrected.class, name = "UserTaskCorrected"),
  @JsonSubTypes.Type(
      value = EngineEvent.UserTaskTransitionDenied.class,
      name = "UserTaskTransitionDenied"),
  @JsonSubTypes.Type(
      value = EngineEvent.UserTaskTransitionEnded.class,
      name = "UserTaskTransitionEnded"),
  @JsonSubTypes.Type(value = EngineEvent.DeploymentContents.class, name = "DeploymentContents"),
  @JsonSubTypes.Type(value = EngineEvent.DecisionDeployed.class, name = "DecisionDeployed"),
  @JsonSubTypes.Type(value = EngineEvent.DecisionEvaluated.class, name = "DecisionEvaluated"),
  @JsonSubTypes.Type(value = EngineEvent.UserCreated.class, name = "UserCreated"),
  @JsonSubTypes.Type(value = EngineEvent.UserUpdated.class, name = "UserUpdated"),
  @JsonSubTypes.Type(value = EngineEvent.UserDeleted.class, name = "UserDeleted"),
  @JsonSubTypes.Type(value = EngineEvent.GroupCreated.class, name = "GroupCreated"),
  @JsonSubTypes.Type(value = EngineEvent.GroupUpdated.class, name = "GroupUpdated"),
  @JsonSubTypes.Type(value = EngineEvent.GroupDeleted.class, name = "GroupDeleted"),
  @JsonSubTypes.Type(value = EngineEvent.RoleCreated.class, name = "RoleCreated"),
  @JsonSubTypes.Type(value = EngineEvent.RoleUpdated.class, name = "RoleUpdated"),
  @JsonSubTypes.Type(value = EngineEvent.RoleDeleted.class, name = "RoleDeleted"),
  @JsonSubTypes.Type(value = EngineEvent.TenantCreated.class, name = "TenantCreated"),
  @JsonSubTypes.Type(value = EngineEvent.TenantUpdated.class, name = "TenantUpdated"),
  @JsonSubTypes.Type(value = EngineEvent.TenantDeleted.class, name = "TenantDeleted"),
  @JsonSubTypes.Type(value = EngineEvent.MappingRuleCreated.class, name = "MappingRuleCreated"),
  @JsonSubTypes.Type(value = EngineEvent.MappingRuleUpdated.class, name = "MappingRuleUpdated"),
  @JsonSubTypes.Type(value = EngineEvent.MappingRuleDeleted.class, name = "MappingRuleDeleted"),
  @JsonSubTypes.Type(value = EngineEvent.MembershipAdded.class, name = "MembershipAdded"),
  @JsonSubTypes.Type(value = EngineEvent.MembershipRemoved.class, name = "MembershipRemoved"),
  @JsonSubTypes.Type(value = EngineEvent.AuthorizationCreated.class, name = "AuthorizationCreated"),
  @JsonSubTypes.Type(value = EngineEvent.AuthorizationUpdated.class, name = "AuthorizationUpdated"),
  @JsonSubTypes.Type(value = EngineEvent.AuthorizationDeleted.class, name = "AuthorizationDeleted"),
  @JsonSubTypes.Type(value = EngineEvent.IdentitySeeded.class, name = "IdentitySeeded"),
  @JsonSubTypes.Type(
      value = EngineEvent.ProcessInstanceMigrated.class,
      name = "ProcessInstanceMigrated"),
  @JsonSubTypes.Type(value = EngineEvent.ResourceDeleted.class, name = "ResourceDeleted"),
  @JsonSubTypes.Type(
      value = EngineEvent.BatchOperationCreated.class,
      name = "BatchOperationCreated"),
  @JsonSubTypes.Type(
      value = EngineEvent.BatchOperationItemExecuted.class,
      name = "BatchOperationItemExecuted"),
  @JsonSubTypes.Type(
      value = EngineEvent.BatchOperationChanged.class,
      name = "BatchOperationChanged"),
})
public sealed interface EngineEvent {

  /**
   * A resource accepted by a deployment: a process definition, form or decision, with its content.
   */
  record ResourceDeployed(
      long deploymentKey,
      String kind,
      long key,
      String id,
      int version,
      String resourceName,
      String checksum,
      String content,
      String tenantId)
      implements EngineEvent {}

  /**
   * An element instance was created and is activating. For the process itself {@code key ==
   * processInstanceKey} and {@code flowScopeKey == -1}; parent keys are set for called processes.
   */
  record ElementActivating(
      long key,
      String elementId,
      long flowScopeKey,
      long processInstanceKey,
      long processDefinitionKey,
      Long parentProcessInstanceKey,
      Long parentElementInstanceKey,
      List<String> tags)
      implements EngineEvent {}

  record ElementActivated(long key) implements EngineEvent {}

  record ElementCompleting(long key) implements EngineEvent {}

  record ElementCompleted(long key) implements EngineEvent {}

  record ElementTerminating(long key) implements EngineEvent {}

  record ElementTerminated(long key) implements EngineEvent {}

  /** A sequence flow was taken inside a flow scope; a join counts it until it is consumed. */
  record SequenceFlowTaken(
      long key,
      String flowId,
      long flowScopeKey,
      long processInstanceKey,
      long processDefinitionKey)
      implements EngineEvent {}

  /** A joining gateway consumed one token from each of its incoming flows. */
  record JoinConsumed(long flowScopeKey, String gatewayId) implements EngineEvent {}

  /** {@code value} is JSON text. */
  record VariableCreated(
      long key, String name, String value, long scopeKey, long processInstanceKey)
      implements EngineEvent {}

  record VariableUpdated(
      long key, String name, String value, long scopeKey, long processInstanceKey)
      implements EngineEvent {}

  record JobCreated(
      long key,
      String type,
      int retries,
      Map<String, String> customHeaders,
      long elementInstanceKey,
      long processInstanceKey)
      implements EngineEvent {}

  /**
   * The job of a listener: {@code kind} is Camunda's job kind ({@code EXECUTION_LISTENER}, {@code
   * TASK_LISTENER}), {@code listenerEventType} its event ({@code START}, {@code END}; {@code
   * CREATING}, {@code ASSIGNING} …), {@code listenerIndex} which of the element's listeners of that
   * event type it runs (they run one after the other).
   */
  record ListenerJobCreated(
      long key,
      String type,
      int retries,
      Map<String, String> customHeaders,
      long elementInstanceKey,
      long processInstanceKey,
      String kind,
      String listenerEventType,
      int listenerIndex)
      implements EngineEvent {}

  record JobActivated(long key, String worker, long deadline) implements EngineEvent {}

  record JobCompleted(long key) implements EngineEvent {}

  /** {@code retryAt} > 0: activatable again only from then (retry back-off). */
  record JobFailed(long key, int retries, String errorMessage, long retryAt)
      implements EngineEvent {}

  /** The retry back-off of a failed job has passed. */
  record JobRecurred(long key) implements EngineEvent {}

  record JobTimedOut(long key) implements EngineEvent {}

  /**
   * A job activated for a job stream or a long poll was never delivered (the client went away, or
   * its request timed out first): it is activatable again at once, as Zeebe's YIELDED.
   */
  record JobYielded(long key) implements EngineEvent {}

  record JobRetriesUpdated(long key, int retries) implements EngineEvent {}

  record JobTimeoutUpdated(long key, long deadline) implements EngineEvent {}

  record JobErrorThrown(long key, String errorCode, String errorMessage) implements EngineEvent {}

  record JobCanceled(long key) implements EngineEvent {}

  record IncidentCreated(
      long key,
      String errorType,
      String errorMessage,
      long elementInstanceKey,
      long processInstanceKey,
      Long jobKey)
      implements EngineEvent {}

  record IncidentResolved(long key) implements EngineEvent {}

  /**
   * The engine clock now runs at real time plus {@code offsetMillis}, or stands at {@code
   * pinnedMillis}.
   */
  record ClockChanged(long offsetMillis, Long pinnedMillis) implements EngineEvent {}

  /**
   * All data was deleted; {@code changeId} is what topology reports as the last completed change.
   */
  record Purged(long changeId) implements EngineEvent {}

  // --- timers, messages and signals

  /**
   * A timer was scheduled for {@code dueDate}. It belongs to {@code elementInstanceKey} (the catch
   * event, the activity a boundary event is attached to, or the event-based gateway) and triggers
   * {@code targetElementId}; timers of start events have no element or process instance (-1).
   * Cycles keep their evaluated text in {@code cycle} and the triggers left, this one included, in
   * {@code repetitions} (-1: forever); one-shot timers have {@code cycle == null} and one
   * repetition.
   */
  record TimerCreated(
      long key,
      long elementInstanceKey,
      long processInstanceKey,
      long processDefinitionKey,
      String targetElementId,
      long dueDate,
      int repetitions,
      String cycle)
      implements EngineEvent {}

  record TimerTriggered(long key) implements EngineEvent {}

  record TimerCanceled(long key) implements EngineEvent {}

  /** A message was published; buffered until {@code deadline} (epoch ms), or not at all when 0. */
  record MessagePublished(
      long key,
      String name,
      String correlationKey,
      String messageId,
      long deadline,
      Map<String, Object> variables)
      implements EngineEvent {}

  /** A buffered message's time to live passed. */
  record MessageExpired(long key) implements EngineEvent {}

  /**
   * An element waits for a message (catch event, receive task, boundary event, event-based gateway
   * target), or a process version's message start event does (element and process instance -1,
   * correlation key null). {@code closeOnCorrelate}: the subscription ends with its first message
   * (everything but non-interrupting boundary events and start events).
   */
  record MessageSubscriptionCreated(
      long key,
      long elementInstanceKey,
      long processInstanceKey,
      long processDefinitionKey,
      String bpmnProcessId,
      String elementId,
      String messageName,
      String correlationKey,
      boolean closeOnCorrelate)
      implements EngineEvent {}

  /**
   * A message was correlated to a subscription. For a start event {@code processInstanceKey} is the
   * new instance and {@code elementInstanceKey} its start event.
   */
  record MessageCorrelated(
      long subscriptionKey,
      long messageKey,
      String messageName,
      String correlationKey,
      long processInstanceKey,
      long elementInstanceKey)
      implements EngineEvent {}

  record MessageSubscriptionDeleted(long key) implements EngineEvent {}

  /**
   * The instance a message start event created for this correlation key ended: the next message
   * with that key may start one again.
   */
  record MessageStartLockReleased(String bpmnProcessId, String correlationKey)
      implements EngineEvent {}

  /** Like {@link MessageSubscriptionCreated}, for a signal (by name only). */
  record SignalSubscriptionCreated(
      long key,
      long elementInstanceKey,
      long processInstanceKey,
      long processDefinitionKey,
      String bpmnProcessId,
      String elementId,
      String signalName,
      boolean closeOnTrigger)
      implements EngineEvent {}

  record SignalSubscriptionDeleted(long key) implements EngineEvent {}

  /**
   * Tokens waiting at joins in a scope were dropped: the paths they waited for were interrupted.
   */
  record JoinTokensDiscarded(long flowScopeKey) implements EngineEvent {}

  // --- user tasks (Camunda user tasks; dates are ISO-8601 UTC text, see UserTaskBehavior)

  record UserTaskCreated(
      long key,
      long elementInstanceKey,
      long processInstanceKey,
      long processDefinitionKey,
      String elementId,
      String assignee,
      List<String> candidateGroups,
      List<String> candidateUsers,
      String dueDate,
      String followUpDate,
      int priority,
      Long formKey,
      String externalFormReference,
      Map<String, String> customHeaders)
      implements EngineEvent {}

  /** {@code assignee} null: unassigned. */
  record UserTaskAssigned(long key, String assignee, String action) implements EngineEvent {}

  /** The task's attributes after an update; {@code changedAttributes} names what changed. */
  record UserTaskUpdated(
      long key,
      List<String> candidateGroups,
      List<String> candidateUsers,
      String dueDate,
      String followUpDate,
      int priority,
      List<String> changedAttributes,
      String action)
      implements EngineEvent {}

  record UserTaskCompleted(long key, String action) implements EngineEvent {}

  record UserTaskCanceled(long key) implements EngineEvent {}

  /**
   * A transition with task listeners began ({@code transition} CREATING, ASSIGNING, UPDATING or
   * COMPLETING): the task's data as the command proposes it, what it changes, and a completion's
   * variables; the task waits in that state for its listeners' jobs.
   */
  record UserTaskTransitionStarted(
      long key,
      String transition,
      String action,
      String assignee,
      List<String> candidateGroups,
      List<String> candidateUsers,
      String dueDate,
      String followUpDate,
      int priority,
      List<String> changedAttributes,
      Map<String, Object> variables)
      implements EngineEvent {}

  /** A task listener corrected the proposed data (applied when the transition ends). */
  record UserTaskCorrected(
      long key,
      String assignee,
      List<String> candidateGroups,
      List<String> candidateUsers,
      String dueDate,
      String followUpDate,
      int priority,
      List<String> changedAttributes)
      implements EngineEvent {}

  /** A task listener denied the transition: the task is CREATED again, unchanged. */
  record UserTaskTransitionDenied(long key, String deniedReason) implements EngineEvent {}

  /** Every task listener of the transition completed: the task takes the (corrected) data. */
  record UserTaskTransitionEnded(
      long key,
      String assignee,
      List<String> candidateGroups,
      List<String> candidateUsers,
      String dueDate,
      String followUpDate,
      int priority,
      List<String> changedAttributes)
      implements EngineEvent {}

  // --- deployments and decisions

  /** Every resource a deployment contained, new or unchanged ({@code "kind:id"} to key). */
  record DeploymentContents(long deploymentKey, Map<String, Long> resources)
      implements EngineEvent {}

  /**
   * A decision of a deployed DMN resource; the graph itself is a ResourceDeployed of kind
   * "decision-requirements".
   */
  record DecisionDeployed(
      long key,
      String decisionId,
      String name,
      int version,
      String versionTag,
      String decisionType,
      long decisionRequirementsKey,
      String decisionRequirementsId,
      long deploymentKey,
      String resourceName,
      String tenantId)
      implements EngineEvent {}

  /**
   * One evaluation of a decision (by a business rule task or standalone): the called decision, its
   * output as JSON text and every decision evaluated on the way. Process keys are -1 for a
   * standalone evaluation. {@code failureMessage} is set when it failed.
   */
  record DecisionEvaluated(
      long key,
      long decisionKey,
      String decisionId,
      String decisionName,
      int decisionVersion,
      String decisionType,
      long decisionRequirementsKey,
      String decisionRequirementsId,
      String output,
      String failureMessage,
      String failedDecisionId,
      List<EvaluatedDecision> evaluatedDecisions,
      long processDefinitionKey,
      long processInstanceKey,
      long elementInstanceKey,
      String elementId,
      String tenantId)
      implements EngineEvent {}

  /** One decision evaluated within a {@link DecisionEvaluated}; values are JSON text. */
  record EvaluatedDecision(
      long decisionKey,
      String decisionId,
      String decisionName,
      int decisionVersion,
      String decisionType,
      String output,
      List<io.civicflow.engine.dmn.DecisionOutcome.EvaluatedInput> inputs,
      List<io.civicflow.engine.dmn.DecisionOutcome.MatchedRule> matchedRules) {}

  // ---------------------------------------------------------------- identity (Camunda 8.8's)

  /** A user was created; {@code passwordHash} is BCrypt (the password itself is never stored). */
  record UserCreated(String username, String name, String email, String passwordHash)
      implements EngineEvent {}

  /** A user's name, e-mail or password hash changed (every field holds the new value). */
  record UserUpdated(String username, String name, String email, String passwordHash)
      implements EngineEvent {}

  /** A user was deleted (its memberships and authorizations were removed by events before). */
  record UserDeleted(String username) implements EngineEvent {}

  record GroupCreated(String groupId, String name, String description) implements EngineEvent {}

  record GroupUpdated(String groupId, String name, String description) implements EngineEvent {}

  record GroupDeleted(String groupId) implements EngineEvent {}

  record RoleCreated(String roleId, String name, String description) implements EngineEvent {}

  record RoleUpdated(String roleId, String name, String description) implements EngineEvent {}

  record RoleDeleted(String roleId) implements EngineEvent {}

  record TenantCreated(String tenantId, String name, String description) implements EngineEvent {}

  record TenantUpdated(String tenantId, String name, String description) implements EngineEvent {}

  record TenantDeleted(String tenantId) implements EngineEvent {}

  record MappingRuleCreated(String mappingRuleId, String claimName, String claimValue, String name)
      implements EngineEvent {}

  record MappingRuleUpdated(String mappingRuleId, String claimName, String claimValue, String name)
      implements EngineEvent {}

  record MappingRuleDeleted(String mappingRuleId) implements EngineEvent {}

  /** A user, group, role, mapping rule or client joined a group, role or tenant. */
  record MembershipAdded(Kind entityKind, String entityId, Kind memberKind, String memberId)
      implements EngineEvent {}

  record MembershipRemoved(Kind entityKind, String entityId, Kind memberKind, String memberId)
      implements EngineEvent {}

  record AuthorizationCreated(
      long key,
      OwnerType ownerType,
      String ownerId,
      ResourceType resourceType,
      String resourceId,
      List<PermissionType> permissionTypes)
      implements EngineEvent {}

  record AuthorizationUpdated(
      long key,
      OwnerType ownerType,
      String ownerId,
      ResourceType resourceType,
      String resourceId,
      List<PermissionType> permissionTypes)
      implements EngineEvent {}

  record AuthorizationDeleted(long key) implements EngineEvent {}

  /**
   * The users file's entries (e.g. {@code user:demo}, {@code group:admin}, {@code
   * member:GROUP:admin:USER:demo}) were seeded: they are never seeded again.
   */
  record IdentitySeeded(List<String> entries) implements EngineEvent {}

  // ---------------------------------------------------------------- migration

  /**
   * A process instance now runs on {@code targetProcessDefinitionKey}: each of its element
   * instances (the process itself included) continues as the target element named (its lookup id: a
   * multi-instance inner activity's), with its job, user task and incident unchanged; each timer
   * and message or signal subscription named continues for its target catch element. Subscriptions
   * of the source that have no target were closed by events before this one; new ones of the target
   * are opened by events after it.
   */
  record ProcessInstanceMigrated(
      long processInstanceKey,
      long sourceProcessDefinitionKey,
      long targetProcessDefinitionKey,
      List<MigratedElement> elementInstances,
      List<MigratedSubscription> subscriptions)
      implements EngineEvent {}

  /** One element instance of a {@link ProcessInstanceMigrated}; the keys are what it holds. */
  record MigratedElement(
      long elementInstanceKey,
      String targetElementId,
      Long jobKey,
      Long userTaskKey,
      Long incidentKey) {}

  /** A timer, message or signal subscription kept by a migration, for its target element. */
  record MigratedSubscription(long key, String targetElementId) {}

  /**
   * A deployed resource was deleted ({@code kind}: process, form, decision-requirements — with its
   * decisions): it is no longer deployed; instances that ran on it keep their history.
   */
  record ResourceDeleted(long key, String kind, String id, String tenantId)
      implements EngineEvent {}

  /**
   * A batch operation was created (Camunda's batch operations): its filter resolved once into its
   * items, in the order they run. An item with a {@code failure} was refused when the batch was
   * created (the caller lacked the permission for it) and is FAILED from the start.
   *
   * @param type Camunda's batchOperationType (CANCEL_PROCESS_INSTANCE, RESOLVE_INCIDENT,
   *     MIGRATE_PROCESS_INSTANCE, MODIFY_PROCESS_INSTANCE)
   * @param plan what a migration or modification does to each item (added compatibly: null in
   *     records written before it, and for the other types)
   */
  record BatchOperationCreated(
      long key,
      String type,
      List<BatchOperationItem> items,
      @com.fasterxml.jackson.annotation.JacksonInject(
              value = io.civicflow.engine.json.Json.ABSENT_BEFORE,
              useInput = com.fasterxml.jackson.annotation.OptBoolean.TRUE)
          BatchOperationPlan plan)
      implements EngineEvent {

    public BatchOperationCreated(long key, String type, List<BatchOperationItem> items) {
      this(key, type, items, null);
    }
  }

  /**
   * A migration's target and mapping instructions, or a modification's move instructions (each
   * active instance of the source element terminated, the target activated in its place).
   */
  record BatchOperationPlan(
      Long targetProcessDefinitionKey,
      List<ElementMapping> mappingInstructions,
      List<ElementMapping> moveInstructions) {}

  /** A source element and the target element it maps or moves to. */
  record ElementMapping(String sourceElementId, String targetElementId) {}

  /**
   * A batch operation was suspended ({@code state} SUSPENDED), resumed (ACTIVE) or canceled
   * (CANCELED: its items not yet executed never run).
   */
  record BatchOperationChanged(long key, String state) implements EngineEvent {}

  /** An item of a batch: a process instance, or an incident of one. */
  record BatchOperationItem(long itemKey, long processInstanceKey, String failure) {}

  /**
   * An item of a batch was executed, in the same record as what it did: {@code state} COMPLETED or
   * FAILED (with the refusal's message). An item is executed once.
   */
  record BatchOperationItemExecuted(long key, long itemKey, String state, String errorMessage)
      implements EngineEvent {}
}
