package io.civicflow.engine.access;

import static io.civicflow.engine.access.PermissionType.READ_PROCESS_INSTANCE;
import static io.civicflow.engine.access.ResourceType.PROCESS_DEFINITION;
import static org.assertj.core.api.Assertions.assertThat;

import io.civicflow.engine.Engine;
import io.civicflow.engine.EngineConfig;
import io.civicflow.engine.api.Commands.ActivateJobs;
import io.civicflow.engine.api.Commands.CompleteJob;
import io.civicflow.engine.api.Commands.CompleteUserTask;
import io.civicflow.engine.api.Commands.CreateProcessInstance;
import io.civicflow.engine.api.Commands.Deploy;
import io.civicflow.engine.api.Commands.DeployResource;
import io.civicflow.engine.api.Commands.FailJob;
import io.civicflow.engine.api.Results.ActivatedJob;
import io.civicflow.engine.history.H2HistoryStore;
import io.civicflow.engine.history.HistoryDocument;
import io.civicflow.engine.history.HistoryKind;
import io.civicflow.engine.history.HistoryStore;
import io.civicflow.engine.json.Json;
import io.civicflow.engine.query.ReadModel;
import io.civicflow.engine.query.Records.ProcessInstanceRecord;
import io.civicflow.engine.query.Records.ProcessInstanceState;
import io.civicflow.engine.query.Records.UserTaskRecord;
import io.civicflow.engine.query.TieredReadModel;
import io.civicflow.engine.web.auth.Identity;
import io.civicflow.engine.web.search.SearchQuery;
import io.civicflow.engine.web.search.SearchQuery.PageRequest;
import io.civicflow.engine.web.search.SearchQuery.SortRequest;
import io.civicflow.engine.web.search.SearchResource;
import io.civicflow.engine.web.search.SearchResult;
import io.civicflow.engine.web.search.Searcher;
import io.civicflow.engine.web.v2.ProcessInstanceSearch;
import java.io.InputStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Searches the history store answers from its indexes (filter, sort, count and page in the store,
 * merged with the heap) give exactly the answer of the scan they replace — items, {@code
 * totalItems}, cursors, pages followed forwards and backwards across the heap/store boundary, for
 * an authorized caller too — and a page reads only its own records' bodies, not the history.
 */
class StoredHistorySearchTest {

  private static final long T0 = 1_780_000_000_000L;

  private static final AccessCheck CHECK =
      new AccessCheck(
          new FileAuthorizationSource(
              List.of(
                  new AuthorizationGrant(
                      0,
                      OwnerType.USER,
                      "zhang",
                      PROCESS_DEFINITION,
                      "service-task-with-gateway",
                      Set.of(READ_PROCESS_INSTANCE)))));

  private static byte[] fixture(String name) throws Exception {
    try (InputStream in = StoredHistorySearchTest.class.getResourceAsStream("/bpmn/" + name)) {
      return in.readAllBytes();
    }
  }

  /** {@code target} with some methods answered otherwise. */
  private static ReadModel view(ReadModel target, Map<String, Function<Object[], Object>> with) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          Function<Object[], Object> override = with.get(method.getName());
          if (override != null) {
            return override.apply(args);
          }
          try {
            return method.invoke(target, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        };
    return (ReadModel)
        Proxy.newProxyInstance(
            ReadModel.class.getClassLoader(), new Class<?>[] {ReadModel.class}, handler);
  }

  /** The read model as the scan sees it: no store queries. */
  private static ReadModel scanning(ReadModel target) {
    return view(target, Map.of("history", args -> java.util.Optional.empty()));
  }

  private static CreateProcessInstance create(String id) {
    return new CreateProcessInstance(
        id, null, null, Map.of("applicant", "A"), List.of(), List.of(), false, List.of(), 0, null);
  }

