package io.civicflow.workers.registry;

import java.util.List;

/**
 * The outreach record (外展走访; DOMAIN.md §4): the port the {@code outreach.*} workers write through.
 *
 * <p><b>Idempotent by entry id:</b> recording an id that is already recorded returns the recorded
 * entry and records nothing new. Nothing is deleted. Safe for concurrent use; an implementation
 * that cannot reach its store throws, so the job fails and is retried.
 */
public interface OutreachRecords {

  /** Records {@code entry}, or returns the entry already recorded under its id. */
  OutreachEntry record(OutreachEntry entry);

  /** The events of one resident's roster place, oldest first; empty if none. */
  List<OutreachEntry> historyOf(String rosterNo);
}
