package io.civicflow.engine.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.civicflow.engine.history.HistoryQuery.Condition;
import io.civicflow.engine.history.HistoryQuery.HistoryField;
import io.civicflow.engine.history.HistoryQuery.In;
import io.civicflow.engine.history.HistoryQuery.Range;
import io.civicflow.engine.json.Json;
import io.civicflow.engine.query.Records.VariableRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The SQL of {@link H2HistoryStore}: its schema and the back-fills a store written by an earlier
 * version gets when it opens (the variables' name-value terms, the searchable fields, the kept
 * counts), the searchable fields and counts written with each export, and the WHERE and ORDER BY of
 * a search over the fields.
 */
final class H2HistorySql {

  private H2HistorySql() {}

  /**
   * Creates what is missing of the schema, fills what an earlier version's store lacks, and returns
   * the exported position.
   */
  static long open(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(SCHEMA);
      indexTerms(c);
      indexFields(c);
      indexCounts(c);
      try (ResultSet r = s.executeQuery("SELECT POSITION FROM EXPORT_POSITION WHERE ID = 1")) {
        return r.next() ? r.getLong(1) : 0;
      }
    }
  }

  static final String SCHEMA =
      """
      CREATE TABLE IF NOT EXISTS HISTORY (
        ID BIGINT AUTO_INCREMENT,
        KIND VARCHAR(40) NOT NULL,
        RECORD_KEY VARCHAR(200) NOT NULL,
        PROCESS_INSTANCE_KEY BIGINT NOT NULL,
        ROOT_KEY BIGINT NOT NULL,
        BPMN_PROCESS_ID VARCHAR(1000),
        EXPIRES_AT BIGINT NOT NULL,
        BODY CHARACTER LARGE OBJECT NOT NULL,
        PRIMARY KEY (KIND, RECORD_KEY));
      ALTER TABLE HISTORY ADD COLUMN IF NOT EXISTS TERM_NAME VARCHAR(200);
      ALTER TABLE HISTORY ADD COLUMN IF NOT EXISTS TERM_VALUE VARCHAR(200);
      CREATE INDEX IF NOT EXISTS HISTORY_BY_TERM ON HISTORY (KIND, TERM_NAME, TERM_VALUE, ID);
      CREATE INDEX IF NOT EXISTS HISTORY_BY_INSTANCE ON HISTORY (KIND, PROCESS_INSTANCE_KEY, ID);
      DROP INDEX IF EXISTS HISTORY_BY_KIND;
      CREATE INDEX IF NOT EXISTS HISTORY_BY_EXPIRY ON HISTORY (EXPIRES_AT);
      CREATE TABLE IF NOT EXISTS EXPORT_POSITION (ID INT PRIMARY KEY, POSITION BIGINT NOT NULL);
      CREATE TABLE IF NOT EXISTS HISTORY_FIELDS (
        KIND VARCHAR(40) NOT NULL,
        RECORD_KEY VARCHAR(200) NOT NULL,
        F_KEY BIGINT NOT NULL,
        F_PROCESS VARCHAR(1000),
        F_DEFINITION_KEY BIGINT,
        F_STATE VARCHAR(40),
        F_TENANT VARCHAR(200),
        F_START BIGINT,
        F_END BIGINT,
        F_PARENT BIGINT,
        F_FLAG BOOLEAN,
        EXPIRES_AT BIGINT NOT NULL,
        PRIMARY KEY (KIND, RECORD_KEY));
      CREATE TABLE IF NOT EXISTS HISTORY_FORMAT (NAME VARCHAR(40) PRIMARY KEY);
      CREATE TABLE IF NOT EXISTS HISTORY_COUNTS (
        KIND VARCHAR(40) NOT NULL,
        F_PROCESS VARCHAR(1000),
        F_STATE VARCHAR(40),
        F_TENANT VARCHAR(200),
        N BIGINT NOT NULL);
      CREATE INDEX IF NOT EXISTS COUNTS_BY_KIND ON HISTORY_COUNTS (KIND, F_PROCESS, F_STATE);
      """
          + indexes()
          + H2HistoryTrees.SCHEMA;

  /**
   * The fields' indexes, each holding every field (H2 reads a column from the index entry when it
   * has it, so a count or a page's places never read a row): by kind, process and state, then a
   * date (what counts and date ranges of Operate's and Tasklist's lists read); and one per order a
   * page is read in, starting with the sort field (H2 reads an index in order only when the order's
   * fields lead it), dates in both directions with absent ones last, then the tie-break key.
   */
  /** The index a page in this order is read from. */
  static String sortIndex(HistoryField field, boolean descending) {
    return field == HistoryField.KEY
        ? "FIELDS_BY_KEY"
        : "FIELDS_BY_" + field.name() + (descending ? "_DESC" : "_ASC");
  }

  /**
   * Beyond this many matches a page is read from its order's index (stopping after the page);
   * below, H2 picks (a narrow filter's index, then sorting its few matches).
   */
  static final long SORTED_READ_THRESHOLD = 2_000;

  static String indexes() {
    String[][] orders = {
      {"FIELDS_BY_PROCESS_END", "KIND", "F_PROCESS", "F_STATE", "F_END", "F_KEY"},
      {"FIELDS_BY_PROCESS_START", "KIND", "F_PROCESS", "F_STATE", "F_START", "F_KEY"},
      {sortIndex(HistoryField.END, true), "F_END DESC NULLS LAST", "F_KEY", "KIND"},
      {sortIndex(HistoryField.END, false), "F_END ASC NULLS LAST", "F_KEY", "KIND"},
      {sortIndex(HistoryField.START, true), "F_START DESC NULLS LAST", "F_KEY", "KIND"},
      {sortIndex(HistoryField.START, false), "F_START ASC NULLS LAST", "F_KEY", "KIND"},
      {sortIndex(HistoryField.KEY, false), "F_KEY", "KIND"},
    };
    List<String> all =
        List.of(
            "F_PROCESS",
            "F_STATE",
            "F_TENANT",
            "F_START",
            "F_END",
            "F_DEFINITION_KEY",
            "F_PARENT",
            "F_FLAG",
            "RECORD_KEY");
    StringBuilder sql = new StringBuilder();
    for (String[] order : orders) {
      List<String> columns = new ArrayList<>();
      Set<String> named = new HashSet<>();
      for (int i = 1; i < order.length; i++) {
        columns.add(order[i]);
        named.add(order[i].split(" ")[0]);
      }
      all.stream().filter(c -> !named.contains(c)).forEach(columns::add);
      sql.append("CREATE INDEX IF NOT EXISTS ")
          .append(order[0])
          .append(" ON HISTORY_FIELDS (")
          .append(String.join(", ", columns))
          .append(");\n");
    }
    return sql.toString();
  }

  static final String FIELD_COLUMNS =
      "KIND, RECORD_KEY, F_KEY, F_PROCESS, F_DEFINITION_KEY, F_STATE, F_TENANT, F_START, F_END,"
          + " F_PARENT, F_FLAG, EXPIRES_AT";

  /** Writes a record's fields, replacing its row if there is one (bound by {@link #bindFields}). */
  static final String MERGE_FIELDS =
      "MERGE INTO HISTORY_FIELDS ("
          + FIELD_COLUMNS
          + ") KEY (KIND, RECORD_KEY) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  /** One group of {@code HISTORY_COUNTS}. */
  record Group(String kind, String process, String state, String tenant) {}

  /**
   * Fills {@code HISTORY_COUNTS} (how many records each kind holds per process, state and tenant:
   * what a count by those alone reads instead of the index) from {@code HISTORY_FIELDS}, once.
   */
  static void indexCounts(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      try (ResultSet r =
          s.executeQuery("SELECT COUNT(*) FROM HISTORY_FORMAT WHERE NAME = 'counts'")) {
        r.next();
        if (r.getLong(1) > 0) {
          return;
        }
      }
      s.execute(
          "DELETE FROM HISTORY_COUNTS; INSERT INTO HISTORY_COUNTS (KIND, F_PROCESS, F_STATE,"
              + " F_TENANT, N) SELECT KIND, F_PROCESS, F_STATE, F_TENANT, COUNT(*) FROM"
              + " HISTORY_FIELDS GROUP BY KIND, F_PROCESS, F_STATE, F_TENANT;"
              + " INSERT INTO HISTORY_FORMAT (NAME) VALUES ('counts')");
    }
  }

  static void bindFields(
      PreparedStatement p, String kind, String key, HistoryFields f, long expiresAt)
      throws SQLException {
    p.setString(1, kind);
    p.setString(2, key);
    p.setLong(3, f.key());
    p.setString(4, f.process());
    p.setObject(5, f.definitionKey());
    p.setString(6, f.state());
    p.setString(7, f.tenant());
    p.setObject(8, f.start());
    p.setObject(9, f.end());
    p.setObject(10, f.parent());
    p.setObject(11, f.flag());
    p.setLong(12, expiresAt);
  }

  /**
   * Fills {@code HISTORY_FIELDS} for a store written before it existed, once (marked in {@code
   * HISTORY_FORMAT}), reading the searchable families' bodies in batches.
   */
  static void indexFields(Connection c) throws SQLException {
    try (PreparedStatement done =
            c.prepareStatement("SELECT COUNT(*) FROM HISTORY_FORMAT WHERE NAME = 'fields'");
        ResultSet r = done.executeQuery()) {
      r.next();
      if (r.getLong(1) > 0) {
        return;
      }
    }
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try (PreparedStatement read =
            c.prepareStatement(
                "SELECT RECORD_KEY, EXPIRES_AT, BODY FROM HISTORY WHERE KIND = ?"
                    + " AND RECORD_KEY > ? ORDER BY RECORD_KEY LIMIT 1000");
        PreparedStatement merge = c.prepareStatement(MERGE_FIELDS)) {
      for (HistoryKind<?> kind : HistoryKind.ALL) {
        if (!HistoryFields.searchable(kind)) {
          continue;
        }
        String last = "";
        while (true) {
          read.setString(1, kind.name());
          read.setString(2, last);
          int rows = 0;
          try (ResultSet r = read.executeQuery()) {
            while (r.next()) {
              last = r.getString(1);
              HistoryFields f =
                  HistoryFields.of(Json.MAPPER.readValue(r.getString(3), kind.type()));
              bindFields(merge, kind.name(), last, f, r.getLong(2));
              merge.addBatch();
              rows++;
            }
          }
          if (rows == 0) {
            break;
          }
          merge.executeBatch();
          c.commit();
        }
      }
      try (Statement s = c.createStatement()) {
        s.execute("INSERT INTO HISTORY_FORMAT (NAME) VALUES ('fields')");
      }
      c.commit();
    } catch (JsonProcessingException e) {
      c.rollback();
      throw new SQLException("A stored record cannot be read: " + e.getMessage(), e);
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  static String term(String text) {
    return text == null || text.length() <= H2HistoryStore.TERM_LENGTH
        ? text
        : text.substring(0, H2HistoryStore.TERM_LENGTH);
  }

  /**
   * Indexes the variables a store written before the term columns existed holds (once: a variable
   * always has a name, so an unindexed one has none).
   */
  static void indexTerms(Connection c) throws SQLException {
    List<String[]> pending = new ArrayList<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT RECORD_KEY, BODY FROM HISTORY WHERE KIND = ? AND TERM_NAME IS NULL")) {
      p.setString(1, HistoryKind.VARIABLE.name());
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          VariableRecord v = Json.MAPPER.readValue(r.getString(2), VariableRecord.class);
          pending.add(new String[] {r.getString(1), term(v.name()), term(v.value())});
        }
      }
    } catch (JsonProcessingException e) {
      throw new SQLException("A stored variable cannot be read: " + e.getMessage(), e);
    }
    if (pending.isEmpty()) {
      return;
    }
    try (PreparedStatement u =
        c.prepareStatement(
            "UPDATE HISTORY SET TERM_NAME = ?, TERM_VALUE = ? WHERE KIND = ? AND RECORD_KEY = ?")) {
      for (String[] row : pending) {
        u.setString(1, row[1]);
        u.setString(2, row[2]);
        u.setString(3, HistoryKind.VARIABLE.name());
        u.setString(4, row[0]);
        u.addBatch();
      }
      u.executeBatch();
    }
  }

  static String column(HistoryField field) {
    return "F_" + field.name();
  }

  /** A WHERE clause and its parameters. */
  record Where(StringBuilder sql, List<Object> parameters) {
    Where and(String condition, Object... values) {
      sql.append(" AND ").append(condition);
      parameters.addAll(List.of(values));
      return this;
    }

    Where copy() {
      return new Where(new StringBuilder(sql), new ArrayList<>(parameters));
    }
  }

  static Where where(HistoryKind<?> kind, HistoryQuery query) {
    Where where = new Where(new StringBuilder("KIND = ?"), new ArrayList<>(List.of(kind.name())));
    for (Condition condition : query.conditions()) {
      String column = column(condition.field());
      if (condition instanceof In in) {
        List<String> alternatives = new ArrayList<>();
        if (!in.values().isEmpty()) {
          alternatives.add(
              column
                  + " IN ("
                  + String.join(", ", Collections.nCopies(in.values().size(), "?"))
                  + ")");
          where.parameters().addAll(in.values());
        }
        if (in.orAbsent()) {
          alternatives.add(column + " IS NULL");
        }
        where
            .sql()
            .append(" AND ")
            .append(
                alternatives.isEmpty()
                    ? "FALSE"
                    : alternatives.size() == 1
                        ? alternatives.get(0)
                        : "(" + String.join(" OR ", alternatives) + ")");
      } else if (condition instanceof Range range) {
        where.and(column + " IS NOT NULL");
        if (range.min() != null) {
          where.and(column + " >= ?", range.min());
        }
        if (range.max() != null) {
          where.and(column + " <= ?", range.max());
        }
      }
    }
    return where;
  }

  static String orderBy(HistoryQuery query) {
    String direction = query.descending() ? "DESC" : "ASC";
    if (query.sort() == HistoryField.KEY) {
      return " ORDER BY F_KEY " + direction;
    }
    return " ORDER BY " + column(query.sort()) + " " + direction + " NULLS LAST, F_KEY ASC";
  }

  /**
   * The index a count reads: H2's choice, except for a date range without a process, which is read
   * from that date's index (the range leads it) rather than a whole kind's.
   */
  static String countHint(HistoryQuery query) {
    boolean byProcess =
        query.conditions().stream().anyMatch(c -> c.field() == HistoryField.PROCESS);
    if (!byProcess) {
      for (Condition c : query.conditions()) {
        if (c instanceof Range
            && (c.field() == HistoryField.END || c.field() == HistoryField.START)) {
          return " USE INDEX (" + sortIndex(c.field(), true) + ")";
        }
      }
    }
    return "";
  }

  static void bind(PreparedStatement p, List<Object> parameters) throws SQLException {
    for (int i = 0; i < parameters.size(); i++) {
      p.setObject(i + 1, parameters.get(i));
    }
  }
}
