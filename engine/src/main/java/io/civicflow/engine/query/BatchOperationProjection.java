package io.civicflow.engine.query;

import io.civicflow.engine.event.EngineEvent;
import io.civicflow.engine.event.EngineEvent.BatchOperationChanged;
import io.civicflow.engine.event.EngineEvent.BatchOperationCreated;
import io.civicflow.engine.event.EngineEvent.BatchOperationItem;
import io.civicflow.engine.event.EngineEvent.BatchOperationItemExecuted;
import io.civicflow.engine.query.Records.BatchOperationItemRecord;
import io.civicflow.engine.query.Records.BatchOperationRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** Batch operations and their items, with progress counts (kept by purges: none, cleared). */
final class BatchOperationProjection {

  private final Map<Long, BatchOperationRecord> batches = new ConcurrentSkipListMap<>();

  /** Items by batch, then by item key; a batch's items in the order they run. */
  private final Map<Long, Map<Long, BatchOperationItemRecord>> items =
      new ConcurrentSkipListMap<>();

  /** Batches that ended (every item ran, or canceled) and are not yet exported: writer thread. */
  private final java.util.Set<Long> finished = new java.util.LinkedHashSet<>();

  private static boolean ended(BatchOperationRecord b) {
    return b.endDate() != null
        || switch (b.state()) {
          case "COMPLETED", "PARTIALLY_COMPLETED", "FAILED", "CANCELED" -> true;
          default -> false;
        };
  }

  /** Notes {@code b} as finished if it ended; answers it. */
  private BatchOperationRecord noted(BatchOperationRecord b) {
    if (ended(b)) {
      finished.add(b.batchOperationKey());
    }
    return b;
  }

  /**
   * {@link HistoryExport.Standalone}: a batch that ended goes to the history store with its items,
   * at the batch it ended in.
   */
  HistoryExport.Standalone standalone() {
    return new HistoryExport.Standalone() {
      @Override
      public boolean hasEnded() {
        return !finished.isEmpty();
      }

      @Override
      public void ended(HistoryExport.EndedOut out) {
        for (Long key : finished) {
          BatchOperationRecord b = batches.get(key);
          if (b == null) {
            continue;
          }
          long end = b.endDate() == null ? b.startDate() : b.endDate();
          out.add(
              io.civicflow.engine.history.HistoryKind.BATCH_OPERATION,
              String.valueOf(key),
              -1,
              key,
              end,
              b);
          for (BatchOperationItemRecord i : itemsOf(key)) {
            out.add(
                io.civicflow.engine.history.HistoryKind.BATCH_OPERATION_ITEM,
                key + "-" + i.itemKey(),
                i.processInstanceKey(),
                key,
                end,
                i);
          }
        }
      }

      @Override
      public void evictEnded() {
        for (Long key : finished) {
          batches.remove(key);
          items.remove(key);
        }
        finished.clear();
      }
    };
  }

