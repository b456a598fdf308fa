package io.civicflow.engine.history;

import java.nio.file.Path;

/**
 * Opens the engine's {@link HistoryStore} when the engine starts (the engine closes it). The
 * default is the embedded {@link H2HistoryStore}; an application passes another (Elasticsearch in
 * the CivicFlow application) through {@code EngineConfig.withHistoryStore}.
 */
@FunctionalInterface
public interface HistoryStoreFactory {

  /** The embedded store: in {@code <data-dir>/history/}, in memory without a data directory. */
  HistoryStoreFactory EMBEDDED =
      dataDirectory ->
          dataDirectory == null
              ? H2HistoryStore.inMemory()
              : H2HistoryStore.open(dataDirectory.resolve("history"));

  /**
   * @param dataDirectory the engine's data directory, {@code null} for an engine in memory
   */
  HistoryStore open(Path dataDirectory);
}
