package io.civicflow.engine.processing;

import io.civicflow.engine.api.Commands.ActivateInstruction;
import io.civicflow.engine.api.Commands.BatchPlan;
import io.civicflow.engine.api.Commands.ChangeBatchOperation;
import io.civicflow.engine.api.Commands.CreateBatchOperation;
import io.civicflow.engine.api.Commands.ExecuteBatchItem;
import io.civicflow.engine.api.Commands.MappingInstruction;
import io.civicflow.engine.api.Commands.MigrateProcessInstance;
import io.civicflow.engine.api.Commands.ModifyProcessInstance;
import io.civicflow.engine.event.EngineEvent.BatchOperationChanged;
import io.civicflow.engine.event.EngineEvent.BatchOperationCreated;
import io.civicflow.engine.event.EngineEvent.BatchOperationItem;
import io.civicflow.engine.event.EngineEvent.BatchOperationItemExecuted;
import io.civicflow.engine.event.EngineEvent.BatchOperationPlan;
import io.civicflow.engine.event.EngineEvent.ElementMapping;
import io.civicflow.engine.model.ExecutableElement;
import io.civicflow.engine.state.ElementInstance;
import io.civicflow.engine.state.EngineState;
import io.civicflow.engine.state.EngineState.BatchOperation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * Camunda's batch operations: created with the items its filter resolved to, then each item run as
 * the single command it stands for, its outcome written in the same record as what it did — so an
 * item is done exactly once, however often the engine restarts in between. A batch can be suspended
 * (its items wait), resumed and canceled (its items not yet run never run).
 */
final class BatchOperationProcessor {

  static final String CANCEL_PROCESS_INSTANCE = "CANCEL_PROCESS_INSTANCE";
  static final String RESOLVE_INCIDENT = "RESOLVE_INCIDENT";
  static final String MIGRATE_PROCESS_INSTANCE = "MIGRATE_PROCESS_INSTANCE";
  static final String MODIFY_PROCESS_INSTANCE = "MODIFY_PROCESS_INSTANCE";

  private static final Set<String> TYPES =
      Set.of(
          CANCEL_PROCESS_INSTANCE,
          RESOLVE_INCIDENT,
          MIGRATE_PROCESS_INSTANCE,
          MODIFY_PROCESS_INSTANCE);

  private final InstanceProcessor instances;
  private final IncidentProcessor incidents;
  private final MigrationProcessor migrations;
  private final ModificationProcessor modifications;

  BatchOperationProcessor(
      InstanceProcessor instances,
      IncidentProcessor incidents,
      MigrationProcessor migrations,
      ModificationProcessor modifications) {
    this.instances = instances;
    this.incidents = incidents;
    this.migrations = migrations;
    this.modifications = modifications;
  }

  Outcome<Long> create(ProcessingContext ctx, CreateBatchOperation command) {
    if (!TYPES.contains(command.type())) {
      return Outcome.rejected(
          Rejection.invalidArgument("Unsupported batch operation type '%s'", command.type()));
    }
    BatchPlan plan = command.plan();
    if (MIGRATE_PROCESS_INSTANCE.equals(command.type())
        && (plan == null
            || plan.targetProcessDefinitionKey() == null
            || plan.mappingInstructions() == null)) {
      return Outcome.rejected(
          Rejection.invalidArgument(
              "Expected a migration plan with a targetProcessDefinitionKey and"
                  + " mappingInstructions"));
    }
    if (MODIFY_PROCESS_INSTANCE.equals(command.type())
        && (plan == null || plan.moveInstructions() == null || plan.moveInstructions().isEmpty())) {
      return Outcome.rejected(Rejection.invalidArgument("Expected at least one move instruction"));
    }
    long key = ctx.nextKey();
    List<BatchOperationItem> items =
        command.items().stream()
            .map(i -> new BatchOperationItem(i.itemKey(), i.processInstanceKey(), i.failure()))
            .toList();
    ctx.write(new BatchOperationCreated(key, command.type(), items, toEvent(plan)));
    return Outcome.of(key);
  }

  private static BatchOperationPlan toEvent(BatchPlan plan) {
    if (plan == null) {
      return null;
    }
    return new BatchOperationPlan(
        plan.targetProcessDefinitionKey(),
        mappings(plan.mappingInstructions()),
        mappings(plan.moveInstructions()));
  }

  private static List<ElementMapping> mappings(List<MappingInstruction> instructions) {
    return instructions == null
        ? null
        : instructions.stream()
            .map(m -> new ElementMapping(m.sourceElementId(), m.targetElementId()))
            .toList();
  }

  /**
   * Runs the item if it is still pending and its batch is not suspended; an item already executed,
   * or of a canceled batch, is left alone.
   */
  Outcome<Void> execute(ProcessingContext ctx, ExecuteBatchItem command) {
    BatchOperation batch = ctx.state().batchOperation(command.batchOperationKey()).orElse(null);
    if (batch == null || batch.suspended() || batch.executed().contains(command.itemKey())) {
      return Outcome.done();
    }
    BatchOperationItem item = null;
    for (BatchOperationItem i : batch.items()) {
      if (i.itemKey() == command.itemKey()) {
        item = i;
      }
    }
    if (item == null) {
      return Outcome.done();
    }
    Outcome<Void> done =
        switch (batch.type()) {
          case CANCEL_PROCESS_INSTANCE -> instances.cancel(ctx, item.itemKey());
          case RESOLVE_INCIDENT -> incidents.resolve(ctx, item.itemKey());
          case MIGRATE_PROCESS_INSTANCE -> migrate(ctx, batch.plan(), item.processInstanceKey());
          default -> move(ctx, batch.plan(), item.processInstanceKey());
        };
    ctx.write(
        done.isRejected()
            ? new BatchOperationItemExecuted(
                batch.key(), item.itemKey(), "FAILED", done.rejection().message())
            : new BatchOperationItemExecuted(batch.key(), item.itemKey(), "COMPLETED", null));
    return Outcome.done();
  }

