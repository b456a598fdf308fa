package io.civicflow.workers.overview.camunda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.filter.VariableFilter;
import io.camunda.client.api.search.response.ElementInstance;
import io.camunda.client.api.search.response.ProcessInstance;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.client.api.search.response.Variable;
import io.civicflow.workers.overview.ProcessHistory;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * {@link ProcessHistory} over the Camunda client's searches (REST {@code /v2}): process instances,
 * element instances, user tasks with their forms ({@code GET /v2/user-tasks/{key}/form}) and
 * variables ({@code /v2/user-tasks/{key}/variables/search}, {@code /v2/variables/search}).
 */
public class EngineProcessHistory implements ProcessHistory {

  private static final int PAGE = 1000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final CamundaClient client;

  /** A deployed form never changes under its key: label of each field key, in form order. */
  private final Map<Long, Map<String, String>> formFields = new ConcurrentHashMap<>();

  public EngineProcessHistory(CamundaClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  @Override
  public List<Instance> instances(String processDefinitionId, String name, Object value) {
    return byKey(
        client
            .newProcessInstanceSearchRequest()
            .filter(
                f -> {
                  f.processDefinitionId(processDefinitionId);
                  if (name != null) {
                    // a variable filter's value is the variable's JSON: a text in quotes
                    f.variables(Map.of(name, value instanceof String text ? json(text) : value));
                  }
                })
            .page(p -> p.limit(PAGE))
            .send()
            .join()
            .items());
  }

  @Override
  public List<Instance> children(long parentProcessInstanceKey) {
    return byKey(
        client
            .newProcessInstanceSearchRequest()
            .filter(f -> f.parentProcessInstanceKey(parentProcessInstanceKey))
            .page(p -> p.limit(PAGE))
            .send()
            .join()
            .items());
  }

  /** The found process instances as {@link Instance}s, oldest (lowest key) first. */
  private static List<Instance> byKey(List<ProcessInstance> found) {
    return found.stream()
        .map(EngineProcessHistory::instance)
        .sorted(Comparator.comparing(Instance::key))
        .toList();
  }

  @Override
  public Optional<Instance> instance(long processInstanceKey) {
    return client
        .newProcessInstanceSearchRequest()
        .filter(f -> f.processInstanceKey(processInstanceKey))
        .send()
        .join()
        .items()
        .stream()
        .findFirst()
        .map(EngineProcessHistory::instance);
  }

  @Override
  public List<Step> steps(long processInstanceKey) {
    List<Step> steps = new ArrayList<>();
    for (ElementInstance e :
        client
            .newElementInstanceSearchRequest()
            .filter(f -> f.processInstanceKey(processInstanceKey))
            .page(p -> p.limit(PAGE))
            .send()
            .join()
            .items()) {
      String type = e.getType() == null ? "" : e.getType().name();
      if (type.equals("PROCESS")) {
        continue;
      }
      steps.add(
          new Step(
              e.getElementInstanceKey(),
              e.getElementId(),
              e.getElementName() == null ? e.getElementId() : e.getElementName(),
              type,
              e.getState() == null ? "" : e.getState().name(),
              instant(e.getStartDate()),
              instant(e.getEndDate())));
    }
    steps.sort(Comparator.comparing(Step::start, Comparator.nullsLast(Comparator.naturalOrder())));
    return steps;
  }

  @Override
  public List<Task> tasks(long processInstanceKey) {
    // one variable search for the instance's every scope: a task's own values are those whose
    // scope is the task's element instance (no search per task)
    Map<Long, Map<String, String>> byScope = new HashMap<>();
    for (Variable v : allVariables(f -> f.processInstanceKey(processInstanceKey))) {
      byScope.computeIfAbsent(v.getScopeKey(), k -> new HashMap<>()).put(v.getName(), v.getValue());
    }
    Map<String, String> instanceVariables = merged(processInstanceKey, byScope);
    List<Task> tasks = new ArrayList<>();
    for (UserTask t :
        client
            .newUserTaskSearchRequest()
            .filter(f -> f.processInstanceKey(processInstanceKey))
            .page(p -> p.limit(PAGE))
            .send()
            .join()
            .items()) {
      Map<String, String> fields = new LinkedHashMap<>();
      Map<String, String> labels = t.getFormKey() == null ? Map.of() : labelsOf(t);
      if (!labels.isEmpty()) {
        Map<String, String> own =
            t.getElementInstanceKey() == null
                ? Map.of()
                : byScope.getOrDefault(t.getElementInstanceKey(), Map.of());
        labels.forEach(
            (key, label) -> {
              String value = own.getOrDefault(key, instanceVariables.get(key));
              if (value != null && !value.equals("null")) {
                fields.put(label, value);
              }
            });
      }
      tasks.add(
          new Task(
              t.getUserTaskKey(),
              t.getElementId(),
              t.getName() == null ? t.getElementId() : t.getName(),
              t.getState() == null ? "" : t.getState().name(),
              t.getAssignee() == null ? "" : t.getAssignee(),
              t.getCandidateGroups() == null ? List.of() : t.getCandidateGroups(),
              instant(t.getCreationDate()),
              instant(t.getCompletionDate()),
              instant(t.getDueDate()),
              fields));
    }
    tasks.sort(
        Comparator.comparing(Task::created, Comparator.nullsLast(Comparator.naturalOrder())));
    return tasks;
  }

  @Override
  public List<Task> openTasks(long processInstanceKey) {
    return client
        .newUserTaskSearchRequest()
        .filter(
            f ->
                f.processInstanceKey(processInstanceKey)
                    .state(io.camunda.client.api.search.enums.UserTaskState.CREATED))
        .page(p -> p.limit(PAGE))
        .send()
        .join()
        .items()
        .stream()
        .map(
            t ->
                new Task(
                    t.getUserTaskKey(),
                    t.getElementId(),
                    t.getName() == null ? t.getElementId() : t.getName(),
                    t.getState().name(),
                    t.getAssignee() == null ? "" : t.getAssignee(),
                    t.getCandidateGroups() == null ? List.of() : t.getCandidateGroups(),
                    instant(t.getCreationDate()),
                    instant(t.getCompletionDate()),
                    instant(t.getDueDate()),
                    Map.of()))
        .toList();
  }

  @Override
  public Map<String, String> variables(long processInstanceKey) {
    Map<String, String> values = new HashMap<>();
    for (Variable v : allVariables(f -> f.processInstanceKey(processInstanceKey))) {
      if (Objects.equals(v.getScopeKey(), processInstanceKey) || !values.containsKey(v.getName())) {
        values.put(v.getName(), v.getValue());
      }
    }
    return values;
  }

  @Override
  public Map<Long, Map<String, String>> variables(
      Collection<Long> processInstanceKeys, Set<String> names) {
    Map<Long, Map<String, String>> all = new HashMap<>();
    List<Long> keys = List.copyOf(processInstanceKeys);
    for (int from = 0; from < keys.size(); from += PAGE) {
      List<Long> chunk = keys.subList(from, Math.min(keys.size(), from + PAGE));
      for (Variable v :
          allVariables(
              f -> f.processInstanceKey(k -> k.in(chunk)).name(n -> n.in(List.copyOf(names))))) {
        Map<String, String> values =
            all.computeIfAbsent(v.getProcessInstanceKey(), k -> new HashMap<>());
        if (Objects.equals(v.getScopeKey(), v.getProcessInstanceKey())
            || !values.containsKey(v.getName())) {
          values.put(v.getName(), v.getValue());
        }
      }
    }
    return all;
  }

  /** Every variable the filter matches, page by page. */
  private List<Variable> allVariables(Consumer<VariableFilter> filter) {
    List<Variable> all = new ArrayList<>();
    for (int from = 0; ; from += PAGE) {
      int offset = from;
      List<Variable> page =
          client
              .newVariableSearchRequest()
              .filter(filter)
              .page(p -> p.from(offset).limit(PAGE))
              .send()
              .join()
              .items();
      all.addAll(page);
      if (page.size() < PAGE) {
        return all;
      }
    }
  }

  private static Map<String, String> merged(
      long processInstanceKey, Map<Long, Map<String, String>> byScope) {
    Map<String, String> values = new HashMap<>();
    byScope.forEach(
        (scope, vars) -> {
          if (scope != processInstanceKey) {
            vars.forEach(values::putIfAbsent);
          }
        });
    values.putAll(byScope.getOrDefault(processInstanceKey, Map.of()));
    return values;
  }

  private Map<String, String> labelsOf(UserTask task) {
    return formFields.computeIfAbsent(
        task.getFormKey(),
        key -> {
          Map<String, String> labels = new LinkedHashMap<>();
          try {
            Object schema =
                client.newUserTaskGetFormRequest(task.getUserTaskKey()).send().join().getSchema();
            JsonNode tree =
                schema instanceof String text ? JSON.readTree(text) : JSON.valueToTree(schema);
            collect(tree, labels);
          } catch (Exception e) {
            // a task without a readable form shows no fields; its history is still listed
            return Map.of();
          }
          return labels;
        });
  }

  private static void collect(JsonNode node, Map<String, String> labels) {
    for (JsonNode component : node.path("components")) {
      String key = component.path("key").asText("");
      String type = component.path("type").asText("");
      boolean input =
          !key.isEmpty()
              && !List.of("text", "button", "documentPreview", "html", "spacer", "separator")
                  .contains(type);
      if (input) {
        String label = component.path("label").asText("");
        if (label.isBlank()) {
          label = component.path("dateLabel").asText(key); // form-js datetime fields
        }
        labels.putIfAbsent(key, label);
      }
      collect(component, labels);
    }
  }

  private static Instance instance(ProcessInstance p) {
    return new Instance(
        p.getProcessInstanceKey(),
        p.getProcessDefinitionId(),
        p.getProcessDefinitionName() == null
            ? p.getProcessDefinitionId()
            : p.getProcessDefinitionName(),
        p.getState() == null ? "" : p.getState().name(),
        instant(p.getStartDate()),
        instant(p.getEndDate()),
        p.getParentProcessInstanceKey());
  }

  private static Instant instant(OffsetDateTime at) {
    return at == null ? null : at.toInstant();
  }

  private static String json(String text) {
    try {
      return JSON.writeValueAsString(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