  /**
   * Instances of three processes (one calling another) started and ended at scattered times with
   * ties, completed, terminated, with incidents, running; most ended ones in the store.
   */
  private static Engine scenario(Random random) throws Exception {
    Engine engine = Engine.start(EngineConfig.inMemory());
    engine.pinClock(T0).get();
    List<DeployResource> resources = new ArrayList<>();
    for (String name :
        List.of(
            "service-task-with-gateway.bpmn",
            "single-service-task.bpmn",
            "call-activity-parent.bpmn",
            "call-activity-child.bpmn",
            "user-task-with-assignment.bpmn")) {
      resources.add(new DeployResource(name, fixture(name)));
    }
    engine.deploy(new Deploy(resources, null)).get();
    long now = T0;
    List<String> processes =
        List.of("service-task-with-gateway", "single-service-task", "call-activity-parent");
    for (int i = 0; i < 70; i++) {
      now += random.nextInt(3) * 1000L; // ties on start dates
      engine.pinClock(now).get();
      engine.createProcessInstance(create(processes.get(random.nextInt(processes.size())))).get();
    }
    for (String type : List.of("check", "work", "child-work")) {
      List<ActivatedJob> jobs =
          engine
              .activateJobs(new ActivateJobs(type, "t", 600_000, 100, List.of(), 1_000, List.of()))
              .get();
      for (ActivatedJob job : jobs) {
        int fate = random.nextInt(10);
        now += random.nextInt(2) * 1000L; // ties on end dates
        engine.pinClock(now).get();
        if (fate < 5) {
          engine.completeJob(new CompleteJob(job.jobKey(), Map.of("score", 80))).get();
        } else if (fate < 7) {
          long root = job.processInstanceKey();
          Long parent =
              engine.readModel().processInstance(root).orElseThrow().parentProcessInstanceKey();
          engine.cancelProcessInstance(parent == null ? root : parent).get();
        } else if (fate < 8) {
          engine.failJob(new FailJob(job.jobKey(), 0, "no answer", 0, Map.of())).get();
        }
      }
    }
    for (int i = 0; i < 16; i++) {
      now += random.nextInt(3) * 1000L;
      engine.pinClock(now).get();
      engine
          .createProcessInstance(
              new CreateProcessInstance(
                  "user-task-with-assignment",
                  null,
                  null,
                  Map.of("reviewer", "wang", "dueAt", "2026-01-01T09:00:00+08:00", "urgency", i),
                  List.of(),
                  List.of(),
                  false,
                  List.of(),
                  0,
                  null))
          .get();
    }
    List<UserTaskRecord> tasks =
        engine.readModel().userTasks().stream()
            .sorted(java.util.Comparator.comparingLong(UserTaskRecord::userTaskKey))
            .toList();
    for (UserTaskRecord task : tasks) {
      int fate = random.nextInt(10);
      now += random.nextInt(2) * 1000L;
      engine.pinClock(now).get();
      if (fate < 5) {
        engine.completeUserTask(new CompleteUserTask(task.userTaskKey(), Map.of(), null)).get();
      } else if (fate < 7) {
        engine.cancelProcessInstance(task.processInstanceKey()).get();
      }
    }
    return engine;
  }

  /** Each of {@code parts} with a chance of one in three. */
  private static String anyOf(Random random, String... parts) {
    List<String> chosen = new ArrayList<>();
    for (String part : parts) {
      if (random.nextInt(3) == 0) {
        chosen.add(part);
      }
    }
    return "{" + String.join(",", chosen) + "}";
  }

  private static String at(Random random, int seconds) {
    return "\"" + java.time.Instant.ofEpochMilli(T0 + random.nextInt(seconds) * 1000L) + "\"";
  }

  private static String taskFilter(Random random) {
    return anyOf(
        random,
        random.nextBoolean()
            ? "\"processDefinitionId\":\"user-task-with-assignment\""
            : "\"processDefinitionId\":{\"$in\":[\"user-task-with-assignment\",\"x\"]}",
        List.of(
                "\"state\":\"COMPLETED\"",
                "\"state\":\"CANCELED\"",
                "\"state\":\"CREATED\"",
                "\"state\":{\"$in\":[\"COMPLETED\",\"CANCELED\"]}")
            .get(random.nextInt(4)),
        "\"creationDate\":{\"$gte\":" + at(random, 300) + "}",
        "\"completionDate\":{\"$lt\":" + at(random, 300) + "}",
        "\"tenantId\":\"<default>\"");
  }

