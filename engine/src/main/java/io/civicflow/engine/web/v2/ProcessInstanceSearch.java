package io.civicflow.engine.web.v2;

import com.fasterxml.jackson.databind.JsonNode;
import io.civicflow.engine.api.EngineRejection;
import io.civicflow.engine.history.HistoryKind;
import io.civicflow.engine.history.HistoryQuery.HistoryField;
import io.civicflow.engine.query.ReadModel;
import io.civicflow.engine.query.Records.ElementInstanceRecord;
import io.civicflow.engine.query.Records.IncidentRecord;
import io.civicflow.engine.query.Records.IncidentState;
import io.civicflow.engine.query.Records.ProcessInstanceRecord;
import io.civicflow.engine.query.Records.ProcessInstanceState;
import io.civicflow.engine.query.Records.VariableRecord;
import io.civicflow.engine.web.json.WebJson;
import io.civicflow.engine.web.search.Conditions;
import io.civicflow.engine.web.search.FieldType;
import io.civicflow.engine.web.search.SearchResource;
import io.civicflow.engine.web.search.SearchSchema;
import io.civicflow.engine.web.search.SearchSchema.FilterContext;
import io.civicflow.engine.web.search.Searcher;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Predicate;

/**
 * {@code POST /v2/process-instances/search}: Camunda's ProcessInstanceFilter. Besides the plain
 * fields it understands {@code tags} (all must be present), {@code variables} ({@code [{name,
 * value}]}, each matched against the instance's variables, value as JSON text), {@code
 * errorMessage} (of an active incident), {@code elementId}/{@code elementInstanceState}/{@code
 * hasElementInstanceIncident} (one element instance matching all given) and {@code $or} (any of the
 * nested filters). {@code batchOperationId}, {@code hasRetriesLeft} and {@code
 * incidentErrorHashCode} are not supported.
 */
