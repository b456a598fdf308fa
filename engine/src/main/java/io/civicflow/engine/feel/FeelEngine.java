package io.civicflow.engine.feel;

import io.civicflow.engine.json.JsonValues;
import java.time.Duration;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.feel.api.EvaluationFailure;
import org.camunda.feel.api.EvaluationFailureType;
import org.camunda.feel.api.EvaluationResult;
import org.camunda.feel.api.FailedEvaluationResult;
import org.camunda.feel.api.FeelEngineApi;
import org.camunda.feel.api.FeelEngineBuilder;
import org.camunda.feel.api.ParseResult;
import org.camunda.feel.api.SuccessfulEvaluationResult;
import org.camunda.feel.context.Context;
import org.camunda.feel.context.FunctionProvider;
import org.camunda.feel.impl.interpreter.BuiltinFunctions;
import org.camunda.feel.impl.interpreter.EvalContext;
import org.camunda.feel.impl.interpreter.EvalContext$;
import org.camunda.feel.impl.interpreter.FeelInterpreter;
import org.camunda.feel.syntaxtree.ParsedExpression;
import org.camunda.feel.syntaxtree.Val;
import org.camunda.feel.syntaxtree.ValError;
import org.camunda.feel.syntaxtree.ValFatalError;
import org.camunda.feel.valuemapper.ValueMapper;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Parses and evaluates FEEL with the Apache-2.0 Camunda FEEL engine, reading {@code now()} and
 * {@code today()} from the engine clock. Results come back as JSON-compatible Java values (maps,
 * lists, strings, numbers, booleans, null); temporal values become ISO-8601 strings, as Zeebe
 * stores them in variables.
 *
 * <p>Evaluation does what {@code FeelEngineApi.evaluate} does (interpret the parsed expression in a
 * root context with the built-in functions, merged with the variables; report assertion failures,
 * errors and suppressed failures alike), except that the built-in functions are built once here:
 * feel-engine 1.20 builds its ~150 built-in function values anew for every evaluation, which was
 * three quarters of the partition thread's time on a process with one gateway condition. Validation
 * happens once, when the expression is parsed.
 *
 * <p>Every evaluation has a budget of time, list items and string characters ({@link
 * EvaluationLimits}); an expression that spends it fails like any other failed evaluation (an
 * incident where the model element raises one), and the processing thread goes on.
 */
public final class FeelEngine {

  private final FeelEngineApi feel;
  private final ValueMapper valueMapper;
  private final FunctionProvider functions;
  private final FeelInterpreter interpreter;
  private final EvaluationLimits limits;

  public FeelEngine(InstantSource clock) {
    this(clock, EvaluationLimits.defaults());
  }

  /** With a budget for every evaluation ({@link GuardedInterpreter}). */
  public FeelEngine(InstantSource clock, EvaluationLimits limits) {
    this.limits = limits;
    FeelEngineBuilder builder =
        FeelEngineBuilder.forJava()
            .withClock(() -> ZonedDateTime.ofInstant(clock.instant(), ZoneId.systemDefault()));
    // what FeelEngineBuilder.build() does, keeping the engine to share its value mapper and clock
    org.camunda.feel.FeelEngine engine =
        new org.camunda.feel.FeelEngine(
            builder.functionProvider(),
            builder.valueMapper(),
            builder.configuration(),
            builder.clock());
    this.feel = new FeelEngineApi(engine);
    this.valueMapper = engine.valueMapper();
    this.functions =
        new FunctionProvider.CompositeFunctionProvider(
            CollectionConverters.asScala(
                    List.<FunctionProvider>of(
                        new BuiltinFunctions(engine.clock(), valueMapper),
                        engine.functionProvider()))
                .toList());
    this.interpreter = new GuardedInterpreter(valueMapper);
  }

  /** The budget of every evaluation. */
  public EvaluationLimits limits() {
    return limits;
  }

