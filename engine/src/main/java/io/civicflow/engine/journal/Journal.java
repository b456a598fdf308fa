package io.civicflow.engine.journal;

import java.util.List;
import java.util.function.Consumer;

/**
 * Where accepted commands' events are kept. One record per processed command; records come back in
 * the order they were appended. Implementations: {@link FileJournal} (durable) and {@link
 * InMemoryJournal}; both pass {@code JournalContractTest}.
 */
public interface Journal extends AutoCloseable {

  /** Appends records; when this returns they are durable (one flush for the whole list). */
  void append(List<byte[]> records);

  /** Feeds every record, oldest first, to the consumer. */
  void replay(Consumer<byte[]> consumer);

  /** Deletes every record (purge). */
  void reset();

  @Override
  void close();
}
