package io.civicflow.engine.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.civicflow.engine.history.HistoryQuery.HistoryField;
import io.civicflow.engine.history.HistoryQuery.In;
import io.civicflow.engine.query.Records.ProcessInstanceRecord;
import io.civicflow.engine.query.Records.ProcessInstanceState;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the embedded store writes an export: new records are inserted; a key that is there already
 * makes the whole write replace rows instead, with the replaced rows' counts taken back; a write
 * that fails leaves nothing of itself behind and the store keeps taking writes.
 */
class H2HistoryWriterTest {

  private static HistoryDocument instance(long key, ProcessInstanceState state) {
    ProcessInstanceRecord record =
        new ProcessInstanceRecord(
            key,
            7,
            "bidding",
            "招标",
            1,
            null,
            1_000,
            state == ProcessInstanceState.ACTIVE ? null : 2_000L,
            state,
            false,
            "<default>",
            null,
            null,
            List.of());
    return new HistoryDocument(
        HistoryKind.PROCESS_INSTANCE,
        String.valueOf(key),
        key,
        key,
        "bidding",
        2_000,
        Long.MAX_VALUE,
        record);
  }

  private static long count(HistoryStore store, ProcessInstanceState state) {
    return store.count(
        HistoryKind.PROCESS_INSTANCE,
        new HistoryQuery(
            List.of(new In(HistoryField.STATE, List.of(state.name()), false)),
            HistoryField.KEY,
            false));
  }

  @Test
  void shouldInsertNewRecordsAndReplaceOnlyWhenAKeyIsThereAlready() {
    try (H2HistoryStore store = H2HistoryStore.inMemory()) {
      store.write(1, List.of(instance(1, ProcessInstanceState.COMPLETED)));
      store.write(2, List.of(instance(2, ProcessInstanceState.ACTIVE)));
      assertThat(store.writes()).containsExactly(2, 0);

      // record 2 again, now ended, with a new one: one write, replacing
      store.write(
          3,
          List.of(
              instance(2, ProcessInstanceState.TERMINATED),
              instance(3, ProcessInstanceState.COMPLETED)));
      assertThat(store.writes()).containsExactly(2, 1);
      assertThat(store.exportedPosition()).isEqualTo(3);
      assertThat(store.get(HistoryKind.PROCESS_INSTANCE, "2"))
          .get()
          .extracting(ProcessInstanceRecord::state)
          .isEqualTo(ProcessInstanceState.TERMINATED);
      assertThat(store.count(HistoryKind.PROCESS_INSTANCE)).isEqualTo(3);
      assertThat(count(store, ProcessInstanceState.ACTIVE)).isZero();
      assertThat(count(store, ProcessInstanceState.TERMINATED)).isEqualTo(1);
      assertThat(count(store, ProcessInstanceState.COMPLETED)).isEqualTo(2);
    }
  }

  @Test
  void shouldKeepTheLastOfSeveralDocumentsWithOneKeyInAWrite() {
    try (H2HistoryStore store = H2HistoryStore.inMemory()) {
      store.write(
          1,
          List.of(
              instance(5, ProcessInstanceState.ACTIVE),
              instance(5, ProcessInstanceState.COMPLETED)));
      assertThat(store.get(HistoryKind.PROCESS_INSTANCE, "5"))
          .get()
          .extracting(ProcessInstanceRecord::state)
          .isEqualTo(ProcessInstanceState.COMPLETED);
      assertThat(count(store, ProcessInstanceState.ACTIVE)).isZero();
      assertThat(count(store, ProcessInstanceState.COMPLETED)).isEqualTo(1);
    }
  }

  /**
   * The database shut down under the store (as H2 does after a failed write to its file): reads and
   * the next export go to new connections instead of failing until a restart.
   */
  @Test
  void shouldReadAndWriteOnNewConnectionsAfterTheDatabaseWasShutDown(@TempDir Path directory)
      throws Exception {
    try (H2HistoryStore store = H2HistoryStore.open(directory)) {
      store.write(1, List.of(instance(1, ProcessInstanceState.COMPLETED)));
      try (Connection c =
              DriverManager.getConnection(
                  "jdbc:h2:file:"
                      + directory.toAbsolutePath().resolve("history")
                      + ";DB_CLOSE_ON_EXIT=FALSE;CACHE_SIZE="
                      + H2HistoryStore.CACHE_SIZE_KB
                      + ";MAX_LENGTH_INPLACE_LOB="
                      + H2HistoryStore.MAX_LENGTH_INPLACE_LOB,
                  "civicflow",
                  "");
          Statement s = c.createStatement()) {
        s.execute("SHUTDOWN");
      }
      // reads too: on a new pool, not the shut-down database's connections
      assertThat(store.get(HistoryKind.PROCESS_INSTANCE, "1")).isPresent();
      assertThat(count(store, ProcessInstanceState.COMPLETED)).isEqualTo(1);
      store.write(2, List.of(instance(2, ProcessInstanceState.COMPLETED)));
      assertThat(store.exportedPosition()).isEqualTo(2);
      assertThat(count(store, ProcessInstanceState.COMPLETED)).isEqualTo(2);
    }
    try (H2HistoryStore again = H2HistoryStore.open(directory)) {
      assertThat(again.exportedPosition()).isEqualTo(2);
      assertThat(again.get(HistoryKind.PROCESS_INSTANCE, "2")).isPresent();
    }
  }

  /** A store that was closed does not open its database again for a write. */
  @Test
  void shouldRefuseAWriteOnceClosed(@TempDir Path directory) {
    H2HistoryStore store = H2HistoryStore.open(directory);
    store.close();
    assertThatThrownBy(() -> store.write(1, List.of(instance(1, ProcessInstanceState.COMPLETED))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    assertThat(directory.resolve("history.lock.db")).doesNotExist();
  }

  @Test
  void shouldLeaveNothingOfAFailedWriteAndTakeTheNext() {
    try (H2HistoryStore store = H2HistoryStore.inMemory()) {
      store.write(1, List.of(instance(1, ProcessInstanceState.COMPLETED)));
      HistoryDocument tooLongKey =
          new HistoryDocument(
              HistoryKind.VARIABLE, "k".repeat(201), 9, 9, "bidding", 0, Long.MAX_VALUE, "x");
      assertThatThrownBy(
              () ->
                  store.write(2, List.of(instance(2, ProcessInstanceState.COMPLETED), tooLongKey)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("cannot write");
      assertThat(store.exportedPosition()).isEqualTo(1);
      assertThat(store.get(HistoryKind.PROCESS_INSTANCE, "2")).isEmpty();
      assertThat(count(store, ProcessInstanceState.COMPLETED)).isEqualTo(1);

      store.write(2, List.of(instance(2, ProcessInstanceState.COMPLETED)));
      assertThat(store.exportedPosition()).isEqualTo(2);
      assertThat(count(store, ProcessInstanceState.COMPLETED)).isEqualTo(2);
    }
  }
}
