package io.civicflow.engine.history;

import io.civicflow.engine.query.Records.VariableRecord;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Secondary storage for history: what ended (a root process instance and its whole tree, with
 * element instances, variables, jobs, incidents, user tasks, message subscriptions and decisions)
 * leaves the engine's heap and snapshots for this store. The writer thread is the only writer; it
 * writes in journal order, and each {@link #write} stores its documents <em>and</em> the journal
 * position they came from in one atomic step, so an export interrupted at any point is either
 * wholly there or wholly absent, and replaying the journal after {@link #exportedPosition()}
 * neither loses nor duplicates a record. Reads come from any thread and must see every completed
 * {@link #write} (read your writes: searches are answered after it).
 *
 * <p>{@link H2HistoryStore} is the embedded default. Another implementation (Elasticsearch in the
 * application) implements the same methods with the same guarantees; see engine/README.md.
 */
public interface HistoryStore extends AutoCloseable {

  /** The journal position of the last write (or clear); 0 when nothing was ever exported. */
  long exportedPosition();

  /**
   * Stores these documents (replacing any with the same kind and key) and records {@code position}
   * as exported, atomically. A position at or below {@link #exportedPosition()} is ignored.
   */
  void write(long position, List<HistoryDocument> documents);

  /**
   * How many ended root instances (each with its whole tree) one {@link #write} carries at most:
   * the exports of a group of batches, or a catch-up after an outage, are split into writes of this
   * size (an export that ended more roots in one batch is still written whole).
   */
  default int maxRootsPerWrite() {
    return 1000;
  }

  /** The record of this kind and key, if stored. */
  <R> Optional<R> get(HistoryKind<R> kind, String key);

  /** The stored records of this kind with these keys, in the keys' order (absent ones left out). */
  default <R> List<R> getAll(HistoryKind<R> kind, List<String> keys) {
    List<R> records = new java.util.ArrayList<>();
    for (String key : keys) {
      get(kind, key).ifPresent(records::add);
    }
    return records;
  }

  /** The records of this kind that belong to the process instance, in the order written. */
  <R> List<R> ofProcessInstance(HistoryKind<R> kind, long processInstanceKey);

  /** Every record of this kind, in the order written. */
  <R> List<R> all(HistoryKind<R> kind);

  /**
   * The variables named {@code name} — with exactly this value (its JSON text), unless {@code
   * value} is null — in the order written. What variable searches by name and process instance
   * searches with a {@code variables} filter look up instead of reading every variable; a store
   * should answer it from an index (the default reads the whole family, correct but linear).
   */
  default List<VariableRecord> variablesNamed(String name, String value) {
    return all(HistoryKind.VARIABLE).stream()
        .filter(v -> v.name().equals(name) && (value == null || Objects.equals(value, v.value())))
        .toList();
  }

  // --- searches the store pages itself (HistoryQuery); a store that cannot answers false

  /**
   * Whether this store answers {@link HistoryQuery}s over this kind (from indexes, so a page reads
   * only its own records and a count reads no bodies). Without it searches read {@link #all}.
   */
  default boolean searches(HistoryKind<?> kind) {
    return false;
  }

  /** How many records of this kind match the query. */
  default long count(HistoryKind<?> kind, HistoryQuery query) {
    throw new UnsupportedOperationException("no history queries");
  }

  /** How many records of this kind match the query and come before {@code point} in its order. */
  default long countBefore(HistoryKind<?> kind, HistoryQuery query, HistoryQuery.Point point) {
    throw new UnsupportedOperationException("no history queries");
  }

  /**
   * The places of the matches at {@code offset ..< offset + limit} in the query's order (no bodies:
   * read them with {@link #get}).
   */
  default List<HistoryQuery.Point> points(
      HistoryKind<?> kind, HistoryQuery query, long offset, int limit) {
    throw new UnsupportedOperationException("no history queries");
  }

  /** Those of {@code recordKeys} whose records match the query. */
  default java.util.Set<String> matching(
      HistoryKind<?> kind, HistoryQuery query, java.util.Collection<String> recordKeys) {
    throw new UnsupportedOperationException("no history queries");
  }

  /** How many records of this kind are stored. */
  long count(HistoryKind<?> kind);

  /** Deletes every document that expired at or before {@code now}; answers how many. */
  long deleteExpired(long now);

  /** Deletes everything (a purge at {@code position}) and records the position. */
  void clear(long position);

  /** Makes every completed write durable (before a snapshot lets the journal behind it go). */
  void sync();

  @Override
  void close();
}
