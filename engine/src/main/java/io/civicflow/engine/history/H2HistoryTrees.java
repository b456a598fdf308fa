package io.civicflow.engine.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.civicflow.engine.json.Json;
import io.civicflow.engine.query.Records.VariableRecord;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.h2.api.ErrorCode;

/**
 * How {@link H2HistoryStore} keeps an ended root instance's tree: all its records in one row of
 * {@code HISTORY_TREES} (an array in the order exported, in Smile), written with one index entry
 * per record key instead of a row with five per record. Per short instance this is ~20 index
 * entries instead of ~70, which is most of what the export cost the engine (bench/README).
 *
 * <ul>
 *   <li>{@code TREE_KEYS}: a tree's record <em>numbers</em> (a key's leading digits: its own key, a
 *       sequence flow's process instance, a decision's evaluation — every one an engine key of
 *       something in that tree) as runs: {@code NUMBER} the first, {@code LAST} the last (null: the
 *       first alone, as an earlier version wrote every number). A run covers at most {@value #RUN}
 *       numbers and skips at most {@value #GAP} in a row that the tree does not hold: a command's
 *       keys are taken in a row, so a short instance's eight numbers are two or three runs, one
 *       entry each. A skipped number may be another tree's, so a number can be covered by more than
 *       one run, and a read keeps what the trees found actually hold. A {@code BIGINT} primary key
 *       is H2's row key: a run is one entry, appended in key order. A get by key and the records of
 *       a process instance both start here.
 *   <li>{@code TREE_TERMS}: each variable name and value (their first {@value
 *       H2HistoryStore#TERM_LENGTH} characters) once per tree, for {@link
 *       HistoryStore#variablesNamed}; the exact match is checked on the records read back.
 *   <li>{@code TREE_KIND_COUNTS}: how many records of each kind the trees hold.
 * </ul>
 *
 * Searchable records keep their {@code HISTORY_FIELDS} row as before. What is not in a tree stays a
 * row of {@code HISTORY}: standalone decisions and batch operations (which a later export may
 * replace), a record whose key has no number, and everything an earlier version wrote (read from
 * there as before: nothing is migrated).
 */
final class H2HistoryTrees {

  private H2HistoryTrees() {}

  static final String SCHEMA =
      """
      CREATE TABLE IF NOT EXISTS HISTORY_TREES (
        ID BIGINT PRIMARY KEY,
        ROOT_KEY BIGINT NOT NULL,
        BPMN_PROCESS_ID VARCHAR(1000),
        EXPIRES_AT BIGINT NOT NULL,
        BODY BINARY LARGE OBJECT NOT NULL);
      CREATE INDEX IF NOT EXISTS TREES_BY_EXPIRY ON HISTORY_TREES (EXPIRES_AT);
      CREATE TABLE IF NOT EXISTS TREE_KEYS (NUMBER BIGINT PRIMARY KEY, TREE_ID BIGINT NOT NULL);
      ALTER TABLE TREE_KEYS ADD COLUMN IF NOT EXISTS LAST BIGINT;
      CREATE TABLE IF NOT EXISTS TREE_TERMS (
        TERM_NAME VARCHAR(200) NOT NULL,
        TERM_VALUE VARCHAR(200) NOT NULL,
        TREE_ID BIGINT NOT NULL);
      CREATE INDEX IF NOT EXISTS TREE_TERMS_BY_TERM ON TREE_TERMS (TERM_NAME, TERM_VALUE, TREE_ID);
      CREATE TABLE IF NOT EXISTS TREE_KIND_COUNTS (KIND VARCHAR(40) PRIMARY KEY, N BIGINT NOT NULL);
      """;

  static final String INSERT_TREE =
      "INSERT INTO HISTORY_TREES (ID, ROOT_KEY, BPMN_PROCESS_ID, EXPIRES_AT, BODY)"
          + " VALUES (?, ?, ?, ?, ?)";
  static final String INSERT_KEY = "INSERT INTO TREE_KEYS (NUMBER, TREE_ID, LAST) VALUES (?, ?, ?)";
  static final String INSERT_TERM =
      "INSERT INTO TREE_TERMS (TERM_NAME, TERM_VALUE, TREE_ID) VALUES (?, ?, ?)";

  /** The most numbers a run of {@code TREE_KEYS} spans. */
  static final int RUN = 64;