  private static String incidentFilter(Random random) {
    return anyOf(
        random,
        "\"processDefinitionId\":\""
            + List.of("service-task-with-gateway", "single-service-task", "call-activity-child")
                .get(random.nextInt(3))
            + "\"",
        random.nextBoolean() ? "\"state\":\"ACTIVE\"" : "\"state\":\"RESOLVED\"",
        "\"creationTime\":{\"$lte\":" + at(random, 300) + "}");
  }

  private static List<SortRequest> sortBy(Random random, String... fields) {
    int pick = random.nextInt(fields.length + 1);
    return pick == fields.length
        ? List.of()
        : List.of(new SortRequest(fields[pick], random.nextBoolean() ? "ASC" : "DESC"));
  }

  private static String randomFilter(Random random, List<ProcessInstanceRecord> all) {
    List<String> parts = new ArrayList<>();
    ProcessInstanceRecord some = all.get(random.nextInt(all.size()));
    if (random.nextInt(3) == 0) {
      parts.add(
          random.nextBoolean()
              ? "\"processDefinitionId\":\"" + some.bpmnProcessId() + "\""
              : "\"processDefinitionId\":{\"$in\":[\""
                  + some.bpmnProcessId()
                  + "\",\"call-activity-child\"]}");
    }
    if (random.nextInt(3) == 0) {
      parts.add(
          switch (random.nextInt(4)) {
            case 0 -> "\"state\":\"COMPLETED\"";
            case 1 -> "\"state\":{\"$eq\":\"TERMINATED\"}";
            case 2 -> "\"state\":\"ACTIVE\"";
            default -> "\"state\":{\"$in\":[\"COMPLETED\",\"TERMINATED\"]}";
          });
    }
    if (random.nextInt(4) == 0) {
      parts.add("\"processDefinitionKey\":\"" + some.processDefinitionKey() + "\"");
    }
    if (random.nextInt(4) == 0) {
      long from = T0 + random.nextInt(60) * 1000L;
      parts.add(
          "\"startDate\":{\"$gte\":\""
              + java.time.Instant.ofEpochMilli(from)
              + "\",\"$lt\":"
              + (from + 40_000)
              + "}");
    }
    if (random.nextInt(4) == 0) {
      long from = T0 + random.nextInt(200) * 1000L;
      parts.add("\"endDate\":{\"$gt\":\"" + java.time.Instant.ofEpochMilli(from) + "\"}");
    }
    if (random.nextInt(5) == 0) {
      parts.add("\"hasIncident\":" + random.nextBoolean());
    }
    if (random.nextInt(5) == 0) {
      parts.add("\"tenantId\":\"<default>\"");
    }
    if (random.nextInt(6) == 0) {
      parts.add(
          some.parentProcessInstanceKey() != null
              ? "\"parentProcessInstanceKey\":\"" + some.parentProcessInstanceKey() + "\""
              : "\"parentProcessInstanceKey\":{\"$in\":[]}");
    }
    if (random.nextInt(6) == 0) {
      parts.add("\"processInstanceKey\":{\"$gte\":\"" + some.processInstanceKey() + "\"}");
    }
    return "{" + String.join(",", parts) + "}";
  }

  private static SearchQuery query(
      String filter, List<SortRequest> sort, Integer from, int limit, String after, String before)
      throws Exception {
    return new SearchQuery(
        Json.MAPPER.readTree(filter), sort, new PageRequest(from, limit, after, before));
  }

