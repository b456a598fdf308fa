package io.civicflow.workers.registry;

import java.util.List;

/**
 * The incubation history of organisations (DOMAIN.md §2): the port the {@code incubation.*} and
 * {@code registry.record-incubation-exit} workers write through.
 *
 * <p><b>Idempotent by entry id:</b> recording an id that is already recorded returns the recorded
 * entry and records nothing new. Nothing is deleted. Safe for concurrent use; an implementation
 * that cannot reach its store throws, so the job fails and is retried.
 */
public interface IncubationRecords {

  /** Records {@code entry}, or returns the entry already recorded under its id. */
  IncubationEntry record(IncubationEntry entry);

  /** The history of one organisation, oldest first; empty if none. */
  List<IncubationEntry> historyOf(String orgId);
}
