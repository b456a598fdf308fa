package io.civicflow.engine.query;

import io.civicflow.engine.event.EngineEvent;
import io.civicflow.engine.history.HistoryDocument;
import io.civicflow.engine.history.HistoryKind;
import io.civicflow.engine.history.HistoryRetention;
import io.civicflow.engine.history.HistoryStore;
import io.civicflow.engine.query.Records.ProcessInstanceRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves history out of the read model: when a root process instance ends, its whole tree (call
 * activities' instances included) with every record that belongs to it goes to the {@link
 * HistoryStore}, at the journal position of the batch it ended in, and then leaves the heap. Runs
 * on the writer thread after each batch (and during recovery, where a batch at or below the store's
 * exported position is only evicted: its records are there already). Readers look at the heap first
 * and the store second, and a record is written before it is removed, so a search always finds it
 * in one of them.
 *
 * <p>Also runs retention: at most once an hour of engine time, expired history is deleted.
 */
final class HistoryExport {

  private static final Logger LOG = LoggerFactory.getLogger(HistoryExport.class);
  private static final long RETENTION_EVERY = TimeUnit.HOURS.toMillis(1);

  /** Collects the records of the instances being exported. */
  interface HistoryOut {
    <R> void add(HistoryKind<R> kind, String key, long processInstanceKey, R record);
  }

  /** The parts of the read model that hold per-instance records. */
  interface Holder {
    /** Hands every record of these process instances to {@code out}. */
    void history(Set<Long> processInstanceKeys, HistoryOut out);

    /** Removes every record of these process instances. */
    void evict(Set<Long> processInstanceKeys);
  }

  /**
   * Collects records that end on their own, not with a process instance: {@code rootKey} names what
   * they belong to, {@code endDate} counts their retention.
   */
  interface EndedOut {
    <R> void add(
        HistoryKind<R> kind,
        String key,
        long processInstanceKey,
        long rootKey,
        long endDate,
        R record);
  }

  /**
   * A part of the read model whose records end without a process instance (standalone decision
   * evaluations, finished batch operations): exported at the position of the batch they ended in,
   * with the same exactly-once rule as instance trees.
   */
  interface Standalone {
    /** Whether something ended since the last {@link #evictEnded}. */
    boolean hasEnded();

    /** Hands every ended record to {@code out}. */
    void ended(EndedOut out);

    /** Removes what {@link #ended} handed. */
    void evictEnded();
  }

  private final HistoryStore store;
  private final HistoryRetention retention;
  private final List<Holder> holders;
  private final List<Standalone> standalone;
  private final Function<Long, ProcessInstanceRecord> instances;
  private final Map<Long, Long> rootOf = new HashMap<>();
  private final Map<Long, Set<Long>> trees = new HashMap<>();
  private final Set<Long> ended = new LinkedHashSet<>();
  private long nextRetention = Long.MIN_VALUE;

  HistoryExport(
      HistoryStore store,
      HistoryRetention retention,
      Function<Long, ProcessInstanceRecord> instances,
      List<Holder> holders,
      List<Standalone> standalone) {
    this.store = store;
    this.standalone = standalone;
    this.retention = retention;
    this.instances = instances;
    this.holders = holders;
  }

  HistoryStore store() {
    return store;
  }

  /** Before the read model applies the event: follows instance trees and notes ended roots. */
  void observe(EngineEvent event) {
    if (event instanceof EngineEvent.ElementActivating e && e.flowScopeKey() < 0) {
      Long parent = e.parentProcessInstanceKey();
      long root = parent == null ? e.key() : rootOf.getOrDefault(parent, parent);
      rootOf.put(e.key(), root);
      trees.computeIfAbsent(root, k -> new LinkedHashSet<>()).add(e.key());
    } else if (event instanceof EngineEvent.ElementCompleted e) {
      endedIfRoot(e.key());
    } else if (event instanceof EngineEvent.ElementTerminated e) {
      endedIfRoot(e.key());
    }
  }

  private void endedIfRoot(long key) {
    Long root = rootOf.get(key);
    if (root != null && root == key) {
      ended.add(key);
    }
  }

  /** After the read model applied the batch at {@code position}: exports what ended in it. */
  void afterBatch(long position, long now) {
    if (!ended.isEmpty() || standaloneEnded()) {
      export(position, List.copyOf(ended));
      ended.clear();
    }
    if (now >= nextRetention) {
      nextRetention = now + RETENTION_EVERY;
      long deleted = store.deleteExpired(now);
      if (deleted > 0) {
        LOG.info("Retention deleted {} expired history records", deleted);
      }
    }
  }

