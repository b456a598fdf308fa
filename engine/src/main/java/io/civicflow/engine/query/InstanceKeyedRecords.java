package io.civicflow.engine.query;

import io.civicflow.engine.history.HistoryKind;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * A projection's records by key, with an index by process instance, so that handing an ended
 * instance tree to the history store and evicting it touches only that tree's records, not every
 * record of the active work. Readers (any thread) read the records; the index is kept by the writer
 * thread on every put, update and removal. It is derived state: snapshots carry the records only
 * and a restore rebuilds the index by putting them.
 */
final class InstanceKeyedRecords<K, R> {

  private final Map<K, R> records = new ConcurrentHashMap<>();
  private final Map<Long, Set<K>> byInstance = new ConcurrentHashMap<>();
  private final ToLongFunction<R> processInstanceKey;
  private long visited;

  /**
   * @param processInstanceKey the instance a record belongs to (a negative key when none)
   */
  InstanceKeyedRecords(ToLongFunction<R> processInstanceKey) {
    this.processInstanceKey = processInstanceKey;
  }

  R get(K key) {
    return records.get(key);
  }

  Collection<R> values() {
    return Collections.unmodifiableCollection(records.values());
  }

  /** The records by key, read-only. */
  Map<K, R> asMap() {
    return Collections.unmodifiableMap(records);
  }

  int size() {
    return records.size();
  }

  void put(K key, R record) {
    reindex(key, records.put(key, record), record);
  }

  /** Replaces the record of {@code key}, if there is one, by what {@code change} makes of it. */
  R computeIfPresent(K key, BiFunction<K, R, R> change) {
    return records.computeIfPresent(
        key,
        (k, old) -> {
          R changed = change.apply(k, old);
          reindex(k, old, changed);
          return changed;
        });
  }

  void remove(K key) {
    reindex(key, records.remove(key), null);
  }

  void clear() {
    records.clear();
    byInstance.clear();
  }

  private void reindex(K key, R old, R now) {
    long before = old == null ? Long.MIN_VALUE : processInstanceKey.applyAsLong(old);
    long after = now == null ? Long.MIN_VALUE : processInstanceKey.applyAsLong(now);
    if (before == after) {
      return;
    }
    if (old != null) {
      Set<K> keys = byInstance.get(before);
      if (keys != null && keys.remove(key) && keys.isEmpty()) {
        byInstance.remove(before);
      }
    }
    if (now != null) {
      byInstance.computeIfAbsent(after, k -> new LinkedHashSet<>()).add(key);
    }
  }

  /** Hands the records of these process instances to {@code out}. */
  void history(
      HistoryKind<R> kind,
      Function<R, Object> key,
      Set<Long> processInstanceKeys,
      HistoryExport.HistoryOut out) {
    for (Long pik : processInstanceKeys) {
      Set<K> keys = byInstance.get(pik);
      if (keys == null) {
        continue;
      }
      for (K k : keys) {
        visited++;
        R record = records.get(k);
        if (record != null) {
          out.add(kind, String.valueOf(key.apply(record)), pik, record);
        }
      }
    }
  }

  /** Removes the records of these process instances. */
  void evict(Set<Long> processInstanceKeys) {
    for (Long pik : processInstanceKeys) {
      Set<K> keys = byInstance.remove(pik);
      if (keys == null) {
        continue;
      }
      for (K k : keys) {
        visited++;
        records.remove(k);
      }
    }
  }

  /** How many records {@link #history} and {@link #evict} looked at so far (for tests). */
  long visited() {
    return visited;
  }

  /** How many process instances the index holds records of (for tests). */
  int indexedInstances() {
    return byInstance.size();
  }
}