  /**
   * Turns a model attribute into an {@link Expression}: FEEL if it starts with {@code =}, else
   * static.
   *
   * @throws FeelEvaluationException if the FEEL text does not parse
   */
  public Expression parse(String text) throws FeelEvaluationException {
    if (text == null) {
      return null;
    }
    String trimmed = text.strip();
    if (!trimmed.startsWith("=")) {
      return new Expression.Static(text);
    }
    return parseFeel(trimmed.substring(1), trimmed);
  }

  /** Parses text that is FEEL even without a leading {@code =} (e.g. conditions, FEEL mappings). */
  public Expression.Feel parseFeel(String feelText, String source) throws FeelEvaluationException {
    ParseResult result = feel.parseExpression(feelText);
    if (!result.isSuccess()) {
      throw new FeelEvaluationException(
          "failed to parse expression '" + feelText + "': " + result.failure().message());
    }
    return new Expression.Feel(source, result.parsedExpression());
  }

  /** Evaluates with the given variables; a static expression evaluates to its text. */
  public Object evaluate(Expression expression, Map<String, Object> variables)
      throws FeelEvaluationException {
    if (expression instanceof Expression.Static s) {
      return s.value();
    }
    Expression.Feel f = (Expression.Feel) expression;
    EvaluationResult result;
    try (GuardedInterpreter.Budget budget = GuardedInterpreter.open(limits)) {
      result = evaluateParsed(f.parsed(), variables);
      if (budget.exceeded() != null) {
        throw new FeelEvaluationException(
            "failed to evaluate expression '" + f.source() + "': " + budget.exceeded());
      }
    }
    if (!result.isSuccess()) {
      throw new FeelEvaluationException(
          "failed to evaluate expression '" + f.source() + "': " + result.failure().message());
    }
    Object value = toJsonValue(result.result());
    String unstorable = JsonValues.problem("the result", value);
    if (unstorable != null) {
      // a value the journal could not keep (e.g. 10 ** 100000): an incident, never a stored
      // variable
      throw new FeelEvaluationException(
          "failed to evaluate expression '" + f.source() + "': " + unstorable);
    }
    if (value == null && result.hasSuppressedFailures()) {
      // FEEL is null-friendly; keep the reason so an incident can say why the value is missing
      return new NullWithReason(
          result.getSuppressedFailures().stream()
              .map(failure -> failure.failureMessage())
              .collect(Collectors.joining("; ")));
    }
    return value;
  }

  /** {@code FeelEngineApi.evaluate(parsed, variables)} with the built-in functions built once. */
  private EvaluationResult evaluateParsed(ParsedExpression parsed, Map<String, Object> variables) {
    try {
      EvalContext context =
          EvalContext$.MODULE$
              .create(valueMapper, functions)
              .merge(
                  new Context.StaticContext(
                      scala.collection.immutable.Map.from(CollectionConverters.asScala(variables)),
                      Context.StaticContext$.MODULE$.apply$default$2()));
      Val value = interpreter.eval(parsed.expression(), context);
      scala.collection.immutable.List<EvaluationFailure> failures =
          context.failureCollector().failures();
      List<EvaluationFailure> failureList = CollectionConverters.asJava(failures);
      for (EvaluationFailure failure : failureList) {
        if (failure.failureType() == EvaluationFailureType.ASSERT_FAILURE$.MODULE$) {
          return new FailedEvaluationResult(
              new org.camunda.feel.FeelEngine.Failure(
                  "Assertion failure on evaluate the expression '"
                      + parsed.text()
                      + "': "
                      + failure.failureMessage()),
              failures);
        }
      }
      if (value instanceof ValError error) {
        return failed(parsed, error.error(), failures);
      }
      if (value instanceof ValFatalError error) {
        return failed(parsed, error.error(), failures);
      }
      return new SuccessfulEvaluationResult(valueMapper.unpackVal(value), failures);
    } catch (RuntimeException e) {
      return new FailedEvaluationResult(
          new org.camunda.feel.FeelEngine.Failure(
              "failed to evaluate expression '" + parsed.text() + "' : " + e),
          CollectionConverters.asScala(List.<EvaluationFailure>of()).toList());
    }
  }

