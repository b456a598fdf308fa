package io.civicflow.engine.dmn;

import io.civicflow.engine.json.Json;
import io.civicflow.engine.json.JsonValues;
import java.math.BigDecimal;
import java.time.temporal.Temporal;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.feel.syntaxtree.Val;
import org.camunda.feel.valuemapper.ValueMapper;
import scala.jdk.javaapi.CollectionConverters;

/** Turns the DMN engine's values (FEEL {@link Val}s, Scala collections) into JSON text. */
final class DmnValues {

  private static final ValueMapper MAPPER = ValueMapper.defaultValueMapper();

  private DmnValues() {}

  /** JSON text of a FEEL value; an error value (a failed evaluation) is {@code null}. */
  static String json(Val value) {
    return stored(java(value));
  }

  static String jsonOf(Object value) {
    return stored(java(value));
  }

  /**
   * JSON text of a value the engine can store.
   *
   * @throws JsonValues.UnstorableValueException if it cannot (e.g. a number too long to write out)
   */
  private static String stored(Object value) {
    JsonValues.requireStorable("the decision's value", value);
    return Json.write(value);
  }

  /** A Scala or Java value as a JSON-compatible Java value. */
  static Object java(Object value) {
    if (value == null || value instanceof String || value instanceof Boolean) {
      return value;
    }
    if (value instanceof scala.math.BigDecimal d) {
      return number(d.bigDecimal());
    }
    if (value instanceof BigDecimal d) {
      return number(d);
    }
    if (value instanceof Number) {
      return value;
    }
    if (value instanceof scala.Option<?> option) {
      return option.isEmpty() ? null : java(option.get());
    }
    if (value instanceof scala.collection.Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      CollectionConverters.asJava(map).forEach((k, v) -> copy.put(String.valueOf(k), java(v)));
      return copy;
    }
    if (value instanceof scala.collection.Iterable<?> list) {
      List<Object> copy = new ArrayList<>();
      CollectionConverters.asJava(list).forEach(v -> copy.add(java(v)));
      return copy;
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), java(v)));
      return copy;
    }
    if (value instanceof Iterable<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(v -> copy.add(java(v)));
      return copy;
    }
    if (value instanceof Temporal || value instanceof TemporalAmount) {
      return value.toString();
    }
    if (value instanceof Val val) {
      Object unpacked = MAPPER.unpackVal(val);
      return unpacked instanceof Val ? null : java(unpacked);
    }
    return value.toString();
  }

  private static Object number(BigDecimal d) {
    BigDecimal stripped = d.stripTrailingZeros();
    if (stripped.scale() <= 0 && stripped.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0) {
      return stripped.longValueExact();
    }
    return stripped;
  }
}
