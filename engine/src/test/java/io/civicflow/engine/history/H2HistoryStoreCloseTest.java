package io.civicflow.engine.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Closing the store shuts its database down cleanly: no error trace, and it opens again. */
class H2HistoryStoreCloseTest {

  @TempDir Path directory;

  @Test
  void shouldCloseWithoutLeavingAnErrorTrace() throws Exception {
    for (int i = 1; i <= 2; i++) {
      H2HistoryStore store = H2HistoryStore.open(directory);
      assertThat(store.exportedPosition()).isEqualTo(i - 1);
      store.write(i, List.of());
      store.close();
    }
    Path trace = directory.resolve("history.trace.db");
    String written = Files.exists(trace) ? Files.readString(trace) : "";
    assertThat(written).doesNotContain("Database is already closed").doesNotContain("Exception");
    try (H2HistoryStore again = H2HistoryStore.open(directory)) {
      assertThat(again.exportedPosition()).isEqualTo(2);
    }
  }
}
