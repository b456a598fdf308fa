package io.civicflow.engine.processing;

import io.civicflow.engine.api.Commands.AssignUserTask;
import io.civicflow.engine.api.Commands.BroadcastSignal;
import io.civicflow.engine.api.Commands.CompleteJob;
import io.civicflow.engine.api.Commands.CompleteUserTask;
import io.civicflow.engine.api.Commands.CorrelateMessage;
import io.civicflow.engine.api.Commands.CreateProcessInstance;
import io.civicflow.engine.api.Commands.Deploy;
import io.civicflow.engine.api.Commands.EvaluateDecision;
import io.civicflow.engine.api.Commands.FailJob;
import io.civicflow.engine.api.Commands.PublishMessage;
import io.civicflow.engine.api.Commands.SetVariables;
import io.civicflow.engine.api.Commands.ThrowError;
import io.civicflow.engine.api.Commands.UnassignUserTask;
import io.civicflow.engine.api.Commands.UpdateJob;
import io.civicflow.engine.api.Commands.UpdateUserTask;
import io.civicflow.engine.api.Results.ActivatedJob;
import io.civicflow.engine.api.Results.ClockState;
import io.civicflow.engine.api.Results.DecisionEvaluation;
import io.civicflow.engine.api.Results.DeploymentResult;
import io.civicflow.engine.api.Results.MessageCorrelated;
import io.civicflow.engine.api.Results.MessagePublished;
import io.civicflow.engine.api.Results.ProcessInstanceCreated;
import io.civicflow.engine.api.Results.PurgeResult;
import io.civicflow.engine.api.Results.SignalBroadcast;
import java.util.List;

/**
 * A command the partition processes, typed by what it takes ({@code C}) and answers ({@code R});
 * {@link Partition#submit} runs it through its one handler in {@link CommandHandlers}. Job
 * activations, job streams and creations that await their result have their own entry points
 * ({@link Partition}): they wait for work, not just for durability.
 *
 * @param name the command's name (Zeebe's, for logs)
 * @param effect what happens around the handler
 */
public record CommandType<C, R>(String name, Effect effect) {

  /** What happens around a command's handler. */
  public enum Effect {
    /** Its batch is written; the answer follows when it is durable. */
    PLAIN,
    /** It moves the clock: what fell due is processed before the answer. */
    THEN_TRIGGER_DUE,
    /** Its batch starts a new journal, dropping everything before it. */
    PURGE
  }

  public static final CommandType<Deploy, DeploymentResult> DEPLOY = plain("Deploy");
  public static final CommandType<CreateProcessInstance, ProcessInstanceCreated>
      CREATE_PROCESS_INSTANCE = plain("CreateProcessInstance");
  public static final CommandType<Long, Void> CANCEL_PROCESS_INSTANCE =
      plain("CancelProcessInstance");
  public static final CommandType<SetVariables, Long> SET_VARIABLES = plain("SetVariables");
  public static final CommandType<io.civicflow.engine.api.Commands.ActivateAdHocActivities, Void>
      ACTIVATE_AD_HOC_ACTIVITIES = plain("ActivateAdHocSubProcessActivities");
  public static final CommandType<CompleteJob, Void> COMPLETE_JOB = plain("CompleteJob");
  public static final CommandType<FailJob, Void> FAIL_JOB = plain("FailJob");
  public static final CommandType<ThrowError, Void> THROW_ERROR = plain("ThrowError");
  public static final CommandType<UpdateJob, Void> UPDATE_JOB = plain("UpdateJob");
  public static final CommandType<List<ActivatedJob>, Void> YIELD_JOBS = plain("YieldJobs");
  public static final CommandType<Long, Void> RESOLVE_INCIDENT = plain("ResolveIncident");
  public static final CommandType<io.civicflow.engine.api.Commands.MigrateProcessInstance, Void>
      MIGRATE_PROCESS_INSTANCE = plain("MigrateProcessInstance");

  /** CivicFlow's migration dry-run: the migration's checks, nothing written. */
  public static final CommandType<io.civicflow.engine.api.Commands.MigrateProcessInstance, Void>
      MIGRATE_PROCESS_INSTANCE_DRY_RUN = plain("MigrateProcessInstanceDryRun");

