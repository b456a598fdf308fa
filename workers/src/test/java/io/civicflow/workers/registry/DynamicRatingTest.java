package io.civicflow.workers.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DynamicRatingTest {

  private static final Instant NOW = Instant.parse("2018-08-20T02:00:00Z");

  private static EvaluationEntry graded(String grade, Instant at) {
    return new EvaluationEntry(
        "evaluation:" + at, "ORG-1", "C", 1, "ANNUAL", BigDecimal.valueOf(64), grade, true, at);
  }

  private static ComplaintEntry upheld(Instant at) {
    return new ComplaintEntry("complaint:" + at, "ORG-1", "C", "P", "", "", true, "", at);
  }

  private static RatingEntry rate(
      List<EvaluationEntry> evaluations, List<ComplaintEntry> complaints, int terminations) {
    List<TerminationEntry> ended =
        java.util.stream.IntStream.range(0, terminations)
            .mapToObj(i -> new TerminationEntry("t" + i, "ORG-1", "C" + i, "", "不合格", NOW))
            .toList();
    return DynamicRating.rate("ORG-1", evaluations, complaints, ended, "trigger", NOW);
  }

  @Test
  void aProviderNotYetEvaluatedStartsAtThePassMark() {
    assertThat(rate(List.of(), List.of(), 0).rating()).isEqualByComparingTo("70");
  }

  @Test
  void evaluationWeightsHalveForEachYearBack() {
    // this year 优秀 (weight 1), two years back 不合格 (weight 1/4): (100 + 30/4) / 1.25 = 86
    RatingEntry rating =
        rate(
            List.of(graded("优秀", NOW), graded("不合格", NOW.minus(Duration.ofDays(800)))),
            List.of(),
            0);

    assertThat(rating.rating()).isEqualByComparingTo("86.0");
    assertThat(rating.evaluations()).isEqualTo(2);
  }

  @Test
  void complaintsFadeWithTheSameHalving() {
    RatingEntry rating =
        rate(
            List.of(graded("良好", NOW)),
            List.of(upheld(NOW), upheld(NOW.minus(Duration.ofDays(400)))),
            0);

    // 85 − 5 − 2.5
    assertThat(rating.rating()).isEqualByComparingTo("77.5");
    assertThat(rating.complaintPenalty()).isEqualByComparingTo("7.5");
  }

  @Test
  void anUnknownGradeCountsItsTotalScore() {
    assertThat(rate(List.of(graded("B", NOW)), List.of(), 0).rating()).isEqualByComparingTo("64");
  }

  @Test
  void theRatingStaysWithinZeroAndAHundred() {
    assertThat(rate(List.of(graded("不合格", NOW)), List.of(), 2).rating()).isEqualByComparingTo("0");
  }

  @Test
  void entriesAfterTheTriggerAreIgnored() {
    RatingEntry rating =
        rate(List.of(graded("优秀", NOW), graded("不合格", NOW.plusSeconds(1))), List.of(), 0);

    assertThat(rating.rating()).isEqualByComparingTo("100");
  }
}
