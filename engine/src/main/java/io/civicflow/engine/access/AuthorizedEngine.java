package io.civicflow.engine.access;

import static io.civicflow.engine.access.PermissionType.CANCEL_PROCESS_INSTANCE;
import static io.civicflow.engine.access.PermissionType.CREATE;
import static io.civicflow.engine.access.PermissionType.CREATE_DECISION_INSTANCE;
import static io.civicflow.engine.access.PermissionType.CREATE_PROCESS_INSTANCE;
import static io.civicflow.engine.access.PermissionType.UPDATE;
import static io.civicflow.engine.access.PermissionType.UPDATE_PROCESS_INSTANCE;
import static io.civicflow.engine.access.PermissionType.UPDATE_USER_TASK;
import static io.civicflow.engine.access.ResourceType.DECISION_DEFINITION;
import static io.civicflow.engine.access.ResourceType.MESSAGE;
import static io.civicflow.engine.access.ResourceType.PROCESS_DEFINITION;
import static io.civicflow.engine.access.ResourceType.RESOURCE;
import static io.civicflow.engine.access.ResourceType.SYSTEM;

import io.civicflow.engine.api.Commands;
import io.civicflow.engine.api.Commands.ActivateJobs;
import io.civicflow.engine.api.Commands.BroadcastSignal;
import io.civicflow.engine.api.Commands.CompleteJob;
import io.civicflow.engine.api.Commands.CorrelateMessage;
import io.civicflow.engine.api.Commands.CreateProcessInstance;
import io.civicflow.engine.api.Commands.Deploy;
import io.civicflow.engine.api.Commands.FailJob;
import io.civicflow.engine.api.Commands.PublishMessage;
import io.civicflow.engine.api.Commands.SetVariables;
import io.civicflow.engine.api.Commands.StreamJobs;
import io.civicflow.engine.api.Commands.ThrowError;
import io.civicflow.engine.api.Commands.UpdateJob;
import io.civicflow.engine.api.EngineApi;
import io.civicflow.engine.api.EngineRejection;
import io.civicflow.engine.api.JobStreamConsumer;
import io.civicflow.engine.api.JobStreamRegistration;
import io.civicflow.engine.api.Results;
import io.civicflow.engine.api.Results.ActivatedJob;
import io.civicflow.engine.api.Results.ClockState;
import io.civicflow.engine.api.Results.DeploymentResult;
import io.civicflow.engine.api.Results.MessageCorrelated;
import io.civicflow.engine.api.Results.MessagePublished;
import io.civicflow.engine.api.Results.ProcessInstanceCreated;
import io.civicflow.engine.api.Results.PurgeResult;
import io.civicflow.engine.api.Results.SignalBroadcast;
import io.civicflow.engine.api.Results.Topology;
import io.civicflow.engine.query.ReadModel;
import io.civicflow.engine.query.Records.UserTaskRecord;
import io.civicflow.engine.web.auth.Identity;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The engine as one caller may use it: each command is checked ({@link AccessCheck}) before it is
 * handed on, so a refused one changes nothing and writes no event; reads go through an {@link
 * AuthorizedReadModel}. What each command needs, as Camunda 8.8:
 *
 * <table>
 *   <caption>Commands and permissions</caption>
 *   <tr><td>deploy</td><td>RESOURCE CREATE</td></tr>
 *   <tr><td>create process instance</td><td>PROCESS_DEFINITION CREATE_PROCESS_INSTANCE</td></tr>
 *   <tr><td>cancel process instance</td><td>PROCESS_DEFINITION CANCEL_PROCESS_INSTANCE</td></tr>
 *   <tr><td>set variables, resolve incident, activate, complete, fail, throw error for and update
 *       jobs</td><td>PROCESS_DEFINITION UPDATE_PROCESS_INSTANCE</td></tr>
 *   <tr><td>publish and correlate messages</td><td>MESSAGE CREATE</td></tr>
 *   <tr><td>broadcast signals</td><td>PROCESS_DEFINITION CREATE_PROCESS_INSTANCE and
 *       UPDATE_PROCESS_INSTANCE on every process</td></tr>
 *   <tr><td>evaluate decision</td><td>DECISION_DEFINITION CREATE_DECISION_INSTANCE</td></tr>
 *   <tr><td>assign, unassign, update, complete user tasks</td><td>PROCESS_DEFINITION
 *       UPDATE_USER_TASK, or the task's assignee, a candidate user or in a candidate group</td></tr>
 *   <tr><td>clock, purge</td><td>SYSTEM UPDATE</td></tr>
 * </table>
 *
 * A command naming a tenant the caller does not work in is refused with {@code FORBIDDEN}; a
 * command on an existing key of another tenant answers {@code NOT_FOUND}, as if it were not there.
 * A key the engine does not know is handed on, and the engine answers {@code NOT_FOUND} itself.
 */
