package io.civicflow.engine.history;

/**
 * How the export of history to the {@link HistoryStore} stands (the management endpoint's {@code
 * historyExport}): how many ended root instances wait in the heap because the store refused them,
 * since when (engine clock, epoch milliseconds; -1 when none waits), whether the store refuses
 * writes now, and its last error.
 */
public record HistoryExportStatus(
    int pendingRoots, long oldestPendingSince, boolean failing, String error) {}
