package io.civicflow.engine.access;

import static io.civicflow.engine.access.PermissionType.CANCEL_PROCESS_INSTANCE;
import static io.civicflow.engine.access.PermissionType.CREATE_DECISION_INSTANCE;
import static io.civicflow.engine.access.PermissionType.CREATE_PROCESS_INSTANCE;
import static io.civicflow.engine.access.PermissionType.MODIFY_PROCESS_INSTANCE;
import static io.civicflow.engine.access.PermissionType.UPDATE_PROCESS_INSTANCE;
import static io.civicflow.engine.access.PermissionType.UPDATE_USER_TASK;
import static io.civicflow.engine.access.ResourceType.BATCH;
import static io.civicflow.engine.access.ResourceType.DECISION_DEFINITION;
import static io.civicflow.engine.access.ResourceType.PROCESS_DEFINITION;
import static io.civicflow.engine.access.ResourceType.RESOURCE;

import io.civicflow.engine.api.Commands;
import io.civicflow.engine.api.Commands.BatchItem;
import io.civicflow.engine.api.Commands.CreateBatchOperation;
import io.civicflow.engine.api.EngineRejection;
import io.civicflow.engine.api.RejectionType;
import io.civicflow.engine.query.ReadModel;
import io.civicflow.engine.query.Records.UserTaskRecord;
import io.civicflow.engine.web.auth.Identity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What one caller may do, command by command (Camunda 8.8's permissions; see {@link
 * AuthorizedEngine}): each check throws the refusal ({@code FORBIDDEN}, or {@code NOT_FOUND} for a
 * record of another tenant) and passes a key the engine does not know, for the engine to answer.
 */
final class CommandChecks {

  private final AccessCheck check;
  private final Identity caller;
  private final ReadModel all;

  CommandChecks(AccessCheck check, Identity caller, ReadModel all) {
    this.check = check;
    this.caller = caller;
    this.all = all;
  }

  void require(ResourceType type, PermissionType permission, String resourceId) {
    check.require(caller, type, permission, resourceId);
  }

  void requireTenant(String tenantId, String request) {
    AccessCheck.requireTenant(caller, tenantId, request);
  }

  /**
   * The one per-record check: a record of another tenant is not there for the caller ({@code
   * notFound}); else the caller needs {@code permission} on the record's process.
   */
  private <R> void onProcessOf(
      Optional<R> record,
      Function<R, String> tenantId,
      Function<R, String> bpmnProcessId,
      PermissionType permission,
      String notFound) {
    record.ifPresent(
        r -> {
          requireTenantOf(tenantId.apply(r), notFound);
          require(PROCESS_DEFINITION, permission, bpmnProcessId.apply(r));
        });
  }

  /** An existing record of a tenant not the caller's is not there for it. */
  private void requireTenantOf(String tenantId, String notFound) {
    if (!AccessCheck.inTenant(caller, tenantId)) {
      throw new EngineRejection(RejectionType.NOT_FOUND, notFound);
    }
  }

  /** A check on a process instance: {@code permission} on its process. */
  private void onInstance(long key, PermissionType permission, String notFound) {
    onProcessOf(
        all.processInstance(key),
        i -> i.tenantId(),
        i -> i.bpmnProcessId(),
        permission,
        String.format(notFound, key));
  }

  // ------------------------------------------------------------------------------ instances

  void mayCreateInstance(Commands.CreateProcessInstance command) {
    if (command.processDefinitionKey() != null) {
      onProcessOf(
          all.processDefinition(command.processDefinitionKey()),
          d -> d.tenantId(),
          d -> d.bpmnProcessId(),
          CREATE_PROCESS_INSTANCE,
          String.format(
              "Expected to find process definition with key '%d', but none found",
              command.processDefinitionKey()));
    } else {
      requireTenant(command.tenantId(), "Create Process Instance");
      require(PROCESS_DEFINITION, CREATE_PROCESS_INSTANCE, command.bpmnProcessId());
    }
  }

