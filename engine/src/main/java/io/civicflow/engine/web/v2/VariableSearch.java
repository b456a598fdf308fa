package io.civicflow.engine.web.v2;

import com.fasterxml.jackson.databind.JsonNode;
import io.civicflow.engine.query.ReadModel;
import io.civicflow.engine.query.Records.VariableRecord;
import io.civicflow.engine.web.search.Conditions;
import io.civicflow.engine.web.search.FieldType;
import io.civicflow.engine.web.search.SearchResource;
import io.civicflow.engine.web.search.SearchSchema;
import io.civicflow.engine.web.search.Searcher;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;

/**
 * {@code POST /v2/variables/search}: Camunda's VariableFilter. {@code value} is the variable's JSON
 * text ({@code "\"abc\""}, {@code "42"}) and is compared as text. Values are never truncated, so
 * {@code isTruncated} is always false (CPT requires the field to be present).
 */
public final class VariableSearch
    implements SearchResource<VariableRecord, VariableSearch.VariableResult> {

  /**
   * Camunda's VariableSearchResult (with {@code isTruncated}) and VariableResult (the get endpoint,
   * without it).
   */
  public record VariableResult(
      String value,
      Boolean isTruncated,
      String name,
      String tenantId,
      long variableKey,
      long scopeKey,
      long processInstanceKey) {}

  public static final VariableSearch INSTANCE = new VariableSearch();

  private static final SearchSchema<VariableRecord> SCHEMA =
      SearchSchema.<VariableRecord>builder(
              "variables",
              Comparator.comparingLong(VariableRecord::variableKey),
              r -> Long.toString(r.variableKey()))
          .string("name", VariableRecord::name)
          .string("value", VariableRecord::value)
          .string("tenantId", VariableRecord::tenantId)
          .bool("isTruncated", r -> Boolean.FALSE)
          .key("variableKey", VariableRecord::variableKey)
          .key("scopeKey", VariableRecord::scopeKey)
          .key("processInstanceKey", VariableRecord::processInstanceKey)
          .sortable("value", "name", "tenantId", "variableKey", "scopeKey", "processInstanceKey")
          .build();

  @Override
  public SearchSchema<VariableRecord> schema() {
    return SCHEMA;
  }

  @Override
  public Collection<VariableRecord> candidates(ReadModel readModel, JsonNode filter) {
    OptionalLong variableKey = Searcher.pinnedKey(filter, "variableKey");
    if (variableKey.isPresent()) {
      return readModel.variable(variableKey.getAsLong()).map(List::of).orElse(List.of());
    }
    // one instance or a list of them (the console asks for the context of a page of tasks at once):
    // looked up per instance, not found by scanning every variable
    if (Searcher.pinnedKeys(filter, "processInstanceKey").isPresent()) {
      return Searcher.byPinnedKeys(
          filter, "processInstanceKey", readModel::variablesOf, readModel::variables);
    }
    // a name (and value): looked up in the name-value index
    Object name =
        filter == null
            ? null
            : Conditions.equalityOperand("name", FieldType.STRING, filter.get("name"));
    if (name != null) {
      Object value = Conditions.equalityOperand("value", FieldType.STRING, filter.get("value"));
      return readModel.variablesNamed((String) name, (String) value);
    }
    return readModel.variables();
  }

  @Override
  public VariableResult render(VariableRecord r) {
    return new VariableResult(
        r.value(),
        false,
        r.name(),
        r.tenantId(),
        r.variableKey(),
        r.scopeKey(),
        r.processInstanceKey());
  }

  /** The get endpoint's shape: the full value, no {@code isTruncated}. */
  static VariableResult full(VariableRecord r) {
    return new VariableResult(
        r.value(),
        null,
        r.name(),
        r.tenantId(),
        r.variableKey(),
        r.scopeKey(),
        r.processInstanceKey());
  }
}