  /** The most numbers in a row a run skips (numbers its tree does not hold). */
  static final int GAP = 3;

  /**
   * The runs covering a number: those starting at most {@link #RUN} numbers before it (a range of
   * the primary key) and ending at or after it. Bound by {@link #bindCovering}.
   */
  private static final String COVERING = "NUMBER BETWEEN ? AND ? AND COALESCE(LAST, NUMBER) >= ?";

  static final String TREES_COVERING = "SELECT TREE_ID FROM TREE_KEYS WHERE " + COVERING;
  static final String DELETE_COVERING =
      "DELETE FROM TREE_KEYS WHERE " + COVERING + " AND TREE_ID = ?";
  static final String BODIES_COVERING =
      "SELECT T.ID, T.ROOT_KEY, T.BPMN_PROCESS_ID, T.EXPIRES_AT, T.BODY FROM TREE_KEYS K"
          + " JOIN HISTORY_TREES T ON T.ID = K.TREE_ID"
          + " WHERE K.NUMBER BETWEEN ? AND ? AND COALESCE(K.LAST, K.NUMBER) >= ? ORDER BY T.ID";

  /** Binds {@link #COVERING}'s three parameters, from {@code first}, to the numbers first..last. */
  static void bindCovering(PreparedStatement p, int first, long from, long to) throws SQLException {
    p.setLong(first, from - RUN + 1);
    p.setLong(first + 1, to);
    p.setLong(first + 2, from);
  }

  /**
   * A tree's numbers as runs ({first, last} each, in order): a run goes on while the next number
   * skips at most {@link #GAP} and the run spans at most {@link #RUN}.
   */
  static List<long[]> runs(Set<Long> numbers) {
    List<Long> sorted = new ArrayList<>(numbers);
    Collections.sort(sorted);
    List<long[]> runs = new ArrayList<>();
    long[] run = null;
    for (long n : sorted) {
      if (run != null && n - run[1] <= GAP + 1 && n - run[0] < RUN) {
        run[1] = n;
      } else {
        run = new long[] {n, n};
        runs.add(run);
      }
    }
    return runs;
  }

  static final String BODY_OF_TREE =
      "SELECT ID, ROOT_KEY, BPMN_PROCESS_ID, EXPIRES_AT, BODY FROM HISTORY_TREES WHERE ID = ?";

  /**
   * A tree's body is Smile (Jackson's binary JSON, the engine's JSON mapping) with names and short
   * values written once and referred back to: a tree's records repeat both (process, definition,
   * tenant, field names), so a body is about half its JSON text, and so is what H2 serializes.
   * Bodies an earlier version wrote are JSON text, told apart by Smile's header.
   */
  private static final ObjectWriter BODY = Json.SMILE.writer();

  /** Whether a body is Smile (its header, ":)\n"), not JSON text. */
  static boolean smile(byte[] body) {
    return body.length >= 3 && body[0] == ':' && body[1] == ')' && body[2] == '\n';
  }

