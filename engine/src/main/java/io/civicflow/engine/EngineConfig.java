package io.civicflow.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;

/**
 * How an engine instance is set up.
 *
 * @param dataDirectory where the journal lives; {@code null} keeps everything in memory (tests only)
 * @param clockControlled whether the clock may be pinned and moved (Camunda's {@code zeebe.clock.controlled})
 * @param purgeEnabled whether {@code purge} may delete all data (for test runtimes)
 * @param defaultLongPollTimeout how long job activation waits when the request says 0
 * @param systemTime the real time source the engine clock starts from (the only place system time enters)
 */
public record EngineConfig(
    Path dataDirectory,
    boolean clockControlled,
    boolean purgeEnabled,
    Duration defaultLongPollTimeout,
    InstantSource systemTime) {

  public static EngineConfig inMemory() {
    return new EngineConfig(null, true, true, Duration.ofSeconds(10), InstantSource.system());
  }

  public static EngineConfig durable(Path dataDirectory) {
    return new EngineConfig(dataDirectory, false, false, Duration.ofSeconds(10), InstantSource.system());
  }

  public EngineConfig withClockControlled(boolean controlled) {
    return new EngineConfig(dataDirectory, controlled, purgeEnabled, defaultLongPollTimeout, systemTime);
  }

  public EngineConfig withPurgeEnabled(boolean enabled) {
    return new EngineConfig(dataDirectory, clockControlled, enabled, defaultLongPollTimeout, systemTime);
  }
}
