package io.civicflow.workers.registry;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The dynamic rating formula (Shanghai §4.4.3 "引入动态评级机制"; DOMAIN.md §5), a pure function of a
 * provider's evaluations, complaints and terminations at an instant. Documented for officials in
 * {@code registry/README.md}:
 *
 * <pre>
 * weight(age) = 1 / 2^floor(age in days / 365)        (this year 1, last year ½, the year before ¼ …)
 * points      = 优秀 100, 良好 85, 合格 70, 不合格 30   (other grades: the evaluation's total score)
 * evaluation  = Σ weight·points / Σ weight            (70 — 合格 — when there is no evaluation yet)
 * complaints  = 5 × Σ weight over upheld complaints
 * terminated  = 20 × Σ weight over terminated contracts
 * rating      = clamp(evaluation − complaints − terminated, 0, 100), one decimal, half up
 * </pre>
 *
 * Entries recorded after {@code at} are ignored, so recomputing an old trigger gives the old value.
 */
public final class DynamicRating {

  /** Points per evaluation grade (DOMAIN.md §6 "Evaluation grades"). */
  public static final Map<String, BigDecimal> GRADE_POINTS =
      Map.of(
          "优秀", BigDecimal.valueOf(100),
          "良好", BigDecimal.valueOf(85),
          "合格", BigDecimal.valueOf(70),
          "不合格", BigDecimal.valueOf(30));

  /** The evaluation score of a provider not yet evaluated: 合格. */
  public static final BigDecimal UNEVALUATED = BigDecimal.valueOf(70);

  public static final BigDecimal POINTS_PER_UPHELD_COMPLAINT = BigDecimal.valueOf(5);
  public static final BigDecimal POINTS_PER_TERMINATION = BigDecimal.valueOf(20);

  private static final BigDecimal MAX = BigDecimal.valueOf(100);
  private static final long DAYS_PER_YEAR = 365;

  private DynamicRating() {}

  /**
   * The rating of {@code providerOrgId} at {@code at}, caused by {@code trigger}.
   *
   * @param trigger the entry id that caused the computation; part of the rating's id
   */
  public static RatingEntry rate(
      String providerOrgId,
      List<EvaluationEntry> evaluations,
      List<ComplaintEntry> complaints,
      List<TerminationEntry> terminations,
      String trigger,
      Instant at) {
    BigDecimal weightedPoints = BigDecimal.ZERO;
    BigDecimal weights = BigDecimal.ZERO;
    int evaluated = 0;
    for (EvaluationEntry evaluation : evaluations) {
      if (evaluation.recordedAt().isAfter(at)) {
        continue;
      }
      BigDecimal weight = weight(evaluation.recordedAt(), at);
      weightedPoints = weightedPoints.add(weight.multiply(points(evaluation)));
      weights = weights.add(weight);
      evaluated++;
    }
    BigDecimal evaluationScore =
        evaluated == 0 ? UNEVALUATED : weightedPoints.divide(weights, MathContext.DECIMAL64);

    BigDecimal complaintWeight = BigDecimal.ZERO;
    int upheld = 0;
    for (ComplaintEntry complaint : complaints) {
      if (complaint.upheld() && !complaint.recordedAt().isAfter(at)) {
        complaintWeight = complaintWeight.add(weight(complaint.recordedAt(), at));
        upheld++;
      }
    }
    BigDecimal terminationWeight = BigDecimal.ZERO;
    int terminated = 0;
    for (TerminationEntry termination : terminations) {
      if (!termination.recordedAt().isAfter(at)) {
        terminationWeight = terminationWeight.add(weight(termination.recordedAt(), at));
        terminated++;
      }
    }
    BigDecimal complaintPenalty = POINTS_PER_UPHELD_COMPLAINT.multiply(complaintWeight);
    BigDecimal terminationPenalty = POINTS_PER_TERMINATION.multiply(terminationWeight);
    BigDecimal rating =
        evaluationScore
            .subtract(complaintPenalty)
            .subtract(terminationPenalty)
            .max(BigDecimal.ZERO)
            .min(MAX);
    return new RatingEntry(
        "rating:" + providerOrgId + ":" + trigger,
        providerOrgId,
        oneDecimal(rating),
        oneDecimal(evaluationScore),
        oneDecimal(complaintPenalty),
        oneDecimal(terminationPenalty),
        evaluated,
        upheld,
        terminated,
        trigger,
        at);
  }

  /** 1 within a year of {@code at}, ½ for one to two years back, and so on. */
  static BigDecimal weight(Instant recordedAt, Instant at) {
    long years = Math.max(0, Duration.between(recordedAt, at).toDays() / DAYS_PER_YEAR);
    return BigDecimal.ONE.divide(BigDecimal.valueOf(2).pow((int) Math.min(years, 60)));
  }

  static BigDecimal points(EvaluationEntry evaluation) {
    BigDecimal points = GRADE_POINTS.get(evaluation.grade());
    if (points != null) {
      return points;
    }
    return evaluation.totalScore() == null ? UNEVALUATED : evaluation.totalScore();
  }

  private static BigDecimal oneDecimal(BigDecimal value) {
    return value.setScale(1, RoundingMode.HALF_UP);
  }
}
