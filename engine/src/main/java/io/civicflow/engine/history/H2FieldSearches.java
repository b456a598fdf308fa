package io.civicflow.engine.history;

import io.civicflow.engine.history.HistoryQuery.HistoryField;
import io.civicflow.engine.history.HistoryQuery.In;
import io.civicflow.engine.history.HistoryQuery.Point;
import io.civicflow.engine.history.HistoryQuery.Range;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The searches {@link H2HistoryStore} pages itself, over {@code HISTORY_FIELDS} (a searchable
 * record's fields, no body) and {@code HISTORY_COUNTS}: counts, the places of a page's matches in
 * the query's order, and which of some keys match.
 */
final class H2FieldSearches {

  private final H2HistoryStore.Reads reads;

  H2FieldSearches(H2HistoryStore.Reads reads) {
    this.reads = reads;
  }

  private long count(H2HistorySql.Where where) {
    return count(where, "");
  }

  private long count(H2HistorySql.Where where, String hint) {
    return reads.read(
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "SELECT COUNT(*) FROM HISTORY_FIELDS" + hint + " WHERE " + where.sql())) {
            H2HistorySql.bind(p, where.parameters());
            try (ResultSet r = p.executeQuery()) {
              r.next();
              return r.getLong(1);
            }
          }
        });
  }

  long count(HistoryKind<?> kind, HistoryQuery query) {
    boolean grouped =
        query.conditions().stream()
            .allMatch(
                c ->
                    c instanceof In
                        && (c.field() == HistoryField.PROCESS
                            || c.field() == HistoryField.STATE
                            || c.field() == HistoryField.TENANT));
    if (!grouped) {
      return count(H2HistorySql.where(kind, query), H2HistorySql.countHint(query));
    }
    // by process, state and tenant alone: the kept counts, not the index
    H2HistorySql.Where where = H2HistorySql.where(kind, query);
    return reads.read(
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "SELECT COALESCE(SUM(N), 0) FROM HISTORY_COUNTS WHERE " + where.sql())) {
            H2HistorySql.bind(p, where.parameters());
            try (ResultSet r = p.executeQuery()) {
              r.next();
              return r.getLong(1);
            }
          }
        });
  }

  long countBefore(HistoryKind<?> kind, HistoryQuery query, Point point) {
    H2HistorySql.Where where = H2HistorySql.where(kind, query);
    if (query.sort() == HistoryField.KEY) {
      return count(where.and(query.descending() ? "F_KEY > ?" : "F_KEY < ?", point.key()));
    }
    String column = H2HistorySql.column(query.sort());
    if (point.value() == null) {
      return count(where.copy().and(column + " IS NOT NULL"))
          + count(where.and(column + " IS NULL").and("F_KEY < ?", point.key()));
    }
    String before = query.descending() ? " > ?" : " < ?";
    return count(where.copy().and(column + before, point.value()))
        + count(where.and(column + " = ?", point.value()).and("F_KEY < ?", point.key()));
  }

  List<Point> points(HistoryKind<?> kind, HistoryQuery query, long offset, int limit) {
    H2HistorySql.Where where = H2HistorySql.where(kind, query);
    String value = query.sort() == HistoryField.KEY ? "F_KEY" : H2HistorySql.column(query.sort());
    boolean ranged =
        query.conditions().stream().anyMatch(c -> c instanceof Range && c.field() == query.sort());
    String hint =
        ranged || count(kind, query) > H2HistorySql.SORTED_READ_THRESHOLD
            ? " USE INDEX (" + H2HistorySql.sortIndex(query.sort(), query.descending()) + ")"
            : "";
    String sql =
        "SELECT "
            + value
            + ", F_KEY, RECORD_KEY FROM HISTORY_FIELDS"
            + hint
            + " WHERE "
            + where.sql()
            + H2HistorySql.orderBy(query)
            + " LIMIT ? OFFSET ?";
    return reads.read(
        c -> {
          try (PreparedStatement p = c.prepareStatement(sql)) {
            H2HistorySql.bind(p, where.parameters());
            p.setInt(where.parameters().size() + 1, limit);
            p.setLong(where.parameters().size() + 2, offset);
            List<Point> points = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
              while (r.next()) {
                long v = r.getLong(1);
                points.add(new Point(r.wasNull() ? null : v, r.getLong(2), r.getString(3)));
              }
            }
            return points;
          }
        });
  }

  Set<String> matching(HistoryKind<?> kind, HistoryQuery query, Collection<String> recordKeys) {
    // one primary-key look-up per key (H2 scans for a key list instead)
    H2HistorySql.Where where = H2HistorySql.where(kind, query).and("RECORD_KEY = ?");
    return reads.read(
        c -> {
          Set<String> found = new LinkedHashSet<>();
          try (PreparedStatement p =
              c.prepareStatement("SELECT RECORD_KEY FROM HISTORY_FIELDS WHERE " + where.sql())) {
            H2HistorySql.bind(p, where.parameters());
            for (String key : recordKeys) {
              p.setString(where.parameters().size() + 1, key);
              try (ResultSet r = p.executeQuery()) {
                if (r.next()) {
                  found.add(key);
                }
              }
            }
          }
          return found;
        });
  }
}
