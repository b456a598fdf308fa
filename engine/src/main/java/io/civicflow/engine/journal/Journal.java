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

  /** The default largest record: 256 MiB. */
  int DEFAULT_MAX_RECORD_BYTES = 256 * 1024 * 1024;

  /**
   * The largest record, in bytes: the writer appends none larger and the reader takes every record
   * up to it. A command whose events would not fit is refused before anything is written.
   */
  int maxRecordBytes();

  /**
   * Appends records to the current segment; when this returns they are durable (one flush for the
   * whole list).
   *
   * @throws RecordTooLargeException if any record is larger than {@link #maxRecordBytes()}; then
   *     none of them is written
   */
  void append(List<byte[]> records);

  /**
   * @throws RecordTooLargeException if a record is larger than {@code maxRecordBytes}
   */
  static void checkSizes(List<byte[]> records, int maxRecordBytes) {
    for (byte[] record : records) {
      if (record.length > maxRecordBytes) {
        throw new RecordTooLargeException(record.length, maxRecordBytes);
      }
    }
  }

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