public final class ProcessInstanceSearch
    implements SearchResource<ProcessInstanceRecord, ProcessInstanceSearch.ProcessInstanceResult> {

  /** Camunda's ProcessInstanceResult. */
  public record ProcessInstanceResult(
      String processDefinitionId,
      String processDefinitionName,
      int processDefinitionVersion,
      String processDefinitionVersionTag,
      Instant startDate,
      Instant endDate,
      String state,
      boolean hasIncident,
      String tenantId,
      long processInstanceKey,
      long processDefinitionKey,
      Long parentProcessInstanceKey,
      Long parentElementInstanceKey,
      List<String> tags) {}

  public static final ProcessInstanceSearch INSTANCE = new ProcessInstanceSearch();

  private static final SearchSchema<ProcessInstanceRecord> SCHEMA =
      SearchSchema.<ProcessInstanceRecord>builder(
              "process-instances",
              Comparator.comparingLong(ProcessInstanceRecord::processInstanceKey),
              r -> Long.toString(r.processInstanceKey()))
          .string("processDefinitionId", ProcessInstanceRecord::bpmnProcessId)
          .string("processDefinitionName", ProcessInstanceRecord::processDefinitionName)
          .integer("processDefinitionVersion", ProcessInstanceRecord::processDefinitionVersion)
          .string("processDefinitionVersionTag", ProcessInstanceRecord::processDefinitionVersionTag)
          .key("processDefinitionKey", ProcessInstanceRecord::processDefinitionKey)
          .date("startDate", ProcessInstanceRecord::startDate)
          .date("endDate", ProcessInstanceRecord::endDate)
          .string("state", ProcessInstanceRecord::state)
          .bool("hasIncident", ProcessInstanceRecord::hasIncident)
          .string("tenantId", ProcessInstanceRecord::tenantId)
          .key("processInstanceKey", ProcessInstanceRecord::processInstanceKey)
          .key("parentProcessInstanceKey", ProcessInstanceRecord::parentProcessInstanceKey)
          .key("parentElementInstanceKey", ProcessInstanceRecord::parentElementInstanceKey)
          .custom(ProcessInstanceSearch::tags, "tags")
          .custom(ProcessInstanceSearch::variables, "variables")
          .custom(ProcessInstanceSearch::errorMessage, "errorMessage")
          .custom(
              ProcessInstanceSearch::elementInstances,
              "elementId",
              "elementInstanceState",
              "hasElementInstanceIncident")
          .custom(ProcessInstanceSearch::anyOf, "$or")
          .sortable(
              "processInstanceKey",
              "processDefinitionId",
              "processDefinitionName",
              "processDefinitionVersion",
              "processDefinitionVersionTag",
              "processDefinitionKey",
              "parentProcessInstanceKey",
              "parentElementInstanceKey",
              "startDate",
              "endDate",
              "state",
              "hasIncident",
              "tenantId")
          .stored(
              HistoryKind.PROCESS_INSTANCE,
              ReadModel::processInstances,
              (readModel, id) -> readModel.processInstance(Long.parseLong(id)),
              r -> r.state() != ProcessInstanceState.ACTIVE)
          .storedAs("processInstanceKey", HistoryField.KEY)
          .storedAs("processDefinitionId", HistoryField.PROCESS)
          .storedAs("processDefinitionKey", HistoryField.DEFINITION_KEY)
          .storedAs("state", HistoryField.STATE)
          .storedAs("tenantId", HistoryField.TENANT)
          .storedAs("startDate", HistoryField.START)
          .storedAs("endDate", HistoryField.END)
          .storedAs("hasIncident", HistoryField.FLAG)
          .storedAs("parentProcessInstanceKey", HistoryField.PARENT)
          .build();

  @Override
  public SearchSchema<ProcessInstanceRecord> schema() {
    return SCHEMA;
  }

  @Override
  public Collection<ProcessInstanceRecord> candidates(ReadModel readModel, JsonNode filter) {
    OptionalLong key = Searcher.pinnedKey(filter, "processInstanceKey");
    if (key.isPresent()) {
      return readModel.processInstance(key.getAsLong()).map(List::of).orElse(List.of());
    }
    if (Searcher.pinnedKeys(filter, "processInstanceKey").isPresent()) {
      return Searcher.byPinnedKeys(
          filter,
          "processInstanceKey",
          k -> readModel.processInstance(k).map(List::of).orElse(List.of()),
          readModel::processInstances);
    }
    // Operate's default view: running instances are all in the heap
    ReadModel source = runningOnly(filter) ? readModel.live() : readModel;
    Collection<ProcessInstanceRecord> withVariable = withVariable(source, filter);
    return withVariable != null ? withVariable : source.processInstances();
  }

  @Override
  public boolean selective(JsonNode filter) {
    return Searcher.pinnedKeys(filter, "processInstanceKey").isPresent() || runningOnly(filter);
  }

  private static boolean runningOnly(JsonNode filter) {
    return "ACTIVE"
        .equals(Conditions.equalityOperand("state", FieldType.STRING, filterOf(filter, "state")));
  }

  private static JsonNode filterOf(JsonNode filter, String field) {
    return filter == null || !filter.isObject() ? null : filter.get(field);
  }

  /**
   * The instances holding a variable the {@code variables} filter names (with its value, when given
   * as a plain value or {@code $eq}): looked up in the variables' name-value index instead of
   * reading every instance; {@code null} when the filter names no variable. The full filter still
   * applies to them.
   */
  private static Collection<ProcessInstanceRecord> withVariable(
      ReadModel readModel, JsonNode filter) {
    JsonNode entries = filter == null ? null : filter.get("variables");
    if (entries == null || !entries.isArray() || entries.isEmpty()) {
      return null;
    }
    JsonNode first = entries.get(0);
    JsonNode name = first.get("name");
    if (name == null || !name.isTextual()) {
      return null; // rejected by the filter itself
    }
    Object value =
        Conditions.equalityOperand("variables.value", FieldType.STRING, first.get("value"));
    Set<Long> keys = new LinkedHashSet<>();
    for (VariableRecord variable : readModel.variablesNamed(name.asText(), (String) value)) {
      keys.add(variable.processInstanceKey());
    }
    List<ProcessInstanceRecord> found = new ArrayList<>();
    for (long key : keys) {
      readModel.processInstance(key).ifPresent(found::add);
    }
    return found;
  }

  @Override
  public ProcessInstanceResult render(ProcessInstanceRecord r) {
    return of(r);
  }

  static ProcessInstanceResult of(ProcessInstanceRecord r) {
    return new ProcessInstanceResult(
        r.bpmnProcessId(),
        r.processDefinitionName(),
        r.processDefinitionVersion(),
        r.processDefinitionVersionTag(),
        WebJson.instant(r.startDate()),
        WebJson.instant(r.endDate()),
        r.state() == null ? null : r.state().name(),
        r.hasIncident(),
        r.tenantId(),
        r.processInstanceKey(),
        r.processDefinitionKey(),
        r.parentProcessInstanceKey(),
        r.parentElementInstanceKey(),
        r.tags() == null ? List.of() : r.tags());
  }

  /** {@code tags: ["a","b"]}: the instance carries every listed tag. */
  private static Predicate<ProcessInstanceRecord> tags(
      Map<String, JsonNode> values, FilterContext<ProcessInstanceRecord> context) {
    JsonNode tags = values.get("tags");
    if (SearchSchema.isEmpty(tags)) {
      return null;
    }
    if (!tags.isArray()) {
      throw EngineRejection.invalidArgument("Invalid filter on 'tags': expected a list of tags");
    }
    List<String> required = new ArrayList<>();
    tags.forEach(tag -> required.add(tag.asText()));
    return r -> r.tags() != null && r.tags().containsAll(required);
  }

  /**
   * {@code variables: [{name, value}]}: for each entry, a variable of the instance with that name
   * and a matching JSON value.
   */
  private static Predicate<ProcessInstanceRecord> variables(
      Map<String, JsonNode> values, FilterContext<ProcessInstanceRecord> context) {
    JsonNode entries = values.get("variables");
    if (SearchSchema.isEmpty(entries)) {
      return null;
    }
    if (!entries.isArray()) {
      throw EngineRejection.invalidArgument(
          "Invalid filter on 'variables': expected [{name, value}]");
    }
    List<Predicate<VariableRecord>> required = new ArrayList<>();
    for (JsonNode entry : entries) {
      JsonNode name = entry.get("name");
      if (name == null || !name.isTextual()) {
        throw EngineRejection.invalidArgument(
            "Invalid filter on 'variables': every entry needs a name");
      }
      Predicate<Object> value =
          Conditions.compile("variables.value", FieldType.STRING, entry.get("value"));
      String variableName = name.asText();
      required.add(v -> v.name().equals(variableName) && (value == null || value.test(v.value())));
    }
    ReadModel readModel = context.readModel();
    return r -> {
      List<VariableRecord> variables = readModel.variablesOf(r.processInstanceKey());
      return required.stream().allMatch(condition -> variables.stream().anyMatch(condition));
    };
  }

  /** {@code errorMessage}: the instance has an active incident whose message matches. */
  private static Predicate<ProcessInstanceRecord> errorMessage(
      Map<String, JsonNode> values, FilterContext<ProcessInstanceRecord> context) {
    Predicate<Object> message =
        Conditions.compile("errorMessage", FieldType.STRING, values.get("errorMessage"));
    if (message == null) {
      return null;
    }
    Map<Long, List<IncidentRecord>> activeIncidents = new HashMap<>();
    for (IncidentRecord incident : context.readModel().incidents()) {
      if (incident.state() == IncidentState.ACTIVE) {
        activeIncidents
            .computeIfAbsent(incident.processInstanceKey(), k -> new ArrayList<>())
            .add(incident);
      }
    }
    return r ->
        activeIncidents.getOrDefault(r.processInstanceKey(), List.of()).stream()
            .anyMatch(incident -> message.test(incident.errorMessage()));
  }

  /**
   * {@code elementId}, {@code elementInstanceState}, {@code hasElementInstanceIncident}: one
   * element instance matching all given.
   */
  private static Predicate<ProcessInstanceRecord> elementInstances(
      Map<String, JsonNode> values, FilterContext<ProcessInstanceRecord> context) {
    Predicate<Object> elementId =
        Conditions.compile("elementId", FieldType.STRING, values.get("elementId"));
    Predicate<Object> state =
        Conditions.compile(
            "elementInstanceState", FieldType.STRING, values.get("elementInstanceState"));
    Predicate<Object> incident =
        Conditions.compile(
            "hasElementInstanceIncident",
            FieldType.BOOLEAN,
            values.get("hasElementInstanceIncident"));
    if (elementId == null && state == null && incident == null) {
      return null;
    }
    Predicate<ElementInstanceRecord> matches =
        e ->
            (elementId == null || elementId.test(e.elementId()))
                && (state == null || state.test(e.state() == null ? null : e.state().name()))
                && (incident == null || incident.test(e.hasIncident()));
    ReadModel readModel = context.readModel();
    return r -> readModel.elementInstancesOf(r.processInstanceKey()).stream().anyMatch(matches);
  }

  /**
   * {@code $or: [filter, …]}: at least one nested filter matches; an empty list constrains nothing.
   */
  private static Predicate<ProcessInstanceRecord> anyOf(
      Map<String, JsonNode> values, FilterContext<ProcessInstanceRecord> context) {
    JsonNode alternatives = values.get("$or");
    if (SearchSchema.isEmpty(alternatives)) {
      return null;
    }
    if (!alternatives.isArray()) {
      throw EngineRejection.invalidArgument("Invalid filter on '$or': expected a list of filters");
    }
    List<Predicate<ProcessInstanceRecord>> any = new ArrayList<>();
    for (JsonNode alternative : alternatives) {
      any.add(context.schema().filter(alternative, context.readModel()));
    }
    return r -> any.stream().anyMatch(p -> p.test(r));
  }
}
