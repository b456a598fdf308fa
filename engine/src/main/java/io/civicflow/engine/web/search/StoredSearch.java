package io.civicflow.engine.web.search;

import io.civicflow.engine.history.HistoryFields;
import io.civicflow.engine.history.HistoryKind;
import io.civicflow.engine.history.HistoryQuery;
import io.civicflow.engine.history.HistoryQuery.Point;
import io.civicflow.engine.history.HistoryStore;
import io.civicflow.engine.query.ReadModel;
import io.civicflow.engine.query.ReadModel.StoredHistory;
import io.civicflow.engine.web.search.SearchResult.PageResponse;
import io.civicflow.engine.web.search.Searcher.Window;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A search answered by the history store's indexes together with the heap, without reading the
 * whole family: the store counts the matches and names the places of one page's records (no
 * bodies), the heap's matches (bounded by what runs) are merged in by the same order, and only the
 * page's records are read. The answer is the one {@link Searcher}'s scan gives: the same order
 * (sort value, absent last, then the tie-break key), {@code totalItems}, offsets and cursors (a
 * cursor's record is found by its identity and placed by counting what comes before it; one that
 * has gone or no longer matches falls back to its recorded index, as in the scan).
 *
 * <p>A record in both (stored, not yet evicted from the heap) is taken once, from the heap: the
 * store's matches among the heap's ended records ({@link SearchSchema.Stored#mayBeStored}) are
 * looked up and left out of the store's side.
 */
final class StoredSearch {

  private StoredSearch() {}

  /** A heap record with its place. */
  private record Held<R>(R record, Point point) {}

  /** One entry of the merged order: a heap record, or a store place whose body is read later. */
  private record Entry<R>(Point point, R record) {}

  static <R, D> Optional<SearchResult<D>> search(
      SearchResource<R, D> resource,
      SearchQuery query,
      ReadModel readModel,
      Predicate<R> filter,
      Window window) {
    SearchSchema<R> schema = resource.schema();
    SearchSchema.Stored<R> stored = schema.stored();
    if (stored == null) {
      return Optional.empty();
    }
    Optional<StoredHistory> history = readModel.history(stored.kind());
    if (history.isEmpty()) {
      return Optional.empty();
    }
    StoredHistory reading = history.get();
    return reading
        .reads()
        .read(() -> searchIn(resource, query, readModel, filter, window, schema, stored, history));
  }

  private static <R, D> Optional<SearchResult<D>> searchIn(
      SearchResource<R, D> resource,
      SearchQuery query,
      ReadModel readModel,
      Predicate<R> filter,
      Window window,
      SearchSchema<R> schema,
      SearchSchema.Stored<R> stored,
      Optional<StoredHistory> history) {
    HistoryQuery own = schema.historyQuery(query.filter(), query.sort());
    if (own == null) {
      return Optional.empty();
    }
    List<HistoryQuery.Condition> conditions = new ArrayList<>(history.get().restriction());
    conditions.addAll(own.conditions());
    HistoryQuery q = new HistoryQuery(conditions, own.sort(), own.descending());
    HistoryStore store = history.get().store();
    HistoryKind<R> kind = stored.kind();
    Comparator<Point> order = q.order();

    List<Held<R>> heap = new ArrayList<>();
    List<String> maybeStored = new ArrayList<>();
    for (R record : stored.heap().apply(readModel.live())) {
      if (filter.test(record)) {
        String identity = schema.identity(record);
        heap.add(new Held<>(record, q.point(HistoryFields.of(record), identity)));
        if (stored.mayBeStored().test(record)) {
          maybeStored.add(identity);
        }
      }
    }
    heap.sort((a, b) -> order.compare(a.point(), b.point()));
    Set<String> twice = maybeStored.isEmpty() ? Set.of() : store.matching(kind, q, maybeStored);
    List<Point> shadowed = new ArrayList<>();
    for (Held<R> held : heap) {
      if (twice.contains(held.point().recordKey())) {
        shadowed.add(held.point());
      }
    }
    long total = heap.size() + store.count(kind, q) - shadowed.size();

    long start;
    long end;
    if (window.after() != null) {
      start =
          Math.min(
              total,
              position(resource, readModel, filter, q, store, heap, shadowed, total, window.after())
                  + 1);
      end = Math.min(total, start + window.limit());
    } else if (window.before() != null) {
      end =
          Math.min(
              total,
              position(
                  resource, readModel, filter, q, store, heap, shadowed, total, window.before()));
      start = Math.max(0, end - window.limit());
    } else {
      start = Math.min(total, window.from());
      end = Math.min(total, start + window.limit());
    }

    List<Entry<R>> page =
        end > start ? page(kind, q, store, heap, shadowed, twice, start, end) : List.of();
    List<String> toRead = new ArrayList<>();
    for (Entry<R> entry : page) {
      if (entry.record() == null) {
        toRead.add(entry.point().recordKey());
      }
    }
    Map<String, R> read = new HashMap<>();
    for (R record : store.getAll(kind, toRead)) {
      read.put(schema.identity(record), record);
    }
    List<R> records = new ArrayList<>(page.size());
    for (Entry<R> entry : page) {
      R record = entry.record() != null ? entry.record() : read.get(entry.point().recordKey());
      if (record != null) {
        records.add(record); // one removed by retention meanwhile is left out
      }
    }
    List<D> items = new ArrayList<>(records.size());
    records.forEach(r -> items.add(resource.render(r)));
    String startCursor =
        records.isEmpty() ? null : Searcher.cursor(schema, records.get(0), (int) start);
    String endCursor =
        records.isEmpty()
            ? null
            : Searcher.cursor(
                schema, records.get(records.size() - 1), (int) (start + records.size() - 1));
    return Optional.of(
        new SearchResult<>(items, new PageResponse((int) total, false, startCursor, endCursor)));
  }

  /** How many merged matches come strictly before {@code point}. */
  private static <R> long before(
      HistoryKind<R> kind,
      HistoryQuery q,
      HistoryStore store,
      List<Held<R>> heap,
      List<Point> shadowed,
      Point point) {
    Comparator<Point> order = q.order();
    long count = store.countBefore(kind, q, point);
    for (Held<R> held : heap) {
      if (order.compare(held.point(), point) < 0) {
        count++;
      }
    }
    for (Point s : shadowed) {
      if (order.compare(s, point) < 0) {
        count--;
      }
    }
    return count;
  }

  /** The index of a cursor's record among the matches, or its recorded index if it has gone. */
  private static <R, D> long position(
      SearchResource<R, D> resource,
      ReadModel readModel,
      Predicate<R> filter,
      HistoryQuery q,
      HistoryStore store,
      List<Held<R>> heap,
      List<Point> shadowed,
      long total,
      String cursor) {
    Searcher.Cursor decoded = Searcher.decode(cursor);
    SearchSchema.Stored<R> stored = resource.schema().stored();
    Optional<R> record = stored.byIdentity().apply(readModel, decoded.identity());
    if (record.isPresent() && filter.test(record.get())) {
      Point point = q.point(HistoryFields.of(record.get()), decoded.identity());
      return before(stored.kind(), q, store, heap, shadowed, point);
    }
    return Math.max(0, Math.min(decoded.index(), total));
  }

  /**
   * The merged matches at {@code start ..< end}. The store's places are read from {@code start -
   * |heap|} on, {@code end - start + |heap| + |shadowed|} of them: every merged match in the page
   * lies there (a store match's merged index differs from its store index by at most that), and the
   * merged index of the first place read is known by counting what lies before it in the heap.
   */
  private static <R> List<Entry<R>> page(
      HistoryKind<R> kind,
      HistoryQuery q,
      HistoryStore store,
      List<Held<R>> heap,
      List<Point> shadowed,
      Set<String> twice,
      long start,
      long end) {
    Comparator<Point> order = q.order();
    long offset = Math.max(0, start - heap.size());
    int length = (int) (end - start) + heap.size() + shadowed.size();
    List<Point> places = store.points(kind, q, offset, length);
    boolean exhausted = places.size() < length;
    if (offset > 0 && places.isEmpty()) {
      return List.of();
    }
    Point first = places.isEmpty() ? null : places.get(0);
    Point last = places.isEmpty() ? null : places.get(places.size() - 1);
    long anchor = 0;
    if (offset > 0) {
      anchor = offset;
      for (Point s : shadowed) {
        if (order.compare(s, first) < 0) {
          anchor--;
        }
      }
    }
    List<Entry<R>> merged = new ArrayList<>();
    for (Held<R> held : heap) {
      boolean afterFirst = offset == 0 || order.compare(held.point(), first) >= 0;
      boolean beforeLast = exhausted || order.compare(held.point(), last) <= 0;
      if (offset > 0 && !afterFirst) {
        anchor++;
      }
      if (afterFirst && beforeLast) {
        merged.add(new Entry<>(held.point(), held.record()));
      }
    }
    for (Point place : places) {
      if (!twice.contains(place.recordKey())) {
        merged.add(new Entry<>(place, null));
      }
    }
    merged.sort((a, b) -> order.compare(a.point(), b.point()));
    List<Entry<R>> page = new ArrayList<>();
    for (int i = 0; i < merged.size(); i++) {
      long index = anchor + i;
      if (index >= start && index < end) {
        page.add(merged.get(i));
      }
    }
    return page;
  }
}
