package io.civicflow.engine.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSnapshotStoreTest extends SnapshotStoreContractTest {

  @TempDir Path directory;

  @Override
  protected SnapshotStore open() {
    return new FileSnapshotStore(directory);
  }

  @Test
  void shouldDetectAFlippedByte() throws IOException {
    FileSnapshotStore store = new FileSnapshotStore(directory);
    store.write(5, text("{\"state\":1}"));
    try (RandomAccessFile raf = new RandomAccessFile(store.file(5).toFile(), "rw")) {
      raf.seek(FileSnapshotStore.HEADER_BYTES + 2);
      raf.write('X');
    }
    assertThatThrownBy(() -> store.read(5))
        .isInstanceOf(SnapshotCorruptedException.class)
        .hasMessageContaining("snapshot-00000000000000000005.cfs")
        .hasMessageContaining("checksum mismatch");
  }

  @Test
  void shouldDetectASnapshotCutShort() throws IOException {
    FileSnapshotStore store = new FileSnapshotStore(directory);
    store.write(5, text("{\"state\":1}"));
    try (RandomAccessFile raf = new RandomAccessFile(store.file(5).toFile(), "rw")) {
      raf.setLength(raf.length() - 1);
    }
    assertThatThrownBy(() -> store.read(5))
        .isInstanceOf(SnapshotCorruptedException.class)
        .hasMessageContaining("the header says 11");
  }

  @Test
  void shouldRefuseAnotherFormatVersion() throws IOException {
    FileSnapshotStore store = new FileSnapshotStore(directory);
    store.write(5, text("{}"));
    try (RandomAccessFile raf = new RandomAccessFile(store.file(5).toFile(), "rw")) {
      raf.seek(4);
      raf.writeInt(9);
    }
    assertThatThrownBy(() -> store.read(5))
        .isInstanceOf(SnapshotCorruptedException.class)
        .hasMessageContaining("format version 9");
  }

  @Test
  void shouldLeaveNoTraceOfASnapshotWhoseWriteFailed() {
    FileSnapshotStore store = new FileSnapshotStore(directory);
    assertThatThrownBy(
            () ->
                store.write(
                    5,
                    out -> {
                      out.write('{');
                      throw new IOException("disk full");
                    }))
        .isInstanceOf(UncheckedIOException.class);
    assertThat(store.positions()).isEmpty();
    assertThat(directory.resolve("snapshot-00000000000000000005.cfs.tmp")).doesNotExist();
  }

  @Test
  void shouldDeleteTheTemporaryFileOfAnInterruptedWriteOnOpen() throws IOException {
    Files.writeString(directory.resolve("snapshot-00000000000000000005.cfs.tmp"), "half");
    SnapshotStore store = open();
    assertThat(store.positions()).isEmpty();
    assertThat(directory.resolve("snapshot-00000000000000000005.cfs.tmp")).doesNotExist();
  }

  @Test
  void shouldKeepAQuarantinedSnapshotForInspection() {
    SnapshotStore store = open();
    store.write(5, text("x"));
    store.quarantine(5);
    assertThat(directory.resolve("snapshot-00000000000000000005.cfs.corrupt")).exists();
  }
}
