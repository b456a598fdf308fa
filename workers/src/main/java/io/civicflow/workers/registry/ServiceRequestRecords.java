package io.civicflow.workers.registry;

import java.util.List;

/**
 * The record of residents' service requests (DOMAIN.md §4): the port the {@code dispatch.*} workers
 * write through.
 *
 * <p><b>Idempotent by entry id:</b> recording an id that is already recorded returns the recorded
 * entry and records nothing new. Nothing is deleted. Safe for concurrent use; an implementation
 * that cannot reach its store throws, so the job fails and is retried.
 */
public interface ServiceRequestRecords {

  /** Records {@code entry}, or returns the entry already recorded under its id. */
  ServiceRequestEntry record(ServiceRequestEntry entry);

  /** The events of one request, oldest first; empty if none. */
  List<ServiceRequestEntry> historyOf(String orderNo);
}
