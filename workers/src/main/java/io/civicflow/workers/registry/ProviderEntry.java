package io.civicflow.workers.registry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A provider's profile in the register (DOMAIN.md §5: qualifications and staff; §2: a graduated
 * incubatee becomes a provider that can bid).
 *
 * @param orgId the business key ({@code orgId} in the models; a bidder's {@code bidderId})
 * @param name registered name, e.g. 昆山市阳光社工服务社 (searchable by Chinese words)
 * @param creditCode unified social credit code (统一社会信用代码), empty if not yet registered
 * @param district the street, town or zone it is based in, e.g. 张浦镇
 * @param serviceCategories service catalogue categories it is qualified for (基础类, 增能类, 治理类, …)
 * @param description what it does, searchable by Chinese words
 * @param registeredOn registration with the civil affairs bureau as 民办非企业单位; null if not yet
 * @param fullTimeStaff full-time staff
 * @param source how it entered the register: {@code INCUBATION} (graduated) or {@code PROCUREMENT}
 * @param recordedAt when the profile was recorded, from the job's {@code now}
 */
public record ProviderEntry(
    String orgId,
    String name,
    String creditCode,
    String district,
    List<String> serviceCategories,
    String description,
    LocalDate registeredOn,
    int fullTimeStaff,
    String source,
    Instant recordedAt) {

  public ProviderEntry {
    Objects.requireNonNull(orgId, "orgId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(recordedAt, "recordedAt");
    creditCode = creditCode == null ? "" : creditCode;
    district = district == null ? "" : district;
    serviceCategories = serviceCategories == null ? List.of() : List.copyOf(serviceCategories);
    description = description == null ? "" : description;
    source = source == null ? "" : source;
  }
}
