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

  /**
   * The earliest and the latest instant the clock may show: years 0001 to 9999, the dates ISO-8601
   * (and so every client) can write. Moving or pinning the clock outside is refused.
   */
  public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

  public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

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

  /** Whether the clock may show this instant ({@link #EARLIEST} to {@link #LATEST}). */
  public static boolean isShowable(long epochMilli) {
    return epochMilli >= EARLIEST.toEpochMilli() && epochMilli <= LATEST.toEpochMilli();
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
