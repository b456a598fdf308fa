package io.civicflow.engine.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.civicflow.engine.json.Json;
import io.civicflow.engine.query.Records.VariableRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.h2.api.ErrorCode;

/**
 * Every change to {@link H2HistoryStore}'s tables, on one connection of its own whose statements
 * are prepared once (parsing SQL on each export cost more than writing its rows). An export is
 * inserted: its records are new, since a record leaves the heap once it is stored and the store's
 * position moves with it. Only when a key is there already (a standalone record written again, a
 * store restored from a copy) is the transaction rolled back and written again replacing rows, with
 * the replaced rows' counts taken back.
 */
final class H2HistoryWriter implements AutoCloseable {

  private static final ObjectWriter BODY = Json.MAPPER.writer();

  private static final String INSERT_HISTORY =
      "INSERT INTO HISTORY (KIND, RECORD_KEY, PROCESS_INSTANCE_KEY, ROOT_KEY, BPMN_PROCESS_ID,"
          + " EXPIRES_AT, BODY, TERM_NAME, TERM_VALUE) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String MERGE_HISTORY =
      "MERGE INTO HISTORY (KIND, RECORD_KEY, PROCESS_INSTANCE_KEY, ROOT_KEY, BPMN_PROCESS_ID,"
          + " EXPIRES_AT, BODY, TERM_NAME, TERM_VALUE) KEY (KIND, RECORD_KEY)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String INSERT_FIELDS =
      "INSERT INTO HISTORY_FIELDS ("
          + H2HistorySql.FIELD_COLUMNS
          + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String OLD_GROUP =
      "SELECT F_PROCESS, F_STATE, F_TENANT FROM HISTORY_FIELDS WHERE KIND = ? AND RECORD_KEY = ?";
  private static final String UPDATE_COUNT =
      "UPDATE HISTORY_COUNTS SET N = N + ? WHERE KIND = ? AND F_PROCESS IS NOT DISTINCT FROM ?"
          + " AND F_STATE IS NOT DISTINCT FROM ? AND F_TENANT IS NOT DISTINCT FROM ?";
  private static final String INSERT_COUNT =
      "INSERT INTO HISTORY_COUNTS (KIND, F_PROCESS, F_STATE, F_TENANT, N) VALUES (?, ?, ?, ?, ?)";
  private static final String POSITION =
      "MERGE INTO EXPORT_POSITION (ID, POSITION) KEY (ID) VALUES (1, ?)";

  private final Connection connection;
  private final Map<String, PreparedStatement> prepared = new HashMap<>();
  private long inserted;
  private long replaced;

  H2HistoryWriter(Connection connection) throws SQLException {
    this.connection = connection;
    connection.setAutoCommit(false);
  }

  /**
   * The documents and the position, in one transaction: inserted; if a key is there already, that
   * transaction is rolled back and the documents are written again replacing rows (the last of
   * several with one key wins, as it would in the order written).
   */
  synchronized void write(long position, List<HistoryDocument> documents) throws SQLException {
    try {
      transaction(c -> rows(position, documents, false));
      inserted++;
    } catch (SQLException e) {
      if (!duplicate(e)) {
        throw e;
      }
      Map<List<String>, HistoryDocument> last = new LinkedHashMap<>();
      for (HistoryDocument d : documents) {
        last.put(List.of(d.kind().name(), d.key()), d);
      }
      transaction(c -> rows(position, new ArrayList<>(last.values()), true));
      replaced++;
    }
  }

