package io.civicflow.engine.feel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.feel.api.EvaluationResult;
import org.camunda.feel.api.FeelEngineApi;
import org.camunda.feel.api.FeelEngineBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link FeelEngine} evaluates with built-in functions built once; these tests pin that it answers
 * exactly as the feel-engine's own {@code FeelEngineApi.evaluate} does.
 */
class FeelEngineTest {

  private static final Instant NOW = Instant.parse("2026-03-01T10:15:30Z");
  private static final InstantSource CLOCK = InstantSource.fixed(NOW);

  private final FeelEngine engine = new FeelEngine(CLOCK);
  private final FeelEngineApi reference =
      FeelEngineBuilder.forJava()
          .withClock(() -> ZonedDateTime.ofInstant(CLOCK.instant(), ZoneId.systemDefault()))
          .build();

  private final Map<String, Object> variables =
      new HashMap<>(
          Map.of(
              "ok",
              true,
              "score",
              72,
              "name",
              "Ana",
              "items",
              List.of(1, 2, 3),
              "order",
              Map.of("total", 12.5)));

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ok = true",
        "score >= 60",
        "missing",
        "missing > 3",
        "upper case(name)",
        "sum(items) + count(items)",
        "order.total * 2",
        "{a: 1, b: [name, score]}",
        "if score > 50 then \"high\" else \"low\"",
        "today()",
        "now()",
        "date(\"2026-01-01\") + duration(\"P1D\")",
        "string length(missing)",
        "assert(score, score < 10)",
        "assert(score, score < 10, \"too big\")",
        "1 / 0",
        "for i in items return i * 2",
        "some i in items satisfies i > 2",
        "substring(name, 2)",
        "number(\"x\")",
        "for i in 1..4 return i",
        "for i in 4..1 return i",
        "for i in 1.5..4 return i",
        "for i in -2..-5 return i * 2",
        "for i in 1..\"x\" return i",
        "for i in 1..3, j in items return i * j",
        "for i in 5, j in [1] return i",
        "some i in 1..3, j in items satisfies i * j = 9",
        "every i in items, j in [1] satisfies i >= j",
        "for i in 1..3 return partial",
      })
  void shouldAnswerAsTheFeelEngineApiDoes(String expression) throws FeelEvaluationException {
    Object expected = expected(expression);
    Object actual;
    try {
      actual = engine.evaluate(engine.parseFeel(expression, "=" + expression), variables);
    } catch (FeelEvaluationException e) {
      actual = "failure: " + e.getMessage();
    }
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void shouldReadNowFromTheEngineClock() throws FeelEvaluationException {
    Object now = engine.evaluate(engine.parse("=now()"), Map.of());
    assertThat(ZonedDateTime.parse((String) now).toInstant()).isEqualTo(NOW);
  }

  @Test
  void shouldReportANonBooleanCondition() throws FeelEvaluationException {
    Expression expression = engine.parse("=score");
    assertThatThrownBy(() -> engine.evaluateBoolean(expression, variables))
        .isInstanceOf(FeelEvaluationException.class)
        .hasMessageContaining("BOOLEAN");
  }

  /** What the old implementation (delegating to FeelEngineApi.evaluate) returned or threw. */
  private Object expected(String expression) {
    EvaluationResult result =
        reference.evaluate(reference.parseExpression(expression).parsedExpression(), variables);
    if (!result.isSuccess()) {
      return "failure: failed to evaluate expression '="
          + expression
          + "': "
          + result.failure().message();
    }
    Object value = FeelEngine.toJsonValue(result.result());
    if (value == null && result.hasSuppressedFailures()) {
      return new FeelEngine.NullWithReason(
          String.join(
              "; ", result.getSuppressedFailures().stream().map(f -> f.failureMessage()).toList()));
    }
    return value;
  }
}
