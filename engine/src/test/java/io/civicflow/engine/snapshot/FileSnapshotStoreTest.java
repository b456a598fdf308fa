package io.civicflow.engine.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSnapshotStoreTest extends SnapshotStoreContractTest {

  @TempDir Path directory;

  @Override
  protected SnapshotStore open() {
    return new FileSnapshotStore(directory);
  }

  /**
   * Issue 19: a snapshot over 2 GiB was written but could never be read back ({@code
   * Files.readAllBytes}). This one is 2 GiB and 100 bytes of zeros (a sparse file: the zeros take
   * no disk), read through the same streaming path the engine's recovery uses.
   */
  @Test
  void shouldReadAPayloadLargerThanAnyArray() throws IOException {
    long length = (1L << 31) + 100;
    CRC32C crc = new CRC32C();
    byte[] zeros = new byte[1 << 20];
    for (long left = length; left > 0; left -= zeros.length) {
      crc.update(zeros, 0, (int) Math.min(left, zeros.length));
    }
    FileSnapshotStore store = new FileSnapshotStore(directory);
    try (RandomAccessFile raf = new RandomAccessFile(store.file(9).toFile(), "rw")) {
      raf.write(
          ByteBuffer.allocate(FileSnapshotStore.HEADER_BYTES)
              .putInt(FileSnapshotStore.MAGIC)
              .putInt(FileSnapshotStore.FORMAT_VERSION)
              .putLong(9)
              .putLong(length)
              .putInt((int) crc.getValue())
              .array());
      raf.setLength(FileSnapshotStore.HEADER_BYTES + length);
    }

    long read =
        store.read(
            9,
            in -> {
              long count = 0;
              byte[] buffer = new byte[1 << 16];
              for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                count += n;
              }
              return count;
            });

    assertThat(read).isEqualTo(length);
  }

  @Test
  void shouldCheckTheWholePayloadEvenWhenTheReaderStopsEarly() throws IOException {
    FileSnapshotStore store = new FileSnapshotStore(directory);
    store.write(5, text("{\"state\":1}   trailing"));
    try (RandomAccessFile raf = new RandomAccessFile(store.file(5).toFile(), "rw")) {
      raf.seek(raf.length() - 1);
      raf.write('X');
    }
    assertThatThrownBy(() -> store.read(5, in -> in.read()))
        .isInstanceOf(SnapshotCorruptedException.class)
        .hasMessageContaining("checksum mismatch");
  }

  @Test
  void shouldReportAPayloadItsReaderCannotDecode() {
    FileSnapshotStore store = new FileSnapshotStore(directory);
    store.write(5, text("{\"state\":"));
    assertThatThrownBy(
            () ->
                store.read(
                    5,
                    in -> {
                      throw new IOException("unexpected end of input");
                    }))
        .isInstanceOf(SnapshotCorruptedException.class)
        .hasMessageContaining("cannot be decoded")
        .hasMessageContaining("unexpected end of input");
  }

  @Test
  void shouldDetectAFlippedByte() throws IOException {
    FileSnapshotStore store = new FileSnapshotStore(directory);
    store.write(5, text("{\"state\":1}"));
    try (RandomAccessFile raf = new RandomAccessFile(store.file(5).toFile(), "rw")) {
      raf.seek(FileSnapshotStore.HEADER_BYTES + 2);
      raf.write('X');
    }
    assertThatThrownBy(() -> read(store, 5))
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
    assertThatThrownBy(() -> read(store, 5))
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
    assertThatThrownBy(() -> read(store, 5))
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
