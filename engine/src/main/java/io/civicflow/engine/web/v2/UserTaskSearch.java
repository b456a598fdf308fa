package io.civicflow.engine.web.v2;

import com.fasterxml.jackson.databind.JsonNode;
import io.civicflow.engine.api.EngineRejection;
import io.civicflow.engine.history.HistoryKind;
import io.civicflow.engine.history.HistoryQuery.HistoryField;
import io.civicflow.engine.query.ReadModel;
import io.civicflow.engine.query.Records.UserTaskRecord;
import io.civicflow.engine.query.Records.UserTaskState;
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
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Predicate;

/**
 * {@code POST /v2/user-tasks/search}: Camunda's UserTaskFilter. {@code candidateGroup} and {@code
 * candidateUser} match any of the task's candidates; {@code processInstanceVariables} and {@code
 * localVariables} ({@code [{name, value}]}, value as JSON text) match variables of the process
 * instance's root scope and of the task's element instance.
 */
public final class UserTaskSearch
    implements SearchResource<UserTaskRecord, UserTaskSearch.UserTaskResult> {

  /** Camunda's UserTaskResult; dates are ISO-8601 UTC with milliseconds. */
  public record UserTaskResult(
      String name,
      String state,
      String assignee,
      String elementId,
      List<String> candidateGroups,
      List<String> candidateUsers,
      String processDefinitionId,
      String creationDate,
      String completionDate,
      String followUpDate,
      String dueDate,
      String tenantId,
      String externalFormReference,
      int processDefinitionVersion,
      Map<String, String> customHeaders,
      int priority,
      long userTaskKey,
      long elementInstanceKey,
      String processName,
      long processDefinitionKey,
      long processInstanceKey,
      Long formKey) {}

  public static final UserTaskSearch INSTANCE = new UserTaskSearch();

  private static final SearchSchema<UserTaskRecord> SCHEMA =
      SearchSchema.<UserTaskRecord>builder(
              "user-tasks",
              Comparator.comparingLong(UserTaskRecord::userTaskKey),
              r -> Long.toString(r.userTaskKey()))
          .string("state", UserTaskRecord::state)
          .string("assignee", UserTaskRecord::assignee)
          .integer("priority", UserTaskRecord::priority)
          .string("elementId", UserTaskRecord::elementId)
          .string("name", UserTaskRecord::name)
          .string("tenantId", UserTaskRecord::tenantId)
          .string("processDefinitionId", UserTaskRecord::bpmnProcessId)
          .date("creationDate", UserTaskRecord::creationDate)
          .date("completionDate", UserTaskRecord::completionDate)
          .date("followUpDate", r -> epoch(r.followUpDate()))
          .date("dueDate", r -> epoch(r.dueDate()))
          .key("userTaskKey", UserTaskRecord::userTaskKey)
          .key("processDefinitionKey", UserTaskRecord::processDefinitionKey)
          .key("processInstanceKey", UserTaskRecord::processInstanceKey)
          .key("elementInstanceKey", UserTaskRecord::elementInstanceKey)
          .custom(
              (values, context) -> anyOf("candidateGroup", values, UserTaskRecord::candidateGroups),
              "candidateGroup")
          .custom(
              (values, context) -> anyOf("candidateUser", values, UserTaskRecord::candidateUsers),
              "candidateUser")
          .custom(UserTaskSearch::processInstanceVariables, "processInstanceVariables")
          .custom(UserTaskSearch::localVariables, "localVariables")
          .sortable("creationDate", "completionDate", "followUpDate", "dueDate", "priority", "name")
          .stored(
              HistoryKind.USER_TASK,
              ReadModel::userTasks,
              (readModel, id) -> readModel.userTask(Long.parseLong(id)),
              r ->
                  r.state() == UserTaskState.COMPLETED
                      || r.state() == UserTaskState.CANCELED
                      || r.state() == UserTaskState.FAILED)
          .storedAs("userTaskKey", HistoryField.KEY)
          .storedAs("processDefinitionId", HistoryField.PROCESS)
          .storedAs("processDefinitionKey", HistoryField.DEFINITION_KEY)
          .storedAs("state", HistoryField.STATE)
          .storedAs("tenantId", HistoryField.TENANT)
          .storedAs("creationDate", HistoryField.START)
          .storedAs("completionDate", HistoryField.END)
          .storedAs("processInstanceKey", HistoryField.PARENT)
          .build();

  @Override
  public SearchSchema<UserTaskRecord> schema() {
    return SCHEMA;
  }

  @Override
  public Collection<UserTaskRecord> candidates(ReadModel readModel, JsonNode filter) {
    OptionalLong key = Searcher.pinnedKey(filter, "userTaskKey");
    // Tasklist's default view: open tasks are all in the heap
    ReadModel source = openOnly(filter) ? readModel.live() : readModel;
    return key.isPresent()
        ? readModel.userTask(key.getAsLong()).map(List::of).orElse(List.of())
        : Searcher.byPinnedKeys(
            filter, "processInstanceKey", source::userTasksOf, source::userTasks);
  }

  @Override
  public boolean selective(JsonNode filter) {
    return Searcher.pinnedKey(filter, "userTaskKey").isPresent()
        || Searcher.pinnedKeys(filter, "processInstanceKey").isPresent()
        || openOnly(filter);
  }

  private static boolean openOnly(JsonNode filter) {
    JsonNode state = filter == null || !filter.isObject() ? null : filter.get("state");
    return "CREATED".equals(Conditions.equalityOperand("state", FieldType.STRING, state));
  }

  @Override
  public UserTaskResult render(UserTaskRecord r) {
    return of(r);
  }

  static UserTaskResult of(UserTaskRecord r) {
    return new UserTaskResult(
        r.name(),
        r.state().name(),
        r.assignee(),
        r.elementId(),
        r.candidateGroups() == null ? List.of() : r.candidateGroups(),
        r.candidateUsers() == null ? List.of() : r.candidateUsers(),
        r.bpmnProcessId(),
        WebJson.formatDate(r.creationDate()),
        WebJson.formatDate(r.completionDate()),
        r.followUpDate(),
        r.dueDate(),
        r.tenantId(),
        r.externalFormReference(),
        r.processDefinitionVersion(),
        r.customHeaders() == null ? Map.of() : r.customHeaders(),
        r.priority(),
        r.userTaskKey(),
        r.elementInstanceKey(),
        r.processName(),
        r.processDefinitionKey(),
        r.processInstanceKey(),
        r.formKey());
  }

  private static Long epoch(String date) {
    return date == null ? null : Instant.parse(date).toEpochMilli();
  }

  private static Predicate<UserTaskRecord> anyOf(
      String field,
      Map<String, JsonNode> values,
      java.util.function.Function<UserTaskRecord, List<String>> list) {
    Predicate<Object> condition = Conditions.compile(field, FieldType.STRING, values.get(field));
    if (condition == null) {
      return null;
    }
    return r -> list.apply(r) != null && list.apply(r).stream().anyMatch(condition::test);
  }

  private static Predicate<UserTaskRecord> processInstanceVariables(
      Map<String, JsonNode> values, FilterContext<UserTaskRecord> context) {
    List<Predicate<VariableRecord>> required =
        variableConditions("processInstanceVariables", values);
    if (required == null) {
      return null;
    }
    ReadModel readModel = context.readModel();
    return r -> {
      List<VariableRecord> variables =
          readModel.variablesOf(r.processInstanceKey()).stream()
              .filter(v -> v.scopeKey() == r.processInstanceKey())
              .toList();
      return required.stream().allMatch(c -> variables.stream().anyMatch(c));
    };
  }

  private static Predicate<UserTaskRecord> localVariables(
      Map<String, JsonNode> values, FilterContext<UserTaskRecord> context) {
    List<Predicate<VariableRecord>> required = variableConditions("localVariables", values);
    if (required == null) {
      return null;
    }
    ReadModel readModel = context.readModel();
    return r -> {
      List<VariableRecord> variables =
          readModel.variablesOf(r.processInstanceKey()).stream()
              .filter(v -> v.scopeKey() == r.elementInstanceKey())
              .toList();
      return required.stream().allMatch(c -> variables.stream().anyMatch(c));
    };
  }

  /** {@code [{name, value}]} as one condition per entry; null when the list is absent or empty. */
  static List<Predicate<VariableRecord>> variableConditions(
      String field, Map<String, JsonNode> values) {
    JsonNode entries = values.get(field);
    if (SearchSchema.isEmpty(entries)) {
      return null;
    }
    if (!entries.isArray()) {
      throw EngineRejection.invalidArgument(
          "Invalid filter on '%s': expected [{name, value}]", field);
    }
    List<Predicate<VariableRecord>> required = new ArrayList<>();
    for (JsonNode entry : entries) {
      JsonNode name = entry.get("name");
      if (name == null || !name.isTextual()) {
        throw EngineRejection.invalidArgument(
            "Invalid filter on '%s': every entry needs a name", field);
      }
      Predicate<Object> value =
          Conditions.compile(field + ".value", FieldType.STRING, entry.get("value"));
      String variableName = name.asText();
      required.add(v -> v.name().equals(variableName) && (value == null || value.test(v.value())));
    }
    return required;
  }
}