  /**
   * Whether a tree row's documents hold its root's process instance: then a tree written before
   * holds it too, and its {@code HISTORY_FIELDS} row refuses the insert (a root's records are all
   * new when it ends: keys are the engine's, taken during its life).
   */
  static boolean holdsRoot(Group group, List<HistoryDocument> docs) {
    String root = Long.toString(group.root());
    for (HistoryDocument d : docs) {
      if (d.kind() == HistoryKind.PROCESS_INSTANCE && d.key().equals(root)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Refuses, as a duplicate key, runs that a stored run ({@link #TREES_COVERING}) covers any number
   * of (a part of a tree written again: its records then replace the stored ones).
   */
  static void refuseWrittenBefore(PreparedStatement covering, List<long[]> runs)
      throws SQLException {
    for (long[] run : runs) {
      bindCovering(covering, 1, run[0], run[1]);
      try (ResultSet r = covering.executeQuery()) {
        if (r.next()) {
          throw new SQLException(
              "Numbers " + run[0] + ".." + run[1] + " are stored already",
              "23505",
              ErrorCode.DUPLICATE_KEY_1);
        }
      }
    }
  }

  /** One record as a tree's body holds it. */
  record Entry(String kind, String key, long pik, Object record) {}

  /** A tree's row: what all its documents share, and them. */
  record Tree(
      long id, long root, String bpmnProcessId, long expiresAt, List<HistoryDocument> docs) {

    /** The documents of this kind (and process instance, unless it is null), in order. */
    <R> List<R> records(HistoryKind<R> kind, Long processInstanceKey) {
      List<R> found = new ArrayList<>();
      for (HistoryDocument d : docs) {
        if (d.kind().equals(kind)
            && (processInstanceKey == null || d.processInstanceKey() == processInstanceKey)) {
          found.add(kind.type().cast(d.record()));
        }
      }
      return found;
    }

    <R> R record(HistoryKind<R> kind, String key) {
      for (HistoryDocument d : docs) {
        if (d.kind().equals(kind) && d.key().equals(key)) {
          return kind.type().cast(d.record());
        }
      }
      return null;
    }
  }

  /** What one tree row groups: a root's documents that expire together. */
  record Group(long root, String bpmnProcessId, long expiresAt) {}

  /**
   * Whether this document is kept in a tree: it belongs to a process instance of a root's tree (not
   * a standalone decision or a batch operation) and its key has a number to find it by that is its
   * tree's own. A correlation's key starts with its subscription's, which a message start event
   * shares among the instances it started: correlations stay rows.
   */
  static boolean inTree(HistoryDocument d) {
    return d.processInstanceKey() > 0
        && d.rootProcessInstanceKey() > 0
        && d.kind() != HistoryKind.BATCH_OPERATION
        && d.kind() != HistoryKind.BATCH_OPERATION_ITEM
        && d.kind() != HistoryKind.CORRELATED_MESSAGE
        && number(d.key()) != null;
  }

  /** The leading digits of a key as a number, or null if it has none (or more than 18). */
  static Long number(String key) {
    long number = 0;
    int digits = 0;
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c < '0' || c > '9') {
        break;
      }
      if (++digits > 18) {
        return null;
      }
      number = number * 10 + (c - '0');
    }
    return digits == 0 ? null : number;
  }

  /** These documents by tree row, in the order first seen (each one's documents in order). */
  static Map<Group, List<HistoryDocument>> group(List<HistoryDocument> documents) {
    Map<Group, List<HistoryDocument>> trees = new LinkedHashMap<>();
    for (HistoryDocument d : documents) {
      trees
          .computeIfAbsent(
              new Group(d.rootProcessInstanceKey(), d.bpmnProcessId(), d.expiresAt()),
              g -> new ArrayList<>())
          .add(d);
    }
    return trees;
  }

  /** A tree's body: its documents as an array, in Smile. */
  static byte[] body(List<HistoryDocument> docs) throws JsonProcessingException {
    List<Entry> entries = new ArrayList<>(docs.size());
    for (HistoryDocument d : docs) {
      entries.add(new Entry(d.kind().name(), d.key(), d.processInstanceKey(), d.record()));
    }
    return BODY.writeValueAsBytes(entries);
  }

  /** The numbers a tree's documents are found by (each once). */
  static Set<Long> numbers(List<HistoryDocument> docs) {
    Set<Long> numbers = new LinkedHashSet<>();
    for (HistoryDocument d : docs) {
      numbers.add(number(d.key()));
    }
    return numbers;
  }

  /** A tree's variable names and values (each pair once). */
  static Set<List<String>> terms(List<HistoryDocument> docs) {
    Set<List<String>> terms = new LinkedHashSet<>();
    for (HistoryDocument d : docs) {
      if (d.record() instanceof VariableRecord v) {
        terms.add(
            List.of(
                H2HistorySql.term(v.name()),
                Objects.requireNonNullElse(H2HistorySql.term(v.value()), "")));
      }
    }
    return terms;
  }

  /**
   * A tree read back: its documents of this kind, or all if it is null (an end date is not stored:
   * 0).
   */
  static Tree read(
      long id, long root, String processId, long expiresAt, byte[] body, HistoryKind<?> only)
      throws IOException {
    List<HistoryDocument> docs = new ArrayList<>();
    for (JsonNode entry : (smile(body) ? Json.SMILE : Json.MAPPER).readTree(body)) {
      HistoryKind<?> kind = kind(entry.get("kind").asText());
      if (only != null && !only.equals(kind)) {
        continue;
      }
      docs.add(
          new HistoryDocument(
              kind,
              entry.get("key").asText(),
              entry.get("pik").asLong(),
              root,
              processId,
              0,
              expiresAt,
              Json.MAPPER.treeToValue(entry.get("record"), kind.type())));
    }
    return new Tree(id, root, processId, expiresAt, docs);
  }

  // ---------------------------------------------------------------- reads

  /**
   * The trees whose runs cover {@code number} (with their documents of {@code only}), in the order
   * written: the one holding it, and any whose run skips it.
   */
  static List<Tree> covering(Connection c, long number, HistoryKind<?> only) throws SQLException {
    List<Tree> trees = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement(BODIES_COVERING)) {
      bindCovering(p, 1, number, number);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          trees.add(tree(r, only));
        }
      }
    }
    return trees;
  }