  /**
   * After a snapshot's image was restored: rebuilds the instance trees, and exports whatever ended
   * in it (a snapshot of format 4 still held history) at the snapshot's position.
   */
  void restored(long position, Collection<ProcessInstanceRecord> processInstances) {
    clear();
    long exported = store.exportedPosition();
    if (exported > 0 && exported < position) {
      throw new IllegalStateException(
          "the history store was exported up to journal position "
              + exported
              + " only, behind the snapshot; the journal after it must be replayed");
    }
    for (ProcessInstanceRecord p : processInstances) {
      long root = p.processInstanceKey();
      for (Long parent = p.parentProcessInstanceKey(); parent != null; ) {
        root = parent;
        ProcessInstanceRecord up = instances.apply(parent);
        parent = up == null ? null : up.parentProcessInstanceKey();
      }
      rootOf.put(p.processInstanceKey(), root);
      trees.computeIfAbsent(root, k -> new LinkedHashSet<>()).add(p.processInstanceKey());
    }
    List<Long> endedRoots = new ArrayList<>();
    for (Long root : trees.keySet()) {
      ProcessInstanceRecord p = instances.apply(root);
      if (p != null && p.state() != Records.ProcessInstanceState.ACTIVE) {
        endedRoots.add(root);
      }
    }
    if (!endedRoots.isEmpty() || standaloneEnded()) {
      export(position, endedRoots);
      LOG.info(
          "Moved the history of {} ended process instances from the snapshot to the history store",
          endedRoots.size());
    }
  }

  void clear() {
    rootOf.clear();
    trees.clear();
    ended.clear();
  }

  /** A purge at {@code position}: the store is emptied too. */
  void purged(long position) {
    clear();
    if (position > store.exportedPosition()) {
      store.clear(position);
    }
  }

  private boolean standaloneEnded() {
    for (Standalone s : standalone) {
      if (s.hasEnded()) {
        return true;
      }
    }
    return false;
  }

  private void export(long position, List<Long> roots) {
    Set<Long> keys = new LinkedHashSet<>();
    Map<Long, ProcessInstanceRecord> rootByInstance = new HashMap<>();
    for (Long root : roots) {
      ProcessInstanceRecord rootRecord = instances.apply(root);
      for (Long key : trees.getOrDefault(root, Set.of(root))) {
        keys.add(key);
        rootByInstance.put(key, rootRecord);
      }
    }
    if (position > store.exportedPosition()) {
      List<HistoryDocument> documents = new ArrayList<>();
      HistoryOut out =
          new HistoryOut() {
            @Override
            public <R> void add(HistoryKind<R> kind, String key, long pik, R record) {
              ProcessInstanceRecord root = rootByInstance.get(pik);
              long end = root == null || root.endDate() == null ? 0 : root.endDate();
              String processId = root == null ? null : root.bpmnProcessId();
              documents.add(
                  new HistoryDocument(
                      kind,
                      key,
                      pik,
                      root == null ? pik : root.processInstanceKey(),
                      processId,
                      retention.expiresAt(processId, end),
                      record));
            }
          };
      if (!keys.isEmpty()) {
        holders.forEach(h -> h.history(keys, out));
      }
      EndedOut endedOut =
          new EndedOut() {
            @Override
            public <R> void add(
                HistoryKind<R> kind, String key, long pik, long rootKey, long end, R record) {
              documents.add(
                  new HistoryDocument(
                      kind, key, pik, rootKey, null, retention.expiresAt(null, end), record));
            }
          };
      standalone.forEach(s -> s.ended(endedOut));
      store.write(position, documents);
    }
    if (!keys.isEmpty()) {
      holders.forEach(h -> h.evict(keys));
    }
    standalone.forEach(Standalone::evictEnded);
    for (Long root : roots) {
      Set<Long> tree = trees.remove(root);
      if (tree != null) {
        tree.forEach(rootOf::remove);
      }
      rootOf.remove(root);
    }
  }

  /** Hands the records of a map that belong to the instances to {@code out}. */
  static <K, R> void history(
      Map<K, R> records,
      HistoryKind<R> kind,
      Function<R, Object> key,
      ToLongFunction<R> processInstanceKey,
      Set<Long> keys,
      HistoryOut out) {
    for (R record : records.values()) {
      long pik = processInstanceKey.applyAsLong(record);
      if (keys.contains(pik)) {
        out.add(kind, String.valueOf(key.apply(record)), pik, record);
      }
    }
  }

  /** Removes the records of a map that belong to the instances. */
  static <K, R> void evict(
      Map<K, R> records, ToLongFunction<R> processInstanceKey, Set<Long> keys) {
    records.values().removeIf(r -> keys.contains(processInstanceKey.applyAsLong(r)));
  }
}
