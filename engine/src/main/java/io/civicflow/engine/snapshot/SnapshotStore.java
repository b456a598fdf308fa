package io.civicflow.engine.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * Where snapshots are kept: each one the payload of the engine at a journal position, written
 * atomically (all of it or nothing) and read back only if intact. Implementations: {@link
 * FileSnapshotStore} and {@link InMemorySnapshotStore}; both pass {@code
 * SnapshotStoreContractTest}.
 */
public interface SnapshotStore extends AutoCloseable {

  /** Streams a payload to the store. */
  @FunctionalInterface
  interface PayloadWriter {
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Writes the snapshot at {@code position}; when this returns it is durable, or it is not there at
   * all.
   *
   * @return the payload's size in bytes
   */
  long write(long position, PayloadWriter payload);

  /** The positions of the snapshots kept, newest first. */
  List<Long> positions();

  /** Reads a payload from the store as it streams by. */
  @FunctionalInterface
  interface PayloadReader<T> {
    T readFrom(InputStream in) throws IOException;
  }

  /**
   * Reads the snapshot at {@code position}, streaming its payload (of any size) through {@code
   * reader}, and returns what the reader made of it once the whole payload is checked (format
   * version, position, length, checksum).
   *
   * @throws SnapshotCorruptedException if it is damaged, of another format version, or the reader
   *     cannot read it
   */
  <T> T read(long position, PayloadReader<T> reader);

  /** Moves an unusable snapshot out of the way (kept for inspection, never listed again). */
  void quarantine(long position);

  /** Deletes all but the {@code count} newest snapshots. */
  void retainNewest(int count);

  /** Deletes every snapshot (purge). */
  void deleteAll();

  @Override
  void close();
}
