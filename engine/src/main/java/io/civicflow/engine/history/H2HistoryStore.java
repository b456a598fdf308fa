package io.civicflow.engine.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.civicflow.engine.history.HistoryQuery.Condition;
import io.civicflow.engine.history.HistoryQuery.HistoryField;
import io.civicflow.engine.history.HistoryQuery.In;
import io.civicflow.engine.history.HistoryQuery.Point;
import io.civicflow.engine.history.HistoryQuery.Range;
import io.civicflow.engine.json.Json;
import io.civicflow.engine.query.Records.VariableRecord;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The embedded history store: an H2 database (MVStore, transactional, crash-safe) in the data
 * directory's {@code history/} folder, or in memory for an engine without a data directory. One
 * table holds every kind's documents as JSON with the columns searches and retention go by; a
 * second holds the exported journal position, updated in the same transaction as the documents.
 *
 * <p>A variable's name and value are also indexed ({@code TERM_NAME}, {@code TERM_VALUE}: their
 * first {@value #TERM_LENGTH} characters, so any length fits the index; the exact match is checked
 * on the record read back). A body of up to 64 KB is kept in its row (H2 keeps at most 256 bytes
 * there by default and every longer one in separate LOB storage, which made each write and read of
 * a typical 300–600 byte record several times slower).
 */
public final class H2HistoryStore implements HistoryStore {

  private static final String SCHEMA =
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
      CREATE INDEX IF NOT EXISTS HISTORY_BY_KIND ON HISTORY (KIND, ID);
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
          + indexes();

  /**
   * The fields' indexes, each holding every field (H2 reads a column from the index entry when it
   * has it, so a count or a page's places never read a row): by kind, process and state, then a
   * date (what counts and date ranges of Operate's and Tasklist's lists read); and one per order a
   * page is read in, starting with the sort field (H2 reads an index in order only when the order's
   * fields lead it), dates in both directions with absent ones last, then the tie-break key.
   */
  /** The index a page in this order is read from. */
  private static String sortIndex(HistoryField field, boolean descending) {
    return field == HistoryField.KEY
        ? "FIELDS_BY_KEY"
        : "FIELDS_BY_" + field.name() + (descending ? "_DESC" : "_ASC");
  }

  /**
   * Beyond this many matches a page is read from its order's index (stopping after the page);
   * below, H2 picks (a narrow filter's index, then sorting its few matches).
   */
  private static final long SORTED_READ_THRESHOLD = 2_000;

  private static String indexes() {
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

  /**
   * H2's page cache, in KB: fixed, so the heap does not grow with the store (H2's default is 16 MB,
   * filled as the store grows). Pages beyond it are read from the file (the OS caches it).
   */
  static final int CACHE_SIZE_KB = 4096;

  /**
   * A body up to this many bytes is stored in its row, not in H2's LOB storage, whose references H2
   * keeps in the heap per LOB (measured: ~190 bytes per completed short instance).
   */
  static final int MAX_LENGTH_INPLACE_LOB = 65536;

  private static final String OPTIONS =
      ";CACHE_SIZE=" + CACHE_SIZE_KB + ";MAX_LENGTH_INPLACE_LOB=" + MAX_LENGTH_INPLACE_LOB;

  static final int TERM_LENGTH = 200;

  private static final String FIELD_COLUMNS =
      "KIND, RECORD_KEY, F_KEY, F_PROCESS, F_DEFINITION_KEY, F_STATE, F_TENANT, F_START, F_END,"
          + " F_PARENT, F_FLAG, EXPIRES_AT";

  private final JdbcConnectionPool pool;
  private volatile long exportedPosition;
  private final AtomicLong bodiesRead = new AtomicLong();

  private H2HistoryStore(String url) {
    this.pool = JdbcConnectionPool.create(url, "civicflow", "");
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      s.execute(SCHEMA);
      indexTerms(c);
      indexFields(c);
      indexCounts(c);
      try (ResultSet r = s.executeQuery("SELECT POSITION FROM EXPORT_POSITION WHERE ID = 1")) {
        exportedPosition = r.next() ? r.getLong(1) : 0;
      }
    } catch (SQLException e) {
      pool.dispose();
      throw new IllegalStateException("The history store cannot be opened: " + e.getMessage(), e);
    }
  }

