package io.civicflow.engine.access;

import static io.civicflow.engine.access.PermissionType.CREATE;
import static io.civicflow.engine.access.PermissionType.CREATE_PROCESS_INSTANCE;
import static io.civicflow.engine.access.PermissionType.UPDATE;
import static io.civicflow.engine.access.PermissionType.UPDATE_PROCESS_INSTANCE;
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
 *   <tr><td>migrate, modify process instance</td><td>PROCESS_DEFINITION UPDATE_PROCESS_INSTANCE,
 *       MODIFY_PROCESS_INSTANCE</td></tr>
 *   <tr><td>create a batch operation</td><td>BATCH CREATE or CREATE_BATCH_OPERATION_&lt;type&gt;,
 *       and for each item what its single command needs</td></tr>
 *   <tr><td>suspend, resume, cancel a batch operation</td><td>BATCH UPDATE</td></tr>
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
  private final CommandChecks may;
  private final AccessCheck check;
  private final Identity caller;

  AuthorizedEngine(EngineApi engine, AccessCheck check, Identity caller) {
    this.engine = engine;
    this.check = check;
    this.caller = caller;
    this.may = new CommandChecks(check, caller, engine.readModel());
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

  // ------------------------------------------------------------------------------ commands

  @Override
  public CompletableFuture<DeploymentResult> deploy(Deploy command) {
    return checked(
        () -> {
          may.requireTenant(command.tenantId(), "Deploy");
          may.require(RESOURCE, CREATE, AuthorizationGrant.WILDCARD);
        },
        () -> engine.deploy(command));
  }

  /** The deployment's own check: RESOURCE CREATE, as a deployment needs. */
  @Override
  public CompletableFuture<io.civicflow.engine.api.Results.DeploymentValidation> dryRunDeployment(
      Deploy command) {
    return checked(
        () -> {
          may.requireTenant(command.tenantId(), "Deploy");
          may.require(RESOURCE, CREATE, AuthorizationGrant.WILDCARD);
        },
        () -> engine.dryRunDeployment(command));
  }

  @Override
  public CompletableFuture<ProcessInstanceCreated> createProcessInstance(
      CreateProcessInstance command) {
    return checked(
        () -> may.mayCreateInstance(command), () -> engine.createProcessInstance(command));
  }

  @Override
  public CompletableFuture<Void> cancelProcessInstance(long processInstanceKey) {
    return checked(
        () -> may.mayCancel(processInstanceKey),
        () -> engine.cancelProcessInstance(processInstanceKey));
  }

  /**
   * Needs BATCH CREATE or the kind's CREATE_BATCH_OPERATION_… (else refused, nothing written); then
   * each item what its single command needs: an item the caller may not do is FAILED with the
   * refusal's message, the others run.
   */
  @Override
  public CompletableFuture<Long> createBatchOperation(Commands.CreateBatchOperation command) {
    return checked(
        () -> may.mayCreateBatch(command.type()),
        () -> engine.createBatchOperation(may.itemsChecked(command)));
  }

  @Override
  public CompletableFuture<Void> changeBatchOperation(Commands.ChangeBatchOperation command) {
    return checked(may::mayChangeBatch, () -> engine.changeBatchOperation(command));
  }

  @Override
  public CompletableFuture<Void> deleteResource(long resourceKey) {
    return checked(
        () -> may.mayDeleteResource(resourceKey), () -> engine.deleteResource(resourceKey));
  }

  @Override
  public CompletableFuture<Void> modifyProcessInstance(Commands.ModifyProcessInstance command) {
    return checked(
        () -> may.mayModify(command.processInstanceKey()),
        () -> engine.modifyProcessInstance(command));
  }

  @Override
  public CompletableFuture<Void> migrateProcessInstance(Commands.MigrateProcessInstance command) {
    return checked(
        () -> may.mayMigrate(command.processInstanceKey()),
        () -> engine.migrateProcessInstance(command));
  }

  /** The migration's own check (UPDATE_PROCESS_INSTANCE), then its dry-run. */
  @Override
  public CompletableFuture<Void> dryRunMigration(Commands.MigrateProcessInstance command) {
    return checked(
        () -> may.mayMigrate(command.processInstanceKey()), () -> engine.dryRunMigration(command));
  }

  @Override
  public CompletableFuture<List<ActivatedJob>> activateJobs(ActivateJobs command) {
    Commands.JobFilter filter;
    try {
      filter = may.jobFilter(command.tenantIds());
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
            may.jobFilter(command.tenantIds())),
        consumer);
  }

  @Override
  public CompletableFuture<Void> completeJob(CompleteJob command) {
    return checked(
        () -> may.mayUpdateJob(command.jobKey(), "complete"), () -> engine.completeJob(command));
  }

  @Override
  public CompletableFuture<Void> failJob(FailJob command) {
    return checked(() -> may.mayUpdateJob(command.jobKey(), "fail"), () -> engine.failJob(command));
  }

  @Override
  public CompletableFuture<Void> throwError(ThrowError command) {
    return checked(
        () -> may.mayUpdateJob(command.jobKey(), "throw an error for"),
        () -> engine.throwError(command));
  }

  @Override
  public CompletableFuture<Void> updateJob(UpdateJob command) {
    return checked(
        () -> may.mayUpdateJob(command.jobKey(), "update"), () -> engine.updateJob(command));
  }

  @Override
  public CompletableFuture<Void> resolveIncident(long incidentKey) {
    return checked(() -> may.mayResolve(incidentKey), () -> engine.resolveIncident(incidentKey));
  }

  @Override
  public CompletableFuture<Void> activateAdHocActivities(Commands.ActivateAdHocActivities command) {
    return checked(
        () -> may.mayActivateAdHoc(command.adHocSubProcessInstanceKey()),
        () -> engine.activateAdHocActivities(command));
  }

  @Override
  public CompletableFuture<Long> setVariables(SetVariables command) {
    return checked(
        () -> may.maySetVariables(command.elementInstanceKey()),
        () -> engine.setVariables(command));
  }

  @Override
  public CompletableFuture<MessagePublished> publishMessage(PublishMessage command) {
    return checked(
        () -> {
          may.requireTenant(command.tenantId(), "Publish Message");
          may.require(MESSAGE, CREATE, AuthorizationGrant.WILDCARD);
        },
        () -> engine.publishMessage(command));
  }

  @Override
  public CompletableFuture<MessageCorrelated> correlateMessage(CorrelateMessage command) {
    return checked(
        () -> {
          may.requireTenant(command.tenantId(), "Correlate Message");
          may.require(MESSAGE, CREATE, AuthorizationGrant.WILDCARD);
        },
        () -> engine.correlateMessage(command));
  }

  @Override
  public CompletableFuture<SignalBroadcast> broadcastSignal(BroadcastSignal command) {
    return checked(
        () -> {
          may.requireTenant(command.tenantId(), "Broadcast Signal");
          may.require(PROCESS_DEFINITION, CREATE_PROCESS_INSTANCE, AuthorizationGrant.WILDCARD);
          may.require(PROCESS_DEFINITION, UPDATE_PROCESS_INSTANCE, AuthorizationGrant.WILDCARD);
        },
        () -> engine.broadcastSignal(command));
  }

  @Override
  public CompletableFuture<Void> assignUserTask(Commands.AssignUserTask command) {
    return checked(
        () -> may.mayUpdateUserTask(command.userTaskKey(), "assign"),
        () -> engine.assignUserTask(command));
  }

  @Override
  public CompletableFuture<Void> unassignUserTask(Commands.UnassignUserTask command) {
    return checked(
        () -> may.mayUpdateUserTask(command.userTaskKey(), "unassign"),
        () -> engine.unassignUserTask(command));
  }

  @Override
  public CompletableFuture<Void> updateUserTask(Commands.UpdateUserTask command) {
    return checked(
        () -> may.mayUpdateUserTask(command.userTaskKey(), "update"),
        () -> engine.updateUserTask(command));
  }

  @Override
  public CompletableFuture<Void> completeUserTask(Commands.CompleteUserTask command) {
    return checked(
        () -> may.mayUpdateUserTask(command.userTaskKey(), "complete"),
        () -> engine.completeUserTask(command));
  }

  @Override
  public CompletableFuture<Results.DecisionEvaluation> evaluateDecision(
      Commands.EvaluateDecision command) {
    return checked(() -> may.mayEvaluateDecision(command), () -> engine.evaluateDecision(command));
  }

  // ------------------------------------------------------------------------------ management

  private void maySystemUpdate() {
    may.require(SYSTEM, UPDATE, AuthorizationGrant.WILDCARD);
  }

  @Override
  public ClockState clock() {
    return engine.clock();
  }

  @Override
  public CompletableFuture<ClockState> addClockOffset(long offsetMillis) {
    return checked(this::maySystemUpdate, () -> engine.addClockOffset(offsetMillis));
  }

  @Override
  public CompletableFuture<ClockState> pinClock(long epochMilli) {
    return checked(this::maySystemUpdate, () -> engine.pinClock(epochMilli));
  }

  @Override
  public CompletableFuture<ClockState> resetClock() {
    return checked(this::maySystemUpdate, engine::resetClock);
  }

  @Override
  public CompletableFuture<PurgeResult> purge() {
    return checked(this::maySystemUpdate, engine::purge);
  }

  @Override
  public Topology topology() {
    return engine.topology();
  }

  @Override
  public ReadModel readModel() {
    return new AuthorizedReadModel(engine.readModel(), check.grantsFor(caller));
  }
}