final class AuthorizedEngine implements EngineApi {

  private final EngineApi engine;
  private final AccessCheck check;
  private final Identity caller;

  AuthorizedEngine(EngineApi engine, AccessCheck check, Identity caller) {
    this.engine = engine;
    this.check = check;
    this.caller = caller;
  }

  private ReadModel all() {
    return engine.readModel();
  }

  /** Runs the command if {@code checks} pass; else answers their refusal (nothing is written). */
  private static <T> CompletableFuture<T> checked(
      Runnable checks, Supplier<CompletableFuture<T>> command) {
    try {
      checks.run();
    } catch (EngineRejection refused) {
      return CompletableFuture.failedFuture(refused);
    }
    return command.get();
  }

  private void require(ResourceType type, PermissionType permission, String resourceId) {
    check.require(caller, type, permission, resourceId);
  }

  /** An existing record of a tenant not the caller's is not there for it. */
  private void requireTenantOf(String tenantId, String notFound) {
    if (!AccessCheck.inTenant(caller, tenantId)) {
      throw new EngineRejection(io.civicflow.engine.api.RejectionType.NOT_FOUND, notFound);
    }
  }

  private void mayUpdateJob(long jobKey, String action) {
    all()
        .job(jobKey)
        .ifPresent(
            job -> {
              requireTenantOf(
                  job.tenantId(),
                  String.format(
                      "Expected to %s job with key '%d', but no such job was found",
                      action, jobKey));
              require(PROCESS_DEFINITION, UPDATE_PROCESS_INSTANCE, job.bpmnProcessId());
            });
  }