  /** The store in {@code directory} (created if absent). */
  public static H2HistoryStore open(Path directory) {
    Path file = directory.toAbsolutePath().resolve("history");
    return new H2HistoryStore("jdbc:h2:file:" + file + ";DB_CLOSE_ON_EXIT=FALSE" + OPTIONS);
  }

  /** A store that lives as long as this object (an engine without a data directory). */
  public static H2HistoryStore inMemory() {
    return new H2HistoryStore(
        "jdbc:h2:mem:history-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1" + OPTIONS);
  }

  @Override
  public long exportedPosition() {
    return exportedPosition;
  }

  @Override
  public void write(long position, List<HistoryDocument> documents) {
    if (position <= exportedPosition) {
      return;
    }
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement merge =
          c.prepareStatement(
              "MERGE INTO HISTORY (KIND, RECORD_KEY, PROCESS_INSTANCE_KEY, ROOT_KEY,"
                  + " BPMN_PROCESS_ID, EXPIRES_AT, BODY, TERM_NAME, TERM_VALUE)"
                  + " KEY (KIND, RECORD_KEY) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (HistoryDocument d : documents) {
          merge.setString(1, d.kind().name());
          merge.setString(2, d.key());
          merge.setLong(3, d.processInstanceKey());
          merge.setLong(4, d.rootProcessInstanceKey());
          merge.setString(5, d.bpmnProcessId());
          merge.setLong(6, d.expiresAt());
          merge.setString(7, Json.MAPPER.writeValueAsString(d.record()));
          VariableRecord variable = d.record() instanceof VariableRecord v ? v : null;
          merge.setString(8, variable == null ? null : term(variable.name()));
          merge.setString(9, variable == null ? null : term(variable.value()));
          merge.addBatch();
        }
        merge.executeBatch();
        writeFields(c, documents);
        position(c, position);
        c.commit();
      } catch (SQLException | JsonProcessingException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
      exportedPosition = position;
    } catch (SQLException | JsonProcessingException e) {
      throw new IllegalStateException("The history store cannot write: " + e.getMessage(), e);
    }
  }

  /** One group of {@code HISTORY_COUNTS}. */
  private record Group(String kind, String process, String state, String tenant) {}

  private static void writeFields(Connection c, List<HistoryDocument> documents)
      throws SQLException {
    Map<Group, Long> deltas = new HashMap<>();
    Map<String, List<String>> keysByKind = new HashMap<>();
    for (HistoryDocument d : documents) {
      if (HistoryFields.searchable(d.kind())) {
        keysByKind.computeIfAbsent(d.kind().name(), k -> new ArrayList<>()).add(d.key());
      }
    }
    // what a replaced record counted under (one primary-key look-up each: H2 scans for a list)
    try (PreparedStatement old =
        c.prepareStatement(
            "SELECT F_PROCESS, F_STATE, F_TENANT FROM HISTORY_FIELDS WHERE KIND = ? AND"
                + " RECORD_KEY = ?")) {
      for (Map.Entry<String, List<String>> kind : keysByKind.entrySet()) {
        old.setString(1, kind.getKey());
        for (String key : kind.getValue()) {
          old.setString(2, key);
          try (ResultSet r = old.executeQuery()) {
            if (r.next()) {
              deltas.merge(
                  new Group(kind.getKey(), r.getString(1), r.getString(2), r.getString(3)),
                  -1L,
                  Long::sum);
            }
          }
        }
      }
    }
    try (PreparedStatement merge =
        c.prepareStatement(
            "MERGE INTO HISTORY_FIELDS ("
                + FIELD_COLUMNS
                + ") KEY (KIND, RECORD_KEY) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      int rows = 0;
      for (HistoryDocument d : documents) {
        HistoryFields f = HistoryFields.searchable(d.kind()) ? HistoryFields.of(d.record()) : null;
        if (f != null) {
          bindFields(merge, d.kind().name(), d.key(), f, d.expiresAt());
          merge.addBatch();
          rows++;
          deltas.merge(
              new Group(d.kind().name(), f.process(), f.state(), f.tenant()), 1L, Long::sum);
        }
      }
      if (rows > 0) {
        merge.executeBatch();
      }
    }
    addCounts(c, deltas);
  }

  private static void addCounts(Connection c, Map<Group, Long> deltas) throws SQLException {
    try (PreparedStatement update =
            c.prepareStatement(
                "UPDATE HISTORY_COUNTS SET N = N + ? WHERE KIND = ? AND F_PROCESS IS NOT DISTINCT"
                    + " FROM ? AND F_STATE IS NOT DISTINCT FROM ? AND F_TENANT IS NOT DISTINCT"
                    + " FROM ?");
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO HISTORY_COUNTS (KIND, F_PROCESS, F_STATE, F_TENANT, N)"
                    + " VALUES (?, ?, ?, ?, ?)")) {
      for (Map.Entry<Group, Long> delta : deltas.entrySet()) {
        if (delta.getValue() == 0) {
          continue;
        }
        Group g = delta.getKey();
        update.setLong(1, delta.getValue());
        update.setString(2, g.kind());
        update.setString(3, g.process());
        update.setString(4, g.state());
        update.setString(5, g.tenant());
        if (update.executeUpdate() == 0) {
          insert.setString(1, g.kind());
          insert.setString(2, g.process());
          insert.setString(3, g.state());
          insert.setString(4, g.tenant());
          insert.setLong(5, delta.getValue());
          insert.executeUpdate();
        }
      }
    }
  }

  /**
   * Fills {@code HISTORY_COUNTS} (how many records each kind holds per process, state and tenant:
   * what a count by those alone reads instead of the index) from {@code HISTORY_FIELDS}, once.
   */
  private static void indexCounts(Connection c) throws SQLException {
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

  private static void bindFields(
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
  private static void indexFields(Connection c) throws SQLException {
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
        PreparedStatement merge =
            c.prepareStatement(
                "MERGE INTO HISTORY_FIELDS ("
                    + FIELD_COLUMNS
                    + ") KEY (KIND, RECORD_KEY) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
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

  private static String term(String text) {
    return text == null || text.length() <= TERM_LENGTH ? text : text.substring(0, TERM_LENGTH);
  }

  /**
   * Indexes the variables a store written before the term columns existed holds (once: a variable
   * always has a name, so an unindexed one has none).
   */
  private static void indexTerms(Connection c) throws SQLException {
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

  private static void position(Connection c, long position) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement("MERGE INTO EXPORT_POSITION (ID, POSITION) KEY (ID) VALUES (1, ?)")) {
      p.setLong(1, position);
      p.executeUpdate();
    }
  }

  @Override
  public <R> Optional<R> get(HistoryKind<R> kind, String key) {
    List<R> found = query(kind, "SELECT BODY FROM HISTORY WHERE KIND = ? AND RECORD_KEY = ?", key);
    return found.stream().findFirst();
  }

  /** One primary-key look-up per key on one connection (H2 scans for a key list instead). */
  @Override
  public <R> List<R> getAll(HistoryKind<R> kind, List<String> keys) {
    List<R> records = new ArrayList<>();
    try (Connection c = pool.getConnection();
        PreparedStatement p =
            c.prepareStatement("SELECT BODY FROM HISTORY WHERE KIND = ? AND RECORD_KEY = ?")) {
      p.setString(1, kind.name());
      for (String key : keys) {
        p.setString(2, key);
        try (ResultSet r = p.executeQuery()) {
          if (r.next()) {
            records.add(Json.MAPPER.readValue(r.getString(1), kind.type()));
            bodiesRead.incrementAndGet();
          }
        }
      }
    } catch (SQLException | JsonProcessingException e) {
      throw new IllegalStateException("The history store cannot read: " + e.getMessage(), e);
    }
    return records;
  }

  @Override
  public <R> List<R> ofProcessInstance(HistoryKind<R> kind, long processInstanceKey) {
    return query(
        kind,
        "SELECT BODY FROM HISTORY WHERE KIND = ? AND PROCESS_INSTANCE_KEY = ? ORDER BY ID",
        processInstanceKey);
  }

  @Override
  public <R> List<R> all(HistoryKind<R> kind) {
    return query(kind, "SELECT BODY FROM HISTORY WHERE KIND = ? ORDER BY ID");
  }

  @Override
  public List<VariableRecord> variablesNamed(String name, String value) {
    String sql =
        value == null
            ? "SELECT BODY FROM HISTORY WHERE KIND = ? AND TERM_NAME = ? ORDER BY ID"
            : "SELECT BODY FROM HISTORY WHERE KIND = ? AND TERM_NAME = ? AND TERM_VALUE = ?"
                + " ORDER BY ID";
    List<VariableRecord> found =
        value == null
            ? query(HistoryKind.VARIABLE, sql, term(name))
            : query(HistoryKind.VARIABLE, sql, term(name), term(value));
    return found.stream()
        .filter(v -> v.name().equals(name) && (value == null || value.equals(v.value())))
        .toList();
  }

  @Override
  public long count(HistoryKind<?> kind) {
    try (Connection c = pool.getConnection();
        PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM HISTORY WHERE KIND = ?")) {
      p.setString(1, kind.name());
      try (ResultSet r = p.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("The history store cannot count: " + e.getMessage(), e);
    }
  }

  private <R> List<R> query(HistoryKind<R> kind, String sql, Object... parameters) {
    try (Connection c = pool.getConnection();
        PreparedStatement p = c.prepareStatement(sql)) {
      p.setString(1, kind.name());
      for (int i = 0; i < parameters.length; i++) {
        p.setObject(i + 2, parameters[i]);
      }
      List<R> records = new ArrayList<>();
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          records.add(Json.MAPPER.readValue(r.getString(1), kind.type()));
          bodiesRead.incrementAndGet();
        }
      }
      return records;
    } catch (SQLException | JsonProcessingException e) {
      throw new IllegalStateException("The history store cannot read: " + e.getMessage(), e);
    }
  }

  /** How many record bodies this store has read and decoded since it opened (for tests). */
  public long bodiesRead() {
    return bodiesRead.get();
  }

  // ---------------------------------------------------------------- searches (HISTORY_FIELDS)

  @Override
  public boolean searches(HistoryKind<?> kind) {
    return HistoryFields.searchable(kind);
  }

  private static String column(HistoryField field) {
    return "F_" + field.name();
  }

  /** A WHERE clause and its parameters. */
  private record Where(StringBuilder sql, List<Object> parameters) {
    Where and(String condition, Object... values) {
      sql.append(" AND ").append(condition);
      parameters.addAll(List.of(values));
      return this;
    }

    Where copy() {
      return new Where(new StringBuilder(sql), new ArrayList<>(parameters));
    }
  }

  private static Where where(HistoryKind<?> kind, HistoryQuery query) {
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

  private static String orderBy(HistoryQuery query) {
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
  private static String countHint(HistoryQuery query) {
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

  private long count(Where where) {
    return count(where, "");
  }

  private long count(Where where, String hint) {
    try (Connection c = pool.getConnection();
        PreparedStatement p =
            c.prepareStatement(
                "SELECT COUNT(*) FROM HISTORY_FIELDS" + hint + " WHERE " + where.sql())) {
      bind(p, where.parameters());
      try (ResultSet r = p.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("The history store cannot count: " + e.getMessage(), e);
    }
  }

  private static void bind(PreparedStatement p, List<Object> parameters) throws SQLException {
    for (int i = 0; i < parameters.size(); i++) {
      p.setObject(i + 1, parameters.get(i));
    }
  }

  @Override
  public long count(HistoryKind<?> kind, HistoryQuery query) {
    boolean grouped =
        query.conditions().stream()
            .allMatch(
                c ->
                    c instanceof In
                        && (c.field() == HistoryField.PROCESS
                            || c.field() == HistoryField.STATE
                            || c.field() == HistoryField.TENANT));
    if (!grouped) {
      return count(where(kind, query), countHint(query));
    }
    // by process, state and tenant alone: the kept counts, not the index
    Where where = where(kind, query);
    try (Connection c = pool.getConnection();
        PreparedStatement p =
            c.prepareStatement(
                "SELECT COALESCE(SUM(N), 0) FROM HISTORY_COUNTS WHERE " + where.sql())) {
      bind(p, where.parameters());
      try (ResultSet r = p.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("The history store cannot count: " + e.getMessage(), e);
    }
  }

  @Override
  public long countBefore(HistoryKind<?> kind, HistoryQuery query, Point point) {
    Where where = where(kind, query);
    if (query.sort() == HistoryField.KEY) {
      return count(where.and(query.descending() ? "F_KEY > ?" : "F_KEY < ?", point.key()));
    }
    String column = column(query.sort());
    if (point.value() == null) {
      return count(where.copy().and(column + " IS NOT NULL"))
          + count(where.and(column + " IS NULL").and("F_KEY < ?", point.key()));
    }
    String before = query.descending() ? " > ?" : " < ?";
    return count(where.copy().and(column + before, point.value()))
        + count(where.and(column + " = ?", point.value()).and("F_KEY < ?", point.key()));
  }

  @Override
  public List<Point> points(HistoryKind<?> kind, HistoryQuery query, long offset, int limit) {
    Where where = where(kind, query);
    String value = query.sort() == HistoryField.KEY ? "F_KEY" : column(query.sort());
    boolean ranged =
        query.conditions().stream().anyMatch(c -> c instanceof Range && c.field() == query.sort());
    String hint =
        ranged || count(kind, query) > SORTED_READ_THRESHOLD
            ? " USE INDEX (" + sortIndex(query.sort(), query.descending()) + ")"
            : "";
    String sql =
        "SELECT "
            + value
            + ", F_KEY, RECORD_KEY FROM HISTORY_FIELDS"
            + hint
            + " WHERE "
            + where.sql()
            + orderBy(query)
            + " LIMIT ? OFFSET ?";
    try (Connection c = pool.getConnection();
        PreparedStatement p = c.prepareStatement(sql)) {
      bind(p, where.parameters());
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
    } catch (SQLException e) {
      throw new IllegalStateException("The history store cannot read: " + e.getMessage(), e);
    }
  }

  @Override
  public Set<String> matching(
      HistoryKind<?> kind, HistoryQuery query, Collection<String> recordKeys) {
    Set<String> found = new LinkedHashSet<>();
    // one primary-key look-up per key (H2 scans for a key list instead)
    Where where = where(kind, query).and("RECORD_KEY = ?");
    try (Connection c = pool.getConnection();
        PreparedStatement p =
            c.prepareStatement("SELECT RECORD_KEY FROM HISTORY_FIELDS WHERE " + where.sql())) {
      bind(p, where.parameters());
      for (String key : recordKeys) {
        p.setString(where.parameters().size() + 1, key);
        try (ResultSet r = p.executeQuery()) {
          if (r.next()) {
            found.add(key);
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("The history store cannot read: " + e.getMessage(), e);
    }
    return found;
  }

  @Override
  public long deleteExpired(long now) {
    try (Connection c = pool.getConnection();
        PreparedStatement p = c.prepareStatement("DELETE FROM HISTORY WHERE EXPIRES_AT <= ?");
        PreparedStatement f =
            c.prepareStatement("DELETE FROM HISTORY_FIELDS WHERE EXPIRES_AT <= ?")) {
      c.setAutoCommit(false);
      try {
        p.setLong(1, now);
        f.setLong(1, now);
        Map<Group, Long> deltas = new HashMap<>();
        try (PreparedStatement expired =
            c.prepareStatement(
                "SELECT KIND, F_PROCESS, F_STATE, F_TENANT, COUNT(*) FROM HISTORY_FIELDS WHERE"
                    + " EXPIRES_AT <= ? GROUP BY KIND, F_PROCESS, F_STATE, F_TENANT")) {
          expired.setLong(1, now);
          try (ResultSet r = expired.executeQuery()) {
            while (r.next()) {
              deltas.put(
                  new Group(r.getString(1), r.getString(2), r.getString(3), r.getString(4)),
                  -r.getLong(5));
            }
          }
        }
        f.executeUpdate();
        addCounts(c, deltas);
        long deleted = p.executeUpdate();
        c.commit();
        return deleted;
      } catch (SQLException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("The history store cannot delete: " + e.getMessage(), e);
    }
  }

  @Override
  public void clear(long position) {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("DELETE FROM HISTORY");
        s.execute("DELETE FROM HISTORY_FIELDS");
        s.execute("DELETE FROM HISTORY_COUNTS");
        position(c, position);
        c.commit();
      } finally {
        c.setAutoCommit(true);
      }
      exportedPosition = Math.max(exportedPosition, position);
    } catch (SQLException e) {
      throw new IllegalStateException("The history store cannot be cleared: " + e.getMessage(), e);
    }
  }

  @Override
  public void sync() {
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      s.execute("CHECKPOINT SYNC");
    } catch (SQLException e) {
      throw new IllegalStateException("The history store cannot sync: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      s.execute("SHUTDOWN");
    } catch (SQLException e) {
      // already closed
    } finally {
      pool.dispose();
    }
  }
}
