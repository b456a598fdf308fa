package io.civicflow.engine.clock;

import java.time.Instant;
import java.time.InstantSource;

/**
 * The one clock of the engine. Every due date, timestamp and timeout is read here. Real time comes
 * from the injected source; tests move the clock by an offset or pin it. Changes are made only by
 * the command processor when it applies a clock event, so a replayed journal restores the same
 * clock.
 */
public final class EngineClock implements InstantSource {

  private final InstantSource systemTime;
  private volatile long offsetMillis;
  private volatile Long pinnedMillis;

  public EngineClock(InstantSource systemTime) {
    this.systemTime = systemTime;
  }

  @Override
  public long millis() {
    Long pinned = pinnedMillis;
    return pinned != null ? pinned : systemTime.millis() + offsetMillis;
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }

  /** Applied from a clock event: offset added to real time, or a pinned instant (null to unpin). */
  public void set(long offsetMillis, Long pinnedMillis) {
    this.offsetMillis = offsetMillis;
    this.pinnedMillis = pinnedMillis;
  }

  public long offsetMillis() {
    return offsetMillis;
  }

  public Long pinnedMillis() {
    return pinnedMillis;
  }
}
