package io.civicflow.workers.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProviderRegistryTest {

  private final InMemoryProviderRegistry registry = new InMemoryProviderRegistry();
  private final ComplaintRecording recording = new ComplaintRecording(registry);

  private static ComplaintEntry complaint(String id, String contractNo, boolean upheld) {
    return new ComplaintEntry(
        id,
        "ORG-1",
        contractNo,
        "KSCG-2016-ZP",
        "居民王某",
        "活动取消未通知",
        upheld,
        "已约谈机构",
        Instant.parse("2016-12-01T02:00:00Z"));
  }

  @Test
  void upheldComplaintsAreCountedPerContractAndARetryCountsOnce() {
    recording.record(complaint("complaint:KS-2016-ZP-Y1:1", "KS-2016-ZP-Y1", true));
    recording.record(complaint("complaint:KS-2016-ZP-Y1:1", "KS-2016-ZP-Y1", true));
    recording.record(complaint("complaint:KS-2016-ZP-Y1:2", "KS-2016-ZP-Y1", false));

    assertThat(recording.record(complaint("complaint:KS-2016-ZJ-Y1:3", "KS-2016-ZJ-Y1", true)))
        .isEqualTo(1);
    assertThat(recording.record(complaint("complaint:KS-2016-ZP-Y1:4", "KS-2016-ZP-Y1", true)))
        .isEqualTo(2);
    assertThat(registry.complaintsAbout("ORG-1")).hasSize(4);
  }

  @Test
  void theFirstEvaluationRecordedUnderAnIdStays() {
    EvaluationEntry first =
        new EvaluationEntry(
            "evaluation:C:Y1:MIDTERM",
            "ORG-1",
            "C",
            1,
            "MIDTERM",
            new BigDecimal("85.5"),
            "良好",
            true,
            Instant.parse("2017-03-20T02:00:00Z"));
    EvaluationEntry again =
        new EvaluationEntry(
            "evaluation:C:Y1:MIDTERM",
            "ORG-1",
            "C",
            1,
            "MIDTERM",
            new BigDecimal("85.5"),
            "良好",
            true,
            Instant.parse("2017-03-21T02:00:00Z"));

    registry.recordEvaluation(first);

    assertThat(registry.recordEvaluation(again)).isEqualTo(first);
    assertThat(registry.evaluationsOf("ORG-1")).containsExactly(first);
    assertThat(registry.evaluationsOf("ORG-2")).isEmpty();
  }
}