  /** Both read models give the same answer to the query and to the pages its cursors lead to. */
  private static <R, D> void sameAnswers(
      SearchResource<R, D> resource,
      ReadModel stored,
      ReadModel scanned,
      String filter,
      List<SortRequest> sort,
      int from,
      int limit)
      throws Exception {
    SearchResult<D> expected =
        Searcher.search(resource, query(filter, sort, from, limit, null, null), scanned);
    SearchResult<D> actual =
        Searcher.search(resource, query(filter, sort, from, limit, null, null), stored);
    assertThat(actual).as("%s %s from %d limit %d", filter, sort, from, limit).isEqualTo(expected);
    for (int step = 0; step < 2 && expected.page().endCursor() != null; step++) {
      String after = expected.page().endCursor();
      String before = expected.page().startCursor();
      int size = Math.max(1, limit);
      assertThat(Searcher.search(resource, query(filter, sort, null, size, after, null), stored))
          .as("after %s of %s %s", after, filter, sort)
          .isEqualTo(
              Searcher.search(resource, query(filter, sort, null, size, after, null), scanned));
      assertThat(Searcher.search(resource, query(filter, sort, null, size, null, before), stored))
          .as("before %s of %s %s", before, filter, sort)
          .isEqualTo(
              Searcher.search(resource, query(filter, sort, null, size, null, before), scanned));
      expected = Searcher.search(resource, query(filter, sort, null, size, after, null), scanned);
    }
  }

  private static List<SortRequest> randomSort(Random random) {
    String order = random.nextBoolean() ? "ASC" : "DESC";
    return switch (random.nextInt(4)) {
      case 0 -> List.of();
      case 1 -> List.of(new SortRequest("processInstanceKey", order));
      case 2 -> List.of(new SortRequest("startDate", order));
      default -> List.of(new SortRequest("endDate", order));
    };
  }

  @Test
  void shouldAnswerNonSelectiveSearchesFromTheStoreAsTheScanDoes() throws Exception {
    Random random = new Random(27);
    try (Engine engine = scenario(random)) {
      TieredReadModel tiered = (TieredReadModel) engine.readModel();
      HistoryStore store = tiered.runtime().historyStore();
      assertThat(store.count(HistoryKind.PROCESS_INSTANCE)).as("ended, stored").isGreaterThan(20);
      assertThat(tiered.runtime().processInstances())
          .as("running, in the heap")
          .hasSizeGreaterThan(10);

      // some ended records also still in the heap (stored, not yet evicted): taken once
      List<ProcessInstanceRecord> copies =
          store.all(HistoryKind.PROCESS_INSTANCE).stream().limit(5).toList();
      ReadModel heapWithCopies =
          view(
              tiered.runtime(),
              Map.of(
                  "processInstances",
                  args -> {
                    List<ProcessInstanceRecord> all =
                        new ArrayList<>(tiered.runtime().processInstances());
                    all.addAll(copies);
                    return all;
                  }));
      ReadModel shadowing = view(tiered, Map.of("live", args -> heapWithCopies));
      assertThat(shadowing.live().processInstances()).containsAll(copies);

      ReadModel zhang =
          new AuthorizedReadModel(
              tiered,
              CHECK.grantsFor(new Identity("zhang", "zhang", Set.of(), Set.of(), Set.of())));
      ReadModel zhangScanning =
          new AuthorizedReadModel(
              scanning(tiered),
              CHECK.grantsFor(new Identity("zhang", "zhang", Set.of(), Set.of(), Set.of())));
      assertThat(zhang.history(HistoryKind.PROCESS_INSTANCE)).isPresent();

      List<ProcessInstanceRecord> all = new ArrayList<>(tiered.processInstances());
      H2HistoryStore h2 = (H2HistoryStore) store;
      long read = h2.bodiesRead();
      assertThat(
              Searcher.search(
                      ProcessInstanceSearch.INSTANCE,
                      query("{\"state\":\"COMPLETED\"}", List.of(), null, 3, null, null),
                      zhang)
                  .items())
          .hasSize(3);
      assertThat(h2.bodiesRead() - read)
          .as("the store answered, reading one page")
          .isLessThanOrEqualTo(3);
      for (int i = 0; i < 30; i++) {
        String filter = randomFilter(random, all);
        List<SortRequest> sort = randomSort(random);
        int limit = random.nextInt(8);
        int from = random.nextInt(3) == 0 ? random.nextInt(60) : 0;
        sameAnswers(
            ProcessInstanceSearch.INSTANCE, tiered, scanning(tiered), filter, sort, from, limit);
        sameAnswers(
            ProcessInstanceSearch.INSTANCE, shadowing, scanning(tiered), filter, sort, from, limit);
        sameAnswers(
            ProcessInstanceSearch.INSTANCE, zhang, zhangScanning, filter, sort, from, limit);
      }
    }
  }

