package io.civicflow.engine.journal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/** A journal that lives as long as the JVM: for tests and throw-away runs. */
public final class InMemoryJournal implements Journal {

  /** Segments by first position; the first one starts at MIN_VALUE (unknown). */
  private final TreeMap<Long, List<byte[]>> segments =
      new TreeMap<>(Map.of(Long.MIN_VALUE, new ArrayList<>()));

  private final int maxRecordBytes;

  public InMemoryJournal() {
    this(DEFAULT_MAX_RECORD_BYTES);
  }

  public InMemoryJournal(int maxRecordBytes) {
    this.maxRecordBytes = maxRecordBytes;
  }

  @Override
  public int maxRecordBytes() {
    return maxRecordBytes;
  }

  @Override
  public synchronized void append(List<byte[]> newRecords) {
    Journal.checkSizes(newRecords, maxRecordBytes);
    segments.lastEntry().getValue().addAll(newRecords);
  }

  @Override
  public synchronized void replay(long fromPosition, Consumer<byte[]> consumer) {
    Long start = segments.floorKey(fromPosition);
    segments
        .tailMap(start == null ? segments.firstKey() : start, true)
        .values()
        .forEach(s -> s.forEach(consumer));
  }

  @Override
  public synchronized void startSegment(long firstPosition) {
    Map.Entry<Long, List<byte[]>> last = segments.lastEntry();
    if (last.getKey() == firstPosition && last.getValue().isEmpty()) {
      return;
    }
    if (firstPosition <= last.getKey()) {
      throw new IllegalArgumentException(
          "a segment must start after " + last.getKey() + ", not at " + firstPosition);
    }
    segments.put(firstPosition, new ArrayList<>());
  }

  @Override
  public synchronized int deleteSegmentsBefore(long position) {
    int deleted = 0;
    while (segments.size() > 1) {
      Long next = segments.higherKey(segments.firstKey());
      if (next > position) {
        break;
      }
      segments.pollFirstEntry();
      deleted++;
    }
    return deleted;
  }

  @Override
  public void close() {}
}
