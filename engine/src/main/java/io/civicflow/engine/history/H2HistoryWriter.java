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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.h2.api.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every change to {@link H2HistoryStore}'s tables, on one connection of its own whose statements
 * are prepared once (parsing SQL on each export cost more than writing its rows). An export is
 * inserted: its records are new, since a record leaves the heap once it is stored and the store's
 * position moves with it. Only when a key is there already (a standalone record written again, a
 * store restored from a copy) is the transaction rolled back and written again replacing rows, with
 * the replaced rows' counts taken back.
 */
final class H2HistoryWriter implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(H2HistoryWriter.class);

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
  private long nextTree; // the next tree row's id
  private long inserted;
  private long replaced;

  H2HistoryWriter(Connection connection) throws SQLException {
    this.connection = connection;
    connection.setAutoCommit(false);
    try (PreparedStatement p =
            connection.prepareStatement("SELECT COALESCE(MAX(ID), 0) + 1 FROM HISTORY_TREES");
        ResultSet r = p.executeQuery()) {
      r.next();
      nextTree = r.getLong(1);
    }
    connection.commit();
  }

  /**
   * The documents and the position, in one transaction: inserted; if a key is there already, that
   * transaction is rolled back and the documents are written again replacing rows (the last of
   * several with one key wins, as it would in the order written).
   */
  synchronized void write(long position, List<HistoryDocument> documents) throws SQLException {
    long firstTree = nextTree;
    try {
      transaction(c -> rows(position, documents, false));
      inserted++;
    } catch (SQLException e) {
      nextTree = firstTree;
      if (!duplicate(e)) {
        throw e;
      }
      Map<List<String>, HistoryDocument> last = new LinkedHashMap<>();
      for (HistoryDocument d : documents) {
        last.put(List.of(d.kind().name(), d.key()), d);
      }
      try {
        transaction(c -> rows(position, new ArrayList<>(last.values()), true));
      } catch (SQLException | RuntimeException x) {
        nextTree = firstTree;
        throw x;
      }
      replaced++;
    }
  }

  /**
   * Writes (inserting, or replacing what is there) these documents' rows, trees and counts, and the
   * position.
   */
  private Void rows(long position, List<HistoryDocument> documents, boolean replace)
      throws SQLException {
    List<HistoryDocument> rowDocs = new ArrayList<>();
    List<HistoryDocument> treeDocs = new ArrayList<>();
    for (HistoryDocument d : documents) {
      (H2HistoryTrees.inTree(d) ? treeDocs : rowDocs).add(d);
    }
    Map<String, Long> kinds = new HashMap<>();
    Set<Long> taken = new HashSet<>(); // numbers another tree holds
    if (replace) {
      treeDocs = replaceTrees(treeDocs, kinds, taken);
    }
    Map<H2HistorySql.Group, Long> deltas = new HashMap<>();
    if (replace) {
      oldCounts(rowDocs, deltas);
      oldCounts(treeDocs, deltas);
    }
    PreparedStatement fields = statement(replace ? H2HistorySql.MERGE_FIELDS : INSERT_FIELDS);
    int fieldRows = 0;
    try {
      rows(rowDocs, replace);
      trees(treeDocs, kinds, taken, replace);
      for (HistoryDocument d : all(rowDocs, treeDocs)) {
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
      if (fieldRows > 0) {
        fields.executeBatch();
      }
    } finally {
      fields.clearBatch();
    }
    addCounts(deltas);
    addKindCounts(kinds);
    position(position);
    return null;
  }

  private static List<HistoryDocument> all(List<HistoryDocument> a, List<HistoryDocument> b) {
    List<HistoryDocument> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /** The {@code HISTORY} rows of documents kept outside trees. */
  private void rows(List<HistoryDocument> documents, boolean replace) throws SQLException {
    if (documents.isEmpty()) {
      return;
    }
    PreparedStatement history = statement(replace ? MERGE_HISTORY : INSERT_HISTORY);
    try {
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
      }
      history.executeBatch();
    } finally {
      history.clearBatch();
    }
  }

  /**
   * One {@code HISTORY_TREES} row per root (and expiry), with its keys and terms. Inserting, a part
   * of a tree stored before is refused as a duplicate; replacing, the trees holding these records
   * were taken out first ({@link #replaceTrees}), and a stored run that only skips a number stays.
   */
  private void trees(
      List<HistoryDocument> documents, Map<String, Long> kinds, Set<Long> taken, boolean replace)
      throws SQLException {
    if (documents.isEmpty()) {
      return;
    }
    PreparedStatement tree = statement(H2HistoryTrees.INSERT_TREE);
    PreparedStatement key = statement(H2HistoryTrees.INSERT_KEY);
    PreparedStatement term = statement(H2HistoryTrees.INSERT_TERM);
    try {
      for (Map.Entry<H2HistoryTrees.Group, List<HistoryDocument>> t :
          H2HistoryTrees.group(documents).entrySet()) {
        long id = nextTree++;
        List<HistoryDocument> docs = t.getValue();
        tree.setLong(1, id);
        tree.setLong(2, t.getKey().root());
        tree.setString(3, t.getKey().bpmnProcessId());
        tree.setLong(4, t.getKey().expiresAt());
        try {
          tree.setBytes(5, H2HistoryTrees.body(docs));
        } catch (JsonProcessingException e) {
          throw new SQLException("A tree of root " + t.getKey().root() + " cannot be written", e);
        }
        tree.addBatch();
        Set<Long> numbers = H2HistoryTrees.numbers(docs);
        numbers.removeAll(taken);
        List<long[]> runs = H2HistoryTrees.runs(numbers);
        if (!replace && !H2HistoryTrees.holdsRoot(t.getKey(), docs)) {
          H2HistoryTrees.refuseWrittenBefore(statement(H2HistoryTrees.TREES_COVERING), runs);
        }
        for (long[] run : runs) {
          key.setLong(1, run[0]);
          key.setLong(2, id);
          key.setObject(3, run[1] == run[0] ? null : run[1]);
          key.addBatch();
        }
        for (List<String> pair : H2HistoryTrees.terms(docs)) {
          term.setString(1, pair.get(0));
          term.setString(2, pair.get(1));
          term.setLong(3, id);
          term.addBatch();
        }
        docs.forEach(d -> kinds.merge(d.kind().name(), 1L, Long::sum));
      }
      tree.executeBatch();
      key.executeBatch();
      term.executeBatch();
    } finally {
      tree.clearBatch();
      key.clearBatch();
      term.clearBatch();
    }
  }

  /**
   * Before these tree documents are written again: removes the trees that hold any of their records
   * (and rows an earlier version kept of them) and answers the documents to write, those trees'
   * other documents included. A tree that holds one of their numbers but none of their records
   * keeps it ({@code taken}): a record numbered like another tree's is found by its process
   * instance, not by its key (no engine key is shared between trees; this keeps such a write from
   * failing for ever).
   */
  private List<HistoryDocument> replaceTrees(
      List<HistoryDocument> documents, Map<String, Long> kinds, Set<Long> taken)
      throws SQLException {
    if (documents.isEmpty()) {
      return documents;
    }
    Map<Long, Set<Long>> old = new LinkedHashMap<>(); // tree id -> numbers among these it covers
    PreparedStatement of = statement(H2HistoryTrees.TREES_COVERING);
    for (Long number : H2HistoryTrees.numbers(documents)) {
      H2HistoryTrees.bindCovering(of, 1, number, number);
      try (ResultSet r = of.executeQuery()) {
        while (r.next()) {
          old.computeIfAbsent(r.getLong(1), id -> new HashSet<>()).add(number);
        }
      }
    }
    Set<List<String>> written = new HashSet<>();
    documents.forEach(d -> written.add(List.of(d.kind().name(), d.key())));
    List<HistoryDocument> merged = new ArrayList<>();
    for (Map.Entry<Long, Set<Long>> id : old.entrySet()) {
      H2HistoryTrees.Tree tree = tree(id.getKey());
      if (tree == null) {
        continue;
      }
      id.getValue().retainAll(H2HistoryTrees.numbers(tree.docs())); // a run skips the others
      if (id.getValue().isEmpty()) {
        continue;
      }
      if (tree.docs().stream()
          .noneMatch(d -> written.contains(List.of(d.kind().name(), d.key())))) {
        taken.addAll(id.getValue());
        LOG.warn(
            "History records numbered {} share their numbers with the stored tree of root {}: they"
                + " are found by their process instance, not by their key",
            id.getValue(),
            tree.root());
        continue;
      }
      deleteTree(tree, kinds);
      tree.docs().stream()
          .filter(d -> !written.contains(List.of(d.kind().name(), d.key())))
          .forEach(merged::add);
    }
    merged.addAll(documents);
    PreparedStatement rows = statement("DELETE FROM HISTORY WHERE KIND = ? AND RECORD_KEY = ?");
    for (HistoryDocument d : documents) {
      rows.setString(1, d.kind().name());
      rows.setString(2, d.key());
      rows.executeUpdate();
    }
    return merged;
  }

  /** The tree with this id, read on this writer's connection (null if there is none). */
  H2HistoryTrees.Tree tree(long id) throws SQLException {
    PreparedStatement p = statement(H2HistoryTrees.BODY_OF_TREE);
    p.setLong(1, id);
    try (ResultSet r = p.executeQuery()) {
      return r.next() ? H2HistoryTrees.tree(r, null) : null;
    }
  }

  /** Deletes a tree with its keys and terms, noting its documents in {@code kinds}. */
  void deleteTree(H2HistoryTrees.Tree tree, Map<String, Long> kinds) throws SQLException {
    PreparedStatement keys = statement(H2HistoryTrees.DELETE_COVERING);
    for (long[] run : H2HistoryTrees.runs(H2HistoryTrees.numbers(tree.docs()))) {
      H2HistoryTrees.bindCovering(keys, 1, run[0], run[1]);
      keys.setLong(4, tree.id());
      keys.executeUpdate();
    }
    PreparedStatement terms =
        statement("DELETE FROM TREE_TERMS WHERE TERM_NAME = ? AND TERM_VALUE = ? AND TREE_ID = ?");
    for (List<String> pair : H2HistoryTrees.terms(tree.docs())) {
      terms.setString(1, pair.get(0));
      terms.setString(2, pair.get(1));
      terms.setLong(3, tree.id());
      terms.executeUpdate();
    }
    PreparedStatement row = statement("DELETE FROM HISTORY_TREES WHERE ID = ?");
    row.setLong(1, tree.id());
    row.executeUpdate();
    tree.docs().forEach(d -> kinds.merge(d.kind().name(), -1L, Long::sum));
  }

  /** Adds these per-kind deltas to {@code TREE_KIND_COUNTS} (part of the caller's transaction). */
  void addKindCounts(Map<String, Long> kinds) throws SQLException {
    PreparedStatement update = statement("UPDATE TREE_KIND_COUNTS SET N = N + ? WHERE KIND = ?");
    PreparedStatement insert = statement("INSERT INTO TREE_KIND_COUNTS (KIND, N) VALUES (?, ?)");
    for (Map.Entry<String, Long> k : kinds.entrySet()) {
      if (k.getValue() == 0) {
        continue;
      }
      update.setLong(1, k.getValue());
      update.setString(2, k.getKey());
      if (update.executeUpdate() == 0) {
        insert.setString(1, k.getKey());
        insert.setLong(2, k.getValue());
        insert.executeUpdate();
      }
    }
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
    for (HistoryDocument d : documents) {
      if (HistoryFields.searchable(d.kind())) {
        countOff(d.kind().name(), d.key(), deltas);
      }
    }
  }

  /**
   * Counts a record's stored {@code HISTORY_FIELDS} row off in {@code deltas} (one primary-key
   * look-up); false if it has none.
   */
  boolean countOff(String kind, String key, Map<H2HistorySql.Group, Long> deltas)
      throws SQLException {
    PreparedStatement old = statement(OLD_GROUP);
    old.setString(1, kind);
    old.setString(2, key);
    try (ResultSet r = old.executeQuery()) {
      if (!r.next()) {
        return false;
      }
      deltas.merge(
          new H2HistorySql.Group(kind, r.getString(1), r.getString(2), r.getString(3)),
          -1L,
          Long::sum);
      return true;
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
