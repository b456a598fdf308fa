package io.civicflow.workers.incubation;

import static org.assertj.core.api.Assertions.assertThat;

import io.civicflow.workers.calendar.ProcessTime;
import io.civicflow.workers.registry.InMemoryProviderRegistry;
import io.civicflow.workers.registry.InMemoryRecords;
import io.civicflow.workers.registry.IncubationEntry;
import io.civicflow.workers.registry.IncubationRecords;
import io.civicflow.workers.registry.IncubationStage;
import io.civicflow.workers.registry.ProviderEntry;
import io.civicflow.workers.registry.ProviderRegistration;
import io.civicflow.workers.registry.ProviderRegistration.Graduation;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Reviews, graduation and exit in the register; every write is idempotent. */
class IncubationRecordsTest {

  private final InMemoryProviderRegistry registry = new InMemoryProviderRegistry();
  private final IncubationRecords incubations = InMemoryRecords.incubations();
  private final IncubationReviews reviews = new IncubationReviews(incubations);
  private final ProviderRegistration registration = new ProviderRegistration(registry, incubations);

  @Test
  void quarterlyReviewsAreCountedOnceEachEvenWhenAJobIsRetried() {
    Instant now = Instant.parse("2025-06-03T01:00:00Z");
    reviews.recordQuarterlyReview("ORG-1", 11L, 75, "开展活动6场", now);
    reviews.recordQuarterlyReview("ORG-1", 11L, 75, "开展活动6场", now);

    assertThat(reviews.recordQuarterlyReview("ORG-1", 12L, 80, "建立财务制度", now)).isEqualTo(2);
    assertThat(incubations.historyOf("ORG-1"))
        .extracting(IncubationEntry::entryId, IncubationEntry::score)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(
                "incubation:ORG-1:REVIEWED:11", BigDecimal.valueOf(75)),
            org.assertj.core.groups.Tuple.tuple(
                "incubation:ORG-1:REVIEWED:12", BigDecimal.valueOf(80)));
  }

  @Test
  void aGraduateBecomesAProviderOnceAndIsVisitedThreeAndSixMonthsLater() {
    Graduation first =
        registration.registerGraduate(
            "ORG-1", "沙溪镇邻里互助会", "ELDERLY", "沙溪镇", ProcessTime.parse("2026-03-20T14:30:00+08:00"));
    Graduation retried =
        registration.registerGraduate(
            "ORG-1", "沙溪镇邻里互助会", "ELDERLY", "沙溪镇", ProcessTime.parse("2026-03-21T09:00:00+08:00"));

    assertThat(first.providerRegisteredAt()).isEqualTo("2026-03-20T14:30:00+08:00");
    assertThat(first.followUpDates())
        .containsExactly("2026-06-20T09:00:00+08:00", "2026-09-20T09:00:00+08:00");
    assertThat(retried).isEqualTo(first);
    assertThat(registry.provider("ORG-1"))
        .get()
        .extracting(ProviderEntry::name, ProviderEntry::source, ProviderEntry::district)
        .containsExactly("沙溪镇邻里互助会", ProviderRegistration.SOURCE_INCUBATION, "沙溪镇");
    assertThat(incubations.historyOf("ORG-1"))
        .singleElement()
        .extracting(IncubationEntry::entryId, IncubationEntry::stage)
        .containsExactly("incubation:ORG-1:GRADUATED", IncubationStage.GRADUATED);
  }

  @Test
  void anExitIsRecordedOnce() {
    registration.recordExit(
        "ORG-2", "沙溪镇", "场地已交还", ProcessTime.parse("2027-03-20T10:00:00+08:00"));
    registration.recordExit(
        "ORG-2", "沙溪镇", "场地已交还", ProcessTime.parse("2027-03-21T10:00:00+08:00"));

    assertThat(incubations.historyOf("ORG-2"))
        .singleElement()
        .extracting(IncubationEntry::entryId, IncubationEntry::stage, IncubationEntry::recordedAt)
        .containsExactly(
            "incubation:ORG-2:EXITED",
            IncubationStage.EXITED,
            Instant.parse("2027-03-20T02:00:00Z"));
    assertThat(registry.provider("ORG-2")).isEmpty();
  }
}
