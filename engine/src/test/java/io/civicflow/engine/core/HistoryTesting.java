package io.civicflow.engine.core;

import io.civicflow.engine.Engine;
import io.civicflow.engine.EngineConfig;
import io.civicflow.engine.history.HistoryStore;
import io.civicflow.engine.query.TieredReadModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.stream.Stream;

/** What the history tests share: a durable engine on a fixed clock, its store, its snapshots. */
final class HistoryTesting {

  private HistoryTesting() {}

  /** A durable engine on {@code data} whose clock stands at {@code now}. */
  static EngineConfig config(Path data, Instant now) {
    return new EngineConfig(data, true, true, Duration.ofSeconds(2), InstantSource.fixed(now));
  }

  static TieredReadModel tiered(Engine engine) {
    return (TieredReadModel) engine.readModel();
  }

  static HistoryStore store(Engine engine) {
    return tiered(engine).runtime().historyStore();
  }

  /** How many snapshot files the engine on {@code data} has written. */
  static long snapshots(Path data) throws Exception {
    Path dir = data.resolve("snapshots");
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".cfs")).count();
    }
  }
}
