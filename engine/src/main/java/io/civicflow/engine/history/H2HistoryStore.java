package io.civicflow.engine.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.civicflow.engine.history.HistoryQuery.Point;
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
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.h2.api.ErrorCode;
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

  private volatile JdbcConnectionPool pool;
  private final JdbcDataSource direct;
  private final H2FieldSearches searches;
  private H2HistoryWriter writer; // guarded by this
  private boolean closed; // guarded by this
  private volatile long exportedPosition;
  private final AtomicLong bodiesRead = new AtomicLong();

  private H2HistoryStore(String url) {
    this.direct = new JdbcDataSource();
    direct.setURL(url);
    direct.setUser("civicflow");
    direct.setPassword("");
    this.pool = JdbcConnectionPool.create(direct);
    this.searches = new H2FieldSearches(this::read);
    try (Connection c = pool.getConnection()) {
      exportedPosition = H2HistorySql.open(c);
      writer = new H2HistoryWriter(direct.getConnection());
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
    try {
      writer().write(position, documents);
      exportedPosition = position;
    } catch (SQLException e) {
      throw new IllegalStateException("The history store cannot write: " + e.getMessage(), e);
    }
  }

  /** Exports written by insertion, and those written again replacing rows (for tests). */
  synchronized long[] writes() {
    return writer.writes();
  }

  /**
   * The writer, on a new connection if its own was closed (the database was shut down after a
   * failure, e.g. a full disk): the next write after the cause is gone is taken again.
   */
  private synchronized H2HistoryWriter writer() throws SQLException {
    if (closed) {
      throw new SQLException("the history store is closed");
    }
    if (writer.closed()) {
      writer = new H2HistoryWriter(direct.getConnection());
    }
    return writer;
  }

  /** Runs reads on a pooled connection: {@link H2FieldSearches} reads through it too. */
  interface Reads {
    <T> T read(H2HistoryWriter.Change<T> read);
  }

  /**
   * What {@code read} answers, on a pooled connection. If the database was shut down under the pool
   * (H2 does after a failed write to its file; H2's pool hands back its closed connections as they
   * were), once more on a new pool's, so reads come back with the database instead of failing until
   * a restart.
   */
  private <T> T read(H2HistoryWriter.Change<T> read) {
    JdbcConnectionPool used = pool;
    try {
      return readOn(used, read);
    } catch (SQLException e) {
      if (!shutDown(e)) {
        throw new IllegalStateException("The history store cannot read: " + e.getMessage(), e);
      }
    }
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("The history store is closed");
      }
      if (pool == used) {
        pool = JdbcConnectionPool.create(direct);
        used.dispose();
      }
    }
    try {
      return readOn(pool, read);
    } catch (SQLException e) {
      throw new IllegalStateException("The history store cannot read: " + e.getMessage(), e);
    }
  }

  private static <T> T readOn(JdbcConnectionPool pool, H2HistoryWriter.Change<T> read)
      throws SQLException {
    try (Connection c = pool.getConnection()) {
      return read.apply(c);
    }
  }

  /** Whether a failure says the database was shut down (or this connection closed with it). */
  private static boolean shutDown(SQLException e) {
    int code = e.getErrorCode();
    return code == ErrorCode.DATABASE_CALLED_AT_SHUTDOWN
        || code == ErrorCode.DATABASE_IS_CLOSED
        || code == ErrorCode.OBJECT_CLOSED;
  }

  @Override
  public <R> Optional<R> get(HistoryKind<R> kind, String key) {
    return getAll(kind, List.of(key)).stream().findFirst();
  }

  /** One primary-key look-up per key on one connection (H2 scans for a key list instead). */
  @Override
  public <R> List<R> getAll(HistoryKind<R> kind, List<String> keys) {
    return read(
        c -> {
          List<R> records = new ArrayList<>();
          try (PreparedStatement p =
              c.prepareStatement("SELECT BODY FROM HISTORY WHERE KIND = ? AND RECORD_KEY = ?")) {
            p.setString(1, kind.name());
            for (String key : keys) {
              R inTree = H2HistoryTrees.get(c, kind, key);
              if (inTree == null) {
                p.setString(2, key);
                try (ResultSet r = p.executeQuery()) {
                  inTree = r.next() ? body(r.getString(1), kind) : null;
                }
              }
              if (inTree != null) {
                records.add(inTree);
                bodiesRead.incrementAndGet();
              }
            }
          }
          return records;
        });
  }

  private static <R> R body(String json, HistoryKind<R> kind) throws SQLException {
    try {
      return Json.MAPPER.readValue(json, kind.type());
    } catch (JsonProcessingException e) {
      throw new SQLException("A stored record cannot be read: " + e.getMessage(), e);
    }
  }

  @Override
  public <R> List<R> ofProcessInstance(HistoryKind<R> kind, long processInstanceKey) {
    List<R> records =
        query(
            kind,
            "SELECT BODY FROM HISTORY WHERE KIND = ? AND PROCESS_INSTANCE_KEY = ? ORDER BY ID",
            processInstanceKey);
    // a tree whose run only skips the number holds none of the instance's records
    for (H2HistoryTrees.Tree tree :
        read(c -> H2HistoryTrees.covering(c, processInstanceKey, kind))) {
      List<R> inTree = tree.records(kind, processInstanceKey);
      bodiesRead.addAndGet(inTree.size());
      records.addAll(inTree);
    }
    return records;
  }

  /** Every record of this kind: the rows (older), then the trees, each in the order written. */
  @Override
  public <R> List<R> all(HistoryKind<R> kind) {
    List<R> records = query(kind, "SELECT BODY FROM HISTORY WHERE KIND = ? ORDER BY ID");
    read(
        c -> {
          H2HistoryTrees.each(
              c,
              kind,
              tree -> {
                List<R> inTree = tree.records(kind, null);
                bodiesRead.addAndGet(inTree.size());
                records.addAll(inTree);
              });
          return null;
        });
    return records;
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
            ? query(HistoryKind.VARIABLE, sql, H2HistorySql.term(name))
            : query(HistoryKind.VARIABLE, sql, H2HistorySql.term(name), H2HistorySql.term(value));
    List<VariableRecord> variables =
        new ArrayList<>(
            found.stream()
                .filter(v -> v.name().equals(name) && (value == null || value.equals(v.value())))
                .toList());
    List<VariableRecord> inTrees = read(c -> H2HistoryTrees.variablesNamed(c, name, value));
    bodiesRead.addAndGet(inTrees.size());
    variables.addAll(inTrees);
    return variables;
  }

  @Override
  public long count(HistoryKind<?> kind) {
    return read(
        c -> {
          try (PreparedStatement p =
              c.prepareStatement("SELECT COUNT(*) FROM HISTORY WHERE KIND = ?")) {
            p.setString(1, kind.name());
            try (ResultSet r = p.executeQuery()) {
              r.next();
              return r.getLong(1) + H2HistoryTrees.count(c, kind);
            }
          }
        });
  }

  /**
   * Hands every stored document of this family to {@code out} as it was written (its end date is
   * not stored: 0), in the order written, a page at a time — for copying this store into another
   * (the application's {@code history-copy} command). Pages follow the table's row order (the order
   * written), one pass over the table per kind: no index by kind is kept for this rare reading.
   */
  public <R> void documents(HistoryKind<R> kind, Consumer<HistoryDocument> out) {
    long[] after = {Long.MIN_VALUE};
    while (true) {
      List<HistoryDocument> page =
          read(
              c -> {
                List<HistoryDocument> rows = new ArrayList<>();
                try (PreparedStatement p =
                    c.prepareStatement(
                        "SELECT _ROWID_, RECORD_KEY, PROCESS_INSTANCE_KEY, ROOT_KEY,"
                            + " BPMN_PROCESS_ID, EXPIRES_AT, BODY FROM HISTORY WHERE _ROWID_ > ?"
                            + " AND KIND = ? ORDER BY _ROWID_ LIMIT 1000")) {
                  p.setLong(1, after[0]);
                  p.setString(2, kind.name());
                  try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                      after[0] = r.getLong(1);
                      rows.add(
                          new HistoryDocument(
                              kind,
                              r.getString(2),
                              r.getLong(3),
                              r.getLong(4),
                              r.getString(5),
                              0,
                              r.getLong(6),
                              body(r.getString(7), kind)));
                    }
                  }
                }
                return rows;
              });
      page.forEach(out);
      if (page.size() < 1000) {
        break;
      }
    }
    read(
        c -> {
          H2HistoryTrees.each(c, kind, tree -> tree.docs().forEach(out));
          return null;
        });
  }

  private <R> List<R> query(HistoryKind<R> kind, String sql, Object... parameters) {
    return read(
        c -> {
          try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, kind.name());
            for (int i = 0; i < parameters.length; i++) {
              p.setObject(i + 2, parameters[i]);
            }
            List<R> records = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
              while (r.next()) {
                records.add(body(r.getString(1), kind));
                bodiesRead.incrementAndGet();
              }
            }
            return records;
          }
        });
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

  @Override
  public long count(HistoryKind<?> kind, HistoryQuery query) {
    return searches.count(kind, query);
  }

  @Override
  public long countBefore(HistoryKind<?> kind, HistoryQuery query, Point point) {
    return searches.countBefore(kind, query, point);
  }

  @Override
  public List<Point> points(HistoryKind<?> kind, HistoryQuery query, long offset, int limit) {
    return searches.points(kind, query, offset, limit);
  }

  @Override
  public Set<String> matching(
      HistoryKind<?> kind, HistoryQuery query, Collection<String> recordKeys) {
    return searches.matching(kind, query, recordKeys);
  }

  @Override
  public long deleteExpired(long now) {
    try {
      return new H2ExpiredHistory(writer()).delete(now);
    } catch (SQLException e) {
      throw new IllegalStateException("The history store cannot delete: " + e.getMessage(), e);
    }
  }

  @Override
  public void clear(long position) {
    try {
      H2HistoryWriter w = writer();
      w.transaction(
          c -> {
            try (Statement s = c.createStatement()) {
              s.execute("DELETE FROM HISTORY");
              s.execute("DELETE FROM HISTORY_FIELDS");
              s.execute("DELETE FROM HISTORY_COUNTS");
              s.execute(
                  "DELETE FROM HISTORY_TREES; DELETE FROM TREE_KEYS; DELETE FROM TREE_TERMS;"
                      + " DELETE FROM TREE_KIND_COUNTS");
            }
            w.position(position);
            return null;
          });
      exportedPosition = Math.max(exportedPosition, position);
    } catch (SQLException e) {
      throw new IllegalStateException("The history store cannot be cleared: " + e.getMessage(), e);
    }
  }

  @Override
  public void sync() {
    read(
        c -> {
          try (Statement s = c.createStatement()) {
            s.execute("CHECKPOINT SYNC");
          }
          return null;
        });
  }

  @Override
  public void close() {
    // a connection outside the pool shuts the database down, after the pool's are closed: one
    // returned to the pool after SHUTDOWN is rolled back on a closed database, which H2 writes as
    // an error to history.trace.db (this one, held meanwhile, keeps the database from closing and
    // reopening when the pool's last connection goes)
    synchronized (this) {
      closed = true;
      writer.close();
    }
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
