package io.civicflow.engine.core;

import io.civicflow.engine.history.HistoryDocument;
import io.civicflow.engine.history.HistoryKind;
import io.civicflow.engine.history.HistoryStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fault injector around a real history store (H2): while {@link Switch#down} it refuses writes,
 * deletions and clears as a store that is down or read-only does; reads and {@code sync} pass (what
 * it already has stays readable). {@link Switch#allow} lets a number of writes through before it
 * refuses again. Counts how often each record was written, across engine restarts.
 */
final class FaultyHistoryStore implements HistoryStore {

  /** Shared by the stores a test opens across restarts. */
  static final class Switch {
    volatile boolean down;
    final AtomicInteger allowed = new AtomicInteger();
    final Map<String, Integer> writes = new ConcurrentHashMap<>();

    void allow(int writes) {
      allowed.set(writes);
    }

    /** How often the record of this kind and key was written. */
    int writesOf(HistoryKind<?> kind, Object key) {
      return writes.getOrDefault(kind.name() + "-" + key, 0);
    }
  }

  private final HistoryStore store;
  private final Switch control;

  FaultyHistoryStore(HistoryStore store, Switch control) {
    this.store = store;
    this.control = control;
  }

  private void refuseIfDown() {
    if (control.down && control.allowed.getAndUpdate(n -> Math.max(0, n - 1)) <= 0) {
      throw new IllegalStateException("the history store is down (fault injected)");
    }
  }

  @Override
  public long exportedPosition() {
    return store.exportedPosition();
  }

  @Override
  public void write(long position, List<HistoryDocument> documents) {
    refuseIfDown();
    boolean taken = position > store.exportedPosition();
    store.write(position, documents);
    if (taken) {
      documents.forEach(
          d -> control.writes.merge(d.kind().name() + "-" + d.key(), 1, Integer::sum));
    }
  }

  /**
   * One batch's export per write, so a catch-up takes several writes and a test can stop the engine
   * between them.
   */
  @Override
  public int maxRootsPerWrite() {
    return 1;
  }

  @Override
  public <R> Optional<R> get(HistoryKind<R> kind, String key) {
    return store.get(kind, key);
  }

  @Override
  public <R> List<R> ofProcessInstance(HistoryKind<R> kind, long processInstanceKey) {
    return store.ofProcessInstance(kind, processInstanceKey);
  }

  @Override
  public <R> List<R> all(HistoryKind<R> kind) {
    return store.all(kind);
  }

  @Override
  public long count(HistoryKind<?> kind) {
    return store.count(kind);
  }

  @Override
  public long deleteExpired(long now) {
    refuseIfDown();
    return store.deleteExpired(now);
  }

  @Override
  public void clear(long position) {
    refuseIfDown();
    store.clear(position);
  }

  @Override
  public void sync() {
    store.sync();
  }

  @Override
  public void close() {
    store.close();
  }
}
