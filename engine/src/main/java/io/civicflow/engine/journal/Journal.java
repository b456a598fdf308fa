package io.civicflow.engine.journal;

import java.util.List;
import java.util.function.Consumer;

/**
 * Where accepted commands' events are kept. One record per processed command; records come back in
 * the order they were appended. The journal is a sequence of segments; the partition starts a new
 * one where it takes a snapshot, so the segments a snapshot covers can be deleted whole once it is
 * durable. Records are opaque here: the caller knows their positions (one per record, increasing by
 * one) and tells the journal the first position of each segment. Implementations: {@link
 * FileJournal} (durable) and {@link InMemoryJournal}; both pass {@code JournalContractTest}.
 */
public interface Journal extends AutoCloseable {

  /**
   * Appends records to the current segment; when this returns they are durable (one flush for the
   * whole list).
   */
  void append(List<byte[]> records);

  /** Feeds every record, oldest first, to the consumer. */
  default void replay(Consumer<byte[]> consumer) {
    replay(Long.MIN_VALUE, consumer);
  }

  /**
   * Feeds the records from the segment that holds {@code fromPosition} on, oldest first. Records of
   * that segment before {@code fromPosition} are fed too: the caller skips them by their position.
   */
  void replay(long fromPosition, Consumer<byte[]> consumer);

  /**
   * Closes the current segment and starts a new one whose first record will have {@code
   * firstPosition}. Durable when this returns. A no-op if the current segment is empty and starts
   * there already.
   */
  void startSegment(long firstPosition);

  /**
   * Deletes the closed segments that hold only records before {@code position} (those whose next
   * segment starts at or before it). The current segment is never deleted.
   *
   * @return how many segments were deleted
   */
  int deleteSegmentsBefore(long position);

  @Override
  void close();
}
