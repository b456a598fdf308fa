package io.civicflow.workers.registry;

import java.time.Instant;
import java.util.Objects;

/**
 * A service provider in the register (DOMAIN.md §5): an organisation that may bid in procurement
 * rounds. Graduates of the incubation pipeline enter here (DOMAIN.md §2: "the two pipelines meet in
 * the provider registry").
 *
 * @param orgId the organisation's id, also the idempotency key: one entry per organisation
 * @param name the organisation's name
 * @param field its field of service (为老、青少年、…), may be null
 * @param source how it entered the register, e.g. {@link #INCUBATION}
 * @param registeredAt when it was registered, from the job's {@code now}
 */
public record ProviderEntry(
    String orgId, String name, String field, String source, Instant registeredAt) {

  /** Entered on graduating from the station's incubation (成长出壳). */
  public static final String INCUBATION = "INCUBATION";

  public ProviderEntry {
    Objects.requireNonNull(orgId, "orgId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(registeredAt, "registeredAt");
  }
}
