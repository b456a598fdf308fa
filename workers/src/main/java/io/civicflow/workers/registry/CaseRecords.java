package io.civicflow.workers.registry;

import java.util.List;

/**
 * The case record (DOMAIN.md §3): the port the {@code casework.*} workers write through.
 *
 * <p><b>Idempotent by entry id:</b> recording an id that is already recorded returns the recorded
 * entry and records nothing new. Nothing is deleted. Safe for concurrent use; an implementation
 * that cannot reach its store throws, so the job fails and is retried.
 */
public interface CaseRecords {

  /** Records {@code entry}, or returns the entry already recorded under its id. */
  CaseEntry record(CaseEntry entry);

  /** The steps of one case, oldest first; empty if none. */
  List<CaseEntry> historyOf(String caseNo);
}
