package io.civicflow.workers.incubation;

import io.civicflow.workers.registry.IncubationEntry;
import io.civicflow.workers.registry.IncubationRecords;
import io.civicflow.workers.registry.IncubationStage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * Keeps the quarterly progress reviews of an incubation in the incubation records (DOMAIN.md §2,
 * §5: the organisation's history travels with it into the provider registry).
 */
public final class IncubationReviews {

  private final IncubationRecords records;

  public IncubationReviews(IncubationRecords records) {
    this.records = Objects.requireNonNull(records, "records");
  }

  /**
   * Records a quarterly review under {@code incubation:<orgId>:REVIEWED:<jobKey>} (idempotent: a
   * retried job records it once) and returns how many quarterly reviews the organisation has had.
   */
  public long recordQuarterlyReview(
      String orgId, long jobKey, Integer score, String notes, Instant now) {
    if (score != null && (score < 0 || score > 100)) {
      throw new IllegalArgumentException("A review score is 0–100, was " + score);
    }
    records.record(
        new IncubationEntry(
            IncubationEntry.idOf(orgId, IncubationStage.REVIEWED) + ":" + jobKey,
            orgId,
            "",
            "",
            IncubationStage.REVIEWED,
            score == null ? null : BigDecimal.valueOf(score),
            notes,
            now));
    return records.historyOf(orgId).stream()
        .filter(entry -> entry.stage() == IncubationStage.REVIEWED)
        .count();
  }

  /**
   * Records a handled complaint under {@code incubation:<orgId>:COMPLAINT_HANDLED:<jobKey>}
   * (idempotent: a retried job records it once).
   */
  public void recordComplaint(
      String orgId,
      long jobKey,
      String complainant,
      String content,
      String handling,
      boolean upheld,
      Instant now) {
    records.record(
        new IncubationEntry(
            IncubationEntry.idOf(orgId, IncubationStage.COMPLAINT_HANDLED) + ":" + jobKey,
            orgId,
            "",
            "",
            IncubationStage.COMPLAINT_HANDLED,
            null,
            "投诉人："
                + (complainant == null || complainant.isBlank() ? "匿名" : complainant)
                + "；内容："
                + (content == null ? "" : content)
                + "；"
                + (upheld ? "投诉属实" : "投诉不属实")
                + "；处理："
                + (handling == null ? "" : handling),
            now));
  }
}
