package io.civicflow.bench;

import io.civicflow.engine.history.H2HistoryStore;
import io.civicflow.engine.history.HistoryDocument;
import io.civicflow.engine.history.HistoryKind;
import io.civicflow.engine.history.HistoryRetention;
import io.civicflow.engine.history.HistoryStore;
import io.civicflow.engine.json.Json;
import io.civicflow.engine.query.ReadModel;
import io.civicflow.engine.query.ReadModelProjection;
import io.civicflow.engine.query.Records.ElementInstanceRecord;
import io.civicflow.engine.query.Records.ElementInstanceState;
import io.civicflow.engine.query.Records.JobRecord;
import io.civicflow.engine.query.Records.JobState;
import io.civicflow.engine.query.Records.ProcessInstanceRecord;
import io.civicflow.engine.query.Records.ProcessInstanceState;
import io.civicflow.engine.query.Records.VariableRecord;
import io.civicflow.engine.query.TieredReadModel;
import io.civicflow.engine.web.search.SearchQuery;
import io.civicflow.engine.web.search.SearchQuery.PageRequest;
import io.civicflow.engine.web.search.SearchQuery.SortRequest;
import io.civicflow.engine.web.search.SearchResource;
import io.civicflow.engine.web.search.SearchResult;
import io.civicflow.engine.web.search.Searcher;
import io.civicflow.engine.web.v2.JobSearch;
import io.civicflow.engine.web.v2.ProcessInstanceSearch;
import io.civicflow.engine.web.v2.VariableSearch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongFunction;
import java.util.stream.Stream;

/**
 * {@code --mode=historyquery}: how fast do searches answer over a large history? Fills the engine's
 * embedded history store ({@code H2HistoryStore}, on disk) directly — not through the engine, so a
 * million instances take minutes — with {@code --instances} completed short instances (default
 * 1,000,000; each: the process instance, four element instances, two variables, one job, as the
 * engine exports them), then runs each search {@code --searches} times (default 1,000, after 100
 * warm-up runs) on a random instance through the engine's search code ({@code Searcher} over the
 * {@code TieredReadModel}, the REST resources' path without HTTP) and prints p50, p99 and max (the
 * fill logs what the store's writes cost this process in CPU per instance, and the file's size):
 *
 * <ol>
 *   <li>process instances by {@code processInstanceKey};
 *   <li>process instances with a {@code variables} filter (name and value, one instance's value);
 *   <li>variables by {@code name} and {@code value};
 *   <li>jobs by {@code processInstanceKey};
 *   <li>process instances with a {@code variables} filter that 1 % of the instances match, first
 *       page (10).
 * </ol>
 */
final class HistoryQueryBench {

  private static final long FIRST_KEY = 2_251_799_813_685_249L;
  private static final int KEYS_PER_INSTANCE = 8;
  private static final int INSTANCES_PER_WRITE = 1_000;
  private static final String PROCESS = "bench-history";

  private HistoryQueryBench() {}

  static void run(String[] args) throws Exception {
    BenchConfig config = BenchConfig.parse(args);
    long instances = option(args, "--instances=", 1_000_000L);
    int searches = (int) option(args, "--searches=", 1_000L);
    Path dir = config.workDir().resolve("historyquery");
    CivicFlowBench.deleteRecursively(dir);
    Files.createDirectories(dir);
    BenchMain.log(
        "historyquery: %d instances, %d cores, %s; load %s",
        instances, Runtime.getRuntime().availableProcessors(), Probes.jvm(), Probes.load());
    try (HistoryStore store = H2HistoryStore.open(dir)) {
      ReadModel readModel =
          new TieredReadModel(
              new ReadModelProjection(k -> null, store, HistoryRetention.defaults(), () -> 0L));
      SplittableRandom random = new SplittableRandom(20161101);
      long t0 = System.nanoTime();
      long filled = 0;
      // measured at a quarter, half and all of them, so a long fill tells something on the way
      long pid = ProcessHandle.current().pid();
      for (long target : new long[] {instances / 4, instances / 2, instances}) {
        double cpu = Probes.cpuMillis(pid);
        fill(store, filled, target);
        store.sync();
        // what the store's writes cost this process (its background writer included)
        double perInstance = (Probes.cpuMillis(pid) - cpu) * 1000 / (target - filled);
        filled = target;
        BenchMain.log(
            "filled %d instances (%d documents) in %d s, %.0f µs of CPU per instance; store %d MB"
                + " on disk; load %s",
            filled,
            filled * KEYS_PER_INSTANCE,
            (System.nanoTime() - t0) / 1_000_000_000L,
            perInstance,
            size(dir) / 1_000_000,
            Probes.load());
        List<String> rows = measureAll(readModel, random, filled, searches);
        BenchMain.printf(
            "%nhistory searches over %,d completed instances (load %s):%n%-50s %9s %9s %9s%n%s%n",
            filled, Probes.load(), "search", "p50 ms", "p99 ms", "max ms", String.join("\n", rows));
      }
    }
  }

