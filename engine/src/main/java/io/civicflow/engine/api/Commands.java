package io.civicflow.engine.api;

import io.civicflow.engine.access.AuthorizationGrant;
import io.civicflow.engine.access.IdentityDirectory.Kind;
import io.civicflow.engine.access.OwnerType;
import io.civicflow.engine.access.PermissionType;
import io.civicflow.engine.access.ResourceType;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The requests the engine accepts, as the web layer (REST today, gRPC later) hands them over.
 * Variables are JSON-compatible Java values: {@code Map<String,Object>}, {@code List}, {@code
 * String}, numbers, {@code Boolean}, {@code null} — what Jackson produces when it reads a JSON
 * object into a map.
 */
public final class Commands {

  private Commands() {}

  /**
   * The tenant of everything: Camunda's clients send it when multi-tenancy is off, and the engine
   * knows no other.
   */
  public static final String DEFAULT_TENANT = "<default>";

  /** The tenant a request names, or {@link #DEFAULT_TENANT} when it names none. */
  public static String tenantOrDefault(String tenantId) {
    return tenantId == null || tenantId.isBlank() ? DEFAULT_TENANT : tenantId;
  }

  /** The tenants a request names, or only {@link #DEFAULT_TENANT} when it names none. */
  public static List<String> tenantsOrDefault(List<String> tenantIds) {
    return tenantIds == null || tenantIds.isEmpty() ? List.of(DEFAULT_TENANT) : tenantIds;
  }

  /** One file of a deployment: its name decides the kind (.bpmn, .dmn, .form). */
  public record DeployResource(String name, byte[] content) {}

  public record Deploy(List<DeployResource> resources, String tenantId) {}

  /**
   * Create an instance of the latest version ({@code version == null} or -1), of a given version,
   * or of a definition key. With {@code awaitCompletion} the answer comes when the instance
   * completes (or DEADLINE_EXCEEDED after {@code requestTimeoutMillis}; 0 means the engine
   * default).
   */
  public record CreateProcessInstance(
      String bpmnProcessId,
      Integer version,
      Long processDefinitionKey,
      Map<String, Object> variables,
      List<String> tags,
      List<String> startElementIds,
      boolean awaitCompletion,
      List<String> fetchVariables,
      long requestTimeoutMillis,
      String tenantId) {}

  /**
   * Activate up to {@code maxJobsToActivate} jobs of a type. {@code requestTimeoutMillis}: 0 =
   * engine default long-poll, negative = answer at once, positive = hold the request up to that
   * long.
   */
  public record ActivateJobs(
      String type,
      String worker,
      long timeoutMillis,
      int maxJobsToActivate,
      List<String> fetchVariables,
      long requestTimeoutMillis,
      List<String> tenantIds,
      JobFilter filter) {

    /** Any job of the named tenants (no further filter). */
    public ActivateJobs(
        String type,
        String worker,
        long timeoutMillis,
        int maxJobsToActivate,
        List<String> fetchVariables,
        long requestTimeoutMillis,
        List<String> tenantIds) {
      this(
          type,
          worker,
          timeoutMillis,
          maxJobsToActivate,
          fetchVariables,
          requestTimeoutMillis,
          tenantIds,
          JobFilter.ANY);
    }

    public ActivateJobs {
      filter = filter == null ? JobFilter.ANY : filter;
    }
  }

  /**
   * Which jobs a caller may activate, by their process: the jobs of processes it may update ({@code
   * UPDATE_PROCESS_INSTANCE}). Jobs of tenants the request does not name are never activated,
   * whatever the filter.
   */
  @FunctionalInterface
  public interface JobFilter {
    JobFilter ANY = (bpmnProcessId, tenantId) -> true;

    boolean mayActivate(String bpmnProcessId, String tenantId);
  }

  /**
   * Open a job stream: every job of {@code type} that becomes activatable is activated for {@code
   * worker} (locked for {@code timeoutMillis}) and pushed to the stream, one job at a time, while
   * it is ready.
   */
  public record StreamJobs(
      String type,
      String worker,
      long timeoutMillis,
      List<String> fetchVariables,
      List<String> tenantIds,
      JobFilter filter) {

    public StreamJobs(
        String type,
        String worker,
        long timeoutMillis,
        List<String> fetchVariables,
        List<String> tenantIds) {
      this(type, worker, timeoutMillis, fetchVariables, tenantIds, JobFilter.ANY);
    }

    public StreamJobs {
      filter = filter == null ? JobFilter.ANY : filter;
    }
  }

  /**
   * Activates inner elements of an active ad-hoc sub-process (Camunda's ad-hoc activation API),
   * each with its own local variables.
   */
  public record ActivateAdHocActivities(
      long adHocSubProcessInstanceKey,
      List<AdHocActivity> elements,
      boolean cancelRemainingInstances) {}

  public record AdHocActivity(String elementId, Map<String, Object> variables) {}

