package io.civicflow.bench;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.CamundaFuture;
import io.camunda.client.api.response.ActivatedJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code --mode=history}: does history stay out of the heap, the snapshots and the restart?
 * Completes {@code --instances} short instances (start → service task → gateway → end, default
 * 1,000,000) on one standalone engine and, at 0, ¼, ½ and all of them, prints the live heap, the
 * newest snapshot's size, the history store's size, the restart time to the first answered search,
 * and the p99 of a search by process instance key and of a variable-filtered search (each {@code
 * --searches} times).
 */
final class HistoryBench {

  private static final String PROCESS = "bench-history";

  private HistoryBench() {}

  static void run(String[] args) throws Exception {
    BenchConfig config = BenchConfig.parse(args);
    long instances =
        Arrays.stream(args)
            .filter(a -> a.startsWith("--instances="))
            .map(a -> Long.parseLong(a.substring("--instances=".length())))
            .findFirst()
            .orElse(1_000_000L);
    int searches =
        Arrays.stream(args)
            .filter(a -> a.startsWith("--searches="))
            .map(a -> Integer.parseInt(a.substring("--searches=".length())))
            .findFirst()
            .orElse(100);
    Path root = config.workDir().resolve("history");
    CivicFlowBench.deleteRecursively(root);
    Path data = root.resolve("data");
    BenchMain.log(
        "history: %d instances, %d cores, %s; load %s",
        instances, Runtime.getRuntime().availableProcessors(), Probes.jvm(), Probes.load());
    List<String> rows = new ArrayList<>();
    long done = 0;
    int start = 0;
    EngineProcess engine = EngineProcess.start(config, data, root.resolve("engine-0.log"));
    engine.awaitSearchAnswers(Duration.ofMinutes(2));
    CamundaClient client = CivicFlowBench.client(config, engine);
    CivicFlowBench.deploy(client, "bench-zeebe.bpmn", PROCESS);
    long lastKey = -1;
    for (long target : new long[] {0, instances / 4, instances / 2, instances}) {
      long t0 = System.nanoTime();
      long key = complete(client, config, target - done);
      lastKey = key < 0 ? lastKey : key;
      double seconds = (System.nanoTime() - t0) / 1e9;
      double rate = target == done ? 0 : (target - done) / seconds;
      done = target;
      long heap = Probes.liveHeapBytes(engine.pid());
      long snapshot = newestSnapshot(data);
      long store = size(data.resolve("history"));
      double[] byKey = byKey(client, lastKey, searches);
      double[] byVariable = byVariable(client, searches);
      client.close();
      engine.close();
      start++;
      long restartStarted = System.nanoTime();
      engine = EngineProcess.start(config, data, root.resolve("engine-" + start + ".log"));
      engine.awaitSearchAnswers(Duration.ofMinutes(10));
      long restart = (System.nanoTime() - restartStarted) / 1_000_000;
      client = CivicFlowBench.client(config, engine);
      String row =
          String.format(
              "| %,d | %,.0f | %.1f MB | %s | %.1f MB | %,d ms | %.1f ms | %.1f ms |",
              done,
              rate,
              heap / 1e6,
              snapshot < 0 ? "—" : String.format("%.1f MB", snapshot / 1e6),
              store / 1e6,
              restart,
              byKey[0],
              byVariable[0]);
      BenchMain.log("history: %s (load %s)", row, Probes.load());
      rows.add(row);
    }
    client.close();
    engine.close();
    BenchMain.log(
        "history:\n| completed | PI/s to here | live heap | newest snapshot | history store | restart to first search | p99 by key | p99 variable filter |\n| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n%s",
        String.join("\n", rows));
  }

  /** Creates and completes {@code count} instances; answers the last instance's key (or -1). */
  private static long complete(CamundaClient client, BenchConfig config, long count) {
    long started = 0;
    long completed = 0;
    long last = -1;
    List<CamundaFuture<?>> creations = new ArrayList<>();
    while (completed < count) {
      while (started < count && started - completed < config.maxBacklog()) {
        creations.add(
            client
                .newCreateInstanceCommand()
                .bpmnProcessId(PROCESS)
                .latestVersion()
                .variables(Map.of("t0", started, "ok", true))
                .send());
        started++;
        if (creations.size() >= config.inFlight()) {
          last = await(creations, last);
        }
      }
      last = await(creations, last);
      List<ActivatedJob> jobs =
          client
              .newActivateJobsCommand()
              .jobType(PROCESS)
              .maxJobsToActivate(config.batch() * 4)
              .workerName("bench-history")
              .timeout(Duration.ofMinutes(5))
              .fetchVariables("t0")
              .requestTimeout(Duration.ofSeconds(1))
              .send()
              .join()
              .getJobs();
      List<CamundaFuture<?>> completions = new ArrayList<>();
      for (ActivatedJob job : jobs) {
        completions.add(client.newCompleteCommand(job.getKey()).send());
      }
      completions.forEach(CamundaFuture::join);
      completed += jobs.size();
    }
    return last;
  }

  private static long await(List<CamundaFuture<?>> creations, long last) {
    for (CamundaFuture<?> creation : creations) {
      Object created = creation.join();
      if (created instanceof io.camunda.client.api.response.ProcessInstanceEvent e) {
        last = e.getProcessInstanceKey();
      }
    }
    creations.clear();
    return last;
  }

  private static double[] byKey(CamundaClient client, long key, int times) {
    if (key < 0) {
      return new double[] {Double.NaN};
    }
    return p99(
        times,
        () ->
            client
                .newProcessInstanceSearchRequest()
                .filter(f -> f.processInstanceKey(key))
                .send()
                .join());
  }

  private static double[] byVariable(CamundaClient client, int times) {
    return p99(
        times,
        () ->
            client
                .newVariableSearchRequest()
                .filter(f -> f.name("t0").value("7"))
                .page(p -> p.limit(10))
                .send()
                .join());
  }

  private static double[] p99(int times, Runnable search) {
    long[] nanos = new long[times];
    for (int i = 0; i < times; i++) {
      long t0 = System.nanoTime();
      search.run();
      nanos[i] = System.nanoTime() - t0;
    }
    Arrays.sort(nanos);
    return new double[] {nanos[Math.min(times - 1, (int) Math.ceil(times * 0.99) - 1)] / 1e6};
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

  private static long size(Path dir) throws IOException {
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
