package io.civicflow.engine.processing;

import io.civicflow.engine.api.Commands.BatchItem;
import io.civicflow.engine.api.Commands.CreateBatchOperation;
import io.civicflow.engine.api.Commands.ExecuteBatchItem;
import io.civicflow.engine.event.EngineEvent.BatchOperationCreated;
import io.civicflow.engine.event.EngineEvent.BatchOperationItem;
import io.civicflow.engine.event.EngineEvent.BatchOperationItemExecuted;
import io.civicflow.engine.state.EngineState.BatchOperation;
import java.util.List;

/**
 * Camunda's batch operations: created with the items its filter resolved to, then each item run as
 * the single command it stands for, its outcome written in the same record as what it did — so an
 * item is done exactly once, however often the engine restarts in between.
 */
final class BatchOperationProcessor {

  static final String CANCEL_PROCESS_INSTANCE = "CANCEL_PROCESS_INSTANCE";
  static final String RESOLVE_INCIDENT = "RESOLVE_INCIDENT";

  private final InstanceProcessor instances;
  private final IncidentProcessor incidents;

  BatchOperationProcessor(InstanceProcessor instances, IncidentProcessor incidents) {
    this.instances = instances;
    this.incidents = incidents;
  }

  Outcome<Long> create(ProcessingContext ctx, CreateBatchOperation command) {
    if (!CANCEL_PROCESS_INSTANCE.equals(command.type())
        && !RESOLVE_INCIDENT.equals(command.type())) {
      return Outcome.rejected(
          Rejection.invalidArgument("Unsupported batch operation type '%s'", command.type()));
    }
    long key = ctx.nextKey();
    List<BatchOperationItem> items =
        command.items().stream()
            .map(i -> new BatchOperationItem(i.itemKey(), i.processInstanceKey(), i.failure()))
            .toList();
    ctx.write(new BatchOperationCreated(key, command.type(), items));
    return Outcome.of(key);
  }

  /** Runs the item if it is still pending; an item already executed is left alone. */
  Outcome<Void> execute(ProcessingContext ctx, ExecuteBatchItem command) {
    BatchOperation batch = ctx.state().batchOperation(command.batchOperationKey()).orElse(null);
    if (batch == null || batch.executed().contains(command.itemKey())) {
      return Outcome.done();
    }
    BatchItem item = null;
    for (BatchOperationItem i : batch.items()) {
      if (i.itemKey() == command.itemKey()) {
        item = new BatchItem(i.itemKey(), i.processInstanceKey(), i.failure());
      }
    }
    if (item == null) {
      return Outcome.done();
    }
    Outcome<Void> done =
        CANCEL_PROCESS_INSTANCE.equals(batch.type())
            ? instances.cancel(ctx, item.itemKey())
            : incidents.resolve(ctx, item.itemKey());
    ctx.write(
        done.isRejected()
            ? new BatchOperationItemExecuted(
                batch.key(), item.itemKey(), "FAILED", done.rejection().message())
            : new BatchOperationItemExecuted(batch.key(), item.itemKey(), "COMPLETED", null));
    return Outcome.done();
  }
}
