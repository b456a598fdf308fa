package io.civicflow.engine.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.civicflow.engine.json.Json;
import io.civicflow.engine.query.Records.VariableRecord;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.jdbcx.JdbcDataSource;

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
      """;

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

  private final JdbcConnectionPool pool;
  private final JdbcDataSource direct;
  private volatile long exportedPosition;

  private H2HistoryStore(String url) {
    this.direct = new JdbcDataSource();
    direct.setURL(url);
    direct.setUser("civicflow");
    direct.setPassword("");
    this.pool = JdbcConnectionPool.create(direct);
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      s.execute(SCHEMA);
      indexTerms(c);
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

  /**
   * Hands every stored document of this family to {@code out} as it was written (its end date is
   * not stored: 0), in the order written, a page at a time — for copying this store into another
   * (the application's {@code history-copy} command).
   */
  public <R> void documents(HistoryKind<R> kind, Consumer<HistoryDocument> out) {
    long after = Long.MIN_VALUE;
    while (true) {
      List<HistoryDocument> page = new ArrayList<>();
      try (Connection c = pool.getConnection();
          PreparedStatement p =
              c.prepareStatement(
                  "SELECT ID, RECORD_KEY, PROCESS_INSTANCE_KEY, ROOT_KEY, BPMN_PROCESS_ID,"
                      + " EXPIRES_AT, BODY FROM HISTORY WHERE KIND = ? AND ID > ? ORDER BY ID"
                      + " LIMIT 1000")) {
        p.setString(1, kind.name());
        p.setLong(2, after);
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            after = r.getLong(1);
            page.add(
                new HistoryDocument(
                    kind,
                    r.getString(2),
                    r.getLong(3),
                    r.getLong(4),
                    r.getString(5),
                    0,
                    r.getLong(6),
                    Json.MAPPER.readValue(r.getString(7), kind.type())));
          }
        }
      } catch (SQLException | JsonProcessingException e) {
        throw new IllegalStateException("The history store cannot read: " + e.getMessage(), e);
      }
      page.forEach(out);
      if (page.size() < 1000) {
        return;
      }
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
        }
      }
      return records;
    } catch (SQLException | JsonProcessingException e) {
      throw new IllegalStateException("The history store cannot read: " + e.getMessage(), e);
    }
  }

  @Override
  public long deleteExpired(long now) {
    try (Connection c = pool.getConnection();
        PreparedStatement p = c.prepareStatement("DELETE FROM HISTORY WHERE EXPIRES_AT <= ?")) {
      p.setLong(1, now);
      return p.executeUpdate();
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
    // a connection outside the pool shuts the database down, after the pool's are closed: one
    // returned to the pool after SHUTDOWN is rolled back on a closed database, which H2 writes as
    // an error to history.trace.db (this one, held meanwhile, keeps the database from closing and
    // reopening when the pool's last connection goes)
    try (Connection c = direct.getConnection();
        Statement s = c.createStatement()) {
      pool.dispose();
      s.execute("SHUTDOWN");
    } catch (SQLException e) {
      // closed already
    } finally {
      pool.dispose();
    }
  }
}