  /** CivicFlow's deployment dry-run: the deployment's validation, nothing deployed. */
  public static final CommandType<Deploy, io.civicflow.engine.api.Results.DeploymentValidation>
      DEPLOY_DRY_RUN = plain("DeployDryRun");

  public static final CommandType<io.civicflow.engine.api.Commands.ModifyProcessInstance, Void>
      MODIFY_PROCESS_INSTANCE = plain("ModifyProcessInstance");
  public static final CommandType<Long, Void> DELETE_RESOURCE = plain("DeleteResource");
  public static final CommandType<io.civicflow.engine.api.Commands.CreateBatchOperation, Long>
      CREATE_BATCH_OPERATION = plain("CreateBatchOperation");
  public static final CommandType<io.civicflow.engine.api.Commands.ExecuteBatchItem, Void>
      EXECUTE_BATCH_ITEM = plain("ExecuteBatchOperationItem");
  public static final CommandType<io.civicflow.engine.api.Commands.ChangeBatchOperation, Void>
      CHANGE_BATCH_OPERATION = plain("ChangeBatchOperation");
  public static final CommandType<PublishMessage, MessagePublished> PUBLISH_MESSAGE =
      plain("PublishMessage");
  public static final CommandType<CorrelateMessage, MessageCorrelated> CORRELATE_MESSAGE =
      plain("CorrelateMessage");
  public static final CommandType<BroadcastSignal, SignalBroadcast> BROADCAST_SIGNAL =
      plain("BroadcastSignal");
  public static final CommandType<AssignUserTask, Void> ASSIGN_USER_TASK = plain("AssignUserTask");
  public static final CommandType<UnassignUserTask, Void> UNASSIGN_USER_TASK =
      plain("UnassignUserTask");
  public static final CommandType<UpdateUserTask, Void> UPDATE_USER_TASK = plain("UpdateUserTask");
  public static final CommandType<CompleteUserTask, Void> COMPLETE_USER_TASK =
      plain("CompleteUserTask");
  public static final CommandType<EvaluateDecision, DecisionEvaluation> EVALUATE_DECISION =
      plain("EvaluateDecision");
  public static final CommandType<io.civicflow.engine.api.Commands.IdentityCommand, Long>
      CHANGE_IDENTITY = plain("ChangeIdentity");
  public static final CommandType<Long, ClockState> ADD_CLOCK_OFFSET =
      new CommandType<>("AddClockOffset", Effect.THEN_TRIGGER_DUE);
  public static final CommandType<Long, ClockState> PIN_CLOCK =
      new CommandType<>("PinClock", Effect.THEN_TRIGGER_DUE);
  public static final CommandType<Void, ClockState> RESET_CLOCK =
      new CommandType<>("ResetClock", Effect.THEN_TRIGGER_DUE);
  public static final CommandType<Void, PurgeResult> PURGE =
      new CommandType<>("Purge", Effect.PURGE);

  /** Every command type: each must have exactly one handler. */
  static final List<CommandType<?, ?>> ALL =
      List.of(
          DEPLOY,
          CREATE_PROCESS_INSTANCE,
          CANCEL_PROCESS_INSTANCE,
          SET_VARIABLES,
          ACTIVATE_AD_HOC_ACTIVITIES,
          COMPLETE_JOB,
          FAIL_JOB,
          THROW_ERROR,
          UPDATE_JOB,
          YIELD_JOBS,
          RESOLVE_INCIDENT,
          MIGRATE_PROCESS_INSTANCE,
          MIGRATE_PROCESS_INSTANCE_DRY_RUN,
          DEPLOY_DRY_RUN,
          MODIFY_PROCESS_INSTANCE,
          DELETE_RESOURCE,
          CREATE_BATCH_OPERATION,
          EXECUTE_BATCH_ITEM,
          CHANGE_BATCH_OPERATION,
          PUBLISH_MESSAGE,
          CORRELATE_MESSAGE,
          BROADCAST_SIGNAL,
          ASSIGN_USER_TASK,
          UNASSIGN_USER_TASK,
          UPDATE_USER_TASK,
          COMPLETE_USER_TASK,
          EVALUATE_DECISION,
          CHANGE_IDENTITY,
          ADD_CLOCK_OFFSET,
          PIN_CLOCK,
          RESET_CLOCK,
          PURGE);

  private static <C, R> CommandType<C, R> plain(String name) {
    return new CommandType<>(name, Effect.PLAIN);
  }
}
