package io.civicflow.workers.registry;

import io.civicflow.workers.calendar.ProcessTime;
import io.civicflow.workers.registry.IncubationEntry.Kind;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;

/**
 * Where the incubation pipeline meets the provider register (DOMAIN.md §2, §5): a graduate becomes a
 * provider that can bid in procurement rounds, and is visited 3 and 6 months later (Suzhou
 * "扶上马再送一程"); an organisation that exits is recorded with its exit.
 */
public final class ProviderRegistration {

  /** Months after graduation at which the station visits the new provider. */
  static final List<Integer> FOLLOW_UP_MONTHS = List.of(3, 6);

  private final ProviderRegistry registry;

  public ProviderRegistration(ProviderRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  /**
   * Registers the graduate (idempotent by orgId: a retried job, or a second graduation, keeps the
   * first registration) and plans the follow-up visits at 09:00 on the day 3 and 6 months later.
   */
  public Graduation registerGraduate(
      String orgId, String organisationName, String field, ZonedDateTime now) {
    if (orgId == null || orgId.isBlank()) {
      throw new IllegalArgumentException("registry.register-provider needs the orgId");
    }
    ProviderEntry provider =
        registry.registerProvider(
            new ProviderEntry(
                orgId, organisationName, field, ProviderEntry.INCUBATION, now.toInstant()));
    ZonedDateTime registeredAt = provider.registeredAt().atZone(ProcessTime.ZONE);
    return new Graduation(
        ProcessTime.format(registeredAt),
        FOLLOW_UP_MONTHS.stream()
            .map(
                months ->
                    ProcessTime.format(
                        ProcessTime.at(
                            registeredAt.toLocalDate().plusMonths(months),
                            ProcessTime.START_OF_WORKING_DAY)))
            .toList());
  }

  /** Records the exit once per organisation, under {@code incubation-exit:<orgId>}. */
  public IncubationEntry recordExit(String orgId, String notes, ZonedDateTime now) {
    return registry.recordIncubation(
        new IncubationEntry(
            "incubation-exit:" + orgId, orgId, Kind.EXIT, null, notes, now.toInstant()));
  }

  /**
   * @param providerRegisteredAt ISO-8601 with offset
   * @param followUpDates the follow-up visits, ISO-8601 with offset, in order
   */
  public record Graduation(String providerRegisteredAt, List<String> followUpDates) {}
}
