package io.civicflow.engine.history;

/**
 * How the export of history to the {@link HistoryStore} stands (the management endpoint's {@code
 * historyExport}): how many ended root instances wait in the heap because the store refused them,
 * since when (engine clock, epoch milliseconds; -1 when none waits), whether the store refuses
 * writes now, and its last error; and why the last read of the store failed ({@code null} when it
 * succeeded: searches that need history are answered 503 meanwhile).
 */
public record HistoryExportStatus(
    int pendingRoots, long oldestPendingSince, boolean failing, String error, String readError) {

  public HistoryExportStatus(
      int pendingRoots, long oldestPendingSince, boolean failing, String error) {
    this(pendingRoots, oldestPendingSince, failing, error, null);
  }

  public HistoryExportStatus withReadError(String readError) {
    return new HistoryExportStatus(pendingRoots, oldestPendingSince, failing, error, readError);
  }
}
