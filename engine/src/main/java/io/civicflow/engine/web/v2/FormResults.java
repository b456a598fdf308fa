package io.civicflow.engine.web.v2;

import com.fasterxml.jackson.databind.JsonNode;
import io.civicflow.engine.json.Json;
import io.civicflow.engine.query.Records.FormRecord;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Camunda's FormResult: a deployed form with its schema as a JSON object. */
final class FormResults {

  public record FormResult(
      String tenantId, String formId, JsonNode schema, long version, long formKey) {}

  private FormResults() {}

  static FormResult of(FormRecord form) {
    try {
      return new FormResult(
          form.tenantId(),
          form.formId(),
          Json.VALUES.readTree(form.schema()),
          form.version(),
          form.formKey());
    } catch (IOException e) {
      throw new UncheckedIOException("a deployed form schema is unreadable", e);
    }
  }
}