  void mayCancel(long processInstanceKey) {
    onInstance(
        processInstanceKey,
        CANCEL_PROCESS_INSTANCE,
        "Expected to cancel a process instance with key '%d', but no such process instance was"
            + " found");
  }

  /** MODIFY_PROCESS_INSTANCE on the instance's process, as Camunda 8.8 checks it. */
  void mayModify(long processInstanceKey) {
    onInstance(
        processInstanceKey,
        MODIFY_PROCESS_INSTANCE,
        "Expected to modify process instance but no process instance found with key '%d'");
  }

  /** UPDATE_PROCESS_INSTANCE on the instance's process, as Camunda 8.8 checks it. */
  void mayMigrate(long processInstanceKey) {
    onInstance(
        processInstanceKey,
        UPDATE_PROCESS_INSTANCE,
        "Expected to migrate process instance but no process instance found with key '%d'");
  }

  void mayResolve(long incidentKey) {
    onProcessOf(
        all.incident(incidentKey),
        i -> i.tenantId(),
        i -> i.bpmnProcessId(),
        UPDATE_PROCESS_INSTANCE,
        String.format(
            "Expected to resolve incident with key '%d', but no such incident was found",
            incidentKey));
  }

  void maySetVariables(long elementInstanceKey) {
    onProcessOf(
        all.elementInstance(elementInstanceKey),
        e -> e.tenantId(),
        e -> e.bpmnProcessId(),
        UPDATE_PROCESS_INSTANCE,
        String.format(
            "Expected to update variables for element with key '%d', but no such element was"
                + " found",
            elementInstanceKey));
  }

  void mayActivateAdHoc(long adHocSubProcessInstanceKey) {
    onProcessOf(
        all.elementInstance(adHocSubProcessInstanceKey),
        e -> e.tenantId(),
        e -> e.bpmnProcessId(),
        UPDATE_PROCESS_INSTANCE,
        String.format(
            "Expected to activate activities for ad-hoc sub-process with key '%d', but no such"
                + " ad-hoc sub-process was found",
            adHocSubProcessInstanceKey));
  }

  void mayUpdateJob(long jobKey, String action) {
    onProcessOf(
        all.job(jobKey),
        j -> j.tenantId(),
        j -> j.bpmnProcessId(),
        UPDATE_PROCESS_INSTANCE,
        String.format(
            "Expected to %s job with key '%d', but no such job was found", action, jobKey));
  }

  /** UPDATE_USER_TASK, or being the task's assignee, a candidate user or in a candidate group. */
  void mayUpdateUserTask(long userTaskKey, String action) {
    all.userTask(userTaskKey)
        .ifPresent(
            task -> {
              requireTenantOf(
                  task.tenantId(),
                  String.format(
                      "Expected to %s user task with key '%d', but no such user task was found",
                      action, userTaskKey));
              if (!mayWorkOn(task)) {
                throw AccessCheck.forbidden(
                    UPDATE_USER_TASK, PROCESS_DEFINITION, task.bpmnProcessId());
              }
            });
  }

  private boolean mayWorkOn(UserTaskRecord task) {
    return AccessCheck.concernedBy(caller, task)
        || check.allows(caller, PROCESS_DEFINITION, UPDATE_USER_TASK, task.bpmnProcessId());
  }

  void mayEvaluateDecision(Commands.EvaluateDecision command) {
    if (command.decisionKey() != null) {
      all.decisionDefinition(command.decisionKey())
          .ifPresent(
              decision -> {
                requireTenantOf(
                    decision.tenantId(),
                    String.format(
                        "Expected to evaluate decision with key '%d', but no such decision was"
                            + " found",
                        command.decisionKey()));
                require(
                    DECISION_DEFINITION, CREATE_DECISION_INSTANCE, decision.decisionDefinitionId());
              });
    } else {
      requireTenant(command.tenantId(), "Evaluate Decision");
      require(DECISION_DEFINITION, CREATE_DECISION_INSTANCE, command.decisionId());
    }
  }

