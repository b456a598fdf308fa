package io.civicflow.engine.snapshot;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** Snapshots in memory: for tests and the in-memory engine. */
public final class InMemorySnapshotStore implements SnapshotStore {

  private final TreeMap<Long, byte[]> snapshots = new TreeMap<>();

  @Override
  public synchronized long write(long position, PayloadWriter payload) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      payload.writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    snapshots.put(position, out.toByteArray());
    return out.size();
  }

  @Override
  public synchronized List<Long> positions() {
    return new ArrayList<>(snapshots.descendingKeySet());
  }

  @Override
  public <T> T read(long position, PayloadReader<T> reader) {
    byte[] payload;
    synchronized (this) {
      payload = snapshots.get(position);
    }
    if (payload == null) {
      throw new SnapshotCorruptedException("at position " + position, "there is none");
    }
    try {
      return reader.readFrom(new ByteArrayInputStream(payload));
    } catch (IOException | RuntimeException e) {
      throw new SnapshotCorruptedException(
          "at position " + position, "cannot be read (" + e + ")", e);
    }
  }

  @Override
  public synchronized void quarantine(long position) {
    snapshots.remove(position);
  }

  @Override
  public synchronized void retainNewest(int count) {
    while (snapshots.size() > count) {
      snapshots.pollFirstEntry();
    }
  }

  @Override
  public synchronized void deleteAll() {
    snapshots.clear();
  }

  @Override
  public void close() {}
}
