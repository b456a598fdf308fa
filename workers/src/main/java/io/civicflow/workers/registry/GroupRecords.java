package io.civicflow.workers.registry;

import java.util.List;

/**
 * The group work record (小组工作; DOMAIN.md §3): the port the {@code groupwork.*} workers write
 * through.
 *
 * <p><b>Idempotent by entry id:</b> recording an id that is already recorded returns the recorded
 * entry and records nothing new. Nothing is deleted. Safe for concurrent use; an implementation
 * that cannot reach its store throws, so the job fails and is retried.
 */
public interface GroupRecords {

  /** Records {@code entry}, or returns the entry already recorded under its id. */
  GroupEntry record(GroupEntry entry);

  /** The steps of one group, oldest first; empty if none. */
  List<GroupEntry> historyOf(String groupNo);
}