  private void mayUpdateUserTask(long userTaskKey, String action) {
    all()
        .userTask(userTaskKey)
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

  private Commands.JobFilter jobFilter(List<String> tenantIds) {
    for (String tenant : Commands.tenantsOrDefault(tenantIds)) {
      AccessCheck.requireTenant(caller, tenant, "Activate Jobs");
    }
    AccessCheck.Grants grants = check.grantsFor(caller);
    return (bpmnProcessId, tenantId) ->
        grants.inTenant(tenantId)
            && grants.allows(PROCESS_DEFINITION, UPDATE_PROCESS_INSTANCE, bpmnProcessId);
  }

  // ------------------------------------------------------------------------------ commands

  @Override
  public CompletableFuture<DeploymentResult> deploy(Deploy command) {
    return checked(
        () -> {
          AccessCheck.requireTenant(caller, command.tenantId(), "Deploy");
          require(RESOURCE, CREATE, AuthorizationGrant.WILDCARD);
        },
        () -> engine.deploy(command));
  }

  /** The deployment's own check: RESOURCE CREATE, as a deployment needs. */
  @Override
  public CompletableFuture<io.civicflow.engine.api.Results.DeploymentValidation> dryRunDeployment(
      Deploy command) {
    return checked(
        () -> {
          AccessCheck.requireTenant(caller, command.tenantId(), "Deploy");
          require(RESOURCE, CREATE, AuthorizationGrant.WILDCARD);
        },
        () -> engine.dryRunDeployment(command));
  }

  @Override
  public CompletableFuture<ProcessInstanceCreated> createProcessInstance(
      CreateProcessInstance command) {
    return checked(
        () -> {
          if (command.processDefinitionKey() != null) {
            all()
                .processDefinition(command.processDefinitionKey())
                .ifPresent(
                    definition -> {
                      requireTenantOf(
                          definition.tenantId(),
                          String.format(
                              "Expected to find process definition with key '%d', but none found",
                              command.processDefinitionKey()));
                      require(
                          PROCESS_DEFINITION, CREATE_PROCESS_INSTANCE, definition.bpmnProcessId());
                    });
          } else {
            AccessCheck.requireTenant(caller, command.tenantId(), "Create Process Instance");
            require(PROCESS_DEFINITION, CREATE_PROCESS_INSTANCE, command.bpmnProcessId());
          }
        },
        () -> engine.createProcessInstance(command));
  }

  @Override
  public CompletableFuture<Void> cancelProcessInstance(long processInstanceKey) {
    return checked(
        () -> mayCancel(processInstanceKey),
        () -> engine.cancelProcessInstance(processInstanceKey));
  }

  private void mayCancel(long processInstanceKey) {
    all()
        .processInstance(processInstanceKey)
        .ifPresent(
            instance -> {
              requireTenantOf(
                  instance.tenantId(),
                  String.format(
                      "Expected to cancel a process instance with key '%d', but no such"
                          + " process instance was found",
                      processInstanceKey));
              require(PROCESS_DEFINITION, CANCEL_PROCESS_INSTANCE, instance.bpmnProcessId());
            });
  }

  /**
   * Each item needs what its single command needs (cancel: PROCESS_DEFINITION
   * CANCEL_PROCESS_INSTANCE; resolve: PROCESS_DEFINITION UPDATE_PROCESS_INSTANCE); an item the
   * caller may not do is FAILED with the refusal's message, the others run.
   */
  @Override
  public CompletableFuture<Long> createBatchOperation(
      io.civicflow.engine.api.Commands.CreateBatchOperation command) {
    List<io.civicflow.engine.api.Commands.BatchItem> items = new java.util.ArrayList<>();
    for (var item : command.items()) {
      String failure = item.failure();
      try {
        if ("RESOLVE_INCIDENT".equals(command.type())) {
          mayResolve(item.itemKey());
        } else {
          mayCancel(item.itemKey());
        }
      } catch (EngineRejection refused) {
        failure = refused.getMessage();
      }
      items.add(
          new io.civicflow.engine.api.Commands.BatchItem(
              item.itemKey(), item.processInstanceKey(), failure));
    }
    return engine.createBatchOperation(
        new io.civicflow.engine.api.Commands.CreateBatchOperation(command.type(), items));
  }

  /**
   * Needs RESOURCE DELETE_PROCESS, DELETE_FORM or DELETE_DRD (on {@code *}, as RESOURCE is checked
   * here) by what the key is; another tenant's resource is not found.
   */
  @Override
  public CompletableFuture<Void> deleteResource(long resourceKey) {
    String notFound =
        String.format(
            "Expected to delete resource but no resource found with key '%d'", resourceKey);
    return checked(
        () -> {
          var model = all();
          var process = model.processDefinition(resourceKey);
          if (process.isPresent()) {
            requireTenantOf(process.get().tenantId(), notFound);
            require(RESOURCE, PermissionType.DELETE_PROCESS, AuthorizationGrant.WILDCARD);
            return;
          }
          var form = model.form(resourceKey);
          if (form.isPresent()) {
            requireTenantOf(form.get().tenantId(), notFound);
            require(RESOURCE, PermissionType.DELETE_FORM, AuthorizationGrant.WILDCARD);
            return;
          }
          var drg = model.decisionRequirements(resourceKey);
          if (drg.isPresent()) {
            requireTenantOf(drg.get().tenantId(), notFound);
            require(RESOURCE, PermissionType.DELETE_DRD, AuthorizationGrant.WILDCARD);
          }
        },
        () -> engine.deleteResource(resourceKey));
  }

  /** Needs MODIFY_PROCESS_INSTANCE on the instance's process, as Camunda 8.8 checks it. */
  @Override
  public CompletableFuture<Void> modifyProcessInstance(
      io.civicflow.engine.api.Commands.ModifyProcessInstance command) {
    long key = command.processInstanceKey();
    return checked(
        () ->
            all()
                .processInstance(key)
                .ifPresent(
                    instance -> {
                      requireTenantOf(
                          instance.tenantId(),
                          String.format(
                              "Expected to modify process instance but no process instance"
                                  + " found with key '%d'",
                              key));
                      require(
                          PROCESS_DEFINITION,
                          PermissionType.MODIFY_PROCESS_INSTANCE,
                          instance.bpmnProcessId());
                    }),
        () -> engine.modifyProcessInstance(command));
  }

  /** Needs UPDATE_PROCESS_INSTANCE on the instance's process, as Camunda 8.8 checks it. */
  @Override
  public CompletableFuture<Void> migrateProcessInstance(
      io.civicflow.engine.api.Commands.MigrateProcessInstance command) {
    return checkedMigration(command, () -> engine.migrateProcessInstance(command));
  }

  /** The migration's own check (UPDATE_PROCESS_INSTANCE), then its dry-run. */
  @Override
  public CompletableFuture<Void> dryRunMigration(
      io.civicflow.engine.api.Commands.MigrateProcessInstance command) {
    return checkedMigration(command, () -> engine.dryRunMigration(command));
  }

  private CompletableFuture<Void> checkedMigration(
      io.civicflow.engine.api.Commands.MigrateProcessInstance command,
      java.util.function.Supplier<CompletableFuture<Void>> then) {
    long key = command.processInstanceKey();
    return checked(
        () ->
            all()
                .processInstance(key)
                .ifPresent(
                    instance -> {
                      requireTenantOf(
                          instance.tenantId(),
                          String.format(
                              "Expected to migrate process instance but no process instance"
                                  + " found with key '%d'",
                              key));
                      require(
                          PROCESS_DEFINITION, UPDATE_PROCESS_INSTANCE, instance.bpmnProcessId());
                    }),
        then);
  }

  @Override
  public CompletableFuture<List<ActivatedJob>> activateJobs(ActivateJobs command) {
    Commands.JobFilter filter;
    try {
      filter = jobFilter(command.tenantIds());
    } catch (EngineRejection refused) {
      return CompletableFuture.failedFuture(refused);
    }
    return engine.activateJobs(
        new ActivateJobs(
            command.type(),
            command.worker(),
            command.timeoutMillis(),
            command.maxJobsToActivate(),
            command.fetchVariables(),
            command.requestTimeoutMillis(),
            command.tenantIds(),
            filter));
  }

  @Override
  public CompletableFuture<Void> yieldJobs(List<ActivatedJob> jobs) {
    return engine.yieldJobs(jobs); // jobs this caller was given: giving them back is no new right
  }

  @Override
  public JobStreamRegistration openJobStream(StreamJobs command, JobStreamConsumer consumer) {
    return engine.openJobStream(
        new StreamJobs(
            command.type(),
            command.worker(),
            command.timeoutMillis(),
            command.fetchVariables(),
            command.tenantIds(),
            jobFilter(command.tenantIds())),
        consumer);
  }

  @Override
  public CompletableFuture<Void> completeJob(CompleteJob command) {
    return checked(
        () -> mayUpdateJob(command.jobKey(), "complete"), () -> engine.completeJob(command));
  }

  @Override
  public CompletableFuture<Void> failJob(FailJob command) {
    return checked(() -> mayUpdateJob(command.jobKey(), "fail"), () -> engine.failJob(command));
  }

  @Override
  public CompletableFuture<Void> throwError(ThrowError command) {
    return checked(
        () -> mayUpdateJob(command.jobKey(), "throw an error for"),
        () -> engine.throwError(command));
  }

  @Override
  public CompletableFuture<Void> updateJob(UpdateJob command) {
    return checked(() -> mayUpdateJob(command.jobKey(), "update"), () -> engine.updateJob(command));
  }

  @Override
  public CompletableFuture<Void> resolveIncident(long incidentKey) {
    return checked(() -> mayResolve(incidentKey), () -> engine.resolveIncident(incidentKey));
  }

  private void mayResolve(long incidentKey) {
    all()
        .incident(incidentKey)
        .ifPresent(
            incident -> {
              requireTenantOf(
                  incident.tenantId(),
                  String.format(
                      "Expected to resolve incident with key '%d', but no such incident was found",
                      incidentKey));
              require(PROCESS_DEFINITION, UPDATE_PROCESS_INSTANCE, incident.bpmnProcessId());
            });
  }

  @Override
  public CompletableFuture<Void> activateAdHocActivities(
      io.civicflow.engine.api.Commands.ActivateAdHocActivities command) {
    return checked(
        () ->
            all()
                .elementInstance(command.adHocSubProcessInstanceKey())
                .ifPresent(
                    scope -> {
                      requireTenantOf(
                          scope.tenantId(),
                          String.format(
                              "Expected to activate activities for ad-hoc sub-process with key"
                                  + " '%d', but no such ad-hoc sub-process was found",
                              command.adHocSubProcessInstanceKey()));
                      require(PROCESS_DEFINITION, UPDATE_PROCESS_INSTANCE, scope.bpmnProcessId());
                    }),
        () -> engine.activateAdHocActivities(command));
  }

  @Override
  public CompletableFuture<Long> setVariables(SetVariables command) {
    return checked(
        () ->
            all()
                .elementInstance(command.elementInstanceKey())
                .ifPresent(
                    scope -> {
                      requireTenantOf(
                          scope.tenantId(),
                          String.format(
                              "Expected to update variables for element with key '%d', but no"
                                  + " such element was found",
                              command.elementInstanceKey()));
                      require(PROCESS_DEFINITION, UPDATE_PROCESS_INSTANCE, scope.bpmnProcessId());
                    }),
        () -> engine.setVariables(command));
  }

  @Override
  public CompletableFuture<MessagePublished> publishMessage(PublishMessage command) {
    return checked(
        () -> {
          AccessCheck.requireTenant(caller, command.tenantId(), "Publish Message");
          require(MESSAGE, CREATE, AuthorizationGrant.WILDCARD);
        },
        () -> engine.publishMessage(command));
  }

  @Override
  public CompletableFuture<MessageCorrelated> correlateMessage(CorrelateMessage command) {
    return checked(
        () -> {
          AccessCheck.requireTenant(caller, command.tenantId(), "Correlate Message");
          require(MESSAGE, CREATE, AuthorizationGrant.WILDCARD);
        },
        () -> engine.correlateMessage(command));
  }

  @Override
  public CompletableFuture<SignalBroadcast> broadcastSignal(BroadcastSignal command) {
    return checked(
        () -> {
          AccessCheck.requireTenant(caller, command.tenantId(), "Broadcast Signal");
          require(PROCESS_DEFINITION, CREATE_PROCESS_INSTANCE, AuthorizationGrant.WILDCARD);
          require(PROCESS_DEFINITION, UPDATE_PROCESS_INSTANCE, AuthorizationGrant.WILDCARD);
        },
        () -> engine.broadcastSignal(command));
  }

  @Override
  public CompletableFuture<Void> assignUserTask(Commands.AssignUserTask command) {
    return checked(
        () -> mayUpdateUserTask(command.userTaskKey(), "assign"),
        () -> engine.assignUserTask(command));
  }

  @Override
  public CompletableFuture<Void> unassignUserTask(Commands.UnassignUserTask command) {
    return checked(
        () -> mayUpdateUserTask(command.userTaskKey(), "unassign"),
        () -> engine.unassignUserTask(command));
  }

  @Override
  public CompletableFuture<Void> updateUserTask(Commands.UpdateUserTask command) {
    return checked(
        () -> mayUpdateUserTask(command.userTaskKey(), "update"),
        () -> engine.updateUserTask(command));
  }

  @Override
  public CompletableFuture<Void> completeUserTask(Commands.CompleteUserTask command) {
    return checked(
        () -> mayUpdateUserTask(command.userTaskKey(), "complete"),
        () -> engine.completeUserTask(command));
  }

  @Override
  public CompletableFuture<Results.DecisionEvaluation> evaluateDecision(
      Commands.EvaluateDecision command) {
    return checked(
        () -> {
          if (command.decisionKey() != null) {
            all()
                .decisionDefinition(command.decisionKey())
                .ifPresent(
                    decision -> {
                      requireTenantOf(
                          decision.tenantId(),
                          String.format(
                              "Expected to evaluate decision with key '%d', but no such decision"
                                  + " was found",
                              command.decisionKey()));
                      require(
                          DECISION_DEFINITION,
                          CREATE_DECISION_INSTANCE,
                          decision.decisionDefinitionId());
                    });
          } else {
            AccessCheck.requireTenant(caller, command.tenantId(), "Evaluate Decision");
            require(DECISION_DEFINITION, CREATE_DECISION_INSTANCE, command.decisionId());
          }
        },
        () -> engine.evaluateDecision(command));
  }

  // ------------------------------------------------------------------------------ management

  @Override
  public ClockState clock() {
    return engine.clock();
  }

  @Override
  public CompletableFuture<ClockState> addClockOffset(long offsetMillis) {
    return checked(
        () -> require(SYSTEM, UPDATE, AuthorizationGrant.WILDCARD),
        () -> engine.addClockOffset(offsetMillis));
  }

  @Override
  public CompletableFuture<ClockState> pinClock(long epochMilli) {
    return checked(
        () -> require(SYSTEM, UPDATE, AuthorizationGrant.WILDCARD),
        () -> engine.pinClock(epochMilli));
  }

  @Override
  public CompletableFuture<ClockState> resetClock() {
    return checked(() -> require(SYSTEM, UPDATE, AuthorizationGrant.WILDCARD), engine::resetClock);
  }

  @Override
  public CompletableFuture<PurgeResult> purge() {
    return checked(() -> require(SYSTEM, UPDATE, AuthorizationGrant.WILDCARD), engine::purge);
  }

  @Override
  public Topology topology() {
    return engine.topology();
  }

  @Override
  public ReadModel readModel() {
    return new AuthorizedReadModel(all(), check.grantsFor(caller));
  }
}
