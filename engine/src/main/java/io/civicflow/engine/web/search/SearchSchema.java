package io.civicflow.engine.web.search;

import com.fasterxml.jackson.databind.JsonNode;
import io.civicflow.engine.api.EngineRejection;
import io.civicflow.engine.history.HistoryKind;
import io.civicflow.engine.history.HistoryQuery;
import io.civicflow.engine.history.HistoryQuery.Condition;
import io.civicflow.engine.history.HistoryQuery.HistoryField;
import io.civicflow.engine.history.HistoryQuery.In;
import io.civicflow.engine.history.HistoryQuery.Range;
import io.civicflow.engine.query.ReadModel;
import io.civicflow.engine.web.search.SearchQuery.SortRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What one resource's search understands: its filter fields (with Camunda's names), the fields it
 * sorts by, a deterministic tie-break, and how a record is identified in a cursor. Plain fields map
 * a Camunda name to a record accessor; fields that are not plain record values (a process
 * instance's {@code variables}, {@code $or}, a definition's {@code isLatestVersion}) are {@link
 * CustomFilter}s.
 *
 * <p>Filter semantics: every field present constrains (AND); a field that is {@code null}, an empty
 * list or an object of empty lists constrains nothing. A non-empty filter on an unknown field is
 * rejected with INVALID_ARGUMENT rather than silently ignored.
 *
 * @param <R> the read-model record type
 */
public final class SearchSchema<R> {

  private final String resource;
  private final Map<String, Field<R>> fields;
  private final Map<String, CustomFilter<R>> customFilters;
  private final Map<String, Field<R>> sortFields;
  private final Comparator<R> tieBreak;
  private final Function<R, String> identity;
  private final Stored<R> stored;
  private final Map<String, HistoryField> storedFields;

  private SearchSchema(Builder<R> builder) {
    this.resource = builder.resource;
    this.fields = Map.copyOf(builder.fields);
    this.customFilters = Map.copyOf(builder.customFilters);
    this.sortFields = Map.copyOf(builder.sortFields);
    this.tieBreak = builder.tieBreak;
    this.identity = builder.identity;
    this.stored = builder.stored;
    this.storedFields = Map.copyOf(builder.storedFields);
  }

  /**
   * How a resource's records are searched in the history store (see {@link StoredSearch}): their
   * family, the records in the heap, a record by its identity (the heap's copy first), and which
   * heap records may also be in the store already (ended ones, between the store's write and the
   * heap's eviction).
   */
  public record Stored<R>(
      HistoryKind<R> kind,
      Function<ReadModel, Collection<R>> heap,
      BiFunction<ReadModel, String, Optional<R>> byIdentity,
      Predicate<R> mayBeStored) {}

  Stored<R> stored() {
    return stored;
  }

