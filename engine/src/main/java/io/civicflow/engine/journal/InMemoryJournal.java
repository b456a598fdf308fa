package io.civicflow.engine.journal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A journal that lives as long as the JVM: for tests and throw-away runs. */
public final class InMemoryJournal implements Journal {

  private final List<byte[]> records = new ArrayList<>();

  @Override
  public synchronized void append(List<byte[]> newRecords) {
    records.addAll(newRecords);
  }

  @Override
  public synchronized void replay(Consumer<byte[]> consumer) {
    records.forEach(consumer);
  }

  @Override
  public synchronized void reset() {
    records.clear();
  }

  @Override
  public void close() {}
}
