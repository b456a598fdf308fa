package io.civicflow.engine.state;

import io.civicflow.engine.event.EngineEvent;
import io.civicflow.engine.event.EngineEvent.BatchOperationChanged;
import io.civicflow.engine.event.EngineEvent.BatchOperationCreated;
import io.civicflow.engine.event.EngineEvent.BatchOperationItemExecuted;
import java.util.LinkedHashSet;

/**
 * Applies the batch operation events to the running batches: a batch is kept while it has items to
 * run and is not canceled; an item executed is never run again.
 */
final class BatchOperationApplier {

  private BatchOperationApplier() {}

  /** Applies {@code event} if it is a batch operation's; answers whether it was. */
  static boolean apply(EngineState state, EngineEvent event) {
    if (event instanceof BatchOperationCreated e) {
      var executed = new LinkedHashSet<Long>();
      e.items().stream().filter(i -> i.failure() != null).forEach(i -> executed.add(i.itemKey()));
      var batch =
          new EngineState.BatchOperation(e.key(), e.type(), e.items(), executed, e.plan(), false);
      if (!batch.pending().isEmpty()) {
        state.batchOperations.put(e.key(), batch);
      }
      return true;
    }
    if (event instanceof BatchOperationItemExecuted e) {
      EngineState.BatchOperation batch = state.batchOperations.get(e.key());
      if (batch != null) {
        batch.executed().add(e.itemKey());
        if (batch.pending().isEmpty()) {
          state.batchOperations.remove(e.key());
        }
      }
      return true;
    }
    if (event instanceof BatchOperationChanged e) {
      EngineState.BatchOperation b = state.batchOperations.get(e.key());
      if (b == null) {
        return true;
      }
      if ("CANCELED".equals(e.state())) {
        state.batchOperations.remove(e.key());
      } else {
        state.batchOperations.put(
            e.key(),
            new EngineState.BatchOperation(
                b.key(),
                b.type(),
                b.items(),
                b.executed(),
                b.plan(),
                "SUSPENDED".equals(e.state())));
      }
      return true;
    }
    return false;
  }
}
