package io.civicflow.workers.payment;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

/** A test clock that moves one millisecond every time it is read, so each reading is distinct. */
final class SteppingClock implements InstantSource {

  private final Instant start;
  private final AtomicLong readings = new AtomicLong();

  SteppingClock(Instant start) {
    this.start = start;
  }

  @Override
  public Instant instant() {
    return start.plus(Duration.ofMillis(readings.getAndIncrement()));
  }
}