  /**
   * RESOURCE DELETE_PROCESS, DELETE_FORM or DELETE_DRD (on {@code *}, as RESOURCE is checked here)
   * by what the key is; another tenant's resource is not found.
   */
  void mayDeleteResource(long resourceKey) {
    String notFound =
        String.format(
            "Expected to delete resource but no resource found with key '%d'", resourceKey);
    var process = all.processDefinition(resourceKey);
    if (process.isPresent()) {
      requireTenantOf(process.get().tenantId(), notFound);
      require(RESOURCE, PermissionType.DELETE_PROCESS, AuthorizationGrant.WILDCARD);
      return;
    }
    var form = all.form(resourceKey);
    if (form.isPresent()) {
      requireTenantOf(form.get().tenantId(), notFound);
      require(RESOURCE, PermissionType.DELETE_FORM, AuthorizationGrant.WILDCARD);
      return;
    }
    var drg = all.decisionRequirements(resourceKey);
    if (drg.isPresent()) {
      requireTenantOf(drg.get().tenantId(), notFound);
      require(RESOURCE, PermissionType.DELETE_DRD, AuthorizationGrant.WILDCARD);
    }
  }

  /** Jobs of processes the caller may update, in tenants it works in. */
  Commands.JobFilter jobFilter(List<String> tenantIds) {
    for (String tenant : Commands.tenantsOrDefault(tenantIds)) {
      requireTenant(tenant, "Activate Jobs");
    }
    AccessCheck.Grants grants = check.grantsFor(caller);
    return (bpmnProcessId, tenantId) ->
        grants.inTenant(tenantId)
            && grants.allows(PROCESS_DEFINITION, UPDATE_PROCESS_INSTANCE, bpmnProcessId);
  }

  // ------------------------------------------------------------------------------ batches

  /**
   * Camunda 8.8: creating a batch needs BATCH {@code CREATE}, or the permission for its kind
   * ({@code CREATE_BATCH_OPERATION_<type>}), on {@code *}; else 403 naming the kind's permission.
   */
  void mayCreateBatch(String type) {
    PermissionType kind;
    try {
      kind = PermissionType.valueOf("CREATE_BATCH_OPERATION_" + type);
    } catch (IllegalArgumentException unknown) {
      return; // the engine refuses an unknown type itself
    }
    if (!check.allows(caller, BATCH, PermissionType.CREATE, AuthorizationGrant.WILDCARD)) {
      require(BATCH, kind, AuthorizationGrant.WILDCARD);
    }
  }

  /** Suspending, resuming, cancelling a batch: BATCH {@code UPDATE} on {@code *}. */
  void mayChangeBatch() {
    require(BATCH, PermissionType.UPDATE, AuthorizationGrant.WILDCARD);
  }

  /**
   * Each item needs what its single command needs; an item the caller may not do carries the
   * refusal's message (FAILED without running), the others run.
   */
  CreateBatchOperation itemsChecked(CreateBatchOperation command) {
    List<BatchItem> items = new ArrayList<>();
    for (BatchItem item : command.items()) {
      String failure = item.failure();
      try {
        switch (command.type()) {
          case "RESOLVE_INCIDENT" -> mayResolve(item.itemKey());
          case "MIGRATE_PROCESS_INSTANCE" -> mayMigrate(item.processInstanceKey());
          case "MODIFY_PROCESS_INSTANCE" -> mayModify(item.processInstanceKey());
          default -> mayCancel(item.itemKey());
        }
      } catch (EngineRejection refused) {
        failure = refused.getMessage();
      }
      items.add(new BatchItem(item.itemKey(), item.processInstanceKey(), failure));
    }
    return new CreateBatchOperation(command.type(), items, command.plan());
  }
}