  boolean apply(EngineEvent event, long time) {
    if (event instanceof BatchOperationCreated e) {
      Map<Long, BatchOperationItemRecord> byKey = new java.util.LinkedHashMap<>();
      int failed = 0;
      for (BatchOperationItem i : e.items()) {
        boolean refused = i.failure() != null;
        failed += refused ? 1 : 0;
        byKey.put(
            i.itemKey(),
            new BatchOperationItemRecord(
                e.key(),
                e.type(),
                i.itemKey(),
                i.processInstanceKey(),
                refused ? "FAILED" : "ACTIVE",
                refused ? time : null,
                i.failure()));
      }
      items.put(e.key(), java.util.Collections.synchronizedMap(byKey));
      batches.put(
          e.key(),
          noted(
              progress(
                  new BatchOperationRecord(
                      e.key(), e.type(), "ACTIVE", time, null, e.items().size(), failed, 0),
                  time)));
      return true;
    }
    if (event instanceof BatchOperationItemExecuted e) {
      Map<Long, BatchOperationItemRecord> byKey = items.get(e.key());
      BatchOperationRecord batch = batches.get(e.key());
      if (byKey == null || batch == null) {
        return true;
      }
      BatchOperationItemRecord item = byKey.get(e.itemKey());
      byKey.put(
          e.itemKey(),
          new BatchOperationItemRecord(
              e.key(),
              item.operationType(),
              e.itemKey(),
              item.processInstanceKey(),
              e.state(),
              time,
              e.errorMessage()));
      boolean failed = "FAILED".equals(e.state());
      batches.put(
          e.key(),
          noted(
              progress(
                  new BatchOperationRecord(
                      batch.batchOperationKey(),
                      batch.batchOperationType(),
                      batch.state(),
                      batch.startDate(),
                      null,
                      batch.operationsTotalCount(),
                      batch.operationsFailedCount() + (failed ? 1 : 0),
                      batch.operationsCompletedCount() + (failed ? 0 : 1)),
                  time)));
      return true;
    }
    if (event instanceof BatchOperationChanged e) {
      BatchOperationRecord b = batches.get(e.key());
      if (b == null) {
        return true;
      }
      boolean canceled = "CANCELED".equals(e.state());
      batches.put(
          e.key(),
          noted(
              new BatchOperationRecord(
                  b.batchOperationKey(),
                  b.batchOperationType(),
                  e.state(),
                  b.startDate(),
                  canceled ? Long.valueOf(time) : b.endDate(),
                  b.operationsTotalCount(),
                  b.operationsFailedCount(),
                  b.operationsCompletedCount())));
      Map<Long, BatchOperationItemRecord> byKey = items.get(e.key());
      if (canceled && byKey != null) {
        synchronized (byKey) {
          byKey.replaceAll(
              (k, i) ->
                  "ACTIVE".equals(i.state())
                      ? new BatchOperationItemRecord(
                          i.batchOperationKey(),
                          i.operationType(),
                          i.itemKey(),
                          i.processInstanceKey(),
                          "CANCELED",
                          time,
                          null)
                      : i);
        }
      }
      return true;
    }
    return false;
  }

  /** Ends a batch whose every item ran: COMPLETED, PARTIALLY_COMPLETED or FAILED. */
  private static BatchOperationRecord progress(BatchOperationRecord b, long time) {
    if (b.operationsFailedCount() + b.operationsCompletedCount() < b.operationsTotalCount()
        || "CANCELED".equals(b.state())) {
      return b;
    }
    String state =
        b.operationsFailedCount() == 0
            ? "COMPLETED"
            : b.operationsCompletedCount() == 0 ? "FAILED" : "PARTIALLY_COMPLETED";
    return new BatchOperationRecord(
        b.batchOperationKey(),
        b.batchOperationType(),
        state,
        b.startDate(),
        time,
        b.operationsTotalCount(),
        b.operationsFailedCount(),
        b.operationsCompletedCount());
  }

  Collection<BatchOperationRecord> batchOperations() {
    return batches.values();
  }

  Optional<BatchOperationRecord> batchOperation(long key) {
    return Optional.ofNullable(batches.get(key));
  }

  List<BatchOperationItemRecord> itemsOf(long key) {
    Map<Long, BatchOperationItemRecord> byKey = items.get(key);
    if (byKey == null) {
      return List.of();
    }
    synchronized (byKey) {
      return List.copyOf(byKey.values());
    }
  }

  List<BatchOperationItemRecord> items() {
    List<BatchOperationItemRecord> all = new ArrayList<>();
    for (Long key : items.keySet()) {
      all.addAll(itemsOf(key));
    }
    return all;
  }

  List<BatchOperationRecord> batchesImage() {
    return List.copyOf(batches.values());
  }

  List<BatchOperationItemRecord> itemsImage() {
    return items();
  }

  void restore(List<BatchOperationRecord> batchImage, List<BatchOperationItemRecord> itemImage) {
    if (batchImage != null) {
      batchImage.forEach(b -> batches.put(b.batchOperationKey(), noted(b)));
    }
    if (itemImage != null) {
      for (BatchOperationItemRecord i : itemImage) {
        items
            .computeIfAbsent(
                i.batchOperationKey(),
                k -> java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>()))
            .put(i.itemKey(), i);
      }
    }
  }

  void clear() {
    batches.clear();
    items.clear();
    finished.clear();
  }
}