  private static EvaluationResult failed(
      ParsedExpression parsed,
      String error,
      scala.collection.immutable.List<EvaluationFailure> failures) {
    return new FailedEvaluationResult(
        new org.camunda.feel.FeelEngine.Failure(
            "failed to evaluate expression '" + parsed.text() + "': " + error),
        failures);
  }

  /** Evaluates and requires a boolean (conditions). */
  public boolean evaluateBoolean(Expression expression, Map<String, Object> variables)
      throws FeelEvaluationException {
    Object value = evaluate(expression, variables);
    if (value instanceof Boolean b) {
      return b;
    }
    throw typeMismatch(expression, "BOOLEAN", value);
  }

  /** Evaluates and requires a string (static text is a string). */
  public String evaluateString(Expression expression, Map<String, Object> variables)
      throws FeelEvaluationException {
    Object value = evaluate(expression, variables);
    if (value instanceof String s) {
      return s;
    }
    throw typeMismatch(expression, "STRING", value);
  }

  /** Evaluates and requires a whole number (static text must be a number). */
  public long evaluateLong(Expression expression, Map<String, Object> variables)
      throws FeelEvaluationException {
    Object value = evaluate(expression, variables);
    if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      return n.longValue();
    }
    if (expression instanceof Expression.Static s) {
      try {
        return Long.parseLong(s.value().strip());
      } catch (NumberFormatException e) {
        // fall through
      }
    }
    throw typeMismatch(expression, "NUMBER", value);
  }

  /** Evaluates and requires a list of strings, or a comma-separated static list. */
  public List<String> evaluateStringList(Expression expression, Map<String, Object> variables)
      throws FeelEvaluationException {
    if (expression instanceof Expression.Static s) {
      return List.of(s.value().split("\\s*,\\s*")).stream().filter(x -> !x.isBlank()).toList();
    }
    Object value = evaluate(expression, variables);
    if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
      return list.stream().map(String.class::cast).toList();
    }
    throw typeMismatch(expression, "ARRAY of STRING", value);
  }

  private static FeelEvaluationException typeMismatch(
      Expression expression, String expected, Object value) {
    String reason = value instanceof NullWithReason n ? " (" + n.reason() + ")" : "";
    return new FeelEvaluationException(
        "Expected result of the expression '"
            + expression.source()
            + "' to be '"
            + expected
            + "', but was '"
            + typeName(value)
            + "'"
            + reason);
  }

  private static String typeName(Object value) {
    if (value == null || value instanceof NullWithReason) return "NULL";
    if (value instanceof String) return "STRING";
    if (value instanceof Boolean) return "BOOLEAN";
    if (value instanceof Number) return "NUMBER";
    if (value instanceof List) return "ARRAY";
    if (value instanceof Map) return "OBJECT";
    return value.getClass().getSimpleName();
  }

  /** A null result and why FEEL produced it (e.g. a missing variable). Never stored as a value. */
  public record NullWithReason(String reason) {}

  /** Unwraps a possible {@link NullWithReason} to a plain value. */
  public static Object plain(Object value) {
    return value instanceof NullWithReason ? null : value;
  }

  /** Converts a FEEL engine result into a JSON-compatible Java value. */
  static Object toJsonValue(Object value) {
    if (value == null
        || value instanceof String
        || value instanceof Boolean
        || value instanceof Long
        || value instanceof Integer) {
      return value;
    }
    if (value instanceof Double d) {
      return d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15
          ? (Object) d.longValue()
          : d;
    }
    if (value instanceof java.math.BigDecimal || value instanceof Number) {
      return value;
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), toJsonValue(v)));
      return copy;
    }
    if (value instanceof Iterable<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(v -> copy.add(toJsonValue(v)));
      return copy;
    }
    if (value instanceof LocalDate
        || value instanceof LocalTime
        || value instanceof LocalDateTime
        || value instanceof Period
        || value instanceof Duration) {
      return value.toString();
    }
    if (value instanceof ZonedDateTime z) {
      return z.format(DateTimeFormatter.ISO_ZONED_DATE_TIME);
    }
    if (value instanceof OffsetDateTime o) {
      return o.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
    return value.toString();
  }
}
