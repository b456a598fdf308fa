package io.civicflow.bench;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.CamundaFuture;
import io.camunda.client.api.command.ClientHttpException;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.response.ActivatedJob;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * {@code --mode=history}: does history stay out of the heap, the snapshots and the restart, and do
 * history searches stay fast? Completes {@code --instances} short instances (start → service task →
 * gateway → end, variables {@code t0} (a running number) and {@code ok}; default 1,000,000) on one
 * standalone engine and, at 0, ¼, ½ and all of them, prints the live heap (after a full GC), the
 * newest snapshot's size, the history store's size, the restart time to the first answered search
 * (the median of {@code --restarts} restarts, default 1), the throughput of the segment, and
 * p50/p99 of four searches over what is completed (each {@code --searches} times, on random
 * completed instances): a process instance by key and its element instances, a variable by name and
 * value, and process instances by a variable value. The same series runs for Operaton (embedded,
 * file H2, history full, in a child JVM, its Java query API) and, with {@code --baseline-jar=PATH},
 * for another engine (e.g. the engine before history left the heap): a jar, started with {@code
 * java -jar}, or a distribution directory, started by its launcher as ours is; printed side by
 * side.
 */
final class HistoryBench {

  private static final String PROCESS = "bench-history";
  private static final String ROW = "HISTORY-ROW|";
  private static final Duration JOB_TIMEOUT = Duration.ofMinutes(5);

  private HistoryBench() {}

  /** One checkpoint of one engine. */
  record Row(
      String engine,
      long completed,
      double rate,
      double cpuPerInstance,
      long heap,
      long snapshot,
      long store,
      long restartMillis,
      double[] byKey,
      double[] elements,
      double[] variable,
      double[] byVariable) {

    String line() {
      return ROW
          + String.join(
              "|",
              engine,
              Long.toString(completed),
              Double.toString(rate),
              Double.toString(cpuPerInstance),
              Long.toString(heap),
              Long.toString(snapshot),
              Long.toString(store),
              Long.toString(restartMillis),
              pair(byKey),
              pair(elements),
              pair(variable),
              pair(byVariable));
    }

    static Row parse(String line) {
      String[] p = line.substring(ROW.length()).split("\\|");
      return new Row(
          p[0],
          Long.parseLong(p[1]),
          Double.parseDouble(p[2]),
          Double.parseDouble(p[3]),
          Long.parseLong(p[4]),
          Long.parseLong(p[5]),
          Long.parseLong(p[6]),
          Long.parseLong(p[7]),
          unpair(p[8]),
          unpair(p[9]),
          unpair(p[10]),
          unpair(p[11]));
    }

    String markdown() {
      return String.format(
          Locale.ROOT,
          "| %s | %,d | %,.0f | %s | %.1f MB | %s | %.1f MB | %,d ms | %s | %s | %s | %s |",
          engine,
          completed,
          rate,
          Double.isNaN(cpuPerInstance)
              ? "—"
              : String.format(Locale.ROOT, "%.2f ms", cpuPerInstance),
          heap / 1e6,
          snapshot < 0 ? "—" : String.format(Locale.ROOT, "%.1f MB", snapshot / 1e6),
          store / 1e6,
          restartMillis,
          ms(byKey),
          ms(elements),
          ms(variable),
          ms(byVariable));
    }

    private static String pair(double[] v) {
      return v[0] + "," + v[1];
    }

    private static double[] unpair(String s) {
      String[] v = s.split(",");
      return new double[] {Double.parseDouble(v[0]), Double.parseDouble(v[1])};
    }

    private static String ms(double[] v) {
      return Double.isNaN(v[0]) ? "—" : String.format(Locale.ROOT, "%.1f / %.1f ms", v[0], v[1]);
    }
  }

  static long longArg(String[] args, String name, long otherwise) {
    return Arrays.stream(args)
        .filter(a -> a.startsWith("--" + name + "="))
        .map(a -> Long.parseLong(a.substring(name.length() + 3)))
        .findFirst()
        .orElse(otherwise);
  }

  static String stringArg(String[] args, String name) {
    return Arrays.stream(args)
        .filter(a -> a.startsWith("--" + name + "="))
        .map(a -> a.substring(name.length() + 3))
        .findFirst()
        .orElse(null);
  }

  /** Every step-th instance's key is kept for the searches by key. */
  static long step(long instances) {
    return Math.max(1, instances / 4096);
  }

  /** The model of the instances run before the 0 row (a warm engine is what later rows measure). */
  static final String WARMUP = "bench-warmup";

  /**
   * How many instances of {@link #WARMUP} each engine completes before its 0 row ({@code
   * --history-warmup}, default 2,000): the 0 row then measures an engine whose request processors,
   * buffers and caches are as warm as at the later rows, so heap and restart compare history only.
   */
  static long warmup(String[] args) {
    return Math.max(0, longArg(args, "history-warmup", 2_000));
  }