  private static List<String> measureAll(
      ReadModel readModel, SplittableRandom random, long instances, int searches) throws Exception {
    List<String> rows = new ArrayList<>();
    rows.add(
        measure(
            "process instance by key",
            ProcessInstanceSearch.INSTANCE,
            readModel,
            random,
            instances,
            searches,
            i -> "{\"processInstanceKey\":\"" + key(i) + "\"}",
            1));
    rows.add(
        measure(
            "process instances, variable filter",
            ProcessInstanceSearch.INSTANCE,
            readModel,
            random,
            instances,
            searches,
            i -> "{\"variables\":[{\"name\":\"caseNumber\",\"value\":\"\\\"KS-" + i + "\\\"\"}]}",
            1));
    rows.add(
        measure(
            "variables by name and value",
            VariableSearch.INSTANCE,
            readModel,
            random,
            instances,
            searches,
            i -> "{\"name\":\"caseNumber\",\"value\":\"\\\"KS-" + i + "\\\"\"}",
            1));
    rows.add(
        measure(
            "jobs by process instance key",
            JobSearch.INSTANCE,
            readModel,
            random,
            instances,
            searches,
            i -> "{\"processInstanceKey\":\"" + key(i) + "\"}",
            1));
    rows.add(
        measure(
            "process instances, variable filter matching 1 %",
            ProcessInstanceSearch.INSTANCE,
            readModel,
            random,
            100,
            Math.max(1, searches / 100),
            i -> "{\"variables\":[{\"name\":\"district\",\"value\":\"" + i + "\"}]}",
            instances / 100));
    // non-selective searches the store pages, sorts and counts itself (no variable, no key)
    String completed = "{\"processDefinitionId\":\"" + PROCESS + "\",\"state\":\"COMPLETED\"}";
    rows.add(
        measurePage(
            "completed of the process, by endDate desc, page 1",
            readModel,
            random,
            searches,
            i -> completed,
            List.of(new SortRequest("endDate", "DESC")),
            50,
            instances));
    rows.add(
        measurePage(
            "completed of the process, endDate in 1 h, by endDate",
            readModel,
            random,
            searches,
            i ->
                "{\"processDefinitionId\":\""
                    + PROCESS
                    + "\",\"state\":\"COMPLETED\",\"endDate\":{\"$gte\":"
                    + ended(i % Math.max(1, instances - 3600))
                    + ",\"$lt\":"
                    + (ended(i % Math.max(1, instances - 3600)) + 3_600_000)
                    + "}}",
            List.of(new SortRequest("endDate", "DESC")),
            50,
            Math.min(3600, instances)));
    rows.add(
        measurePage(
            "startDate in 1 h (no other filter), by startDate",
            readModel,
            random,
            searches,
            i ->
                "{\"startDate\":{\"$gte\":"
                    + started(i % Math.max(1, instances - 3600))
                    + ",\"$lt\":"
                    + (started(i % Math.max(1, instances - 3600)) + 3_600_000)
                    + "}}",
            List.of(new SortRequest("startDate", "ASC")),
            50,
            Math.min(3600, instances)));
    rows.add(
        measurePage(
            "count only: state COMPLETED (limit 0)",
            readModel,
            random,
            searches,
            i -> "{\"state\":\"COMPLETED\"}",
            List.of(),
            0,
            instances));
    return rows;
  }

  private static final long START = 1_475_308_800_000L; // 2016-10-01

  private static long started(long i) {
    return START + i * 1_000;
  }

  private static long ended(long i) {
    return started(i) + 60_000;
  }

  /** Runs a process-instance search on random instances and formats p50, p99, max. */
  private static String measurePage(
      String name,
      ReadModel readModel,
      SplittableRandom random,
      int runs,
      LongFunction<String> filter,
      List<SortRequest> sort,
      int limit,
      long expected)
      throws Exception {
    int warmup = Math.min(100, runs);
    long[] nanos = new long[runs];
    for (int run = -warmup; run < runs; run++) {
      long i = random.nextLong(Long.MAX_VALUE);
      SearchQuery query =
          new SearchQuery(
              Json.MAPPER.readTree(filter.apply(i)),
              sort,
              new PageRequest(null, limit, null, null));
      long t0 = System.nanoTime();
      SearchResult<?> result = Searcher.search(ProcessInstanceSearch.INSTANCE, query, readModel);
      long elapsed = System.nanoTime() - t0;
      if (result.page().totalItems() != expected
          || result.items().size() != Math.min(limit, expected)) {
        throw new IllegalStateException(
            name + ": " + result.page().totalItems() + " matches, expected " + expected);
      }
      if (run >= 0) {
        nanos[run] = elapsed;
      }
    }
    Arrays.sort(nanos);
    String row =
        String.format(
            "%-50s %9.1f %9.1f %9.1f",
            name,
            nanos[runs / 2] / 1e6,
            nanos[Math.min(runs - 1, (int) Math.ceil(runs * 0.99) - 1)] / 1e6,
            nanos[runs - 1] / 1e6);
    BenchMain.log("%s", row);
    return row;
  }