  /**
   * Writes (inserting, or replacing what is there) these documents' rows and counts, and the
   * position.
   */
  private Void rows(long position, List<HistoryDocument> documents, boolean replace)
      throws SQLException {
    PreparedStatement history = statement(replace ? MERGE_HISTORY : INSERT_HISTORY);
    Map<H2HistorySql.Group, Long> deltas = new HashMap<>();
    if (replace) {
      oldCounts(documents, deltas);
    }
    PreparedStatement fields = statement(replace ? H2HistorySql.MERGE_FIELDS : INSERT_FIELDS);
    int fieldRows = 0;
    for (HistoryDocument d : documents) {
      history.setString(1, d.kind().name());
      history.setString(2, d.key());
      history.setLong(3, d.processInstanceKey());
      history.setLong(4, d.rootProcessInstanceKey());
      history.setString(5, d.bpmnProcessId());
      history.setLong(6, d.expiresAt());
      history.setString(7, body(d));
      VariableRecord variable = d.record() instanceof VariableRecord v ? v : null;
      history.setString(8, variable == null ? null : H2HistorySql.term(variable.name()));
      history.setString(9, variable == null ? null : H2HistorySql.term(variable.value()));
      history.addBatch();
      HistoryFields f = HistoryFields.searchable(d.kind()) ? HistoryFields.of(d.record()) : null;
      if (f != null) {
        H2HistorySql.bindFields(fields, d.kind().name(), d.key(), f, d.expiresAt());
        fields.addBatch();
        fieldRows++;
        deltas.merge(
            new H2HistorySql.Group(d.kind().name(), f.process(), f.state(), f.tenant()),
            1L,
            Long::sum);
      }
    }
    try {
      if (!documents.isEmpty()) {
        history.executeBatch();
      }
      if (fieldRows > 0) {
        fields.executeBatch();
      }
    } finally {
      history.clearBatch();
      fields.clearBatch();
    }
    addCounts(deltas);
    position(position);
    return null;
  }

  private static String body(HistoryDocument d) throws SQLException {
    try {
      return BODY.writeValueAsString(d.record());
    } catch (JsonProcessingException e) {
      throw new SQLException("A " + d.kind().name() + " record cannot be written as JSON", e);
    }
  }

  /** Whether a key was there already (H2 reports a batch's first failure, or chains it). */
  private static boolean duplicate(SQLException e) {
    for (SQLException x = e; x != null; x = x.getNextException()) {
      if (x.getErrorCode() == ErrorCode.DUPLICATE_KEY_1) {
        return true;
      }
    }
    return false;
  }

  /** What the rows these documents replace counted under (one primary-key look-up each). */
  private void oldCounts(List<HistoryDocument> documents, Map<H2HistorySql.Group, Long> deltas)
      throws SQLException {
    PreparedStatement old = statement(OLD_GROUP);
    for (HistoryDocument d : documents) {
      if (!HistoryFields.searchable(d.kind())) {
        continue;
      }
      old.setString(1, d.kind().name());
      old.setString(2, d.key());
      try (ResultSet r = old.executeQuery()) {
        if (r.next()) {
          deltas.merge(
              new H2HistorySql.Group(
                  d.kind().name(), r.getString(1), r.getString(2), r.getString(3)),
              -1L,
              Long::sum);
        }
      }
    }
  }

  /** Adds these deltas to {@code HISTORY_COUNTS} (part of the caller's transaction). */
  void addCounts(Map<H2HistorySql.Group, Long> deltas) throws SQLException {
    PreparedStatement update = statement(UPDATE_COUNT);
    PreparedStatement insert = statement(INSERT_COUNT);
    for (Map.Entry<H2HistorySql.Group, Long> delta : deltas.entrySet()) {
      if (delta.getValue() == 0) {
        continue;
      }
      H2HistorySql.Group g = delta.getKey();
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

  /** Records the exported position (part of the caller's transaction). */
  void position(long position) throws SQLException {
    PreparedStatement p = statement(POSITION);
    p.setLong(1, position);
    p.executeUpdate();
  }

  /**
   * Runs {@code change} on this writer's connection in one transaction: committed if it returns,
   * rolled back if it throws.
   */
  synchronized <T> T transaction(Change<T> change) throws SQLException {
    try {
      T result = change.apply(connection);
      connection.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    }
  }

  /** A change made in {@link #transaction}. */
  interface Change<T> {
    T apply(Connection connection) throws SQLException;
  }

  /** This writer's statement for {@code sql}, prepared on first use. */
  PreparedStatement statement(String sql) throws SQLException {
    PreparedStatement p = prepared.get(sql);
    if (p == null) {
      p = connection.prepareStatement(sql);
      prepared.put(sql, p);
    }
    return p;
  }

  /** Whether this writer's connection was closed (by its own close or the database's). */
  boolean closed() {
    try {
      return connection.isClosed();
    } catch (SQLException e) {
      return true;
    }
  }

  /** Exports written by insertion, and those written again replacing rows (for tests). */
  synchronized long[] writes() {
    return new long[] {inserted, replaced};
  }

  @Override
  public synchronized void close() {
    try {
      connection.rollback();
      connection.close();
    } catch (SQLException e) {
      // closed already (the database was shut down)
    }
  }
}
