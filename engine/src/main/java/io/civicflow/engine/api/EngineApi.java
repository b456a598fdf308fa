package io.civicflow.engine.api;

import io.civicflow.engine.api.Commands.ActivateJobs;
import io.civicflow.engine.api.Commands.BroadcastSignal;
import io.civicflow.engine.api.Commands.CompleteJob;
import io.civicflow.engine.api.Commands.CorrelateMessage;
import io.civicflow.engine.api.Commands.CreateProcessInstance;
import io.civicflow.engine.api.Commands.Deploy;
import io.civicflow.engine.api.Commands.FailJob;
import io.civicflow.engine.api.Commands.PublishMessage;
import io.civicflow.engine.api.Commands.SetVariables;
import io.civicflow.engine.api.Commands.ThrowError;
import io.civicflow.engine.api.Commands.UpdateJob;
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
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The engine as every gateway sees it. Commands answer with a future that completes only after the
 * command's events are durable in the journal; a refused command fails the future with an {@link
 * EngineRejection}. Queries go to {@link #readModel()}, which reflects every acknowledged command.
 */
public interface EngineApi {

  CompletableFuture<DeploymentResult> deploy(Deploy command);

  CompletableFuture<ProcessInstanceCreated> createProcessInstance(CreateProcessInstance command);

  CompletableFuture<Void> cancelProcessInstance(long processInstanceKey);

  /**
   * Completes with the activated jobs, possibly after long polling; an empty list when none came.
   */
  CompletableFuture<List<ActivatedJob>> activateJobs(ActivateJobs command);

  /**
   * Gives back jobs that were activated for a caller who never received them (it went away, or its
   * request timed out first): each becomes activatable again at once instead of when its timeout
   * passes. A job completed, failed or activated again meanwhile is left as it is.
   */
  CompletableFuture<Void> yieldJobs(List<ActivatedJob> jobs);

  /**
   * Registers a job stream (job push): from now on, jobs of the stream's type that are activatable
   * are activated and pushed to {@code consumer} while it is {@linkplain
   * JobStreamConsumer#isReady() ready}, before any waiting long poll gets them. Streams of one type
   * take turns.
   */
  default JobStreamRegistration openJobStream(
      Commands.StreamJobs command, JobStreamConsumer consumer) {
    throw EngineRejection.invalidArgument("Job streaming is not supported");
  }

  CompletableFuture<Void> completeJob(CompleteJob command);

  CompletableFuture<Void> failJob(FailJob command);

  CompletableFuture<Void> throwError(ThrowError command);

  CompletableFuture<Void> updateJob(UpdateJob command);

  CompletableFuture<Void> resolveIncident(long incidentKey);

  /**
   * Creates a batch operation over the given items and runs it in the background; answers its key
   * once the batch is journaled.
   */
  default CompletableFuture<Long> createBatchOperation(
      io.civicflow.engine.api.Commands.CreateBatchOperation command) {
    return CompletableFuture.failedFuture(
        EngineRejection.invalidArgument("Batch operations are not supported"));
  }

  /** Suspends, resumes or cancels a batch operation (answered once durable). */
  default CompletableFuture<Void> changeBatchOperation(Commands.ChangeBatchOperation command) {
    return CompletableFuture.failedFuture(
        EngineRejection.invalidArgument("Batch operations are not supported"));
  }

  /** Deletes a deployed process definition, form or decision requirements graph. */
  default CompletableFuture<Void> deleteResource(long resourceKey) {
    return CompletableFuture.failedFuture(
        EngineRejection.invalidArgument("Resource deletion is not supported"));
  }

  /** Activates elements and terminates element instances of a running process instance. */
  default CompletableFuture<Void> modifyProcessInstance(Commands.ModifyProcessInstance command) {
    return CompletableFuture.failedFuture(
        EngineRejection.invalidArgument("Process instance modification is not supported"));
  }

  /**
   * CivicFlow's migration dry-run: completes as {@link #migrateProcessInstance} would (or fails
   * with its refusal), and changes nothing.
   */
  default CompletableFuture<Void> dryRunMigration(Commands.MigrateProcessInstance command) {
    return CompletableFuture.failedFuture(
        EngineRejection.invalidArgument("Process instance migration is not supported"));
  }

  /**
   * CivicFlow's deployment dry-run: what {@link #deploy} would refuse, without deploying (a request
   * {@link #deploy} refuses before looking at the resources fails as it would).
   */
  default CompletableFuture<Results.DeploymentValidation> dryRunDeployment(
      Commands.Deploy command) {
    return CompletableFuture.failedFuture(
        EngineRejection.invalidArgument("Deployment validation is not supported"));
  }

  /** Moves a running process instance to another process definition (Camunda's migration). */
  default CompletableFuture<Void> migrateProcessInstance(Commands.MigrateProcessInstance command) {
    return CompletableFuture.failedFuture(
        EngineRejection.invalidArgument("Process instance migration is not supported"));
  }

  /** Completes with the key of the variable document (Zeebe's SetVariables response key). */
  CompletableFuture<Long> setVariables(SetVariables command);

  /** Activates inner elements of an active ad-hoc sub-process. */
  CompletableFuture<Void> activateAdHocActivities(Commands.ActivateAdHocActivities command);

  CompletableFuture<MessagePublished> publishMessage(PublishMessage command);

  CompletableFuture<MessageCorrelated> correlateMessage(CorrelateMessage command);

  CompletableFuture<SignalBroadcast> broadcastSignal(BroadcastSignal command);

  // --- user tasks and decisions (default: refused, for gateways and stubs that predate them)

  default CompletableFuture<Void> assignUserTask(Commands.AssignUserTask command) {
    return CompletableFuture.failedFuture(
        EngineRejection.invalidArgument("User tasks are not supported"));
  }

  default CompletableFuture<Void> unassignUserTask(Commands.UnassignUserTask command) {
    return CompletableFuture.failedFuture(
        EngineRejection.invalidArgument("User tasks are not supported"));
  }

  default CompletableFuture<Void> updateUserTask(Commands.UpdateUserTask command) {
    return CompletableFuture.failedFuture(
        EngineRejection.invalidArgument("User tasks are not supported"));
  }

  default CompletableFuture<Void> completeUserTask(Commands.CompleteUserTask command) {
    return CompletableFuture.failedFuture(
        EngineRejection.invalidArgument("User tasks are not supported"));
  }

  default CompletableFuture<Results.DecisionEvaluation> evaluateDecision(
      Commands.EvaluateDecision command) {
    return CompletableFuture.failedFuture(
        EngineRejection.invalidArgument("Decisions are not supported"));
  }

  // --- management (clock and purge are refused with FORBIDDEN unless enabled in the configuration)

  ClockState clock();

  CompletableFuture<ClockState> addClockOffset(long offsetMillis);

  CompletableFuture<ClockState> pinClock(long epochMilli);

  CompletableFuture<ClockState> resetClock();

  CompletableFuture<PurgeResult> purge();

  Topology topology();

  ReadModel readModel();

  // --- identity (default: refused, for gateways and stubs that predate it)

  /** A change to users, groups, roles, tenants, mapping rules or authorizations. */
  default CompletableFuture<Long> changeIdentity(Commands.IdentityCommand command) {
    return CompletableFuture.failedFuture(
        EngineRejection.invalidArgument("Identity management is not supported"));
  }

  /** Whether this engine keeps users, groups, roles, tenants and authorizations as its state. */
  default boolean managesIdentity() {
    return false;
  }

  /** The identity state now (immutable; any thread). */
  default io.civicflow.engine.access.IdentityDirectory identity() {
    return io.civicflow.engine.access.IdentityDirectory.EMPTY;
  }
}
