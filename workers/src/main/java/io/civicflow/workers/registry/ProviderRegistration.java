package io.civicflow.workers.registry;

import io.civicflow.workers.calendar.ProcessTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;

/**
 * Where the incubation pipeline meets the provider register (DOMAIN.md §2, §5): a graduate becomes
 * a provider that can bid in procurement rounds, and is visited 3 and 6 months later (Suzhou
 * "扶上马再送一程"); an organisation that exits is recorded with its exit.
 */
public final class ProviderRegistration {

  /** {@link ProviderEntry#source()} of a provider that graduated from the station's incubation. */
  public static final String SOURCE_INCUBATION = "INCUBATION";

  /** Months after graduation at which the station visits the new provider. */
  static final List<Integer> FOLLOW_UP_MONTHS = List.of(3, 6);

  private final ProviderRegistry registry;
  private final IncubationRecords incubations;

  public ProviderRegistration(ProviderRegistry registry, IncubationRecords incubations) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.incubations = Objects.requireNonNull(incubations, "incubations");
  }

  /**
   * Records the graduation ({@code incubation:<orgId>:GRADUATED}) and registers the graduate
   * (idempotent by orgId: a retried job, or a second graduation, keeps the first registration) and
   * plans the follow-up visits at 09:00 on the day 3 and 6 months later.
   */
  public Graduation registerGraduate(
      String orgId, String organisationName, String field, String district, ZonedDateTime now) {
    if (orgId == null || orgId.isBlank()) {
      throw new IllegalArgumentException("registry.register-provider needs the orgId");
    }
    incubations.record(
        new IncubationEntry(
            IncubationEntry.idOf(orgId, IncubationStage.GRADUATED),
            orgId,
            organisationName,
            district,
            IncubationStage.GRADUATED,
            null,
            "",
            now.toInstant()));
    ProviderEntry provider =
        registry
            .provider(orgId)
            .orElseGet(
                () ->
                    registry.registerProvider(
                        new ProviderEntry(
                            orgId,
                            organisationName == null ? orgId : organisationName,
                            "",
                            district,
                            field == null || field.isBlank() ? List.of() : List.of(field),
                            "",
                            now.withZoneSameInstant(ProcessTime.ZONE).toLocalDate(),
                            0,
                            SOURCE_INCUBATION,
                            now.toInstant())));
    ZonedDateTime registeredAt = provider.recordedAt().atZone(ProcessTime.ZONE);
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

  /** Records the exit once per organisation, under {@code incubation:<orgId>:EXITED}. */
  public IncubationEntry recordExit(
      String orgId, String district, String notes, ZonedDateTime now) {
    if (orgId == null || orgId.isBlank()) {
      throw new IllegalArgumentException("registry.record-incubation-exit needs the orgId");
    }
    return incubations.record(
        new IncubationEntry(
            IncubationEntry.idOf(orgId, IncubationStage.EXITED),
            orgId,
            "",
            district,
            IncubationStage.EXITED,
            null,
            notes,
            now.toInstant()));
  }

  /**
   * @param providerRegisteredAt ISO-8601 with offset
   * @param followUpDates the follow-up visits, ISO-8601 with offset, in order
   */
  public record Graduation(String providerRegisteredAt, List<String> followUpDates) {}
}
