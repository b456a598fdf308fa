package io.civicflow.engine.processing;

import io.civicflow.engine.EngineConfig.SnapshotPolicy;
import io.civicflow.engine.journal.Journal;
import io.civicflow.engine.processing.JournalWriter.PendingBatch;
import io.civicflow.engine.processing.JournalWriter.SnapshotMarker;
import io.civicflow.engine.query.ReadModelImage;
import io.civicflow.engine.query.ReadModelProjection;
import io.civicflow.engine.snapshot.Snapshot;
import io.civicflow.engine.snapshot.SnapshotCodec;
import io.civicflow.engine.snapshot.SnapshotStore;
import io.civicflow.engine.state.EngineState;
import io.civicflow.engine.state.EngineStateImage;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When and how snapshots are taken. The writer counts what it journals since the last snapshot and,
 * after {@code every-records} records or {@code every-megabytes} (but not before half the last
 * snapshot's size), asks for one; the processing thread, between two commands, copies the state (at
 * journal position P) and queues a marker behind P's batch; the writer, reaching it, has fed the
 * read model exactly up to P, copies it and starts a new journal segment at P+1; a background
 * thread writes both copies as one snapshot, then deletes the segments no retained snapshot needs.
 *
 * <p>When the engine stops, a last snapshot is taken the same way if anything was journaled since
 * the previous one and no history export is pending ({@link #requestFinal}), so a start after a
 * stop replays (almost) no journal: the restart's work is bounded by the runtime state, not by how
 * much was processed since the last periodic snapshot. It deletes no journal segment (stopping
 * never compacts the journal; the next periodic snapshot does).
 */
final class SnapshotDirector {

  private static final Logger LOG = LoggerFactory.getLogger(SnapshotDirector.class);

  private final SnapshotPolicy policy;
  private final Journal journal;
  private final SnapshotStore snapshots;
  private final ReadModelProjection readModel;
  private final ExecutorService snapshotWriter =
      Executors.newSingleThreadExecutor(Partition.daemon("civicflow-snapshot"));

  /** Set by the writer when a snapshot is due; read by the processing thread. */
  private volatile boolean due;

  /** Set by the processing thread when it queues a snapshot, cleared when it is written. */
  private volatile boolean inFlight;

  /** Set when the engine stops: completed when the snapshot it asked for is written (or not). */
  private volatile CompletableFuture<Boolean> finalRequested;

  /** The request the snapshot in flight answers, if any. */
  private volatile CompletableFuture<Boolean> finalInFlight;

  // written by the writer thread only (and the start, before the threads)
  private volatile long recordsSinceSnapshot;
  private long bytesSinceSnapshot;
  private volatile long lastSnapshotBytes;

  SnapshotDirector(
      SnapshotPolicy policy,
      Journal journal,
      SnapshotStore snapshots,
      ReadModelProjection readModel) {
    this.policy = policy;
    this.journal = journal;
    this.snapshots = snapshots;
    this.readModel = readModel;
  }

  /** On start: what the recovery replayed after the snapshot counts towards the next one. */
  void recovered(long records, long bytes) {
    recordsSinceSnapshot = records;
    bytesSinceSnapshot = bytes;
  }

  /** Writer thread: records were journaled. */
  void written(List<byte[]> records) {
    for (byte[] record : records) {
      bytesSinceSnapshot += record.length;
    }
    recordsSinceSnapshot += records.size();
    if (recordsSinceSnapshot >= policy.everyRecords()
        || bytesSinceSnapshot >= Math.max(policy.everyBytes(), lastSnapshotBytes / 2)) {
      due = true;
    }
  }

  /** Writer thread: a purge started the journal anew and deleted every snapshot. */
  void purged() {
    recordsSinceSnapshot = 1;
    bytesSinceSnapshot = 0;
    lastSnapshotBytes = 0;
  }

  /**
   * Processing thread, between two commands: if a snapshot is due and none is being written, the
   * marker carrying a copy of the state (at the position of the last committed batch); else null.
   */
  PendingBatch markerIfDue(EngineState state, long lastKey) {
    CompletableFuture<Boolean> last = finalRequested;
    if (!(due || last != null) || inFlight) {
      return null;
    }
    due = false;
    finalRequested = null;
    finalInFlight = last;
    inFlight = true;
    return new PendingBatch(
        null, null, false, List.of(), new SnapshotMarker(EngineStateImage.capture(state), lastKey));
  }

  /**
   * Writer thread, at a marker: every batch before it is durable and in the read model. Copies the
   * read model, starts a new journal segment after the snapshot's position, and hands both copies
   * to the snapshot thread. Nothing is deleted until the snapshot file is durable.
   */
  void start(SnapshotMarker marker) {
    recordsSinceSnapshot = 0;
    bytesSinceSnapshot = 0;
    // the batches flushed between the request and this marker asked again; the counters start over
    due = false;
    long position = marker.state().lastPosition();
    ReadModelImage readModelImage = readModel.image();
    CompletableFuture<Boolean> last = finalInFlight;
    finalInFlight = null;
    long historyPosition = readModel.exportedThrough(position);
    if (historyPosition < 0) {
      LOG.warn(
          "No snapshot at journal position {}: the history store refuses writes, and a snapshot must "
              + "not be ahead of it; the journal keeps every record",
          position);
      inFlight = false;
      if (last != null) {
        last.complete(false);
      }
      return;
    }
    journal.startSegment(position + 1);
    Snapshot snapshot =
        new Snapshot(position, marker.lastKey(), marker.state(), readModelImage, historyPosition);
    snapshotWriter.execute(
        () -> {
          long started = System.nanoTime();
          boolean written = false;
          try {
            // the history exported up to the position leaves with the snapshot: make it durable
            readModel.syncHistory();
            long bytes = snapshots.write(position, out -> SnapshotCodec.write(snapshot, out));
            lastSnapshotBytes = bytes;
            snapshots.retainNewest(policy.retained());
            List<Long> kept = snapshots.positions();
            int deleted =
                kept.isEmpty() || last != null
                    ? 0
                    : journal.deleteSegmentsBefore(kept.get(kept.size() - 1) + 1);
            LOG.info(
                "Snapshot at journal position {} written ({} bytes, {} ms); {} journal segments it covers deleted",
                position,
                bytes,
                (System.nanoTime() - started) / 1_000_000,
                deleted);
            written = true;
          } catch (RuntimeException e) {
            LOG.error(
                "Writing the snapshot at journal position {} failed; the journal keeps every record, and a snapshot "
                    + "is tried again after the next interval",
                position,
                e);
          } finally {
            inFlight = false;
            if (last != null) {
              last.complete(written);
            }
          }
        });
  }

  /**
   * Any thread, when the engine stops (before its threads do): asks the processing thread for a
   * last snapshot if anything was journaled since the previous one. None while history exports are
   * pending (the store refuses writes): the next start replays the journal after the previous
   * snapshot, as before, and exports them. The answer completes with true once it is written, with
   * false if none was taken.
   */
  CompletableFuture<Boolean> requestFinal() {
    if (!policy.onStop()
        || recordsSinceSnapshot == 0
        || readModel.historyExport().pendingRoots() > 0) {
      return CompletableFuture.completedFuture(false);
    }
    CompletableFuture<Boolean> done = new CompletableFuture<>();
    finalRequested = done;
    return done;
  }

  /** How long a stop waits for its last snapshot. */
  private static final long FINAL_SNAPSHOT_SECONDS = 30;

  /**
   * Any thread, when the engine stops (before its threads do): a last snapshot of everything
   * processed so far, taken by the running threads as any other (so a start after this stop replays
   * no journal); waits for it at most {@value #FINAL_SNAPSHOT_SECONDS} s (a paused engine or a slow
   * disk: the next start then replays the journal after the previous snapshot, as after a crash).
   */
  void snapshotBeforeStop(Runnable wakeProcessing) {
    long started = System.nanoTime();
    CompletableFuture<Boolean> done = requestFinal();
    if (done.isDone()) {
      return;
    }
    wakeProcessing.run(); // the processing thread then queues the marker
    try {
      boolean written = done.get(FINAL_SNAPSHOT_SECONDS, TimeUnit.SECONDS);
      LOG.info(
          "Stopping: {} ({} ms)",
          written ? "a last snapshot was written" : "no last snapshot could be written",
          (System.nanoTime() - started) / 1_000_000);
    } catch (java.util.concurrent.TimeoutException e) {
      LOG.warn(
          "Stopping without a last snapshot: none was written within {} s; the next start replays the"
              + " journal after the previous one",
          FINAL_SNAPSHOT_SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      LOG.warn("Stopping without a last snapshot", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Lets a snapshot being written finish (its unfinished file is ignored on the next start). */
  void close() {
    snapshotWriter.shutdown();
    try {
      if (!snapshotWriter.awaitTermination(30, TimeUnit.SECONDS)) {
        LOG.warn(
            "A snapshot was still being written at shutdown; the next start ignores its unfinished file");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
