package io.civicflow.engine.processing;

import io.civicflow.engine.EngineConfig;
import io.civicflow.engine.api.Results.ClockState;
import io.civicflow.engine.api.Results.DeploymentResult;
import io.civicflow.engine.api.Results.PurgeResult;
import io.civicflow.engine.clock.EngineClock;
import io.civicflow.engine.event.EngineEvent.ClockChanged;
import io.civicflow.engine.event.EngineEvent.Purged;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The one handler table: for every {@link CommandType}, the handler that processes it into events
 * (checking everything before its first write). Checked at start-up to cover every command type.
 */
final class CommandHandlers {

  /** Processes one command in a context: checks, then writes; a rejection is its answer. */
  @FunctionalInterface
  interface Handler<C, R> {
    Outcome<R> handle(ProcessingContext ctx, C command);
  }

  private static final Rejection CLOCK_NOT_CONTROLLED =
      Rejection.forbidden(
          "The engine clock is not controllable; start the engine with"
              + " civicflow.engine.clock.controlled=true");

  private final Map<CommandType<?, ?>, Handler<?, ?>> handlers = new HashMap<>();

  /**
   * @param onPurge drops what waits outside the state (long polls, awaited results) in a purge
   */
  CommandHandlers(
      Processors p, EngineConfig config, EngineClock clock, Consumer<ProcessingContext> onPurge) {
    on(
        CommandType.DEPLOY,
        (ctx, command) -> {
          Outcome<DeploymentResult> result = p.deployments.deploy(ctx, command);
          if (!result.isRejected()) {
            p.startEvents.onDeployed(ctx);
          }
          return result;
        });
    on(CommandType.CREATE_PROCESS_INSTANCE, p.instances::create);
    on(CommandType.CANCEL_PROCESS_INSTANCE, p.instances::cancel);
    on(CommandType.SET_VARIABLES, p.instances::setVariables);
    on(CommandType.ACTIVATE_AD_HOC_ACTIVITIES, p.adHocActivations::activate);
    on(CommandType.COMPLETE_JOB, p.jobs::complete);
    on(CommandType.FAIL_JOB, p.jobs::fail);
    on(CommandType.THROW_ERROR, p.jobs::throwError);
    on(CommandType.UPDATE_JOB, p.jobs::update);
    on(CommandType.YIELD_JOBS, p.jobs::yieldJobs);
    on(CommandType.RESOLVE_INCIDENT, p.incidents::resolve);
    on(CommandType.MIGRATE_PROCESS_INSTANCE, p.migrations::migrate);
    on(CommandType.MIGRATE_PROCESS_INSTANCE_DRY_RUN, p.migrations::dryRun);
    on(CommandType.DEPLOY_DRY_RUN, p.deployments::validate);
    on(CommandType.MODIFY_PROCESS_INSTANCE, p.modifications::modify);
    on(CommandType.DELETE_RESOURCE, p.resourceDeletions::delete);
    on(CommandType.CREATE_BATCH_OPERATION, p.batchOperations::create);
    on(CommandType.EXECUTE_BATCH_ITEM, p.batchOperations::execute);
    on(CommandType.CHANGE_BATCH_OPERATION, p.batchOperations::change);
    on(CommandType.PUBLISH_MESSAGE, p.messages::publish);
    on(CommandType.CORRELATE_MESSAGE, p.messages::correlate);
    on(CommandType.BROADCAST_SIGNAL, p.signals::broadcast);
    on(CommandType.ASSIGN_USER_TASK, p.userTasks::assign);
    on(CommandType.UNASSIGN_USER_TASK, p.userTasks::unassign);
    on(CommandType.UPDATE_USER_TASK, p.userTasks::update);
    on(CommandType.COMPLETE_USER_TASK, p.userTasks::complete);
    on(CommandType.EVALUATE_DECISION, p.decisions::evaluate);
    on(CommandType.CHANGE_IDENTITY, IdentityProcessor::change);
    on(
        CommandType.ADD_CLOCK_OFFSET,
        (ctx, offsetMillis) -> {
          if (!config.clockControlled()) {
            return Outcome.rejected(CLOCK_NOT_CONTROLLED);
          }
          Long pinned = clock.pinnedMillis();
          ctx.write(
              pinned != null
                  ? new ClockChanged(clock.offsetMillis(), pinned + offsetMillis)
                  : new ClockChanged(clock.offsetMillis() + offsetMillis, null));
          return Outcome.of(new ClockState(clock.millis()));
        });
    on(
        CommandType.PIN_CLOCK,
        (ctx, epochMilli) -> {
          if (!config.clockControlled()) {
            return Outcome.rejected(CLOCK_NOT_CONTROLLED);
          }
          ctx.write(new ClockChanged(clock.offsetMillis(), epochMilli));
          return Outcome.of(new ClockState(clock.millis()));
        });
    on(
        CommandType.RESET_CLOCK,
        (ctx, nothing) -> {
          if (!config.clockControlled()) {
            return Outcome.rejected(CLOCK_NOT_CONTROLLED);
          }
          if (clock.offsetMillis() != 0 || clock.pinnedMillis() != null) {
            ctx.write(new ClockChanged(0, null));
          }
          return Outcome.of(new ClockState(clock.millis()));
        });
    on(
        CommandType.PURGE,
        (ctx, nothing) -> {
          if (!config.purgeEnabled()) {
            return Outcome.rejected(
                Rejection.forbidden(
                    "Purging is disabled; start the engine with"
                        + " civicflow.engine.purge.enabled=true"));
          }
          long changeId = ctx.state().changeId() + 1;
          ctx.write(new Purged(changeId));
          // identity is configuration, not process data: it survives, in the new journal too
          ctx.state().identity().recreation().forEach(ctx::write);
          // the clock keeps its setting across a purge; CPT resets it separately
          if (clock.offsetMillis() != 0 || clock.pinnedMillis() != null) {
            ctx.write(new ClockChanged(clock.offsetMillis(), clock.pinnedMillis()));
          }
          onPurge.accept(ctx);
          return Outcome.of(new PurgeResult(changeId));
        });
    for (CommandType<?, ?> type : CommandType.ALL) {
      if (!handlers.containsKey(type)) {
        throw new IllegalStateException("no handler for the command " + type.name());
      }
    }
  }

  private <C, R> void on(CommandType<C, R> type, Handler<C, R> handler) {
    if (handlers.putIfAbsent(type, handler) != null) {
      throw new IllegalStateException("a second handler for the command " + type.name());
    }
  }

  /** The handler of a command type (the table holds exactly the types' own). */
  @SuppressWarnings("unchecked")
  <C, R> Handler<C, R> of(CommandType<C, R> type) {
    return (Handler<C, R>) handlers.get(type);
  }
}
