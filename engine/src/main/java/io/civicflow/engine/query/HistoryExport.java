package io.civicflow.engine.query;

import io.civicflow.engine.event.EngineEvent;
import io.civicflow.engine.history.HistoryDocument;
import io.civicflow.engine.history.HistoryExportStatus;
import io.civicflow.engine.history.HistoryKind;
import io.civicflow.engine.history.HistoryRetention;
import io.civicflow.engine.history.HistoryStore;
import io.civicflow.engine.query.Records.ProcessInstanceRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves history out of the read model: when a root process instance ends, its whole tree (call
 * activities' instances included) with every record that belongs to it goes to the {@link
 * HistoryStore}, at the journal position of the batch it ended in, and then leaves the heap. Runs
 * on the writer thread after each group of batches, all that ended in the group in one write (and
 * during recovery, where a batch at or below the store's exported position is only evicted: its
 * records are there already). Readers look at the heap first and the store second, and a record is
 * written before it is removed, so a search always finds it in one of them.
 *
 * <p>A store that refuses a write (down, read-only) does not stop the engine: the ended roots stay
 * in the heap (answered from there, carried by snapshots), later ones queue behind them, and they
 * are written in journal order when the store takes writes again — tried on every batch and between
 * batches once a back-off on the engine clock has passed.
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

  /**
   * A part of the read model that holds per-instance records: {@code history} hands every record of
   * these process instances to the output, {@code evict} removes them.
   */
  record Holder(BiConsumer<Set<Long>, HistoryOut> history, Consumer<Set<Long>> evict) {}

  /**
   * An export not yet in the store, in journal order: the roots that ended in the batch at {@code
   * position} (still in the heap), or a purge's clearing of the store ({@code clear}).
   */
  private record Pending(long position, List<Long> roots, long since, boolean clear) {}

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
   * evaluations, finished batch operations): exported with the next export after they ended (at its
   * position; keyed documents make a replay overwrite them), with the same exactly-once rule as
   * instance trees.
   */
  interface Standalone {
    /** Whether something ended since the last {@link #evictEnded}. */
    boolean hasEnded();

    /** Hands every ended record to {@code out}. */
    void ended(EndedOut out);

    /** Removes what {@link #ended} handed. */
    void evictEnded();
  }

  private static final long FIRST_RETRY = TimeUnit.SECONDS.toMillis(1);
  private static final long LAST_RETRY = TimeUnit.SECONDS.toMillis(30);

  private final HistoryStore store;
  private final HistoryRetention retention;
  private final List<Holder> holders;
  private final List<Standalone> standalone;
  private final Function<Long, ProcessInstanceRecord> instances;
  private final Map<Long, Long> rootOf = new HashMap<>();
  private final Map<Long, Set<Long>> trees = new HashMap<>();
  private final Set<Long> ended = new LinkedHashSet<>();
  private final ArrayDeque<Pending> pending = new ArrayDeque<>();
  private long nextRetention = Long.MIN_VALUE;
  private int failures;
  private long retryAt;
  private volatile HistoryExportStatus status = new HistoryExportStatus(0, -1, false, null);

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

  /** How many ended root instances wait in the heap for the store, since when, and why. */
  HistoryExportStatus status() {
    return status;
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

  /**
   * After the read model applied the batch at {@code position}: notes what ended in it, to be
   * exported by the next {@link #flush} (the instances stay in the heap until then).
   */
  void afterBatch(long position, long now) {
    // standalone records that ended go with the next export (one queued is enough: it takes all)
    if (!ended.isEmpty()
        || (standaloneEnded() && (pending.isEmpty() || pending.peekLast().clear()))) {
      pending.add(new Pending(position, List.copyOf(ended), now, false));
      ended.clear();
    }
  }

  /**
   * After a group of batches: exports what ended in them, after every export still pending, in
   * journal order and one write (one transaction of the store) for the whole group; if the store
   * refuses, it stays pending. Then runs retention when it is due.
   */
  void flush(long now) {
    drain(now);
    if (now >= nextRetention) {
      nextRetention = now + RETENTION_EVERY;
      try {
        long deleted = store.deleteExpired(now);
        if (deleted > 0) {
          LOG.info("Retention deleted {} expired history records", deleted);
        }
      } catch (RuntimeException e) {
        nextRetention = now + LAST_RETRY;
        LOG.warn(
            "Retention could not delete expired history, tried again later: {}", e.getMessage());
      }
    }
  }

  /** Writer thread, between batches: tries the pending exports again when their back-off passed. */
  void retry(long now) {
    if (!pending.isEmpty()) {
      drain(now);
    }
  }

  /**
   * Writes the pending exports in journal order, as far as the store takes them; after a refusal,
   * not again before the back-off (1 s, doubling up to 30 s of engine time) has passed.
   */
  private void drain(long now) {
    if (pending.isEmpty()) {
      return;
    }
    if (failures > 0 && now < retryAt && retryAt - now <= LAST_RETRY) {
      publishStatus(status.error()); // what waits now
      return;
    }
    try {
      while (!pending.isEmpty()) {
        Pending next = pending.peek();
        if (next.clear()) {
          if (next.position() > store.exportedPosition()) {
            store.clear(next.position());
          }
          pending.poll();
        } else if (next.position() <= store.exportedPosition()) {
          export(next.position(), next.roots()); // in the store already (a replay): evicted only
          pending.poll();
        } else {
          exportRun();
        }
      }
      succeeded();
    } catch (RuntimeException e) {
      failed(now, e);
    }
  }

  /**
   * Writes the exports pending up to the next clear (all beyond the store's position), as many as
   * the store takes in one write ({@link HistoryStore#maxRootsPerWrite}), at the last one's
   * position, and takes them off the queue; none if the store refuses.
   */
  private void exportRun() {
    List<Long> roots = new ArrayList<>();
    long position = 0;
    int run = 0;
    for (Pending p : pending) {
      if (p.clear() || (run > 0 && roots.size() + p.roots().size() > store.maxRootsPerWrite())) {
        break;
      }
      roots.addAll(p.roots());
      position = p.position();
      run++;
    }
    export(position, roots);
    for (int i = 0; i < run; i++) {
      pending.poll();
    }
  }

  private void succeeded() {
    if (failures > 0) {
      LOG.info("The history store takes exports again; the history that waited is exported");
    }
    failures = 0;
    publishStatus(null);
  }

  private void failed(long now, RuntimeException e) {
    if (failures == 0) {
      LOG.warn(
          "The history store refused an export ({}); ended instances stay in memory, are answered "
              + "from there, and are exported in journal order when it takes them again",
          e.getMessage(),
          e);
    } else {
      LOG.debug("The history store still refuses exports: {}", e.getMessage());
    }
    failures++;
    retryAt = now + Math.min(LAST_RETRY, FIRST_RETRY << Math.min(failures - 1, 5));
    publishStatus(String.valueOf(e.getMessage()));
  }

  private void publishStatus(String error) {
    int roots = 0;
    for (Pending p : pending) {
      roots += p.roots().size();
    }
    Pending oldest = pending.peek();
    status =
        new HistoryExportStatus(roots, oldest == null ? -1 : oldest.since(), failures > 0, error);
  }

  /**
   * Writer thread, at a snapshot marker at {@code position}: with nothing pending, records in the
   * store that everything up to it is exported (a batch that ended no instance moves the store's
   * position only so) and answers {@code position}; with exports pending, the snapshot carries
   * their instances instead, and records how far the store had come (0 if that cannot be read). -1
   * if the store refused: the snapshot must then not be written (it would be ahead of the store).
   */
  long exportedThrough(long position, long now) {
    if (!pending.isEmpty()) {
      return exportedOrZero();
    }
    try {
      store.write(position, List.of());
      succeeded();
      return position;
    } catch (RuntimeException e) {
      failed(now, e);
      return -1;
    }
  }

  /**
   * After a snapshot's image was restored: rebuilds the instance trees, and exports whatever ended
   * in it at the snapshot's position — the exports that were pending when it was taken (or, from a
   * snapshot of format 4, all history). A store behind what the snapshot recorded of it ({@code
   * historyPosition}; the snapshot's own position when nothing was pending) went backwards —
   * restored from an older copy — and lacks history the snapshot no longer holds: the snapshot is
   * refused, so that an older one or the full journal is replayed. A store at 0 is a new one (an
   * installation that changed its store) and is not refused.
   */
  void restored(
      long position,
      long historyPosition,
      Collection<ProcessInstanceRecord> processInstances,
      long now) {
    clear();
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
    boolean nothingPending = endedRoots.isEmpty() && !standaloneEnded();
    // taken with nothing pending, the snapshot moved the store's position to its own
    long recorded = nothingPending ? position : historyPosition;
    long exported = exportedOrZero();
    if (exported > 0 && exported < recorded) {
      throw new IllegalStateException(
          "the history store was exported up to journal position "
              + exported
              + " only, behind the "
              + recorded
              + " the snapshot recorded of it (restored from an older copy?); the journal after it"
              + " must be replayed");
    }
    if (nothingPending) {
      return;
    }
    pending.add(new Pending(position, endedRoots, now, false));
    drain(now);
    if (pending.isEmpty()) {
      LOG.info(
          "Exported the history of {} ended process instances the snapshot still held",
          endedRoots.size());
    }
  }

  private long exportedOrZero() {
    try {
      return store.exportedPosition();
    } catch (RuntimeException e) {
      LOG.warn("The history store's exported position cannot be read: {}", e.getMessage());
      return 0;
    }
  }

  void clear() {
    rootOf.clear();
    trees.clear();
    ended.clear();
    pending.clear();
    failures = 0;
    publishStatus(null);
  }

  /** A purge at {@code position}: the store is emptied too (once it takes it). */
  void purged(long position, long now) {
    clear();
    pending.add(new Pending(position, List.of(), now, true));
    drain(now);
  }

  private boolean standaloneEnded() {
    for (Standalone s : standalone) {
      if (s.hasEnded()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Writes the history of these roots' trees (and the standalone records that ended) at {@code
   * position} (unless the store has it: a position at or below its exported position), then evicts
   * it from the heap. Nothing is evicted if the store refuses.
   */
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
              long expiresAt = retention.expiresAt(processId, end);
              documents.add(
                  new HistoryDocument(
                      kind,
                      key,
                      pik,
                      root == null ? pik : root.processInstanceKey(),
                      processId,
                      end,
                      expiresAt,
                      record));
            }
          };
      if (!keys.isEmpty()) {
        holders.forEach(h -> h.history().accept(keys, out));
      }
      EndedOut endedOut =
          new EndedOut() {
            @Override
            public <R> void add(
                HistoryKind<R> kind, String key, long pik, long rootKey, long end, R record) {
              documents.add(
                  new HistoryDocument(
                      kind, key, pik, rootKey, null, end, retention.expiresAt(null, end), record));
            }
          };
      standalone.forEach(s -> s.ended(endedOut));
      store.write(position, documents);
    }
    if (!keys.isEmpty()) {
      holders.forEach(h -> h.evict().accept(keys));
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
}
