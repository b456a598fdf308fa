package io.civicflow.engine.processing;

/**
 * Makes keys as Zeebe does for partition 1: the partition id in the top bits ({@code 1 << 51}) plus
 * a counter, so keys look like {@code 2251799813685249}. Resumed from the journal on restart.
 */
final class KeyGenerator {

  static final long PARTITION_BASE = 1L << 51;

  private long last;

  KeyGenerator(long last) {
    this.last = Math.max(last, PARTITION_BASE);
  }

  long next() {
    return ++last;
  }

  long last() {
    return last;
  }

  void resume(long lastKey) {
    last = Math.max(last, lastKey);
  }
}
