package io.civicflow.engine.web.search;

import com.fasterxml.jackson.databind.JsonNode;
import io.civicflow.engine.api.EngineRejection;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Compiles one Camunda filter property into a predicate over a normalised field value. A property
 * is either a plain value (meaning {@code $eq}) or an object of operators, all of which must hold:
 *
 * <ul>
 *   <li>{@code $eq}, {@code $neq}: equal / not equal ({@code $neq} matches an absent value);
 *   <li>{@code $exists}: the value is present ({@code true}) or absent ({@code false});
 *   <li>{@code $in}, {@code $notIn}: one of / none of the listed values; an empty list is no
 *       constraint (the Java client always sends {@code "$in":[]});
 *   <li>{@code $like}: a wildcard pattern, {@code *} any run of characters, {@code ?} one
 *       character, {@code \} escapes the next character (strings only);
 *   <li>{@code $gt}, {@code $gte}, {@code $lt}, {@code $lte}: ranges (integers, keys, dates).
 * </ul>
 *
 * <p>{@code null}, {@code {}} and an object of empty lists are no constraint: {@link #compile}
 * answers {@code null}. A malformed property is rejected with INVALID_ARGUMENT.
 */
public final class Conditions {

  private Conditions() {}

  /** The predicate, or {@code null} when the property constrains nothing. */
  public static Predicate<Object> compile(String field, FieldType type, JsonNode property) {
    if (property == null || property.isNull() || property.isMissingNode()) {
      return null;
    }
    if (!property.isObject()) {
      Object operand = operand(field, type, property);
      return value -> Objects.equals(value, operand);
    }
    Predicate<Object> all = null;
    for (Iterator<Map.Entry<String, JsonNode>> it = property.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> operator = it.next();
      Predicate<Object> condition = operator(field, type, operator.getKey(), operator.getValue());
      if (condition != null) {
        all = all == null ? condition : all.and(condition);
      }
    }
    return all;
  }

  /** A plain value or {@code {"$eq": value}}, as a normalised operand; {@code null} otherwise. */
  public static Object equalityOperand(String field, FieldType type, JsonNode property) {
    if (property == null || property.isNull() || property.isMissingNode()) {
      return null;
    }
    if (!property.isObject()) {
      return operand(field, type, property);
    }
    JsonNode eq = property.get("$eq");
    return eq == null || eq.isNull() ? null : operand(field, type, eq);
  }

  private static Predicate<Object> operator(
      String field, FieldType type, String name, JsonNode arg) {
    if (arg == null || arg.isNull()) {
      return null;
    }
    switch (name) {
      case "$eq" -> {
        Object operand = operand(field, type, arg);
        return value -> Objects.equals(value, operand);
      }
      case "$neq" -> {
        Object operand = operand(field, type, arg);
        return value -> !Objects.equals(value, operand);
      }
      case "$exists" -> {
        if (!arg.isBoolean()) {
          throw invalid(field, "$exists expects true or false");
        }
        boolean exists = arg.booleanValue();
        return value -> (value != null) == exists;
      }
      case "$in" -> {
        Set<Object> operands = operands(field, type, name, arg);
        return operands.isEmpty() ? null : value -> value != null && operands.contains(value);
      }
      case "$notIn" -> {
        Set<Object> operands = operands(field, type, name, arg);
        return operands.isEmpty() ? null : value -> value == null || !operands.contains(value);
      }
      case "$like" -> {
        if (type != FieldType.STRING) {
          throw invalid(field, "$like is only supported on text fields");
        }
        Pattern pattern = like(arg.asText());
        return value -> value != null && pattern.matcher((String) value).matches();
      }
      case "$gt", "$gte", "$lt", "$lte" -> {
        if (type == FieldType.STRING || type == FieldType.BOOLEAN) {
          throw invalid(field, name + " is only supported on numeric and date fields");
        }
        long bound = (Long) operand(field, type, arg);
        return value -> value != null && inRange((Long) value, name, bound);
      }
      default -> throw invalid(field, "unknown operator '" + name + "'");
    }
  }

  private static boolean inRange(long value, String operator, long bound) {
    return switch (operator) {
      case "$gt" -> value > bound;
      case "$gte" -> value >= bound;
      case "$lt" -> value < bound;
      default -> value <= bound;
    };
  }

  private static Set<Object> operands(String field, FieldType type, String name, JsonNode arg) {
    if (!arg.isArray()) {
      throw invalid(field, name + " expects a list");
    }
    Set<Object> operands = new HashSet<>();
    arg.forEach(element -> operands.add(operand(field, type, element)));
    return operands;
  }

  /** Converts one JSON operand to the field's normalised Java type. */
  static Object operand(String field, FieldType type, JsonNode node) {
    if (!node.isValueNode()) {
      throw invalid(field, "expected a value or an object of filter operators");
    }
    return switch (type) {
      case STRING -> node.asText();
      case KEY, INTEGER -> integral(field, node);
      case DATE -> date(field, node);
      case BOOLEAN -> {
        if (node.isBoolean()) {
          yield node.booleanValue();
        }
        String text = node.asText();
        if (text.equals("true") || text.equals("false")) {
          yield Boolean.valueOf(text);
        }
        throw invalid(field, "expected true or false but got '" + text + "'");
      }
    };
  }

  /** Normalises a record's field value for comparison with operands of the given type. */
  public static Object normalise(FieldType type, Object value) {
    if (value == null) {
      return null;
    }
    return switch (type) {
      case STRING -> value instanceof Enum<?> e ? e.name() : value.toString();
      case KEY, INTEGER, DATE -> ((Number) value).longValue();
      case BOOLEAN -> value;
    };
  }

  private static Long integral(String field, JsonNode node) {
    if (node.isIntegralNumber()) {
      return node.longValue();
    }
    try {
      return Long.parseLong(node.asText().trim());
    } catch (NumberFormatException e) {
      throw invalid(field, "expected a number but got '" + node.asText() + "'");
    }
  }

  private static Long date(String field, JsonNode node) {
    if (node.isIntegralNumber()) {
      return node.longValue();
    }
    String text = node.asText();
    try {
      return OffsetDateTime.parse(text).toInstant().toEpochMilli();
    } catch (DateTimeException e) {
      try {
        return ZonedDateTime.parse(text).toInstant().toEpochMilli();
      } catch (DateTimeException again) {
        throw invalid(field, "expected an ISO-8601 date-time but got '" + text + "'");
      }
    }
  }

  /** {@code *} any run, {@code ?} one character, {@code \} escapes; everything else literal. */
  static Pattern like(String wildcard) {
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < wildcard.length(); i++) {
      char c = wildcard.charAt(i);
      if (c == '\\' && i + 1 < wildcard.length()) {
        literal.append(wildcard.charAt(++i));
      } else if (c == '*' || c == '?') {
        if (!literal.isEmpty()) {
          regex.append(Pattern.quote(literal.toString()));
          literal.setLength(0);
        }
        regex.append(c == '*' ? ".*" : ".");
      } else {
        literal.append(c);
      }
    }
    if (!literal.isEmpty()) {
      regex.append(Pattern.quote(literal.toString()));
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }

  static EngineRejection invalid(String field, String reason) {
    return EngineRejection.invalidArgument("Invalid filter on '%s': %s", field, reason);
  }
}
