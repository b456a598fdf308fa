package io.civicflow.workers.registry;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One computation of a provider's dynamic rating (Shanghai §4.4.3 动态评级), kept as history: the
 * provider's current rating is its latest entry. See {@link DynamicRating} and the package README
 * for the formula.
 *
 * @param entryId the idempotency key: {@code rating:<orgId>:<trigger>}, so a retried job that
 *     recomputes after the same evaluation, complaint or termination writes the same entry once
 * @param rating 0–100, one decimal
 * @param evaluationScore the recency-weighted mean of the evaluation grades (70 with none)
 * @param complaintPenalty points taken off for upheld complaints
 * @param terminationPenalty points taken off for terminated contracts
 * @param evaluations evaluations counted
 * @param upheldComplaints upheld complaints counted
 * @param terminations terminated contracts counted
 * @param trigger the entry id that caused the computation
 * @param computedAt the trigger's time; ages are measured from here
 */
public record RatingEntry(
    String entryId,
    String providerOrgId,
    BigDecimal rating,
    BigDecimal evaluationScore,
    BigDecimal complaintPenalty,
    BigDecimal terminationPenalty,
    int evaluations,
    int upheldComplaints,
    int terminations,
    String trigger,
    Instant computedAt) {

  public RatingEntry {
    Objects.requireNonNull(entryId, "entryId");
    Objects.requireNonNull(providerOrgId, "providerOrgId");
    Objects.requireNonNull(rating, "rating");
    Objects.requireNonNull(computedAt, "computedAt");
  }
}
