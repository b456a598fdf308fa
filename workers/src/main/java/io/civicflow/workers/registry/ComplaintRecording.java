package io.civicflow.workers.registry;

import java.util.Objects;

/**
 * Records the outcome of a complaint in the provider register (Shanghai: complaint channel;
 * DOMAIN.md §5: complaints feed the provider's rating) and counts the upheld complaints of the
 * contract. The count is per contract, because it is a variable of that contract's process; the
 * register keeps every complaint per provider for the rating.
 */
public final class ComplaintRecording {

  private final ProviderRegistry registry;

  public ComplaintRecording(ProviderRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  /** Records {@code entry} (idempotent by its id); returns the contract's upheld complaints. */
  public long record(ComplaintEntry entry) {
    registry.recordComplaint(entry);
    return registry.complaintsAbout(entry.providerOrgId()).stream()
        .filter(ComplaintEntry::upheld)
        .filter(c -> Objects.equals(c.contractNo(), entry.contractNo()))
        .count();
  }
}
