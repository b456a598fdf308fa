package io.civicflow.engine.web.v2;

import com.fasterxml.jackson.databind.JsonNode;
import io.civicflow.engine.query.ReadModel;
import io.civicflow.engine.query.Records.ProcessDefinitionRecord;
import io.civicflow.engine.web.search.Conditions;
import io.civicflow.engine.web.search.FieldType;
import io.civicflow.engine.web.search.SearchResource;
import io.civicflow.engine.web.search.SearchSchema;
import io.civicflow.engine.web.search.Searcher;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Predicate;

/**
 * {@code POST /v2/process-definitions/search}: Camunda's ProcessDefinitionFilter over deployed
 * processes.
 */
public final class ProcessDefinitionSearch
    implements SearchResource<
        ProcessDefinitionRecord, ProcessDefinitionSearch.ProcessDefinitionResult> {

  /** Camunda's ProcessDefinitionResult. */
  public record ProcessDefinitionResult(
      String name,
      String resourceName,
      int version,
      String versionTag,
      String processDefinitionId,
      String tenantId,
      long processDefinitionKey,
      boolean hasStartForm) {}

  public static final ProcessDefinitionSearch INSTANCE = new ProcessDefinitionSearch();

  private static final SearchSchema<ProcessDefinitionRecord> SCHEMA =
      SearchSchema.<ProcessDefinitionRecord>builder(
              "process-definitions",
              Comparator.comparingLong(ProcessDefinitionRecord::processDefinitionKey),
              r -> Long.toString(r.processDefinitionKey()))
          .string("name", ProcessDefinitionRecord::name)
          .string("resourceName", ProcessDefinitionRecord::resourceName)
          .integer("version", ProcessDefinitionRecord::version)
          .string("versionTag", ProcessDefinitionRecord::versionTag)
          .string("processDefinitionId", ProcessDefinitionRecord::bpmnProcessId)
          .string("tenantId", ProcessDefinitionRecord::tenantId)
          .key("processDefinitionKey", ProcessDefinitionRecord::processDefinitionKey)
          .bool("hasStartForm", ProcessDefinitionRecord::hasStartForm)
          .custom(ProcessDefinitionSearch::isLatestVersion, "isLatestVersion")
          .sortable(
              "processDefinitionKey",
              "name",
              "resourceName",
              "version",
              "versionTag",
              "processDefinitionId",
              "tenantId")
          .build();

  @Override
  public SearchSchema<ProcessDefinitionRecord> schema() {
    return SCHEMA;
  }

  @Override
  public Collection<ProcessDefinitionRecord> candidates(ReadModel readModel, JsonNode filter) {
    OptionalLong key = Searcher.pinnedKey(filter, "processDefinitionKey");
    return key.isPresent()
        ? readModel.processDefinition(key.getAsLong()).map(List::of).orElse(List.of())
        : readModel.processDefinitions();
  }

  @Override
  public ProcessDefinitionResult render(ProcessDefinitionRecord r) {
    return of(r);
  }

  static ProcessDefinitionResult of(ProcessDefinitionRecord r) {
    return new ProcessDefinitionResult(
        r.name(),
        r.resourceName(),
        r.version(),
        r.versionTag(),
        r.bpmnProcessId(),
        r.tenantId(),
        r.processDefinitionKey(),
        r.hasStartForm());
  }

  /**
   * {@code isLatestVersion}: whether the definition is the highest version of its id in its tenant.
   */
  private static Predicate<ProcessDefinitionRecord> isLatestVersion(
      Map<String, JsonNode> values, SearchSchema.FilterContext<ProcessDefinitionRecord> context) {
    Predicate<Object> condition =
        Conditions.compile("isLatestVersion", FieldType.BOOLEAN, values.get("isLatestVersion"));
    if (condition == null) {
      return null;
    }
    Map<String, Integer> latest = new HashMap<>();
    for (ProcessDefinitionRecord r : context.readModel().processDefinitions()) {
      latest.merge(r.tenantId() + '\u0000' + r.bpmnProcessId(), r.version(), Math::max);
    }
    Set<Long> latestKeys = new HashSet<>();
    for (ProcessDefinitionRecord r : context.readModel().processDefinitions()) {
      if (latest.get(r.tenantId() + '\u0000' + r.bpmnProcessId()) == r.version()) {
        latestKeys.add(r.processDefinitionKey());
      }
    }
    return r -> condition.test(latestKeys.contains(r.processDefinitionKey()));
  }
}