  @Test
  void shouldReadOnlyOnePagesBodiesFromALargeHistory() throws Exception {
    try (Engine engine = Engine.start(EngineConfig.inMemory())) {
      TieredReadModel tiered = (TieredReadModel) engine.readModel();
      H2HistoryStore store = (H2HistoryStore) tiered.runtime().historyStore();
      List<HistoryDocument> documents = new ArrayList<>();
      for (int i = 0; i < 2000; i++) {
        long key = 2_251_799_813_685_249L + i;
        ProcessInstanceRecord r =
            new ProcessInstanceRecord(
                key,
                7,
                i % 3 == 0 ? "other" : "procurement",
                "Procurement",
                1,
                null,
                T0 + i * 1000L,
                T0 + i * 1000L + (i % 7) * 60_000L,
                i % 5 == 0 ? ProcessInstanceState.TERMINATED : ProcessInstanceState.COMPLETED,
                false,
                "<default>",
                null,
                null,
                List.of());
        documents.add(
            new HistoryDocument(
                HistoryKind.PROCESS_INSTANCE,
                String.valueOf(key),
                key,
                key,
                r.bpmnProcessId(),
                r.endDate(),
                i % 4 == 0 ? T0 + 1 : Long.MAX_VALUE,
                r));
      }
      store.write(store.exportedPosition() + 1_000_000, documents);

      String filter = "{\"processDefinitionId\":\"procurement\",\"state\":\"COMPLETED\"}";
      List<SortRequest> byEnd = List.of(new SortRequest("endDate", "DESC"));
      long before = store.bodiesRead();
      SearchResult<?> first =
          Searcher.search(
              ProcessInstanceSearch.INSTANCE, query(filter, byEnd, null, 50, null, null), tiered);
      assertThat(store.bodiesRead() - before).as("bodies read for the first page").isEqualTo(50);
      assertThat(first.page().totalItems()).isEqualTo(1067);

      before = store.bodiesRead();
      SearchResult<?> next =
          Searcher.search(
              ProcessInstanceSearch.INSTANCE,
              query(filter, byEnd, null, 50, first.page().endCursor(), null),
              tiered);
      assertThat(store.bodiesRead() - before)
          .as("bodies read for the next page")
          .isLessThanOrEqualTo(51);
      assertThat(next.items()).hasSize(50);

      before = store.bodiesRead();
      SearchResult<?> count =
          Searcher.search(
              ProcessInstanceSearch.INSTANCE,
              query(
                  "{\"endDate\":{\"$gte\":\""
                      + java.time.Instant.ofEpochMilli(T0 + 1_000_000)
                      + "\"}}",
                  List.of(),
                  null,
                  0,
                  null,
                  null),
              tiered);
      assertThat(store.bodiesRead() - before).as("bodies read for a count").isZero();

      // the scan reads them all, and answers the same
      before = store.bodiesRead();
      assertThat(
              Searcher.search(
                  ProcessInstanceSearch.INSTANCE,
                  query(filter, byEnd, null, 50, first.page().endCursor(), null),
                  scanning(tiered)))
          .isEqualTo(next);
      assertThat(store.bodiesRead() - before).isEqualTo(2000);
      assertThat(count.page().totalItems())
          .isEqualTo(
              Searcher.search(
                      ProcessInstanceSearch.INSTANCE,
                      query(
                          "{\"endDate\":{\"$gte\":\""
                              + java.time.Instant.ofEpochMilli(T0 + 1_000_000)
                              + "\"}}",
                          List.of(),
                          null,
                          0,
                          null,
                          null),
                      scanning(tiered))
                  .page()
                  .totalItems());

      // retention removes a quarter: the kept counts follow
      store.deleteExpired(T0 + 1);
      SearchQuery all = query(filter, byEnd, null, 5, null, null);
      SearchResult<?> kept = Searcher.search(ProcessInstanceSearch.INSTANCE, all, tiered);
      assertThat(kept.page().totalItems()).isEqualTo(1067 - 267);
      assertThat(kept)
          .isEqualTo(Searcher.search(ProcessInstanceSearch.INSTANCE, all, scanning(tiered)));
    }
  }
}
