package io.civicflow.engine.history;

import java.util.Comparator;
import java.util.List;

/**
 * A search a {@link HistoryStore} answers from its own indexes (see {@link HistoryStore#searches}):
 * conditions on a family's {@link HistoryFields} (all must hold) and one sort field, ties broken by
 * the record's numeric key ascending — the order the engine's searches give. A record whose sort
 * value is absent comes last in both directions.
 */
public record HistoryQuery(List<Condition> conditions, HistoryField sort, boolean descending) {

  /** The fields a store indexes per searchable record (see {@link HistoryFields}). */
  public enum HistoryField {
    /** The record's numeric key (the tie-break of every order). */
    KEY,
    /** The BPMN process id (decisions: the decision id) — what authorizations go by. */
    PROCESS,
    DEFINITION_KEY,
    STATE,
    TENANT,
    START,
    END,
    PARENT,
    /** A process instance's {@code hasIncident}. */
    FLAG;

    /** Whether the field holds numbers (ranges and sorting apply). */
    public boolean numeric() {
      return this != PROCESS && this != STATE && this != TENANT && this != FLAG;
    }
  }

  /** One condition on a field. */
  public sealed interface Condition permits In, Range {
    HistoryField field();
  }

  /**
   * The field's value is one of {@code values} (Strings, Longs or Booleans as the field holds), or
   * absent when {@code orAbsent}; no values and not {@code orAbsent} matches nothing.
   */
  public record In(HistoryField field, List<?> values, boolean orAbsent) implements Condition {}

  /** The field's value is present and within the inclusive bounds (either may be null: open). */
  public record Range(HistoryField field, Long min, Long max) implements Condition {}

  /** A record's place in the order: its sort value (absent: null) and its numeric key. */
  public record Point(Long value, long key, String recordKey) {}

  public Point point(HistoryFields fields, String recordKey) {
    Object value = fields.value(sort);
    return new Point(value == null ? null : ((Number) value).longValue(), fields.key(), recordKey);
  }

  /** The order of points this query sorts by. */
  public Comparator<Point> order() {
    return (a, b) -> {
      if (sort != HistoryField.KEY) {
        if (a.value() == null || b.value() == null) {
          if (a.value() != b.value()) {
            return a.value() == null ? 1 : -1;
          }
        } else {
          int c = Long.compare(a.value(), b.value());
          if (c != 0) {
            return descending ? -c : c;
          }
        }
        return Long.compare(a.key(), b.key());
      }
      int c = Long.compare(a.key(), b.key());
      return descending ? -c : c;
    };
  }

  /** Whether a record with these fields matches every condition (for the heap's records). */
  public boolean matches(HistoryFields fields) {
    for (Condition condition : conditions) {
      Object value = fields.value(condition.field());
      if (condition instanceof In in) {
        if (value == null ? !in.orAbsent() : !in.values().contains(value)) {
          return false;
        }
      } else if (condition instanceof Range range) {
        if (value == null) {
          return false;
        }
        long v = ((Number) value).longValue();
        if ((range.min() != null && v < range.min()) || (range.max() != null && v > range.max())) {
          return false;
        }
      }
    }
    return true;
  }
}
