package io.civicflow.engine.processing;

import io.civicflow.engine.event.EventBatch;
import io.civicflow.engine.journal.Journal;
import io.civicflow.engine.query.ReadModelProjection;
import io.civicflow.engine.snapshot.SnapshotStore;
import io.civicflow.engine.state.EngineStateImage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal writer thread: appends the batches the processing thread hands over, many commands
 * per {@code fsync} (group commit), then feeds each batch to the read model and only then runs its
 * side effects (answers, pushes). So an answered command is durable. Purges and snapshot markers
 * split a group: what is before them is flushed first.
 */
final class JournalWriter {

  private static final Logger LOG = LoggerFactory.getLogger(JournalWriter.class);

  /**
   * What the writer does next: write a batch (already encoded; or none) and run its side effects; a
   * purge batch also drops the journal before it; a snapshot marker carries the state copy taken
   * after the batches before it.
   */
  record PendingBatch(
      EventBatch batch,
      byte[] record,
      boolean purge,
      List<Runnable> sideEffects,
      SnapshotMarker snapshot) {
    /** Side effects only, run in order behind the batches before them. */
    static PendingBatch effects(List<Runnable> sideEffects) {
      return new PendingBatch(null, null, false, sideEffects, null);
    }
  }

  record SnapshotMarker(EngineStateImage state, long lastKey) {}

  private final Journal journal;
  private final SnapshotStore snapshotStore;
  private final ReadModelProjection readModel;
  private final SnapshotDirector snapshots;
  private final BooleanSupplier running;
  private final Runnable onFailure;

  /**
   * The batches of one turn of the processing loop at a time, so a command and the job activations
   * it made possible reach the writer together and share one group commit.
   */
  private final BlockingQueue<List<PendingBatch>> toWrite = new LinkedBlockingQueue<>();

  private final Thread thread;

  /**
   * @param running false once the engine stops
   * @param onFailure called when the journal cannot be written: the engine then stops
   */
  JournalWriter(
      Journal journal,
      SnapshotStore snapshotStore,
      ReadModelProjection readModel,
      SnapshotDirector snapshots,
      BooleanSupplier running,
      Runnable onFailure) {
    this.journal = journal;
    this.snapshotStore = snapshotStore;
    this.readModel = readModel;
    this.snapshots = snapshots;
    this.running = running;
    this.onFailure = onFailure;
    this.thread = Partition.daemon("civicflow-journal-writer").newThread(this::writeLoop);
  }

  void start() {
    thread.start();
  }

  /** Who hears of an error that kills the writer thread (an {@code OutOfMemoryError}). */
  void onFatalError(Thread.UncaughtExceptionHandler handler) {
    thread.setUncaughtExceptionHandler(handler);
  }

  boolean isAlive() {
    return thread.isAlive();
  }

  /** Hands one turn's batches over (processing thread). */
  void hand(List<PendingBatch> turn) {
    toWrite.add(turn);
  }

  /**
   * Waits until everything handed over so far is durable and published; false if the writer stopped
   * (or the wait was interrupted) first.
   */
  boolean awaitWritten() {
    CountDownLatch written = new CountDownLatch(1);
    toWrite.add(List.of(PendingBatch.effects(List.of(written::countDown))));
    try {
      while (!written.await(100, TimeUnit.MILLISECONDS)) {
        if (!running.getAsBoolean()) {
          return false;
        }
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  void join(long millis) throws InterruptedException {
    thread.join(millis);
  }

  private void writeLoop() {
    List<PendingBatch> group = new ArrayList<>();
    while (running.getAsBoolean() || !toWrite.isEmpty()) {
      try {
        List<PendingBatch> first = toWrite.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          readModel.retryHistoryExport();
          continue;
        }
        group.addAll(first);
        for (List<PendingBatch> more = toWrite.poll(); more != null; more = toWrite.poll()) {
          group.addAll(more);
        }
        writeGroup(group);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.error(
            "Writing to the journal failed; stopping the engine so nothing unrecorded is acknowledged",
            e);
        onFailure.run();
        group.forEach(p -> p.sideEffects().clear());
        return;
      } finally {
        group.clear();
      }
    }
  }

  /**
   * Writes a group of batches with as few flushes as possible: everything up to a purge or a
   * snapshot marker is appended with one flush, then fed to the read model and answered; then the
   * purge or the snapshot is handled, and the rest of the group after it.
   */
  private void writeGroup(List<PendingBatch> group) {
    int from = 0;
    for (int i = 0; i < group.size(); i++) {
      PendingBatch pending = group.get(i);
      if (pending.purge() || pending.snapshot() != null) {
        flush(group.subList(from, i));
        if (pending.purge()) {
          writePurge(pending);
        } else {
          snapshots.start(pending.snapshot());
        }
        from = i + 1;
      }
    }
    flush(group.subList(from, group.size()));
  }

  private void flush(List<PendingBatch> pendings) {
    List<byte[]> records = new ArrayList<>();
    for (PendingBatch pending : pendings) {
      if (pending.batch() != null) {
        records.add(pending.record());
      }
    }
    journal.append(records);
    snapshots.written(records);
    publish(pendings);
  }

  /**
   * After the batches are durable: the read model (which exports the history that ended in them in
   * one write), then the answers and other side effects, so an answered command's history is
   * searchable.
   */
  private void publish(List<PendingBatch> pendings) {
    List<EventBatch> batches = new ArrayList<>();
    for (PendingBatch pending : pendings) {
      if (pending.batch() != null) {
        batches.add(pending.batch());
      }
    }
    if (!batches.isEmpty()) {
      readModel.apply(batches);
    }
    for (PendingBatch pending : pendings) {
      for (Runnable effect : pending.sideEffects()) {
        try {
          effect.run();
        } catch (RuntimeException e) {
          LOG.warn("A side effect failed after commit", e);
        }
      }
    }
  }

  /**
   * A purge: its batch starts a new segment and is made durable first; only then are the older
   * segments and every snapshot deleted. A crash at any step recovers either the state before the
   * purge or the purged one (a journal that begins with a purge needs nothing before it).
   */
  private void writePurge(PendingBatch pending) {
    long position = pending.batch().position();
    journal.startSegment(position);
    journal.append(List.of(pending.record()));
    journal.deleteSegmentsBefore(position);
    snapshotStore.deleteAll();
    snapshots.purged();
    publish(List.of(pending));
  }
}