  /**
   * The filter and sort as a query the store answers from its indexes; null when some part of them
   * is not a stored field or uses an operator a store does not take ({@code $neq}, {@code $like},
   * {@code $exists}, custom filters, several sort fields), so the search reads the records.
   */
  HistoryQuery historyQuery(JsonNode filter, List<SortRequest> sort) {
    if (stored == null) {
      return null;
    }
    List<Condition> conditions = new ArrayList<>();
    if (filter != null && filter.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = filter.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        String name = entry.getKey();
        JsonNode value = entry.getValue();
        if (isEmpty(value)) {
          continue;
        }
        HistoryField target = storedFields.get(name);
        Field<R> field = fields.get(name);
        if (target == null || field == null) {
          return null;
        }
        if (!value.isObject()) {
          conditions.add(
              new In(target, List.of(Conditions.operand(name, field.type(), value)), false));
          continue;
        }
        for (Iterator<Map.Entry<String, JsonNode>> ops = value.fields(); ops.hasNext(); ) {
          Map.Entry<String, JsonNode> op = ops.next();
          JsonNode arg = op.getValue();
          if (arg == null || arg.isNull()) {
            continue;
          }
          switch (op.getKey()) {
            case "$eq" ->
                conditions.add(
                    new In(target, List.of(Conditions.operand(name, field.type(), arg)), false));
            case "$in" -> {
              if (!arg.isArray()) {
                return null;
              }
              if (!arg.isEmpty()) {
                List<Object> values = new ArrayList<>();
                arg.forEach(e -> values.add(Conditions.operand(name, field.type(), e)));
                conditions.add(new In(target, values, false));
              }
            }
            case "$gt", "$gte", "$lt", "$lte" -> {
              if (!target.numeric()) {
                return null;
              }
              long bound = (Long) Conditions.operand(name, field.type(), arg);
              conditions.add(
                  switch (op.getKey()) {
                    case "$gt" -> new Range(target, bound + 1, null);
                    case "$gte" -> new Range(target, bound, null);
                    case "$lt" -> new Range(target, null, bound - 1);
                    default -> new Range(target, null, bound);
                  });
            }
            default -> {
              return null;
            }
          }
        }
      }
    }
    List<SortRequest> requests = sort == null ? List.of() : sort;
    if (requests.isEmpty()) {
      return new HistoryQuery(conditions, HistoryField.KEY, false);
    }
    if (requests.size() > 1) {
      return null;
    }
    HistoryField by = storedFields.get(requests.get(0).field());
    if (by != HistoryField.KEY && by != HistoryField.START && by != HistoryField.END) {
      return null;
    }
    return new HistoryQuery(conditions, by, isDescending(requests.get(0).order()));
  }

  /**
   * @param resource the resource name used in error messages ({@code process-instances})
   * @param tieBreak the order of records equal in every requested sort field (also the default
   *     order)
   * @param identity a unique, stable id of a record, used in cursors
   */
  public static <R> Builder<R> builder(
      String resource, Comparator<R> tieBreak, Function<R, String> identity) {
    return new Builder<>(resource, tieBreak, identity);
  }

  public String resource() {
    return resource;
  }

  public String identity(R record) {
    return identity.apply(record);
  }

  /** Compiles a filter object into one predicate (always true for a missing or empty filter). */
  public Predicate<R> filter(JsonNode filter, ReadModel readModel) {
    if (filter == null || filter.isNull() || filter.isMissingNode()) {
      return record -> true;
    }
    if (!filter.isObject()) {
      throw EngineRejection.invalidArgument(
          "The filter of a %s search must be an object", resource);
    }
    Predicate<R> all = record -> true;
    Map<CustomFilter<R>, Map<String, JsonNode>> customValues = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = filter.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String name = entry.getKey();
      JsonNode value = entry.getValue();
      Field<R> field = fields.get(name);
      if (field != null) {
        Predicate<Object> condition = Conditions.compile(name, field.type(), value);
        if (condition != null) {
          all = all.and(record -> condition.test(field.value(record)));
        }
      } else if (customFilters.containsKey(name)) {
        customValues
            .computeIfAbsent(customFilters.get(name), c -> new LinkedHashMap<>())
            .put(name, value);
      } else if (!isEmpty(value)) {
        throw EngineRejection.invalidArgument(
            "Unsupported filter field '%s' for %s; supported: %s",
            name, resource, supportedFilters());
      }
    }
    FilterContext<R> context = new FilterContext<>(this, readModel);
    for (Map.Entry<CustomFilter<R>, Map<String, JsonNode>> custom : customValues.entrySet()) {
      Predicate<R> condition = custom.getKey().compile(custom.getValue(), context);
      if (condition != null) {
        all = all.and(condition);
      }
    }
    return all;
  }

  /** The requested order, then the tie-break. Unknown sort fields are rejected. */
  public Comparator<R> sort(List<SortRequest> sort) {
    Comparator<R> order = null;
    for (SortRequest request : sort == null ? List.<SortRequest>of() : sort) {
      if (request == null || request.field() == null) {
        throw EngineRejection.invalidArgument(
            "A sort criterion of a %s search has no field", resource);
      }
      Field<R> field = sortFields.get(request.field());
      if (field == null) {
        throw EngineRejection.invalidArgument(
            "Unsupported sort field '%s' for %s; supported: %s",
            request.field(), resource, new TreeSet<>(sortFields.keySet()));
      }
      Comparator<R> byField = byValue(memoised(field), isDescending(request.order()));
      order = order == null ? byField : order.thenComparing(byField);
    }
    return order == null ? tieBreak : order.thenComparing(tieBreak);
  }

  private Set<String> supportedFilters() {
    Set<String> names = new TreeSet<>(fields.keySet());
    names.addAll(customFilters.keySet());
    return names;
  }

  private boolean isDescending(String order) {
    if (order == null || order.equalsIgnoreCase("ASC")) {
      return false;
    }
    if (order.equalsIgnoreCase("DESC")) {
      return true;
    }
    throw EngineRejection.invalidArgument("Unknown sort order '%s' (expected ASC or DESC)", order);
  }

  /**
   * Whether a filter value constrains nothing: null, [], {} or an object holding only such values.
   */
  public static boolean isEmpty(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return true;
    }
    if (value.isArray()) {
      return value.isEmpty();
    }
    if (value.isObject()) {
      for (JsonNode child : value) {
        if (!isEmpty(child)) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  /**
   * What a custom filter may use: the schema (to compile nested filters such as {@code $or}) and
   * the read model.
   */
  public record FilterContext<R>(SearchSchema<R> schema, ReadModel readModel) {}

  /**
   * A filter over one or several Camunda field names that are not plain record values. It receives
   * the values of all its names present in the filter at once (so related fields can be matched
   * jointly) and answers {@code null} when they constrain nothing.
   */
  @FunctionalInterface
  public interface CustomFilter<R> {
    Predicate<R> compile(Map<String, JsonNode> values, FilterContext<R> context);
  }

  private record Field<R>(FieldType type, Function<R, ?> accessor, boolean normalised) {
    Field(FieldType type, Function<R, ?> accessor) {
      this(type, accessor, false);
    }

    Object value(R record) {
      Object value = accessor.apply(record);
      return normalised ? value : Conditions.normalise(type, value);
    }
  }

  /**
   * Declares a resource's fields; every plain field is filterable, sortable ones are listed with
   * {@link #sortable}.
   */
  public static final class Builder<R> {
    private final String resource;
    private final Comparator<R> tieBreak;
    private final Function<R, String> identity;
    private final Map<String, Field<R>> fields = new LinkedHashMap<>();
    private final Map<String, CustomFilter<R>> customFilters = new LinkedHashMap<>();
    private final Map<String, Field<R>> sortFields = new LinkedHashMap<>();
    private Stored<R> stored;
    private final Map<String, HistoryField> storedFields = new LinkedHashMap<>();

    private Builder(String resource, Comparator<R> tieBreak, Function<R, String> identity) {
      this.resource = resource;
      this.tieBreak = tieBreak;
      this.identity = identity;
    }

    public Builder<R> string(String name, Function<R, ?> accessor) {
      return field(name, FieldType.STRING, accessor);
    }

    public Builder<R> key(String name, Function<R, ? extends Number> accessor) {
      return field(name, FieldType.KEY, accessor);
    }

    public Builder<R> integer(String name, Function<R, ? extends Number> accessor) {
      return field(name, FieldType.INTEGER, accessor);
    }

    /** A date field; the accessor gives epoch milliseconds of engine time (or null). */
    public Builder<R> date(String name, Function<R, ? extends Number> accessor) {
      return field(name, FieldType.DATE, accessor);
    }

    public Builder<R> bool(String name, Function<R, Boolean> accessor) {
      return field(name, FieldType.BOOLEAN, accessor);
    }

    public Builder<R> field(String name, FieldType type, Function<R, ?> accessor) {
      fields.put(name, new Field<>(type, accessor));
      return this;
    }

    /** One custom filter answering for all the given Camunda field names. */
    public Builder<R> custom(CustomFilter<R> filter, String... names) {
      for (String name : names) {
        customFilters.put(name, filter);
      }
      return this;
    }

    /** Makes plain fields sortable by their normalised value. */
    public Builder<R> sortable(String... names) {
      for (String name : names) {
        Field<R> field = fields.get(name);
        if (field == null) {
          throw new IllegalArgumentException("No field " + name + " in " + resource);
        }
        sortFields.put(name, field);
      }
      return this;
    }

    /**
     * Searches of this resource may be answered by the history store (see {@link Stored}); the
     * fields it filters and sorts by there are named with {@link #storedAs}.
     */
    public Builder<R> stored(
        HistoryKind<R> kind,
        Function<ReadModel, Collection<R>> heap,
        BiFunction<ReadModel, String, Optional<R>> byIdentity,
        Predicate<R> mayBeStored) {
      this.stored = new Stored<>(kind, heap, byIdentity, mayBeStored);
      return this;
    }

    /**
     * A plain field whose value the store indexes as {@code target} (its value in {@link
     * io.civicflow.engine.history.HistoryFields} must equal the field's normalised value; {@link
     * HistoryField#KEY} only for the field the tie-break orders by).
     */
    public Builder<R> storedAs(String name, HistoryField target) {
      if (!fields.containsKey(name)) {
        throw new IllegalArgumentException("No field " + name + " in " + resource);
      }
      storedFields.put(name, target);
      return this;
    }

    public SearchSchema<R> build() {
      return new SearchSchema<>(this);
    }
  }

  /**
   * The field with each record's value kept once computed: a sort compares every record about log n
   * times, and a value may be costly to compute (a due date is parsed from its text). The
   * comparator that holds it is made for one search and used by one thread.
   */
  private static <R> Field<R> memoised(Field<R> field) {
    Object absent = new Object();
    Map<R, Object> values = new IdentityHashMap<>();
    return new Field<>(
        field.type(),
        record -> {
          Object value =
              values.computeIfAbsent(
                  record,
                  r -> {
                    Object computed = field.value(r);
                    return computed == null ? absent : computed;
                  });
          return value == absent ? null : value;
        },
        true);
  }

  /** Orders by a field's value; absent values come last in both directions. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static <R> Comparator<R> byValue(Field<R> field, boolean descending) {
    return (left, right) -> {
      Comparable a = (Comparable) field.value(left);
      Comparable b = (Comparable) field.value(right);
      if (a == null || b == null) {
        return a == b ? 0 : a == null ? 1 : -1;
      }
      int order = a.compareTo(b);
      return descending ? -order : order;
    };
  }
}