  /** The record of this kind and key if a tree holds it. */
  static <R> R get(Connection c, HistoryKind<R> kind, String key) throws SQLException {
    Long number = number(key);
    if (number == null) {
      return null;
    }
    for (Tree tree : covering(c, number, kind)) {
      R record = tree.record(kind, key);
      if (record != null) {
        return record;
      }
    }
    return null;
  }

  /** Hands {@code out} every tree (with its documents of {@code only}), in the order written. */
  static void each(Connection c, HistoryKind<?> only, Consumer<Tree> out) throws SQLException {
    long after = 0;
    while (true) {
      List<Tree> page = new ArrayList<>();
      try (PreparedStatement p =
          c.prepareStatement(
              "SELECT ID, ROOT_KEY, BPMN_PROCESS_ID, EXPIRES_AT, BODY FROM HISTORY_TREES"
                  + " WHERE ID > ? ORDER BY ID LIMIT 1000")) {
        p.setLong(1, after);
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            Tree tree = tree(r, only);
            after = tree.id();
            page.add(tree);
          }
        }
      }
      page.forEach(out);
      if (page.size() < 1000) {
        return;
      }
    }
  }

  /**
   * The variables named {@code name} (with this value, unless it is null) that trees hold, in the
   * order written.
   */
  static List<VariableRecord> variablesNamed(Connection c, String name, String value)
      throws SQLException {
    String sql =
        "SELECT T.ID, T.ROOT_KEY, T.BPMN_PROCESS_ID, T.EXPIRES_AT, T.BODY FROM HISTORY_TREES T"
            + " WHERE T.ID IN (SELECT TREE_ID FROM TREE_TERMS WHERE TERM_NAME = ?"
            + (value == null ? "" : " AND TERM_VALUE = ?")
            + ") ORDER BY T.ID";
    List<VariableRecord> found = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement(sql)) {
      p.setString(1, H2HistorySql.term(name));
      if (value != null) {
        p.setString(2, H2HistorySql.term(value));
      }
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          for (VariableRecord v :
              tree(r, HistoryKind.VARIABLE).records(HistoryKind.VARIABLE, null)) {
            if (v.name().equals(name) && (value == null || value.equals(v.value()))) {
              found.add(v);
            }
          }
        }
      }
    }
    return found;
  }

  /** How many records of this kind the trees hold. */
  static long count(Connection c, HistoryKind<?> kind) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement("SELECT N FROM TREE_KIND_COUNTS WHERE KIND = ?")) {
      p.setString(1, kind.name());
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? r.getLong(1) : 0;
      }
    }
  }

  /** The tree on this result row (ID, ROOT_KEY, BPMN_PROCESS_ID, EXPIRES_AT, BODY). */
  static Tree tree(ResultSet r, HistoryKind<?> only) throws SQLException {
    try {
      return read(r.getLong(1), r.getLong(2), r.getString(3), r.getLong(4), r.getBytes(5), only);
    } catch (IOException e) {
      throw new SQLException("A stored tree cannot be read: " + e.getMessage(), e);
    }
  }

  private static final Map<String, HistoryKind<?>> KINDS = new LinkedHashMap<>();

  static {
    HistoryKind.ALL.forEach(k -> KINDS.put(k.name(), k));
  }

  static HistoryKind<?> kind(String name) {
    HistoryKind<?> kind = KINDS.get(name);
    if (kind == null) {
      throw new IllegalStateException("A stored tree holds an unknown kind: " + name);
    }
    return kind;
  }
}