  /** The process instance key of instance {@code i}. */
  private static long key(long i) {
    return FIRST_KEY + i * KEYS_PER_INSTANCE;
  }

  /** Stores instances {@code from} (inclusive) to {@code to} (exclusive). */
  private static void fill(HistoryStore store, long from, long to) {
    long position = store.exportedPosition();
    List<HistoryDocument> documents = new ArrayList<>(INSTANCES_PER_WRITE * KEYS_PER_INSTANCE);
    for (long i = from; i < to; i++) {
      long pik = key(i);
      long started = started(i);
      long ended = ended(i);
      add(
          documents,
          HistoryKind.PROCESS_INSTANCE,
          pik,
          pik,
          new ProcessInstanceRecord(
              pik,
              1,
              PROCESS,
              "Bench",
              1,
              null,
              started,
              ended,
              ProcessInstanceState.COMPLETED,
              false,
              "<default>",
              null,
              null,
              List.of()));
      String[][] elements = {
        {"bench-history", "PROCESS"},
        {"start", "START_EVENT"},
        {"work", "SERVICE_TASK"},
        {"end", "END_EVENT"}
      };
      for (int e = 0; e < elements.length; e++) {
        long key = e == 0 ? pik : pik + e;
        add(
            documents,
            HistoryKind.ELEMENT_INSTANCE,
            key,
            pik,
            new ElementInstanceRecord(
                key,
                pik,
                1,
                PROCESS,
                elements[e][0],
                null,
                elements[e][1],
                ElementInstanceState.COMPLETED,
                started,
                ended,
                false,
                null,
                "<default>",
                e == 0 ? -1 : pik,
                i * 4 + e));
      }
      add(
          documents,
          HistoryKind.VARIABLE,
          pik + 4,
          pik,
          new VariableRecord(pik + 4, "caseNumber", "\"KS-" + i + "\"", pik, pik, "<default>"));
      add(
          documents,
          HistoryKind.VARIABLE,
          pik + 5,
          pik,
          new VariableRecord(pik + 5, "district", "" + (i % 100), pik, pik, "<default>"));
      add(
          documents,
          HistoryKind.JOB,
          pik + 6,
          pik,
          new JobRecord(
              pik + 6,
              "bench-work",
              "bench",
              JobState.COMPLETED,
              "BPMN_ELEMENT",
              "UNSPECIFIED",
              3,
              false,
              null,
              false,
              null,
              null,
              Map.of(),
              null,
              ended,
              PROCESS,
              1,
              pik,
              "work",
              pik + 2,
              "<default>"));
      if (documents.size() >= INSTANCES_PER_WRITE * KEYS_PER_INSTANCE - KEYS_PER_INSTANCE) {
        store.write(++position, documents);
        documents.clear();
        if ((i + 1) % 100_000 < INSTANCES_PER_WRITE) {
          BenchMain.log("  %d instances stored", i + 1);
        }
      }
    }
    if (!documents.isEmpty()) {
      store.write(++position, documents);
    }
  }

  private static void add(
      List<HistoryDocument> documents, HistoryKind<?> kind, long key, long pik, Object record) {
    documents.add(
        new HistoryDocument(
            kind, Long.toString(key), pik, pik, PROCESS, 0, Long.MAX_VALUE, record));
  }

  /** Runs the search on random instances (100 warm-up runs first) and formats p50, p99, max. */
  private static <R, D> String measure(
      String name,
      SearchResource<R, D> resource,
      ReadModel readModel,
      SplittableRandom random,
      long range,
      int runs,
      LongFunction<String> filter,
      long expected)
      throws Exception {
    int warmup = Math.min(100, runs);
    long[] nanos = new long[runs];
    for (int run = -warmup; run < runs; run++) {
      long i = random.nextLong(range);
      SearchQuery query =
          new SearchQuery(
              Json.MAPPER.readTree(filter.apply(i)),
              List.of(),
              new PageRequest(null, (int) Math.min(expected, 10), null, null));
      long t0 = System.nanoTime();
      SearchResult<D> result = Searcher.search(resource, query, readModel);
      long elapsed = System.nanoTime() - t0;
      if (result.page().totalItems() != expected) {
        throw new IllegalStateException(
            name + ": " + result.page().totalItems() + " matches, expected " + expected);
      }
      if (run >= 0) {
        nanos[run] = elapsed;
      }
    }
    Arrays.sort(nanos);
    String row =
        String.format(
            "%-50s %9.1f %9.1f %9.1f",
            name,
            nanos[runs / 2] / 1e6,
            nanos[Math.min(runs - 1, (int) Math.ceil(runs * 0.99) - 1)] / 1e6,
            nanos[runs - 1] / 1e6);
    BenchMain.log("%s", row);
    return row;
  }

  private static long option(String[] args, String prefix, long fallback) {
    return Arrays.stream(args)
        .filter(a -> a.startsWith(prefix))
        .map(a -> Long.parseLong(a.substring(prefix.length())))
        .findFirst()
        .orElse(fallback);
  }

  private static long size(Path dir) throws Exception {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
  }
}
