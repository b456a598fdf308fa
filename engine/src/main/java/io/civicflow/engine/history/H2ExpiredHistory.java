package io.civicflow.engine.history;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Retention in {@link H2HistoryStore}: deletes what expired, in one transaction of the writer. What
 * expired is found through the expiry indexes of {@code HISTORY} and {@code HISTORY_TREES}, and
 * each expired record's {@code HISTORY_FIELDS} row by its key, never by a scan of the fields: a run
 * costs what expired, not what is kept (it runs hourly over 15 years of history).
 */
final class H2ExpiredHistory {

  private final H2HistoryWriter w;

  H2ExpiredHistory(H2HistoryWriter writer) {
    this.w = writer;
  }

  /** Deletes what expired at or before {@code now}; answers how many records. */
  long delete(long now) throws SQLException {
    return w.transaction(
        c -> {
          Map<H2HistorySql.Group, Long> deltas = new HashMap<>();
          PreparedStatement expired =
              w.statement("SELECT KIND, RECORD_KEY FROM HISTORY WHERE EXPIRES_AT <= ?");
          expired.setLong(1, now);
          List<String[]> rows = new ArrayList<>();
          try (ResultSet r = expired.executeQuery()) {
            while (r.next()) {
              rows.add(new String[] {r.getString(1), r.getString(2)});
            }
          }
          for (String[] row : rows) {
            if (HistoryFields.searchable(row[0])) {
              fields(row[0], row[1], deltas);
            }
          }
          PreparedStatement history = w.statement("DELETE FROM HISTORY WHERE EXPIRES_AT <= ?");
          history.setLong(1, now);
          long deleted = history.executeUpdate() + trees(now, deltas);
          w.addCounts(deltas);
          return deleted;
        });
  }

  /**
   * Deletes the trees that expired at or before {@code now} with their records' fields, counting
   * those off in {@code deltas} (part of the caller's transaction); answers how many documents they
   * held.
   */
  private long trees(long now, Map<H2HistorySql.Group, Long> deltas) throws SQLException {
    PreparedStatement expired =
        w.statement(
            "SELECT ID, ROOT_KEY, BPMN_PROCESS_ID, EXPIRES_AT, BODY FROM HISTORY_TREES"
                + " WHERE EXPIRES_AT <= ? LIMIT 1000");
    Map<String, Long> kinds = new HashMap<>();
    long deleted = 0;
    while (true) {
      List<H2HistoryTrees.Tree> trees = new ArrayList<>();
      expired.setLong(1, now);
      try (ResultSet r = expired.executeQuery()) {
        while (r.next()) {
          trees.add(H2HistoryTrees.tree(r, null));
        }
      }
      for (H2HistoryTrees.Tree tree : trees) {
        for (HistoryDocument d : tree.docs()) {
          if (HistoryFields.searchable(d.kind())) {
            fields(d.kind().name(), d.key(), deltas);
          }
        }
        w.deleteTree(tree, kinds);
        deleted += tree.docs().size();
      }
      if (trees.size() < 1000) {
        break;
      }
    }
    w.addKindCounts(kinds);
    return deleted;
  }

  /**
   * Deletes a record's {@code HISTORY_FIELDS} row, if it has one, counting it off in {@code deltas}
   * (part of the caller's transaction).
   */
  private void fields(String kind, String key, Map<H2HistorySql.Group, Long> deltas)
      throws SQLException {
    if (w.countOff(kind, key, deltas)) {
      PreparedStatement delete =
          w.statement("DELETE FROM HISTORY_FIELDS WHERE KIND = ? AND RECORD_KEY = ?");
      delete.setString(1, kind);
      delete.setString(2, key);
      delete.executeUpdate();
    }
  }
}