  /**
   * @param result a job result (task listeners: deny or correct), or null
   */
  public record CompleteJob(long jobKey, Map<String, Object> variables, JobResult result) {

    public CompleteJob(long jobKey, Map<String, Object> variables) {
      this(jobKey, variables, null);
    }
  }

  /**
   * Camunda's job result. {@code type} {@code userTask} (the default): a task listener denies the
   * transition ({@code denied}, {@code deniedReason}) or corrects the task's data; {@code
   * adHocSubProcess} is not supported by this engine.
   */
  public record JobResult(
      String type, boolean denied, String deniedReason, JobResultCorrections corrections) {

    public static final String USER_TASK = "userTask";
    public static final String AD_HOC_SUB_PROCESS = "adHocSubProcess";
  }

  /**
   * Corrections of a user task by a task listener: null keeps the value; {@code ""} clears the
   * assignee or a date, an empty list the candidates.
   */
  public record JobResultCorrections(
      String assignee,
      String dueDate,
      String followUpDate,
      List<String> candidateUsers,
      List<String> candidateGroups,
      Integer priority) {

    public boolean isEmpty() {
      return assignee == null
          && dueDate == null
          && followUpDate == null
          && candidateUsers == null
          && candidateGroups == null
          && priority == null;
    }
  }

  public record FailJob(
      long jobKey,
      int retries,
      String errorMessage,
      long retryBackOffMillis,
      Map<String, Object> variables) {}

  public record ThrowError(
      long jobKey, String errorCode, String errorMessage, Map<String, Object> variables) {}

  /** Either field may be null: null means unchanged. */
  public record UpdateJob(long jobKey, Integer retries, Long timeoutMillis) {}

  /** Camunda's migration plan for one process instance. */
  public record MigrateProcessInstance(
      long processInstanceKey,
      long targetProcessDefinitionKey,
      List<MappingInstruction> mappingInstructions) {}

  /** Camunda's process instance modification: activate elements, terminate element instances. */
  public record ModifyProcessInstance(
      long processInstanceKey,
      List<ActivateInstruction> activateInstructions,
      List<Long> terminateInstructions) {}

  /**
   * @param ancestorElementInstanceKey the flow scope instance to activate in, or null / -1 for the
   *     one active instance of the element's flow scope
   */
  public record ActivateInstruction(
      String elementId,
      Long ancestorElementInstanceKey,
      List<VariableInstruction> variableInstructions) {}

  /** {@code scopeId}: the element or flow scope to set them in; empty for the process instance. */
  public record VariableInstruction(Map<String, Object> variables, String scopeId) {}

  /** An element of the source process and the element of the target it continues as. */
  public record MappingInstruction(String sourceElementId, String targetElementId) {}

  public record SetVariables(
      long elementInstanceKey, Map<String, Object> variables, boolean local) {}

  /**
   * @param timeToLiveMillis how long the message waits to be correlated: 0 (correlate now or never)
   *     up to {@link #MAX_TIME_TO_LIVE}; outside is refused ({@code INVALID_ARGUMENT})
   */
  public record PublishMessage(
      String name,
      String correlationKey,
      long timeToLiveMillis,
      String messageId,
      Map<String, Object> variables,
      String tenantId) {

    /** The longest a message may wait: about 100 years, so its expiry stays a date. */
    public static final java.time.Duration MAX_TIME_TO_LIVE = java.time.Duration.ofDays(36_500);

    public PublishMessage {
      if (timeToLiveMillis < 0 || timeToLiveMillis > MAX_TIME_TO_LIVE.toMillis()) {
        throw new EngineRejection(
            RejectionType.INVALID_ARGUMENT,
            "Expected the message time to live to be between 0 and "
                + MAX_TIME_TO_LIVE.toMillis()
                + " ms ("
                + MAX_TIME_TO_LIVE.toDays()
                + " days), but was "
                + timeToLiveMillis);
      }
    }
  }

  public record CorrelateMessage(
      String name, String correlationKey, Map<String, Object> variables, String tenantId) {}

  public record BroadcastSignal(
      String signalName, Map<String, Object> variables, String tenantId) {}

  // --- user tasks and decisions

  /**
   * {@code allowOverride} null means true (Camunda's default); {@code action} null means "assign".
   */
  public record AssignUserTask(
      long userTaskKey, String assignee, Boolean allowOverride, String action) {}

  public record UnassignUserTask(long userTaskKey) {}

  public record CompleteUserTask(long userTaskKey, Map<String, Object> variables, String action) {}

  /**
   * Each field null means unchanged. An empty date text clears the date, an empty list clears the
   * candidates.
   */
  public record UpdateUserTask(
      long userTaskKey,
      String dueDate,
      String followUpDate,
      List<String> candidateGroups,
      List<String> candidateUsers,
      Integer priority,
      String action) {}

