package io.civicflow.engine.snapshot;

import java.io.IOException;
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

  /**
   * The payload of the snapshot at {@code position}, checked (format version, position, length,
   * checksum).
   *
   * @throws SnapshotCorruptedException if it is damaged or of another format version
   */
  byte[] read(long position);

  /** Moves an unusable snapshot out of the way (kept for inspection, never listed again). */
  void quarantine(long position);

  /** Deletes all but the {@code count} newest snapshots. */
  void retainNewest(int count);

  /** Deletes every snapshot (purge). */
  void deleteAll();

  @Override
  void close();
}
