package io.civicflow.engine.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.civicflow.engine.json.Json;
import io.civicflow.engine.query.Records.CorrelatedMessageSubscriptionRecord;
import io.civicflow.engine.query.Records.ElementInstanceRecord;
import io.civicflow.engine.query.Records.ElementInstanceState;
import io.civicflow.engine.query.Records.ProcessInstanceRecord;
import io.civicflow.engine.query.Records.ProcessInstanceState;
import io.civicflow.engine.query.Records.SequenceFlowRecord;
import io.civicflow.engine.query.Records.VariableRecord;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store keeps an ended root's tree in one row: every record of it is found by its key,
 * by its process instance (a called child's included), by a variable's name and value, and counted;
 * writing a record of a stored tree again replaces that record and keeps the others; retention
 * removes exactly the expired trees; and what an earlier version kept one row per record is read
 * beside the trees.
 */
class H2HistoryTreesTest {

  private static final long ROOT = 100;
  private static final long CHILD = 110;

  private static HistoryDocument doc(
      HistoryKind<?> kind, String key, long pik, long root, long expiresAt, Object record) {
    return new HistoryDocument(kind, key, pik, root, "bidding", 2_000, expiresAt, record);
  }

  private static ProcessInstanceRecord instance(long key, Long parent) {
    return new ProcessInstanceRecord(
        key,
        7,
        "bidding",
        "招标",
        1,
        null,
        1_000,
        2_000L,
        ProcessInstanceState.COMPLETED,
        false,
        "<default>",
        parent,
        null,
        List.of());
  }

  private static ElementInstanceRecord element(long key, long pik, String elementId) {
    return new ElementInstanceRecord(
        key,
        pik,
        7,
        "bidding",
        elementId,
        elementId,
        "SERVICE_TASK",
        ElementInstanceState.COMPLETED,
        1_000,
        2_000L,
        false,
        null,
        "<default>",
        pik,
        key);
  }

  private static VariableRecord variable(long key, long pik, String name, String value) {
    return new VariableRecord(key, name, value, pik, pik, "<default>");
  }

  /** A root with a called child: instances, elements, variables and a sequence flow each. */
  private static List<HistoryDocument> tree(long root, long child, long expiresAt, String amount) {
    long k = root;
    return List.of(
        doc(HistoryKind.PROCESS_INSTANCE, "" + root, root, root, expiresAt, instance(root, null)),
        doc(
            HistoryKind.PROCESS_INSTANCE,
            "" + child,
            child,
            root,
            expiresAt,
            instance(child, root)),
        doc(
            HistoryKind.ELEMENT_INSTANCE,
            "" + root,
            root,
            root,
            expiresAt,
            element(root, root, "p")),
        doc(
            HistoryKind.ELEMENT_INSTANCE,
            "" + (k + 1),
            root,
            root,
            expiresAt,
            element(k + 1, root, "call")),
        doc(
            HistoryKind.ELEMENT_INSTANCE,
            "" + (child + 1),
            child,
            root,
            expiresAt,
            element(child + 1, child, "review")),
        doc(
            HistoryKind.VARIABLE,
            "" + (k + 2),
            root,
            root,
            expiresAt,
            variable(k + 2, root, "amount", amount)),
        doc(
            HistoryKind.VARIABLE,
            "" + (child + 2),
            child,
            root,
            expiresAt,
            variable(child + 2, child, "reviewer", "\"王芳\"")),
        doc(
            HistoryKind.SEQUENCE_FLOW,
            child + ":0",
            child,
            root,
            expiresAt,
            new SequenceFlowRecord(child, 7, "bidding", "Flow_1", "<default>")));
  }

  @Test
  void shouldFindEveryRecordOfATreeByKeyInstanceAndVariable() {
    try (H2HistoryStore store = H2HistoryStore.inMemory()) {
      store.write(1, tree(ROOT, CHILD, Long.MAX_VALUE, "5000"));
      store.write(2, tree(200, 210, Long.MAX_VALUE, "7000"));

      assertThat(store.get(HistoryKind.VARIABLE, "212"))
          .get()
          .extracting(VariableRecord::name)
          .isEqualTo("reviewer");
      assertThat(store.get(HistoryKind.ELEMENT_INSTANCE, "" + ROOT))
          .get()
          .extracting(ElementInstanceRecord::elementId)
          .isEqualTo("p");
      assertThat(store.get(HistoryKind.PROCESS_INSTANCE, "" + CHILD)).isPresent();
      assertThat(store.get(HistoryKind.SEQUENCE_FLOW, CHILD + ":0")).isPresent();
      // a key of the tree, of another kind, or no record at all
      assertThat(store.get(HistoryKind.VARIABLE, "" + (ROOT + 1))).isEmpty();
      assertThat(store.get(HistoryKind.VARIABLE, "999")).isEmpty();
      assertThat(store.get(HistoryKind.VARIABLE, "no-number")).isEmpty();

      assertThat(store.ofProcessInstance(HistoryKind.ELEMENT_INSTANCE, ROOT))
          .extracting(ElementInstanceRecord::elementId)
          .containsExactly("p", "call");
      assertThat(store.ofProcessInstance(HistoryKind.ELEMENT_INSTANCE, CHILD))
          .extracting(ElementInstanceRecord::elementId)
          .containsExactly("review");
      assertThat(store.ofProcessInstance(HistoryKind.SEQUENCE_FLOW, CHILD)).hasSize(1);
      assertThat(store.ofProcessInstance(HistoryKind.SEQUENCE_FLOW, ROOT)).isEmpty();

      assertThat(store.variablesNamed("amount", "7000"))
          .extracting(VariableRecord::processInstanceKey)
          .containsExactly(200L);
      assertThat(store.variablesNamed("amount", null))
          .extracting(VariableRecord::value)
          .containsExactly("5000", "7000");
      assertThat(store.variablesNamed("amount", "700")).isEmpty();

      assertThat(store.all(HistoryKind.PROCESS_INSTANCE))
          .extracting(ProcessInstanceRecord::processInstanceKey)
          .containsExactly(ROOT, CHILD, 200L, 210L);
      assertThat(store.count(HistoryKind.ELEMENT_INSTANCE)).isEqualTo(6);
      assertThat(store.count(HistoryKind.SEQUENCE_FLOW)).isEqualTo(2);

      List<String> copied = new ArrayList<>();
      store.documents(
          HistoryKind.VARIABLE, d -> copied.add(d.key() + "@" + d.rootProcessInstanceKey()));
      assertThat(copied).containsExactly("102@100", "112@100", "202@200", "212@200");
    }
  }

  @Test
  void shouldReplaceARecordOfAStoredTreeAndKeepItsOthers() {
    try (H2HistoryStore store = H2HistoryStore.inMemory()) {
      store.write(1, tree(ROOT, CHILD, Long.MAX_VALUE, "5000"));
      store.write(
          2,
          List.of(
              doc(
                  HistoryKind.VARIABLE,
                  "" + (ROOT + 2),
                  ROOT,
                  ROOT,
                  Long.MAX_VALUE,
                  variable(ROOT + 2, ROOT, "amount", "6000"))));

      assertThat(store.writes()).containsExactly(1, 1);
      assertThat(store.get(HistoryKind.VARIABLE, "" + (ROOT + 2)))
          .get()
          .extracting(VariableRecord::value)
          .isEqualTo("6000");
      assertThat(store.variablesNamed("amount", "5000")).isEmpty();
      assertThat(store.variablesNamed("amount", "6000")).hasSize(1);
      assertThat(store.count(HistoryKind.VARIABLE)).isEqualTo(2);
      assertThat(store.count(HistoryKind.ELEMENT_INSTANCE)).isEqualTo(3);
      assertThat(store.ofProcessInstance(HistoryKind.ELEMENT_INSTANCE, CHILD)).hasSize(1);
      assertThat(store.get(HistoryKind.PROCESS_INSTANCE, "" + ROOT)).isPresent();
    }
  }

  @Test
  void shouldDeleteExactlyTheExpiredTrees() {
    try (H2HistoryStore store = H2HistoryStore.inMemory()) {
      store.write(1, tree(ROOT, CHILD, 5_000, "5000"));
      store.write(2, tree(200, 210, 5_001, "7000"));

      assertThat(store.deleteExpired(4_999)).isZero();
      assertThat(store.deleteExpired(5_000)).isEqualTo(8);

      assertThat(store.get(HistoryKind.VARIABLE, "" + (ROOT + 2))).isEmpty();
      assertThat(store.ofProcessInstance(HistoryKind.ELEMENT_INSTANCE, CHILD)).isEmpty();
      assertThat(store.variablesNamed("amount", null))
          .extracting(VariableRecord::value)
          .containsExactly("7000");
      assertThat(store.count(HistoryKind.ELEMENT_INSTANCE)).isEqualTo(3);
      assertThat(store.get(HistoryKind.VARIABLE, "212")).isPresent();

      // the keys of a deleted tree can be written again (as a restored copy would)
      store.write(3, tree(ROOT, CHILD, Long.MAX_VALUE, "5000"));
      assertThat(store.writes()[1]).isZero();
      assertThat(store.count(HistoryKind.ELEMENT_INSTANCE)).isEqualTo(6);

      store.clear(4);
      assertThat(store.count(HistoryKind.ELEMENT_INSTANCE)).isZero();
      assertThat(store.get(HistoryKind.VARIABLE, "212")).isEmpty();
    }
  }

  /** A store written by an earlier version kept each record as a row: those are read as before. */
  @Test
  void shouldReadTheRowsOfAnEarlierVersionBesideTheTrees(@TempDir Path directory) throws Exception {
    try (H2HistoryStore store = H2HistoryStore.open(directory)) {
      store.write(1, tree(ROOT, CHILD, Long.MAX_VALUE, "5000"));
    }
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:h2:file:" + directory.toAbsolutePath().resolve("history"), "civicflow", "");
        PreparedStatement p =
            c.prepareStatement(
                "INSERT INTO HISTORY (KIND, RECORD_KEY, PROCESS_INSTANCE_KEY, ROOT_KEY,"
                    + " BPMN_PROCESS_ID, EXPIRES_AT, BODY, TERM_NAME, TERM_VALUE)"
                    + " VALUES (?, ?, ?, ?, 'bidding', ?, ?, ?, ?)")) {
      p.setString(1, HistoryKind.VARIABLE.name());
      p.setString(2, "52");
      p.setLong(3, 50);
      p.setLong(4, 50);
      p.setLong(5, Long.MAX_VALUE);
      p.setString(
          6,
          "{\"variableKey\":52,\"name\":\"amount\",\"value\":\"5000\",\"scopeKey\":50,"
              + "\"processInstanceKey\":50,\"tenantId\":\"<default>\"}");
      p.setString(7, "amount");
      p.setString(8, "5000");
      p.executeUpdate();
    }
    try (H2HistoryStore store = H2HistoryStore.open(directory)) {
      assertThat(store.get(HistoryKind.VARIABLE, "52")).isPresent();
      assertThat(store.ofProcessInstance(HistoryKind.VARIABLE, 50)).hasSize(1);
      assertThat(store.variablesNamed("amount", "5000"))
          .extracting(VariableRecord::processInstanceKey)
          .containsExactly(50L, ROOT);
      assertThat(store.all(HistoryKind.VARIABLE)).hasSize(3);
      assertThat(store.count(HistoryKind.VARIABLE)).isEqualTo(3);
      // and new trees are numbered after the stored ones
      store.write(2, tree(200, 210, Long.MAX_VALUE, "7000"));
      assertThat(store.get(HistoryKind.VARIABLE, "212")).isPresent();
      assertThat(store.get(HistoryKind.VARIABLE, "" + (ROOT + 2))).isPresent();
    }
  }

  /**
   * A message start event's subscription correlates with every instance it starts: the correlations
   * of two trees share its number. And should two trees ever number records alike, the second is
   * written all the same (found by its instance).
   */
  @Test
  void shouldWriteTreesWhoseRecordsShareANumber() {
    try (H2HistoryStore store = H2HistoryStore.inMemory()) {
      store.write(1, withCorrelation(tree(ROOT, CHILD, Long.MAX_VALUE, "5000"), ROOT, 9));
      store.write(2, withCorrelation(tree(200, 210, Long.MAX_VALUE, "7000"), 200, 10));
      assertThat(store.writes()).containsExactly(2, 0);
      assertThat(store.ofProcessInstance(HistoryKind.CORRELATED_MESSAGE, ROOT)).hasSize(1);
      assertThat(store.ofProcessInstance(HistoryKind.CORRELATED_MESSAGE, 200)).hasSize(1);
      assertThat(store.get(HistoryKind.CORRELATED_MESSAGE, "7:10")).isPresent();

      List<HistoryDocument> clash = new ArrayList<>(tree(300, 310, Long.MAX_VALUE, "9000"));
      clash.add(
          doc(
              HistoryKind.ELEMENT_INSTANCE,
              "102",
              300,
              300,
              Long.MAX_VALUE,
              element(102, 300, "x")));
      store.write(3, clash);
      assertThat(store.exportedPosition()).isEqualTo(3);
      assertThat(store.get(HistoryKind.VARIABLE, "102")).isPresent();
      assertThat(store.ofProcessInstance(HistoryKind.ELEMENT_INSTANCE, 300))
          .extracting(ElementInstanceRecord::elementId)
          .containsExactly("p", "call", "x");
      assertThat(store.variablesNamed("amount", "9000")).hasSize(1);
      assertThat(store.count(HistoryKind.VARIABLE)).isEqualTo(6);
    }
  }

  /** Tree 1000: its instance, and records numbered 1001, 1002, 1004 and 1005 (not 1003). */
  private static List<HistoryDocument> skipping(long expiresAt) {
    return List.of(
        doc(HistoryKind.PROCESS_INSTANCE, "1000", 1000, 1000, expiresAt, instance(1000, null)),
        doc(HistoryKind.ELEMENT_INSTANCE, "1001", 1000, 1000, expiresAt, element(1001, 1000, "a")),
        doc(HistoryKind.VARIABLE, "1002", 1000, 1000, expiresAt, variable(1002, 1000, "n", "1")),
        doc(HistoryKind.ELEMENT_INSTANCE, "1004", 1000, 1000, expiresAt, element(1004, 1000, "b")),
        doc(HistoryKind.VARIABLE, "1005", 1000, 1000, expiresAt, variable(1005, 1000, "m", "2")));
  }

  /** Tree 2000: its instance, and an element instance numbered 1003. */
  private static List<HistoryDocument> inTheGap() {
    return List.of(
        doc(HistoryKind.PROCESS_INSTANCE, "2000", 2000, 2000, Long.MAX_VALUE, instance(2000, null)),
        doc(
            HistoryKind.ELEMENT_INSTANCE,
            "1003",
            2000,
            2000,
            Long.MAX_VALUE,
            element(1003, 2000, "c")));
  }

  private static long keyRows(Path directory) throws Exception {
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:h2:file:" + directory.toAbsolutePath().resolve("history"), "civicflow", "");
        PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM TREE_KEYS");
        java.sql.ResultSet r = p.executeQuery()) {
      r.next();
      return r.getLong(1);
    }
  }

  /**
   * A tree's numbers are kept as runs (one index entry for numbers taken in a row, skipping a few):
   * a number a run skips may be another tree's, and is found there; a tree's retention takes its
   * runs and leaves the other tree's number.
   */
  @Test
  void shouldKeepNumbersAsRunsAndFindANumberARunSkipsInItsOwnTree(@TempDir Path directory)
      throws Exception {
    try (H2HistoryStore store = H2HistoryStore.open(directory)) {
      store.write(1, skipping(5_000));
    }
    assertThat(keyRows(directory)).isEqualTo(1); // 1000..1005 in one run
    try (H2HistoryStore store = H2HistoryStore.open(directory)) {
      store.write(2, inTheGap());
      assertThat(store.writes()).containsExactly(1, 0);

      assertThat(store.get(HistoryKind.ELEMENT_INSTANCE, "1003"))
          .get()
          .extracting(ElementInstanceRecord::elementId)
          .isEqualTo("c");
      assertThat(store.get(HistoryKind.ELEMENT_INSTANCE, "1004"))
          .get()
          .extracting(ElementInstanceRecord::elementId)
          .isEqualTo("b");
      assertThat(store.get(HistoryKind.VARIABLE, "1003")).isEmpty();
      assertThat(store.ofProcessInstance(HistoryKind.ELEMENT_INSTANCE, 1000))
          .extracting(ElementInstanceRecord::elementId)
          .containsExactly("a", "b");
      assertThat(store.ofProcessInstance(HistoryKind.ELEMENT_INSTANCE, 2000))
          .extracting(ElementInstanceRecord::elementId)
          .containsExactly("c");

      assertThat(store.deleteExpired(5_000)).isEqualTo(5);
      assertThat(store.get(HistoryKind.ELEMENT_INSTANCE, "1004")).isEmpty();
      assertThat(store.get(HistoryKind.ELEMENT_INSTANCE, "1003")).isPresent();
      assertThat(store.count(HistoryKind.PROCESS_INSTANCE)).isEqualTo(1);
    }
    assertThat(keyRows(directory)).isEqualTo(2); // tree 2000's: 1003, and 2000
  }

  /**
   * A part of a tree without its root's instance (as a tree split by retention periods is written)
   * numbered in a stored run's gap: checked as possibly written before, found not to be, written.
   */
  @Test
  void shouldWriteAPartOfATreeNumberedInAnotherTreesGap() {
    try (H2HistoryStore store = H2HistoryStore.inMemory()) {
      store.write(1, skipping(Long.MAX_VALUE));
      store.write(
          2,
          List.of(
              doc(
                  HistoryKind.VARIABLE,
                  "1003",
                  2000,
                  2000,
                  Long.MAX_VALUE,
                  variable(1003, 2000, "reviewer", "\"王芳\""))));

      assertThat(store.exportedPosition()).isEqualTo(2);
      assertThat(store.writes()).containsExactly(1, 1); // refused as inserted, written replacing
      assertThat(store.get(HistoryKind.VARIABLE, "1003"))
          .get()
          .extracting(VariableRecord::processInstanceKey)
          .isEqualTo(2000L);
      assertThat(store.ofProcessInstance(HistoryKind.VARIABLE, 1000)).hasSize(2);
      assertThat(store.count(HistoryKind.VARIABLE)).isEqualTo(3);
    }
  }

  /**
   * A store written before runs and Smile has one row per number (no last) and bodies in JSON text:
   * each record is found and read as before.
   */
  @Test
  void shouldFindTheNumbersAnEarlierVersionKeptOneByOne(@TempDir Path directory) throws Exception {
    try (H2HistoryStore store = H2HistoryStore.open(directory)) {
      store.write(1, skipping(Long.MAX_VALUE));
    }
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:h2:file:" + directory.toAbsolutePath().resolve("history"), "civicflow", "");
        java.sql.Statement s = c.createStatement()) {
      s.execute("CREATE TABLE RUN AS SELECT TREE_ID FROM TREE_KEYS");
      s.execute("DELETE FROM TREE_KEYS");
      s.execute(
          "INSERT INTO TREE_KEYS (NUMBER, TREE_ID) SELECT X, TREE_ID FROM RUN,"
              + " SYSTEM_RANGE(1000, 1005) WHERE X <> 1003");
      s.execute("DROP TABLE RUN");
      // and its bodies were JSON text
      try (java.sql.ResultSet r = s.executeQuery("SELECT ID, BODY FROM HISTORY_TREES");
          PreparedStatement text =
              c.prepareStatement("UPDATE HISTORY_TREES SET BODY = ? WHERE ID = ?")) {
        while (r.next()) {
          byte[] body = r.getBytes(2);
          assertThat(H2HistoryTrees.smile(body)).isTrue();
          text.setBytes(1, Json.MAPPER.writeValueAsBytes(Json.SMILE.readTree(body)));
          text.setLong(2, r.getLong(1));
          text.executeUpdate();
        }
      }
    }
    assertThat(keyRows(directory)).isEqualTo(5);
    try (H2HistoryStore store = H2HistoryStore.open(directory)) {
      for (String key : List.of("1001", "1004")) {
        assertThat(store.get(HistoryKind.ELEMENT_INSTANCE, key)).as(key).isPresent();
      }
      assertThat(store.get(HistoryKind.VARIABLE, "1005")).isPresent();
      assertThat(store.ofProcessInstance(HistoryKind.VARIABLE, 1000)).hasSize(2);
      // written again, it replaces itself: the old rows are taken out, one run put in
      store.write(2, skipping(Long.MAX_VALUE));
      assertThat(store.writes()).containsExactly(0, 1);
      assertThat(store.count(HistoryKind.VARIABLE)).isEqualTo(2);
    }
    assertThat(keyRows(directory)).isEqualTo(1);
  }

  private static List<HistoryDocument> withCorrelation(
      List<HistoryDocument> tree, long root, long message) {
    List<HistoryDocument> docs = new ArrayList<>(tree);
    docs.add(
        doc(
            HistoryKind.CORRELATED_MESSAGE,
            "7:" + message,
            root,
            root,
            Long.MAX_VALUE,
            new CorrelatedMessageSubscriptionRecord(
                7,
                message,
                "申请",
                null,
                1_000,
                "start",
                root + 3,
                "bidding",
                7,
                root,
                "<default>")));
    return docs;
  }
}
