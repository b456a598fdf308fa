package io.civicflow.workers.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ProviderRegistry} must have, with the dynamic rating on top ({@link
 * RatedProviderRegistry}). Each implementation gets a subclass that builds an empty store.
 */
public abstract class ProviderRegistryContractTest {

  static final Instant MIDTERM = Instant.parse("2017-03-20T02:00:00Z");
  static final String ORG = "ORG-1";

  private ProviderRegistry registry;

  /** An empty registry store (without rating). */
  protected abstract ProviderRegistry newStore();

  @BeforeEach
  void createRegistry() {
    registry = new RatedProviderRegistry(newStore());
  }

  static EvaluationEntry evaluation(
      String contractNo, int year, String kind, String grade, Instant at) {
    return new EvaluationEntry(
        "evaluation:" + contractNo + ":Y" + year + ":" + kind,
        ORG,
        contractNo,
        year,
        kind,
        new BigDecimal("85.5"),
        grade,
        !grade.equals("不合格"),
        at);
  }

  static ComplaintEntry complaint(String id, boolean upheld, Instant at) {
    return new ComplaintEntry(
        id, ORG, "KS-2016-ZP-Y1", "KSCG-2016-ZP", "居民王某", "活动取消未通知", upheld, "已约谈机构", at);
  }

  @Test
  void shouldKeepTheFirstEvaluationRecordedUnderAnId() {
    EvaluationEntry first = evaluation("KS-2016-ZP-Y1", 1, "MIDTERM", "良好", MIDTERM);
    EvaluationEntry again =
        evaluation("KS-2016-ZP-Y1", 1, "MIDTERM", "良好", MIDTERM.plus(Duration.ofDays(1)));

    registry.recordEvaluation(first);

    assertThat(registry.recordEvaluation(again)).isEqualTo(first);
    assertThat(registry.evaluationsOf(ORG)).containsExactly(first);
    assertThat(registry.evaluationsOf("ORG-2")).isEmpty();
  }

  @Test
  void shouldListEntriesOfOneProviderOldestFirst() {
    EvaluationEntry annual =
        registry.recordEvaluation(
            evaluation("KS-2016-ZP-Y1", 1, "ANNUAL", "优秀", MIDTERM.plus(Duration.ofDays(150))));
    EvaluationEntry midterm =
        registry.recordEvaluation(evaluation("KS-2016-ZP-Y1", 1, "MIDTERM", "良好", MIDTERM));
    ComplaintEntry dismissed = registry.recordComplaint(complaint("complaint:1", false, MIDTERM));
    TerminationEntry terminated =
        registry.recordTermination(
            new TerminationEntry(
                "termination:KS-2016-LJ-Y1", ORG, "KS-2016-LJ-Y1", "Y1-MIDTERM", "不合格", MIDTERM));

    assertThat(registry.evaluationsOf(ORG)).containsExactly(midterm, annual);
    assertThat(registry.complaintsAbout(ORG)).containsExactly(dismissed);
    assertThat(registry.terminationsOf(ORG)).containsExactly(terminated);
  }

  @Test
  void shouldReplaceAProfileUnderTheSameOrgId() {
    ProviderEntry graduated =
        new ProviderEntry(
            ORG,
            "昆山市阳光社工服务社",
            "52320583MJ5000001X",
            "张浦镇",
            List.of("基础类", "治理类"),
            "为社区老人提供社工服务",
            LocalDate.of(2016, 3, 1),
            6,
            "INCUBATION",
            MIDTERM);

    registry.registerProvider(graduated);
    registry.registerProvider(graduated);

    assertThat(registry.provider(ORG)).contains(graduated);
    assertThat(registry.provider("ORG-2")).isEmpty();
  }

  @Test
  void shouldMoveTheRatingWithEachEvaluationAndKeepItsHistory() {
    registry.recordEvaluation(evaluation("KS-2016-ZP-Y1", 1, "MIDTERM", "良好", MIDTERM));
    Instant annual = MIDTERM.plus(Duration.ofDays(150));
    registry.recordEvaluation(evaluation("KS-2016-ZP-Y1", 1, "ANNUAL", "优秀", annual));
    // a retried job records nothing new and no second rating
    registry.recordEvaluation(evaluation("KS-2016-ZP-Y1", 1, "ANNUAL", "优秀", annual));

    List<RatingEntry> history = registry.ratingHistoryOf(ORG);
    assertThat(history)
        .extracting(RatingEntry::rating)
        .containsExactly(new BigDecimal("85.0"), new BigDecimal("92.5"));
    assertThat(registry.currentRating(ORG)).contains(history.get(1));
    assertThat(history.get(1).trigger()).isEqualTo("evaluation:KS-2016-ZP-Y1:Y1:ANNUAL");
  }

  @Test
  void shouldTakeUpheldComplaintsAndTerminationsOffTheRating() {
    registry.recordEvaluation(evaluation("KS-2016-ZP-Y1", 1, "MIDTERM", "良好", MIDTERM));
    registry.recordComplaint(complaint("complaint:1", true, MIDTERM.plusSeconds(60)));
    registry.recordComplaint(complaint("complaint:2", false, MIDTERM.plusSeconds(120)));
    registry.recordTermination(
        new TerminationEntry(
            "termination:KS-2016-ZP-Y1",
            ORG,
            "KS-2016-ZP-Y1",
            "Y1-ANNUAL",
            "不合格",
            MIDTERM.plusSeconds(180)));

    assertThat(registry.ratingHistoryOf(ORG))
        .extracting(RatingEntry::rating)
        .containsExactly(new BigDecimal("85.0"), new BigDecimal("80.0"), new BigDecimal("60.0"));
    assertThat(registry.currentRating(ORG).orElseThrow().terminations()).isEqualTo(1);
  }

  @Test
  void shouldRecordOneEvaluationAndOneRatingWhenManyThreadsRecordTheSame() throws Exception {
    int threads = 16;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<EvaluationEntry>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return registry.recordEvaluation(
                      evaluation("KS-2016-ZP-Y1", 1, "MIDTERM", "良好", MIDTERM));
                }));
      }
      start.countDown();
      for (Future<EvaluationEntry> result : results) {
        result.get(30, TimeUnit.SECONDS);
      }

      assertThat(registry.evaluationsOf(ORG)).hasSize(1);
      assertThat(registry.ratingHistoryOf(ORG)).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }
}