  private Outcome<Void> migrate(ProcessingContext ctx, BatchOperationPlan plan, long instance) {
    List<MappingInstruction> mappings =
        plan.mappingInstructions().stream()
            .map(m -> new MappingInstruction(m.sourceElementId(), m.targetElementId()))
            .toList();
    return migrations.migrate(
        ctx, new MigrateProcessInstance(instance, plan.targetProcessDefinitionKey(), mappings));
  }

  /**
   * Camunda's move instructions: every active instance of the source element is terminated and the
   * target activated in its place — in the nearest instance, from the source's flow scope upwards,
   * of a flow scope of the target (flow scopes between them are created).
   */
  private Outcome<Void> move(ProcessingContext ctx, BatchOperationPlan plan, long instance) {
    EngineState state = ctx.state();
    ElementInstance process =
        state.elementInstance(instance).filter(ElementInstance::isProcess).orElse(null);
    if (process == null) {
      return Outcome.rejected(
          Rejection.notFound(
              "Expected to modify process instance but no process instance found with key '%d'",
              instance));
    }
    List<ElementInstance> active = activeElementInstances(state, process);
    List<ActivateInstruction> activate = new ArrayList<>();
    List<Long> terminate = new ArrayList<>();
    for (ElementMapping move : plan.moveInstructions()) {
      ExecutableElement target =
          state
              .process(process.processDefinitionKey())
              .orElseThrow()
              .executable()
              .element(move.targetElementId());
      for (ElementInstance source : active) {
        if (!source.element().id().equals(move.sourceElementId())) {
          continue;
        }
        terminate.add(source.key());
        activate.add(
            new ActivateInstruction(
                move.targetElementId(), ancestorFor(state, source, target), List.of()));
      }
    }
    if (terminate.isEmpty()) {
      return Outcome.rejected(
          Rejection.invalidState(
              "Expected to move tokens of process instance '%d' but it has no active element"
                  + " instance of %s",
              instance,
              plan.moveInstructions().stream().map(m -> "'" + m.sourceElementId() + "'").toList()));
    }
    return modifications.modify(ctx, new ModifyProcessInstance(instance, activate, terminate));
  }

  /** The active element instances of a process instance (not itself), parents first. */
  private static List<ElementInstance> activeElementInstances(
      EngineState state, ElementInstance process) {
    List<ElementInstance> all = new ArrayList<>();
    Deque<ElementInstance> open = new ArrayDeque<>(List.of(process));
    while (!open.isEmpty()) {
      ElementInstance scope = open.poll();
      for (long child : scope.childKeys()) {
        state
            .elementInstance(child)
            .filter(i -> i.phase() == ElementInstance.Phase.ACTIVATED)
            .ifPresent(
                i -> {
                  all.add(i);
                  open.add(i);
                });
      }
    }
    return all;
  }

  /**
   * From the source's flow scope upwards, the first instance of a flow scope of the target; null
   * (the modification then finds the target's scope itself) when there is none or no target.
   */
  private static Long ancestorFor(
      EngineState state, ElementInstance source, ExecutableElement target) {
    if (target == null) {
      return null;
    }
    for (ElementInstance scope : state.scopeChain(source.flowScopeKey())) {
      for (ExecutableElement s = target.flowScope(); s != null; s = s.flowScope()) {
        if (s == scope.element()) {
          return scope.key();
        }
      }
    }
    return null;
  }

  /** Suspends, resumes or cancels a running batch; one that is not running is refused. */
  Outcome<Void> change(ProcessingContext ctx, ChangeBatchOperation command) {
    long key = command.batchOperationKey();
    BatchOperation batch = ctx.state().batchOperation(key).orElse(null);
    String verb =
        switch (command.change()) {
          case SUSPENSION -> "suspend";
          case RESUMPTION -> "resume";
          case CANCELLATION -> "cancel";
        };
    if (batch == null) {
      return Outcome.rejected(
          Rejection.invalidState(
              "Expected to %s a batch operation with key '%d', but it is no longer running"
                  + " (completed or canceled)",
              verb, key));
    }
    switch (command.change()) {
      case SUSPENSION -> {
        if (batch.suspended()) {
          return Outcome.rejected(
              Rejection.invalidState(
                  "Expected to suspend a batch operation with key '%d', but it is already"
                      + " suspended",
                  key));
        }
        ctx.write(new BatchOperationChanged(key, "SUSPENDED"));
      }
      case RESUMPTION -> {
        if (!batch.suspended()) {
          return Outcome.rejected(
              Rejection.invalidState(
                  "Expected to resume a batch operation with key '%d', but it is not suspended",
                  key));
        }
        ctx.write(new BatchOperationChanged(key, "ACTIVE"));
      }
      case CANCELLATION -> ctx.write(new BatchOperationChanged(key, "CANCELED"));
    }
    return Outcome.done();
  }
}
