package io.civicflow.engine.core;

import static io.civicflow.engine.core.EngineTestSupport.activate;
import static io.civicflow.engine.core.EngineTestSupport.create;
import static io.civicflow.engine.core.EngineTestSupport.deployFixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.civicflow.engine.Engine;
import io.civicflow.engine.EngineConfig;
import io.civicflow.engine.api.Commands.CompleteJob;
import io.civicflow.engine.api.Commands.CompleteUserTask;
import io.civicflow.engine.api.Commands.FailJob;
import io.civicflow.engine.api.Results.ActivatedJob;
import io.civicflow.engine.history.H2HistoryStore;
import io.civicflow.engine.history.HistoryDocument;
import io.civicflow.engine.history.HistoryKind;
import io.civicflow.engine.history.HistoryStore;
import io.civicflow.engine.json.Json;
import io.civicflow.engine.query.ReadModel;
import io.civicflow.engine.query.Records.UserTaskRecord;
import io.civicflow.engine.query.Records.VariableRecord;
import io.civicflow.engine.query.TieredReadModel;
import io.civicflow.engine.web.search.SearchQuery;
import io.civicflow.engine.web.search.SearchQuery.PageRequest;
import io.civicflow.engine.web.search.SearchQuery.SortRequest;
import io.civicflow.engine.web.search.SearchResource;
import io.civicflow.engine.web.search.SearchResult;
import io.civicflow.engine.web.search.Searcher;
import io.civicflow.engine.web.v2.ElementInstanceSearch;
import io.civicflow.engine.web.v2.IncidentSearch;
import io.civicflow.engine.web.v2.JobSearch;
import io.civicflow.engine.web.v2.ProcessInstanceSearch;
import io.civicflow.engine.web.v2.ProcessInstanceSearch.ProcessInstanceResult;
import io.civicflow.engine.web.v2.UserTaskSearch;
import io.civicflow.engine.web.v2.VariableSearch;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Searches over history (the store) and runtime (the heap) together give the answers a scan of both
 * gives: the lookups the searches take by a pinned process instance key or a variable's name and
 * value (the store's indexes) find what filtering every record finds, with the same sorting,
 * counts, offset and cursor paging across the heap/store boundary, and a cursor taken while its
 * record was running still pages on after the record moved to the store.
 */
class HistorySearchTest {

  /** The read model as a scan sees it: the indexed lookups replaced by their filtering defaults. */
  private static ReadModel scanning(ReadModel target) {
    Set<String> lookups = Set.of("variablesNamed", "jobsOf", "incidentsOf", "userTasksOf");
    InvocationHandler handler =
        (proxy, method, args) ->
            lookups.contains(method.getName())
                ? InvocationHandler.invokeDefault(proxy, method, args)
                : invoke(method, target, args);
    return (ReadModel)
        Proxy.newProxyInstance(
            ReadModel.class.getClassLoader(), new Class<?>[] {ReadModel.class}, handler);
  }

  private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (java.lang.reflect.InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static JsonNode json(String text) throws Exception {
    return Json.MAPPER.readTree(text);
  }

  private static SearchQuery query(String filter, String sortField, String order, int limit)
      throws Exception {
    return new SearchQuery(
        json(filter),
        sortField == null ? List.of() : List.of(new SortRequest(sortField, order)),
        new PageRequest(null, limit, null, null));
  }

  private static void completeJob(Engine engine, ActivatedJob job, int score) throws Exception {
    engine.completeJob(new CompleteJob(job.jobKey(), Map.of("score", score))).get();
  }

  /** Running and ended instances of two processes, jobs, incidents, user tasks and variables. */
  private static Engine scenario() throws Exception {
    Engine engine = Engine.start(EngineConfig.inMemory());
    engine
        .deploy(deployFixture("service-task-with-gateway.bpmn", "user-task-with-assignment.bpmn"))
        .get();
    for (int i = 0; i < 12; i++) {
      engine
          .createProcessInstance(
              create(
                  "service-task-with-gateway",
                  Map.of("applicant", "A" + (i % 3), "case", "KS-" + i, "rank", i)))
          .get();
    }
    List<ActivatedJob> jobs = new ArrayList<>(engine.activateJobs(activate("check")).get());
    jobs.addAll(engine.activateJobs(activate("check")).get());
    assertThat(jobs).hasSize(12);
    for (int i = 0; i < jobs.size(); i++) {
      ActivatedJob job = jobs.get(i);
      if (i % 2 == 0) {
        completeJob(engine, job, i * 10);
      } else if (i == 1 || i == 3) {
        engine.failJob(new FailJob(job.jobKey(), 0, "no answer " + i, 0, Map.of())).get();
        if (i == 3) {
          engine.cancelProcessInstance(job.processInstanceKey()).get();
        }
      }
    }
    for (int i = 0; i < 4; i++) {
      engine
          .createProcessInstance(
              create(
                  "user-task-with-assignment",
                  Map.of(
                      "reviewer",
                      "wang",
                      "dueAt",
                      "2026-01-0" + (i + 1) + "T09:00:00+08:00",
                      "urgency",
                      i + 1,
                      "applicant",
                      "A" + i)))
          .get();
    }
    List<UserTaskRecord> tasks =
        engine.readModel().userTasks().stream()
            .sorted(java.util.Comparator.comparingLong(UserTaskRecord::userTaskKey))
            .toList();
    for (int i = 0; i < 2; i++) {
      engine
          .completeUserTask(new CompleteUserTask(tasks.get(i).userTaskKey(), Map.of(), null))
          .get();
    }
    HistoryStore store = ((TieredReadModel) engine.readModel()).runtime().historyStore();
    assertThat(store.count(HistoryKind.PROCESS_INSTANCE)).as("ended instances").isEqualTo(9);
    return engine;
  }

  /**
   * {@code narrow} (which the search looks up by an index) answers as {@code wide} (the same
   * matches, said so that no lookup applies) on the read model as a scan sees it, page by page.
   */
  private static <R, D> void sameAnswers(
      SearchResource<R, D> resource, ReadModel readModel, String narrow, String wide, String sort)
      throws Exception {
    for (String order : List.of("ASC", "DESC")) {
      SearchResult<D> indexed =
          Searcher.search(resource, query(narrow, sort, order, 100), readModel);
      SearchResult<D> scanned =
          Searcher.search(resource, query(wide, sort, order, 100), scanning(readModel));
      assertThat(indexed.items()).as("%s finds something", narrow).isNotEmpty();
      assertThat(indexed).as("%s %s", narrow, order).isEqualTo(scanned);
      assertThat(pages(resource, readModel, narrow, sort, order, 2))
          .as("cursor pages of %s", narrow)
          .isEqualTo(indexed.items());
    }
  }

  /** Every item, read by following the end cursors of pages of {@code size}. */
  private static <R, D> List<D> pages(
      SearchResource<R, D> resource,
      ReadModel readModel,
      String filter,
      String sort,
      String order,
      int size)
      throws Exception {
    List<D> items = new ArrayList<>();
    String after = null;
    while (true) {
      SearchQuery page =
          new SearchQuery(
              json(filter),
              sort == null ? List.of() : List.of(new SortRequest(sort, order)),
              new PageRequest(null, size, after, null));
      SearchResult<D> result = Searcher.search(resource, page, readModel);
      items.addAll(result.items());
      if (result.items().size() < size) {
        return items;
      }
      after = result.page().endCursor();
    }
  }

  @Test
  void shouldAnswerIndexedSearchesOverHeapAndStoreAsAScanDoes() throws Exception {
    try (Engine engine = scenario()) {
      ReadModel readModel = engine.readModel();
      VariableRecord running =
          ((TieredReadModel) readModel)
              .runtime().variables().stream()
                  .filter(v -> v.name().equals("applicant"))
                  .findFirst()
                  .orElseThrow();
      long live = running.processInstanceKey();
      long ended =
          ((TieredReadModel) readModel)
              .runtime()
              .historyStore()
              .all(HistoryKind.PROCESS_INSTANCE)
              .get(0)
              .processInstanceKey();

      // process instances by a variable (name and value), heap and store together
      assertThat(
              Searcher.search(
                      ProcessInstanceSearch.INSTANCE,
                      query(
                          "{\"variables\":[{\"name\":\"applicant\",\"value\":\"\\\"A1\\\"\"}]}",
                          null,
                          null,
                          100),
                      readModel)
                  .items())
          .extracting(ProcessInstanceResult::state)
          .contains("ACTIVE", "COMPLETED");
      sameAnswers(
          ProcessInstanceSearch.INSTANCE,
          readModel,
          "{\"variables\":[{\"name\":\"applicant\",\"value\":\"\\\"A1\\\"\"}]}",
          "{\"variables\":[{\"name\":\"applicant\",\"value\":{\"$like\":\"\\\"A1\\\"\"}}]}",
          "startDate");
      sameAnswers(
          ProcessInstanceSearch.INSTANCE,
          readModel,
          "{\"variables\":[{\"name\":\"applicant\",\"value\":\"\\\"A0\\\"\"},"
              + "{\"name\":\"rank\",\"value\":{\"$in\":[\"0\",\"3\",\"6\",\"9\"]}}],"
              + "\"state\":\"COMPLETED\"}",
          "{\"variables\":[{\"name\":\"applicant\",\"value\":{\"$like\":\"\\\"A0\\\"\"}},"
              + "{\"name\":\"rank\",\"value\":{\"$in\":[\"0\",\"3\",\"6\",\"9\"]}}],"
              + "\"state\":\"COMPLETED\"}",
          "processInstanceKey");
      sameAnswers(
          ProcessInstanceSearch.INSTANCE,
          readModel,
          "{\"processInstanceKey\":{\"$in\":[\"" + live + "\",\"" + ended + "\"]}}",
          "{\"processInstanceKey\":{\"$notIn\":[\"1\"]},\"$or\":[{\"processInstanceKey\":\""
              + live
              + "\"},{\"processInstanceKey\":\""
              + ended
              + "\"}]}",
          "endDate");
      // variables by name, by name and value
      sameAnswers(
          VariableSearch.INSTANCE,
          readModel,
          "{\"name\":\"applicant\"}",
          "{\"name\":{\"$like\":\"applicant\"}}",
          "value");
      sameAnswers(
          VariableSearch.INSTANCE,
          readModel,
          "{\"name\":\"applicant\",\"value\":\"\\\"A2\\\"\"}",
          "{\"name\":{\"$like\":\"applicant\"},\"value\":\"\\\"A2\\\"\"}",
          "processInstanceKey");
      // the records of a running and of an ended instance, by process instance key
      String both = "{\"processInstanceKey\":{\"$in\":[\"" + live + "\",\"" + ended + "\"]}}";
      String bothWide =
          "{\"processInstanceKey\":{\"$gte\":\""
              + Math.min(live, ended)
              + "\",\"$lte\":\""
              + Math.max(live, ended)
              + "\",\"$notIn\":["
              + between(readModel, live, ended)
              + "]}}";
      sameAnswers(JobSearch.INSTANCE, readModel, both, bothWide, "state");
      sameAnswers(ElementInstanceSearch.INSTANCE, readModel, both, bothWide, "elementId");
      sameAnswers(VariableSearch.INSTANCE, readModel, both, bothWide, "name");
      // incidents: one active (heap), one of a cancelled instance (store)
      List<Long> withIncidents =
          readModel.incidents().stream().map(i -> i.processInstanceKey()).distinct().toList();
      assertThat(withIncidents).hasSize(2);
      for (long key : withIncidents) {
        sameAnswers(
            IncidentSearch.INSTANCE,
            readModel,
            "{\"processInstanceKey\":\"" + key + "\"}",
            "{\"processInstanceKey\":{\"$gte\":\"" + key + "\",\"$lte\":\"" + key + "\"}}",
            "creationTime");
      }
      // what is running (heap only) as a scan of heap and store finds it
      sameAnswers(
          ProcessInstanceSearch.INSTANCE,
          readModel,
          "{\"state\":\"ACTIVE\"}",
          "{\"state\":{\"$in\":[\"ACTIVE\"]}}",
          "startDate");
      sameAnswers(
          UserTaskSearch.INSTANCE,
          readModel,
          "{\"state\":\"CREATED\",\"assignee\":\"wang\"}",
          "{\"state\":{\"$in\":[\"CREATED\"]},\"assignee\":\"wang\"}",
          "creationDate");
      // user tasks: two completed (store), two open (heap)
      for (UserTaskRecord task : readModel.userTasks()) {
        long key = task.processInstanceKey();
        sameAnswers(
            UserTaskSearch.INSTANCE,
            readModel,
            "{\"processInstanceKey\":\"" + key + "\"}",
            "{\"processInstanceKey\":{\"$gte\":\"" + key + "\",\"$lte\":\"" + key + "\"}}",
            "creationDate");
      }
    }
  }

  /** The quoted keys of the instances strictly between two keys (to leave them out by $notIn). */
  private static String between(ReadModel readModel, long a, long b) {
    return readModel.processInstances().stream()
        .map(p -> p.processInstanceKey())
        .filter(k -> k > Math.min(a, b) && k < Math.max(a, b))
        .map(k -> "\"" + k + "\"")
        .reduce((x, y) -> x + "," + y)
        .orElse("\"0\"");
  }

  @Test
  void shouldPageOnFromACursorWhoseRecordMovedToTheStore() throws Exception {
    try (Engine engine = Engine.start(EngineConfig.inMemory())) {
      engine.deploy(deployFixture("service-task-with-gateway.bpmn")).get();
      for (int i = 0; i < 6; i++) {
        engine
            .createProcessInstance(create("service-task-with-gateway", Map.of("applicant", "A")))
            .get();
      }
      List<ActivatedJob> jobs = engine.activateJobs(activate("check")).get();
      completeJob(engine, jobs.get(0), 70);
      String filter = "{\"variables\":[{\"name\":\"applicant\",\"value\":\"\\\"A\\\"\"}]}";
      SearchResult<ProcessInstanceResult> first =
          Searcher.search(
              ProcessInstanceSearch.INSTANCE,
              query(filter, "processInstanceKey", "ASC", 3),
              engine.readModel());
      long cursorRecord = first.items().get(2).processInstanceKey();
      assertThat(first.items().get(2).state()).isEqualTo("ACTIVE");

      ActivatedJob ofCursorRecord =
          jobs.stream().filter(j -> j.processInstanceKey() == cursorRecord).findFirst().get();
      completeJob(engine, ofCursorRecord, 70);
      TieredReadModel tiered = (TieredReadModel) engine.readModel();
      assertThat(tiered.runtime().processInstance(cursorRecord)).as("moved").isEmpty();

      SearchResult<ProcessInstanceResult> next =
          Searcher.search(
              ProcessInstanceSearch.INSTANCE,
              new SearchQuery(
                  json(filter),
                  List.of(new SortRequest("processInstanceKey", "ASC")),
                  new PageRequest(null, 3, first.page().endCursor(), null)),
              engine.readModel());
      SearchResult<ProcessInstanceResult> all =
          Searcher.search(
              ProcessInstanceSearch.INSTANCE,
              query(filter, "processInstanceKey", "ASC", 100),
              engine.readModel());
      assertThat(all.page().totalItems()).isEqualTo(6);
      assertThat(next.items()).isEqualTo(all.items().subList(3, 6));
      assertThat(all.items().get(2).state()).isEqualTo("COMPLETED");
    }
  }

  /** A variable is found by its name and value, a value longer than the indexed part exactly. */
  @Test
  void shouldLookVariablesUpByNameAndValueOfAnyLength() {
    try (HistoryStore store = H2HistoryStore.inMemory()) {
      String longValue = "\"" + "长".repeat(300) + "\"";
      String otherLong = "\"" + "长".repeat(299) + "短\"";
      List<HistoryDocument> documents = new ArrayList<>();
      long key = 1;
      for (String value : List.of(longValue, otherLong, "\"A\"", "\"B\"")) {
        VariableRecord v = new VariableRecord(key, "applicant", value, 10, 10, "<default>");
        documents.add(
            new HistoryDocument(HistoryKind.VARIABLE, "" + key, 10, 10, "p", 0, Long.MAX_VALUE, v));
        key++;
      }
      store.write(1, documents);
      assertThat(store.variablesNamed("applicant", longValue))
          .extracting(VariableRecord::variableKey)
          .containsExactly(1L);
      assertThat(store.variablesNamed("applicant", null)).hasSize(4);
      assertThat(store.variablesNamed("applicant", "\"B\""))
          .extracting(VariableRecord::variableKey)
          .containsExactly(4L);
      assertThat(store.variablesNamed("other", null)).isEmpty();
    }
  }
}
