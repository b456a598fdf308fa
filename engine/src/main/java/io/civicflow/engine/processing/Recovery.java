package io.civicflow.engine.processing;

import io.civicflow.engine.event.EngineEvent;
import io.civicflow.engine.event.EngineEvent.Purged;
import io.civicflow.engine.event.EventBatch;
import io.civicflow.engine.journal.Journal;
import io.civicflow.engine.json.Json;
import io.civicflow.engine.model.ExecutableProcess;
import io.civicflow.engine.processing.Partition.RecoveryReport;
import io.civicflow.engine.query.ReadModelProjection;
import io.civicflow.engine.snapshot.Snapshot;
import io.civicflow.engine.snapshot.SnapshotCodec;
import io.civicflow.engine.snapshot.SnapshotStore;
import io.civicflow.engine.state.EngineState;
import io.civicflow.engine.state.EngineStateImage;
import io.civicflow.engine.state.EventApplier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilding the state: on start from the newest usable snapshot and the journal after it (the read
 * model too), and after a command failed part-way from the base image and the journal after it (the
 * state only; the read model never saw the failed command). The base is the state of the loaded or
 * the last taken snapshot, kept in memory (immutable), or none: the empty state.
 */
final class Recovery {

  private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

  private final Journal journal;
  private final SnapshotStore snapshots;
  private final ReadModelProjection readModel;
  private final EngineState state;
  private final EventApplier applier;
  private final EventApplier.ProcessParser parser;
  private final KeyGenerator keys;
  private final Map<Long, ExecutableProcess> catalog;

  /** Processing thread only (and the start). */
  private EngineStateImage base;

  Recovery(
      Journal journal,
      SnapshotStore snapshots,
      ReadModelProjection readModel,
      EngineState state,
      EventApplier applier,
      EventApplier.ProcessParser parser,
      KeyGenerator keys,
      Map<Long, ExecutableProcess> catalog) {
    this.journal = journal;
    this.snapshots = snapshots;
    this.readModel = readModel;
    this.state = state;
    this.applier = applier;
    this.parser = parser;
    this.keys = keys;
    this.catalog = catalog;
  }

  /**
   * Loads the newest usable snapshot (an unusable one is logged, moved aside, and the next older
   * one tried), then replays the journal after it. Without a usable snapshot the whole journal is
   * replayed; if the journal no longer reaches back far enough for that, start-up stops: the engine
   * never starts on a state with acknowledged records missing.
   *
   * @param snapshotDirector told how much journal was replayed (it counts towards the next
   *     snapshot)
   */
  RecoveryReport recover(SnapshotDirector snapshotDirector) {
    long started = System.nanoTime();
    Long loaded = null;
    List<String> unusable = new ArrayList<>();
    for (long position : snapshots.positions()) {
      try {
        long reading = System.nanoTime();
        Snapshot snapshot = snapshots.read(position, SnapshotCodec::read);
        long read = System.nanoTime();
        if (snapshot.position() != position) {
          throw new IllegalStateException("its payload says position " + snapshot.position());
        }
        snapshot.state().restoreInto(state, parser);
        readModel.restore(snapshot.readModel());
        readModel.restoredAt(
            position, snapshot.historyPosition() == null ? 0 : snapshot.historyPosition());
        keys.resume(snapshot.lastKey());
        loaded = position;
        base = snapshot.state();
        LOG.info(
            "Loaded the snapshot at journal position {} in {} ms (read and decoded in {} ms): {} element"
                + " instances, {} jobs, {} read-model records",
            position,
            (System.nanoTime() - reading) / 1_000_000,
            (read - reading) / 1_000_000,
            state.elementInstances().size(),
            state.jobCount(),
            snapshot.readModel().recordCount());
        break;
      } catch (RuntimeException | OutOfMemoryError e) {
        unusable.add(position + " (" + e.getMessage() + ")");
        LOG.error(
            "The snapshot at journal position {} is unusable ({}); it is moved aside (.corrupt) and the engine "
                + "falls back to an older snapshot or the full journal",
            position,
            e.getMessage());
        snapshots.quarantine(position);
        EngineStateImage.reset(state);
        readModel.reset();
        catalog.clear();
      }
    }
    long replaying = System.nanoTime();
    long[] replayed = replay(loaded == null ? 1 : loaded + 1, true, unusable);
    snapshotDirector.recovered(replayed[0], replayed[1]);
    long millis = (System.nanoTime() - started) / 1_000_000;
    if (loaded != null || replayed[0] > 0) {
      LOG.info(
          "Recovered in {} ms from {}: {} journal records ({} bytes) replayed in {} ms; {} element"
              + " instances and {} jobs are active",
          millis,
          loaded == null ? "the full journal" : "the snapshot at position " + loaded,
          replayed[0],
          replayed[1],
          (System.nanoTime() - replaying) / 1_000_000,
          state.elementInstances().size(),
          state.jobCount());
    }
    return new RecoveryReport(loaded, replayed[0], millis);
  }

  /** A snapshot was taken (or a purge emptied everything: {@code null}): the new base. */
  void rebase(EngineStateImage image) {
    base = image;
  }

  /**
   * After a command failed part-way, once everything accepted before it is durable: the state
   * rebuilt from the base and the journal after it.
   */
  void restoreState() {
    long started = System.nanoTime();
    if (base == null) {
      EngineStateImage.reset(state);
    } else {
      base.restoreInto(state, parser);
    }
    long[] replayed = replay(base == null ? 1 : base.lastPosition() + 1, false, List.of());
    LOG.warn(
        "State restored to journal position {} ({} records replayed after the base, {} ms)",
        state.lastPosition(),
        replayed[0],
        (System.nanoTime() - started) / 1_000_000);
  }

  /**
   * Replays the journal from a position into the state (and, on start, into the read model too);
   * answers the number of records and bytes replayed. The journal must continue exactly at {@code
   * from} (or with a purge): otherwise acknowledged records would be missing, and this stops.
   */
  private long[] replay(long from, boolean intoReadModel, List<String> unusableSnapshots) {
    long[] expected = {from};
    long[] replayed = {0, 0};
    journal.replay(
        from,
        bytes -> {
          EventBatch batch = decode(bytes);
          if (batch.position() < expected[0]) {
            return; // in the snapshot already
          }
          boolean purge = !batch.events().isEmpty() && batch.events().get(0) instanceof Purged;
          if (batch.position() > expected[0] && !purge) {
            throw new IllegalStateException(
                "Cannot recover: the engine state is at journal position "
                    + (expected[0] - 1)
                    + " but the journal continues at position "
                    + batch.position()
                    + ", so acknowledged records would be "
                    + "missing. "
                    + (unusableSnapshots.isEmpty()
                        ? ""
                        : "Unusable snapshots: " + unusableSnapshots + ". ")
                    + "Nothing was changed; restore the data directory from a backup.");
          }
          for (EngineEvent event : batch.events()) {
            applier.apply(event);
          }
          state.lastPositionResume(batch.position());
          if (intoReadModel) {
            keys.resume(batch.lastKey());
            readModel.apply(batch);
          }
          expected[0] = batch.position() + 1;
          replayed[0]++;
          replayed[1] += bytes.length;
        });
    return replayed;
  }

  private static EventBatch decode(byte[] bytes) {
    try {
      return Json.MAPPER.readValue(bytes, EventBatch.class);
    } catch (IOException e) {
      throw new UncheckedIOException("a journal record cannot be decoded", e);
    }
  }
}
