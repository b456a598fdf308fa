package io.civicflow.engine.feel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A runaway expression spends its budget and fails like any failed evaluation, quickly, on the
 * calling thread; expressions within the budget answer as before.
 */
class EvaluationLimitsTest {

  private static final InstantSource CLOCK =
      InstantSource.fixed(Instant.parse("2026-03-01T10:00:00Z"));

  private final FeelEngine feel = new FeelEngine(CLOCK);

  private static long cpuTime() {
    return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }

  private Object evaluate(FeelEngine engine, String expression, Map<String, Object> variables)
      throws FeelEvaluationException {
    return engine.evaluate(engine.parse("=" + expression), variables);
  }

  @Test
  void shouldStopAHugeRangeBeforeBuildingIt() {
    long started = cpuTime();
    assertThatThrownBy(
            () -> evaluate(feel, "count(for i in 1..n return i) > 0", Map.of("n", 100_000_000)))
        .isInstanceOf(FeelEvaluationException.class)
        .hasMessageContaining("count(for i in 1..n return i) > 0")
        .hasMessageContaining("more than 1000000 list items")
        .hasMessageContaining("civicflow.engine.evaluation.max-items");
    assertThat(Duration.ofNanos(cpuTime() - started)).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void shouldStopTheCombinationsOfSeveralListsBeforeBuildingThem() {
    assertThatThrownBy(
            () -> evaluate(feel, "count(for i in 1..5000, j in 1..5000 return i) > 0", Map.of()))
        .isInstanceOf(FeelEvaluationException.class)
        .hasMessageContaining("more than 1000000 list items");
  }

  @Test
  void shouldStopListsAndStringsThatDoubleInALoop() {
    assertThatThrownBy(
            () ->
                evaluate(
                    feel,
                    "count(for i in 1..40 return if i = 1 then [1] else concatenate(partial[-1], partial[-1]))",
                    Map.of()))
        .isInstanceOf(FeelEvaluationException.class)
        .hasMessageContaining("list items");
    assertThatThrownBy(
            () ->
                evaluate(
                    feel,
                    "count(for i in 1..40 return if i = 1 then \"ab\" else partial[-1] + partial[-1])",
                    Map.of()))
        .isInstanceOf(FeelEvaluationException.class)
        .hasMessageContaining("characters of strings")
        .hasMessageContaining("civicflow.engine.evaluation.max-string-length");
  }

  @Test
  void shouldStopAnEvaluationThatRunsOutOfTime() {
    FeelEngine strict =
        new FeelEngine(CLOCK, new EvaluationLimits(Duration.ofMillis(50), 100_000_000, 10_000_000));
    long started = cpuTime();
    assertThatThrownBy(
            () -> evaluate(strict, "sum(for i in 1..1000000 return i * i) > 0", Map.of()))
        .isInstanceOf(FeelEvaluationException.class)
        .hasMessageContaining("took longer than its limit of 50 ms")
        .hasMessageContaining("civicflow.engine.evaluation.time-limit");
    // what the thread computed (not the wall clock, which a busy machine stretches): far less than
    // the whole evaluation would take
    assertThat(Duration.ofNanos(cpuTime() - started)).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void shouldStopInsideFunctionsThatCatchFailuresOfTheFunctionsTheyCall() {
    FeelEngine strict =
        new FeelEngine(CLOCK, new EvaluationLimits(Duration.ofMillis(50), 100_000_000, 10_000_000));
    assertThatThrownBy(
            () ->
                evaluate(
                    strict,
                    "count(sort(for i in 1..100000 return -i, function(x, y) x < y)) > 0",
                    Map.of()))
        .isInstanceOf(FeelEvaluationException.class)
        .hasMessageContaining("took longer than its limit");
  }

  @Test
  void shouldAnswerExpressionsWithinTheBudgetAsBefore() throws Exception {
    assertThat(evaluate(feel, "count(for i in 1..n return i)", Map.of("n", 1000))).isEqualTo(1000L);
    assertThat(evaluate(feel, "sum(for i in 1..3, j in 1..4 return i * j)", Map.of()))
        .isEqualTo(60L);
    assertThat(evaluate(feel, "some i in [1, 2], j in [3, 4] satisfies i + j = 6", Map.of()))
        .isEqualTo(true);
    assertThat(evaluate(feel, "every i in 1..3, j in [1] satisfies i >= j", Map.of()))
        .isEqualTo(true);
    assertThat(evaluate(feel, "for i in 3..1 return i", Map.of()))
        .isEqualTo(java.util.List.of(3L, 2L, 1L));
    // a budget is per evaluation: many evaluations within it each get the whole budget
    for (int k = 0; k < 5; k++) {
      assertThat(evaluate(feel, "count(for i in 1..10000 return i)", Map.of())).isEqualTo(10000L);
    }
  }
}
