package io.civicflow.engine.web.search;

import com.fasterxml.jackson.databind.JsonNode;
import io.civicflow.engine.api.EngineRejection;
import io.civicflow.engine.query.ReadModel;
import io.civicflow.engine.web.search.SearchQuery.PageRequest;
import io.civicflow.engine.web.search.SearchResult.PageResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Runs a {@link SearchQuery} against a {@link SearchResource}: filter, sort (requested fields, then
 * the resource's tie-break), then page by offset ({@code from}/{@code limit}) or by cursor ({@code
 * after}/{@code before}). {@code totalItems} counts every match, so {@code hasMoreTotalItems} is
 * always false.
 *
 * <p>Cursors are opaque base64url strings naming the record's identity and its position at the
 * time; a cursor whose record has gone since falls back to the position.
 */
public final class Searcher {

  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 10_000;

  private Searcher() {}

  public static <R, D> SearchResult<D> search(
      SearchResource<R, D> resource, SearchQuery query, ReadModel readModel) {
    SearchQuery effective = query == null ? SearchQuery.EMPTY : query;
    SearchSchema<R> schema = resource.schema();
    Predicate<R> filter = schema.filter(effective.filter(), readModel);
    Comparator<R> order = schema.sort(effective.sort());
    Window window = Window.of(effective.page());
    Optional<SearchResult<D>> stored =
        resource.selective(effective.filter())
            ? Optional.empty()
            : StoredSearch.search(resource, effective, readModel, filter, window);
    if (stored.isPresent()) {
      return stored.get();
    }

    List<R> matches = new ArrayList<>();
    for (R candidate : resource.candidates(readModel, effective.filter())) {
      if (filter.test(candidate)) {
        matches.add(candidate);
      }
    }
    if (window.limit() > 0 || window.after() != null || window.before() != null) {
      // a count (page.limit 0) needs no order
      matches.sort(order);
    }

    int start;
    int end;
    if (window.after() != null) {
      start = Math.min(matches.size(), position(schema, matches, window.after()) + 1);
      end = Math.min(matches.size(), start + window.limit());
    } else if (window.before() != null) {
      end = Math.min(matches.size(), position(schema, matches, window.before()));
      start = Math.max(0, end - window.limit());
    } else {
      start = Math.min(matches.size(), window.from());
      end = Math.min(matches.size(), start + window.limit());
    }

    List<D> items = new ArrayList<>(end - start);
    for (int i = start; i < end; i++) {
      items.add(resource.render(matches.get(i)));
    }
    String startCursor = items.isEmpty() ? null : cursor(schema, matches.get(start), start);
    String endCursor = items.isEmpty() ? null : cursor(schema, matches.get(end - 1), end - 1);
    return new SearchResult<>(
        items, new PageResponse(matches.size(), false, startCursor, endCursor));
  }

  /**
   * The key a filter pins with a plain value or {@code $eq} (other operators are applied by the
   * filter afterwards), for taking an indexed fast path.
   */
  public static OptionalLong pinnedKey(JsonNode filter, String field) {
    if (filter == null || !filter.isObject()) {
      return OptionalLong.empty();
    }
    Object key = Conditions.equalityOperand(field, FieldType.KEY, filter.get(field));
    return key == null ? OptionalLong.empty() : OptionalLong.of((Long) key);
  }

  /**
   * The keys a filter pins a key field to — its {@code $eq} value, else its non-empty {@code $in}
   * list — so a resource can look its candidates up by key instead of scanning; empty when the
   * field is not pinned. The full filter still applies to the candidates.
   */
  public static Optional<Set<Long>> pinnedKeys(JsonNode filter, String field) {
    OptionalLong single = pinnedKey(filter, field);
    if (single.isPresent()) {
      return Optional.of(Set.of(single.getAsLong()));
    }
    JsonNode in = filter == null ? null : filter.path(field).get("$in");
    if (in == null || !in.isArray() || in.isEmpty()) {
      return Optional.empty();
    }
    Set<Long> keys = new LinkedHashSet<>();
    in.forEach(element -> keys.add((Long) Conditions.operand(field, FieldType.KEY, element)));
    return Optional.of(keys);
  }

  /**
   * The candidates of a search whose filter may pin a key field ({@link #pinnedKeys}): the records
   * of each pinned key, looked up by key (an index, not a scan); every record when it pins none.
   */
  public static <R> Collection<R> byPinnedKeys(
      JsonNode filter,
      String field,
      LongFunction<? extends Collection<R>> lookup,
      Supplier<? extends Collection<R>> all) {
    Optional<Set<Long>> keys = pinnedKeys(filter, field);
    if (keys.isEmpty()) {
      return all.get();
    }
    List<R> found = new ArrayList<>();
    for (long key : keys.get()) {
      found.addAll(lookup.apply(key));
    }
    return found;
  }

  static <R> String cursor(SearchSchema<R> schema, R record, int index) {
    String raw = index + ":" + schema.identity(record);
    // standard alphabet with padding: Camunda's schema gives cursors that pattern
    return Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The index of the cursor's record in the current matches (or its recorded index if it has gone).
   */
  private static <R> int position(SearchSchema<R> schema, List<R> matches, String cursor) {
    Cursor decoded = decode(cursor);
    for (int i = 0; i < matches.size(); i++) {
      if (schema.identity(matches.get(i)).equals(decoded.identity())) {
        return i;
      }
    }
    return Math.max(0, Math.min(decoded.index(), matches.size()));
  }

  /** A cursor: the index its record had and the record's identity. */
  record Cursor(int index, String identity) {}

  static Cursor decode(String cursor) {
    String raw;
    try {
      raw = new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalidCursor(cursor);
    }
    int separator = raw.indexOf(':');
    if (separator <= 0) {
      throw invalidCursor(cursor);
    }
    int recordedIndex;
    try {
      recordedIndex = Integer.parseInt(raw.substring(0, separator));
    } catch (NumberFormatException e) {
      throw invalidCursor(cursor);
    }
    return new Cursor(recordedIndex, raw.substring(separator + 1));
  }

  private static EngineRejection invalidCursor(String cursor) {
    return EngineRejection.invalidArgument("Invalid page cursor '%s'", cursor);
  }

  record Window(int from, int limit, String after, String before) {

    static Window of(PageRequest page) {
      if (page == null) {
        return new Window(0, DEFAULT_LIMIT, null, null);
      }
      int limit = page.limit() == null ? DEFAULT_LIMIT : page.limit();
      if (limit < 0 || limit > MAX_LIMIT) {
        throw EngineRejection.invalidArgument(
            "The page limit must be between 0 and %d but was %d", MAX_LIMIT, limit);
      }
      int from = page.from() == null ? 0 : page.from();
      if (from < 0) {
        throw EngineRejection.invalidArgument(
            "The page offset 'from' must not be negative but was %d", from);
      }
      String after = blankToNull(page.after());
      String before = blankToNull(page.before());
      if (after != null && before != null) {
        throw EngineRejection.invalidArgument(
            "A page cannot be both 'after' and 'before' a cursor");
      }
      if ((after != null || before != null) && page.from() != null && from > 0) {
        throw EngineRejection.invalidArgument("A page cannot combine 'from' with a cursor");
      }
      return new Window(from, limit, after, before);
    }

    private static String blankToNull(String value) {
      return value == null || value.isBlank() ? null : value;
    }
  }
}
