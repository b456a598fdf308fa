package io.civicflow.engine.web.v2;

import io.civicflow.engine.api.EngineRejection;
import java.util.List;
import java.util.Map;

/**
 * Shared request defaults and shape checks of the v2 controllers (the engine validates semantics).
 */
final class Requests {

  private Requests() {}

  static String requireText(String value, String field) {
    if (value == null || value.isBlank()) {
      throw EngineRejection.invalidArgument("No %s provided.", field);
    }
    return value;
  }

  static <T> T require(T value, String field) {
    if (value == null) {
      throw EngineRejection.invalidArgument("No %s provided.", field);
    }
    return value;
  }

  static Map<String, Object> variables(Map<String, Object> variables) {
    return variables == null ? Map.of() : variables;
  }

  static <T> List<T> list(List<T> values) {
    return values == null ? List.of() : values;
  }

  /** The empty body several commands accept ({@code {}} or {@code {"operationReference":n}}). */
  record OperationReference(Long operationReference) {}
}