  /**
   * How many restarts each checkpoint times ({@code --restarts}, default 1); the row shows their
   * median, since one start can be slowed by what else the machine did at that moment.
   */
  static int restarts(String[] args) {
    return (int) Math.max(1, longArg(args, "restarts", 1));
  }

  static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  static long[] checkpoints(long instances) {
    return new long[] {0, instances / 4, instances / 2, instances};
  }

  static void run(String[] args) throws Exception {
    BenchConfig config = BenchConfig.parse(args);
    long instances = longArg(args, "instances", 1_000_000L);
    int searches = (int) longArg(args, "searches", 100);
    String baseline = stringArg(args, "baseline-jar");
    String loadAtStart = Probes.load();
    BenchMain.log(
        "history: %d instances, %d cores, %s; load %s",
        instances, Runtime.getRuntime().availableProcessors(), Probes.jvm(), loadAtStart);
    List<Row> rows = new ArrayList<>();
    if (config.runs("civicflow")) {
      rows.addAll(civicflow(config, args, "civicflow", "history", instances, searches));
    }
    // The baseline last: the engine with history on the heap is the slowest to reach 1,000,000,
    // and each row is logged as it is measured, so a cut-short run still has both others.
    if (config.runs("operaton")) {
      rows.addAll(operatonChild(config, args));
    }
    if (baseline != null) {
      List<String> withJar = new ArrayList<>(Arrays.asList(args));
      withJar.removeIf(a -> a.startsWith("--engine-jar=") || a.startsWith("--engine-dist="));
      // a directory is another engine's distribution, started by its own launcher as ours is
      // (the same JVM defaults and class-data sharing); a file is a jar started with java -jar
      withJar.add(
          (Files.isDirectory(Path.of(baseline)) ? "--engine-dist=" : "--engine-jar=") + baseline);
      rows.addAll(
          civicflow(
              BenchConfig.parse(withJar.toArray(String[]::new)),
              args,
              "baseline (" + Path.of(baseline).getFileName() + ")",
              "history-baseline",
              instances,
              searches));
    }
    StringBuilder table = new StringBuilder();
    table.append(
        String.format(
            Locale.ROOT,
            "history: %,d instances; %d cores, %s; load at start %s, at end %s%n",
            instances,
            Runtime.getRuntime().availableProcessors(),
            Probes.jvm(),
            loadAtStart,
            Probes.load()));
    table.append(
        "| engine | completed | PI/s in the segment | CPU per PI in the segment | live heap | newest snapshot | history"
            + " store | restart to first search | PI by key p50/p99 | its element instances"
            + " p50/p99 | variable name+value p50/p99 | PI by variable p50/p99 |\n");
    table.append(
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (long target : checkpoints(instances)) {
      for (Row row : rows) {
        if (row.completed() == target) {
          table.append(row.markdown()).append('\n');
        }
      }
    }
    if (clientTimeouts > 0) {
      table.append(
          String.format(
              Locale.ROOT,
              "%d requests were asked again after the client's timeout (see the log)%n",
              clientTimeouts));
    }
    BenchMain.log("history:\n%s", table);
    BenchMain.print(table);
  }

  /**
   * One engine's series, in {@code <work-dir>/<directory>} (its data, logs and histograms: each
   * engine its own, so the baseline's run keeps ours).
   */
  private static List<Row> civicflow(
      BenchConfig config,
      String[] args,
      String label,
      String directory,
      long instances,
      int searches)
      throws Exception {
    Path root = config.workDir().resolve(directory);
    CivicFlowBench.deleteRecursively(root);
    Path data = root.resolve("data");
    List<Row> rows = new ArrayList<>();
    long done = 0;
    int start = 0;
    EngineProcess engine = EngineProcess.start(config, data, root.resolve("engine-0.log"));
    engine.awaitSearchAnswers(Duration.ofMinutes(2));
    CamundaClient client = CivicFlowBench.client(config, engine);
    CivicFlowBench.deploy(client, "bench-zeebe.bpmn", PROCESS);
    long warmup = warmup(args);
    if (warmup > 0) {
      CivicFlowBench.deploy(client, "bench-zeebe.bpmn", WARMUP);
      complete(client, config, WARMUP, 0, warmup);
    }
    step = step(instances);
    created = new long[(int) (instances / step) + 1];
    SplittableRandom random = new SplittableRandom(20161101);
    for (long target : checkpoints(instances)) {
      long t0 = System.nanoTime();
      double cpu0 = Probes.cpuMillis(engine.pid());
      long from = done;
      complete(client, config, PROCESS, from, target - done);
      double seconds = (System.nanoTime() - t0) / 1e9;
      double rate = target == done ? 0 : (target - done) / seconds;
      double cpu =
          target == done ? Double.NaN : (Probes.cpuMillis(engine.pid()) - cpu0) / (target - done);
      done = target;
      long heap = Probes.liveHeapBytes(engine.pid(), root.resolve("histogram-" + done + ".txt"));
      long snapshot = newestSnapshot(data);
      long store = size(data.resolve("history"));
      client.close();
      long[] restarts = new long[restarts(args)];
      for (int r = 0; r < restarts.length; r++) {
        engine.close();
        start++;
        Probes.syncDisks();
        long restartStarted = System.nanoTime();
        engine = EngineProcess.start(config, data, root.resolve("engine-" + start + ".log"));
        engine.awaitSearchAnswers(Duration.ofMinutes(30));
        restarts[r] = (System.nanoTime() - restartStarted) / 1_000_000;
      }
      long restart = median(restarts);
      client = CivicFlowBench.client(config, engine);
      CamundaClient c = client;
      long completed = done;
      double[] elements =
          timed(
              searches,
              completed,
              random,
              i ->
                  c.newElementInstanceSearchRequest()
                      .filter(f -> f.processInstanceKey(created[(int) (i / step)]))
                      .send()
                      .join());
      double[] byKey =
          timed(
              searches,
              completed,
              random,
              i ->
                  c.newProcessInstanceSearchRequest()
                      .filter(f -> f.processInstanceKey(created[(int) (i / step)]))
                      .send()
                      .join());
      double[] variable =
          timed(
              searches,
              completed,
              random,
              i ->
                  c.newVariableSearchRequest()
                      .filter(f -> f.name("t0").value(Long.toString(i)))
                      .page(p -> p.limit(10))
                      .send()
                      .join());
      double[] byVariable =
          timed(
              searches,
              completed,
              random,
              i ->
                  c.newProcessInstanceSearchRequest()
                      .filter(f -> f.variables(Map.of("t0", i)))
                      .page(p -> p.limit(10))
                      .send()
                      .join());
      Row row =
          new Row(
              label,
              done,
              rate,
              cpu,
              heap,
              snapshot,
              store,
              restart,
              byKey,
              elements,
              variable,
              byVariable);
      BenchMain.log("history: %s (load %s)", row.markdown(), Probes.load());
      rows.add(row);
    }
    client.close();
    engine.close();
    return rows;
  }

  /**
   * Creates and completes {@code count} instances whose {@code t0} runs from {@code from}, noting
   * each instance's key in {@link #created}.
   */
  private static void complete(
      CamundaClient client, BenchConfig config, String process, long from, long count) {
    boolean measured = process.equals(PROCESS);
    long started = 0;
    long completed = 0;
    List<CamundaFuture<io.camunda.client.api.response.ProcessInstanceEvent>> creations =
        new ArrayList<>();
    List<Long> numbers = new ArrayList<>();
    while (completed < count) {
      while (started < count && started - completed < config.maxBacklog()) {
        long t0 = from + started;
        creations.add(
            client
                .newCreateInstanceCommand()
                .bpmnProcessId(process)
                .latestVersion()
                // the warm-up's instances carry no t0: the searches do not find them
                .variables(measured ? Map.of("t0", t0, "ok", true) : Map.of("ok", true))
                .send());
        numbers.add(t0);
        started++;
        if (creations.size() >= config.inFlight()) {
          await(creations, measured ? numbers : null);
        }
      }
      await(creations, measured ? numbers : null);
      List<ActivatedJob> jobs = activate(client, process, config.batch() * 4);
      List<CamundaFuture<?>> completions = new ArrayList<>();
      for (ActivatedJob job : jobs) {
        completions.add(client.newCompleteCommand(job.getKey()).send());
      }
      for (int i = 0; i < jobs.size(); i++) {
        complete(client, jobs.get(i).getKey(), completions.get(i));
      }
      completed += jobs.size();
    }
  }

  /**
   * One long-polling activation, asked again when the client gives up waiting for its answer (an
   * engine with gigabytes of heap can pause past the client's timeout). Jobs an unanswered
   * activation took come back when their job timeout ends, so the series can wait for them; it does
   * not lose them.
   */
  private static List<ActivatedJob> activate(CamundaClient client, String process, int max) {
    for (int attempt = 1; ; attempt++) {
      try {
        return client
            .newActivateJobsCommand()
            .jobType(process)
            .maxJobsToActivate(max)
            .workerName("bench-history")
            .timeout(JOB_TIMEOUT)
            .fetchVariables("t0")
            .requestTimeout(Duration.ofSeconds(1))
            .send()
            .join()
            .getJobs();
      } catch (RuntimeException e) {
        retryOrThrow("an activation", attempt, e);
      }
    }
  }

  /**
   * Waits for one completion; one the client gave up on is sent again, and "not found" then means
   * the first one was done.
   */
  private static void complete(CamundaClient client, long jobKey, CamundaFuture<?> completion) {
    try {
      completion.join();
      return;
    } catch (RuntimeException e) {
      retryOrThrow("a completion", 1, e);
    }
    for (int attempt = 2; ; attempt++) {
      try {
        client.newCompleteCommand(jobKey).send().join();
        return;
      } catch (RuntimeException e) {
        if (notFound(e)) {
          return; // an earlier attempt completed it
        }
        retryOrThrow("a completion", attempt, e);
      }
    }
  }

  private static void retryOrThrow(String what, int attempt, RuntimeException failure) {
    if (attempt >= 10 || !timedOut(failure)) {
      throw failure;
    }
    clientTimeouts++;
    BenchMain.log(
        "history: %s was not answered within the client's timeout (attempt %d): asked again",
        what, attempt);
  }

  private static boolean notFound(RuntimeException failure) {
    return failure instanceof ClientHttpException http && http.code() == 404
        || failure instanceof ClientStatusException status
            && status.getStatusCode() == io.grpc.Status.Code.NOT_FOUND;
  }

  private static boolean timedOut(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof java.net.SocketTimeoutException
          || t instanceof java.util.concurrent.TimeoutException
          || t.getClass().getSimpleName().contains("Timeout")) {
        return true;
      }
    }
    return false;
  }

  /** Requests of the series asked again after a client timeout, printed with the results. */
  private static int clientTimeouts;

  /** The instance key of every step-th running number {@code t0}, filled as they are created. */
  private static long[] created = new long[0];

  private static long step = 1;

  private static void await(
      List<CamundaFuture<io.camunda.client.api.response.ProcessInstanceEvent>> creations,
      List<Long> numbers) {
    for (int i = 0; i < creations.size(); i++) {
      long key = creations.get(i).join().getProcessInstanceKey();
      if (numbers == null) {
        continue; // the warm-up's
      }
      long t0 = numbers.get(i);
      if (t0 % step == 0) {
        created[(int) (t0 / step)] = key;
      }
    }
    creations.clear();
    if (numbers != null) {
      numbers.clear();
    }
  }

  /**
   * p50 and p99 in ms of {@code times} searches, each for a random completed running number (NaN
   * when nothing is completed).
   */
  static double[] timed(
      int times, long completed, SplittableRandom random, java.util.function.LongConsumer search) {
    if (completed == 0) {
      return new double[] {Double.NaN, Double.NaN};
    }
    long[] nanos = new long[times];
    for (int i = 0; i < times; i++) {
      long n = random.nextLong(completed);
      long t0 = System.nanoTime();
      search.accept(n);
      nanos[i] = System.nanoTime() - t0;
    }
    Arrays.sort(nanos);
    return new double[] {
      nanos[Math.min(times - 1, (int) Math.ceil(times * 0.5) - 1)] / 1e6,
      nanos[Math.min(times - 1, (int) Math.ceil(times * 0.99) - 1)] / 1e6
    };
  }

  private static List<Row> operatonChild(BenchConfig config, String[] args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String arg : config.childJvmArgs().trim().split("\\s+")) {
      if (!arg.isBlank()) {
        command.add(arg);
      }
    }
    String classPath = System.getProperty("java.class.path");
    if (classPath.endsWith(".jar") && !classPath.contains(java.io.File.pathSeparator)) {
      command.addAll(List.of("-jar", classPath));
    } else {
      command.addAll(List.of("-cp", classPath, BenchMain.class.getName()));
    }
    command.add("--mode=operaton-history");
    for (String a : args) {
      if (!a.startsWith("--mode=")) {
        command.add(a);
      }
    }
    Process child =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    List<Row> rows = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith(ROW)) {
          rows.add(Row.parse(line));
        } else {
          BenchMain.log("the Operaton child wrote: %s", line);
        }
      }
    }
    int exit = child.waitFor();
    if (exit != 0) {
      BenchMain.log("the Operaton child JVM exited with %d", exit);
    }
    return rows;
  }

  private static long newestSnapshot(Path data) throws IOException {
    Path dir = data.resolve("snapshots");
    if (!Files.isDirectory(dir)) {
      return -1;
    }
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> snapshots =
          files.filter(f -> f.getFileName().toString().endsWith(".cfs")).sorted().toList();
      return snapshots.isEmpty() ? -1 : Files.size(snapshots.get(snapshots.size() - 1));
    }
  }

  static long size(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      long total = 0;
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        total += Files.size(f);
      }
      return total;
    }
  }
}
