package io.civicflow.engine.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What every snapshot store must do; run against each implementation by a subclass. */
abstract class SnapshotStoreContractTest {

  /** A store over the same storage each time it is called (a "restart" for durable ones). */
  protected abstract SnapshotStore open();

  protected static SnapshotStore.PayloadWriter text(String s) {
    return out -> out.write(s.getBytes(StandardCharsets.UTF_8));
  }

  protected static String read(SnapshotStore store, long position) {
    return store.read(position, in -> new String(in.readAllBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void shouldReadBackWhatWasWrittenNewestFirst() {
    SnapshotStore store = open();
    assertThat(store.write(10, text("ten"))).isEqualTo(3);
    store.write(20, text("twenty"));
    assertThat(store.positions()).containsExactly(20L, 10L);
    assertThat(read(store, 10)).isEqualTo("ten");
    assertThat(read(store, 20)).isEqualTo("twenty");
    store.close();
  }

  @Test
  void shouldKeepOnlyTheNewest() {
    SnapshotStore store = open();
    store.write(1, text("a"));
    store.write(2, text("b"));
    store.write(3, text("c"));
    store.retainNewest(2);
    assertThat(store.positions()).containsExactly(3L, 2L);
    store.deleteAll();
    assertThat(store.positions()).isEmpty();
    store.close();
  }

  @Test
  void shouldNoLongerListAQuarantinedSnapshot() {
    SnapshotStore store = open();
    store.write(1, text("a"));
    store.write(2, text("b"));
    store.quarantine(2);
    assertThat(store.positions()).containsExactly(1L);
    store.close();
  }

  @Test
  void shouldRefuseToReadASnapshotThatIsNotThere() {
    SnapshotStore store = open();
    assertThatThrownBy(() -> read(store, 7)).isInstanceOf(SnapshotCorruptedException.class);
    store.close();
  }
}
