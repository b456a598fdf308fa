package io.civicflow.workers.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link IncubationRecords}, {@link CaseRecords} and {@link
 * ServiceRequestRecords} must have: first entry under an id stays, histories oldest first. Each
 * implementation gets a subclass that builds empty ones.
 */
public abstract class RecordsContractTest {

  static final Instant APPLIED = Instant.parse("2017-04-01T02:00:00Z");

  protected abstract IncubationRecords newIncubations();

  protected abstract CaseRecords newCases();

  protected abstract ServiceRequestRecords newServiceRequests();

  @Test
  void shouldKeepAnIncubationHistoryWithOneEntryPerId() {
    IncubationRecords records = newIncubations();
    IncubationEntry admitted =
        new IncubationEntry(
            IncubationEntry.idOf("ORG-9", IncubationStage.ADMITTED),
            "ORG-9",
            "千灯镇邻里互助会",
            "千灯镇",
            IncubationStage.ADMITTED,
            new BigDecimal("78.5"),
            "委员会多数同意",
            APPLIED.plusSeconds(86_400 * 20));
    IncubationEntry applied =
        new IncubationEntry(
            IncubationEntry.idOf("ORG-9", IncubationStage.APPLIED),
            "ORG-9",
            "千灯镇邻里互助会",
            "千灯镇",
            IncubationStage.APPLIED,
            null,
            "",
            APPLIED);

    records.record(admitted);
    records.record(applied);
    IncubationEntry retried = records.record(withNote(admitted, "重试"));

    assertThat(retried).isEqualTo(admitted);
    assertThat(records.historyOf("ORG-9")).containsExactly(applied, admitted);
    assertThat(records.historyOf("ORG-8")).isEmpty();
  }

  @Test
  void shouldKeepACaseRecordWithOneEntryPerId() {
    CaseRecords records = newCases();
    CaseEntry opened =
        new CaseEntry(
            "case:GX-1:OPENED",
            "GX-1",
            "R-1",
            "周市镇",
            "周市镇社工站",
            "sw1",
            CaseStep.OPENED,
            null,
            null,
            APPLIED,
            "");
    CaseEntry graded =
        new CaseEntry(
            "case:GX-1:GRADED",
            "GX-1",
            "R-1",
            "周市镇",
            "周市镇社工站",
            "sw1",
            CaseStep.GRADED,
            "HIGH",
            "独居老人，需每周探访",
            APPLIED.plusSeconds(3600),
            "");

    records.record(graded);
    records.record(opened);
    records.record(opened);

    assertThat(records.historyOf("GX-1")).containsExactly(opened, graded);
  }

  @Test
  void shouldKeepARequestHistoryWithOneEntryPerId() {
    ServiceRequestRecords records = newServiceRequests();
    ServiceRequestEntry registered =
        new ServiceRequestEntry(
            "request:R-1:REGISTERED",
            "R-1",
            "周市镇",
            "东方社区",
            "独居老人",
            true,
            ServiceRequestEvent.REGISTERED,
            null,
            "网格员上报",
            APPLIED,
            "",
            null);
    ServiceRequestEntry lapsed =
        new ServiceRequestEntry(
            "request:R-1:ACCEPTANCE_LAPSED:7",
            "R-1",
            "周市镇",
            "东方社区",
            "独居老人",
            true,
            ServiceRequestEvent.ACCEPTANCE_LAPSED,
            "sw1",
            "",
            APPLIED.plusSeconds(90_000),
            "",
            null);

    records.record(lapsed);
    records.record(registered);
    records.record(lapsed);

    assertThat(records.historyOf("R-1")).containsExactly(registered, lapsed);
  }

  private static IncubationEntry withNote(IncubationEntry entry, String note) {
    return new IncubationEntry(
        entry.entryId(),
        entry.orgId(),
        entry.orgName(),
        entry.district(),
        entry.stage(),
        entry.score(),
        note,
        entry.recordedAt());
  }
}