  /** By key, or by id (latest version). */
  public record EvaluateDecision(
      Long decisionKey, String decisionId, Map<String, Object> variables, String tenantId) {}

  // ---------------------------------------------------------------- identity (Camunda 8.8's)

  /**
   * A change to the identity state: users, groups, roles, tenants, mapping rules, memberships and
   * authorizations. Answered with the new authorization's key for {@link CreateAuthorization}, 0
   * otherwise. Passwords arrive hashed (BCrypt): the engine never sees one in clear.
   */
  public sealed interface IdentityCommand
      permits CreateUser,
          UpdateUser,
          DeleteUser,
          CreateEntity,
          UpdateEntity,
          DeleteEntity,
          CreateMappingRule,
          UpdateMappingRule,
          DeleteMappingRule,
          AddMember,
          RemoveMember,
          CreateAuthorization,
          UpdateAuthorization,
          DeleteAuthorization,
          SeedIdentity {}

  public record CreateUser(String username, String name, String email, String passwordHash)
      implements IdentityCommand {}

  /** Null fields are left unchanged. */
  public record UpdateUser(String username, String name, String email, String passwordHash)
      implements IdentityCommand {}

  public record DeleteUser(String username) implements IdentityCommand {}

  /** Creates a group, role or tenant ({@code kind}). */
  public record CreateEntity(Kind kind, String id, String name, String description)
      implements IdentityCommand {}

  public record UpdateEntity(Kind kind, String id, String name, String description)
      implements IdentityCommand {}

  public record DeleteEntity(Kind kind, String id) implements IdentityCommand {}

  public record CreateMappingRule(
      String mappingRuleId, String claimName, String claimValue, String name)
      implements IdentityCommand {}

  public record UpdateMappingRule(
      String mappingRuleId, String claimName, String claimValue, String name)
      implements IdentityCommand {}

  public record DeleteMappingRule(String mappingRuleId) implements IdentityCommand {}

  /** Makes {@code memberId} (a user, group, role, mapping rule or client) a member. */
  public record AddMember(Kind entityKind, String entityId, Kind memberKind, String memberId)
      implements IdentityCommand {}

  public record RemoveMember(Kind entityKind, String entityId, Kind memberKind, String memberId)
      implements IdentityCommand {}

  public record CreateAuthorization(
      OwnerType ownerType,
      String ownerId,
      ResourceType resourceType,
      String resourceId,
      List<PermissionType> permissionTypes)
      implements IdentityCommand {}

  public record UpdateAuthorization(
      long authorizationKey,
      OwnerType ownerType,
      String ownerId,
      ResourceType resourceType,
      String resourceId,
      List<PermissionType> permissionTypes)
      implements IdentityCommand {}

  public record DeleteAuthorization(long authorizationKey) implements IdentityCommand {}

  /**
   * The users file at start: each of its entries that was never seeded is added (see the README's
   * "Identity"); what exists or was seeded before is left as it is.
   */
  public record SeedIdentity(List<SeedUser> users, List<AuthorizationGrant> authorizations)
      implements IdentityCommand {}

  /** One user of the users file with the groups, roles and tenants it names. */
  public record SeedUser(
      String username,
      String name,
      String email,
      String passwordHash,
      Set<String> groups,
      Set<String> roles,
      Set<String> tenants) {}

  /**
   * A batch operation over items resolved from a filter when it is created.
   *
   * @param type CANCEL_PROCESS_INSTANCE, RESOLVE_INCIDENT, MIGRATE_PROCESS_INSTANCE or
   *     MODIFY_PROCESS_INSTANCE
   * @param plan a migration's target and mappings, or a modification's moves; null for the others
   */
  public record CreateBatchOperation(String type, List<BatchItem> items, BatchPlan plan) {

    public CreateBatchOperation(String type, List<BatchItem> items) {
      this(type, items, null);
    }
  }

  /**
   * What a migration batch ({@code targetProcessDefinitionKey}, {@code mappingInstructions}) or a
   * modification batch ({@code moveInstructions}) does to each of its instances.
   */
  public record BatchPlan(
      Long targetProcessDefinitionKey,
      List<MappingInstruction> mappingInstructions,
      List<MappingInstruction> moveInstructions) {}

  /** Suspends, resumes or cancels a batch operation. */
  public record ChangeBatchOperation(long batchOperationKey, BatchChange change) {}

  /** What {@link ChangeBatchOperation} does, named as Camunda's endpoints. */
  public enum BatchChange {
    SUSPENSION,
    RESUMPTION,
    CANCELLATION
  }

  /**
   * An item of a batch: a process instance (cancel) or an incident (resolve); {@code failure} when
   * the caller may not do it (FAILED without running).
   */
  public record BatchItem(long itemKey, long processInstanceKey, String failure) {}

  /** Runs one item of a batch operation (once: an executed item is not run again). */
  public record ExecuteBatchItem(long batchOperationKey, long itemKey) {}
}
